/**
 * The validator's behaviour on the demo definition (test/fixtures), which
 * has every kind, rule shape and annotation: messages, error re-homing,
 * value states, rule semantics, the registry path, and hostile input.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDefinition } from '@bieumau/core';
import type { ReportError } from '@bieumau/core';
import { createRegistry, memorySource } from '@bieumau/definitions';
import { readVersionFolder } from '../../definitions/src/node.js';
import { createValidator, validate } from './validator.js';
import { readJson, repo, definitionFolders } from './testing/fixtures.js';

const dir = join(repo, 'test/fixtures/definitions/demo-form/2025');
const files = readVersionFolder(dir);
const definition = createDefinition({ resources: files.resources, catalogues: files.catalogues });
const validator = createValidator(definition);
const sample = readJson(join(dir, 'samples/unit.json')) as Record<string, any>;
const doc = () => structuredClone(sample) as Record<string, any>;
const all = (r: { errors: ReportError[]; warnings: ReportError[] }) => [...r.errors, ...r.warnings];
const keys = (r: { errors: ReportError[]; warnings: ReportError[] }) => all(r).map((e) => `${e.instancePath} ${e.keyword}`).sort();

describe('validate: the sample', () => {
  it('is valid in both languages', () => {
    expect(validator.validate(sample)).toEqual({ ok: true, errors: [], warnings: [] });
    expect(validator.validate(sample, { lang: 'en' }).ok).toBe(true);
  });
});

describe('schema errors', () => {
  it('re-homes required onto the missing field and names it by code and label', () => {
    const d = doc();
    delete d.general.agencyName;
    const [e] = validator.validate(d).errors;
    expect(e).toMatchObject({ instancePath: '/general/agencyName', keyword: 'required', severity: 'error', params: { missingProperty: 'agencyName' } });
    expect(e!.message).toBe('Mục 1.1 – Tên cơ quan báo cáo: chưa được điền; đây là mục bắt buộc');
    expect(validator.validate(d, { lang: 'en' }).errors[0]!.message).toBe('Item 1.1 – Name of the reporting agency: is required');
    expect(e!.schemaPath).toBe('https://bieumau.github.io/schemas/demo-form/2025/shared.json#/$defs/general/required');
  });

  it('re-homes additionalProperties onto the extra property, at every level', () => {
    const d = doc();
    d.extra = 1;
    d.general.website = 'x';
    d.services.list[1].colour = 'red';
    d.definition.year = 2025;
    expect(keys(validator.validate(d))).toEqual(
      ['/definition/year additionalProperties', '/extra additionalProperties', '/general/website additionalProperties', '/services/list/1/colour additionalProperties'].sort(),
    );
    const msg = validator.validate(d).errors.find((e) => e.instancePath === '/general/website')!.message;
    expect(msg).toBe('Mục 1 – Thông tin chung: có thông tin không thuộc biểu mẫu («website»)');
  });

  it('never lets an ajv English sentence through', () => {
    const d = doc();
    Object.assign(d.general, { totalStaff: '58', email: 'x', portalUrl: 'ftp://a', reportDate: '2025-02-30' });
    d.portal.documentShare = 120;
    d.portal.channels = ['sms', 'sms', 'fax'];
    d.services.list[0].launched = '2024-13';
    for (const e of validator.validate(d).errors) expect(e.message).not.toMatch(/must|should|NOT/);
    for (const e of validator.validate(d, { lang: 'en' }).errors) expect(e.message).not.toMatch(/must NOT|should be|must have required/);
  });

  it('renders each keyword in both languages with numbers formatted per language', () => {
    const d = doc();
    d.general.totalStaff = 12_345_678;
    d.general.permanentStaff = 12_345_670;
    const max = validator.validate(d).errors.find((e) => e.keyword === 'maximum')!;
    expect(max.message).toBe('Mục 1.4 – Tổng số cán bộ, công chức, viên chức: phải nhỏ hơn hoặc bằng 10.000.000');
    expect(validator.validate(d, { lang: 'en' }).errors.find((e) => e.keyword === 'maximum')!.message).toBe(
      'Item 1.4 – Total officials and public employees: must be at most 10,000,000',
    );
  });

  it('names table cells by table, row and column, and enum options by their labels', () => {
    const d = doc();
    d.services.list[2].level = 5;
    const e = validator.validate(d).errors[0]!;
    expect(e.instancePath).toBe('/services/list/2/level');
    expect(e.message).toBe('Mục 3.2 – Danh sách dịch vụ công trực tuyến mức độ 3, 4, dòng 3, cột Mức độ: phải là một trong các giá trị: «Mức độ 3», «Mức độ 4»');
  });

  it('reports format errors in full mode (2023-02-30 is not a date) and http(s) only for URLs', () => {
    const d = doc();
    d.general.reportDate = '2023-02-30';
    d.general.portalUrl = 'javascript:alert(1)';
    expect(keys(validator.validate(d))).toEqual(['/general/portalUrl pattern', '/general/reportDate format']);
  });
});

describe('value states', () => {
  it('checks not-applicable marks: field allowed, reason given, value blank', () => {
    const d = doc();
    d.notApplicable['/general/email'] = 'không có';
    d.notApplicable['/portal/qaFunction'] = '   ';
    expect(keys(validator.validate(d))).toEqual(['/notApplicable/~1general~1email bmNotApplicable', '/notApplicable/~1portal~1qaFunction bmNotApplicableReason']);
    const d2 = doc();
    d2.portal.qaFunction = true;
    expect(keys(validator.validate(d2))).toEqual(['/portal/qaFunction bmNotApplicableConflict']);
  });

  it('requires an evidence link where the definition says so, only http(s), only for evidence fields', () => {
    const d = doc();
    delete d.evidence['/portal/updateFrequency'];
    expect(keys(validator.validate(d))).toEqual(['/portal/updateFrequency bmEvidenceRequired']);
    const d2 = doc();
    d2.evidence['/portal/updateFrequency'] = 'javascript:alert(1)';
    d2.evidence['/general/email'] = 'https://a.vn';
    // `javascript:` is a well-formed URI; the pattern is what keeps links to http(s).
    expect(keys(validator.validate(d2))).toEqual(['/evidence/~1general~1email bmEvidence', '/evidence/~1portal~1updateFrequency pattern']);
    // A blank field needs no evidence.
    const d3 = doc();
    delete d3.portal.updateFrequency;
    delete d3.evidence['/portal/updateFrequency'];
    expect(validator.validate(d3).ok).toBe(true);
  });
});

describe('cross-field rules', () => {
  it('reports at node + target with params and the message prefixed by the target field', () => {
    const d = doc();
    d.general.contractStaff = 1_208;
    const e = validator.validate(d).errors[0]!;
    expect(e).toMatchObject({ instancePath: '/general/totalStaff', keyword: 'general.staff-sum', params: { sum: 1_258, total: 58 }, severity: 'error' });
    expect(e.message).toBe('Mục 1.4 – Tổng số cán bộ, công chức, viên chức: biên chế + hợp đồng (1.258) khác tổng số (58)');
    expect(validator.validate(d, { lang: 'en' }).errors[0]!.message).toBe('Item 1.4 – Total officials and public employees: permanent + contract (1,258) differs from the total (58)');
    expect(e.schemaPath).toBe('https://bieumau.github.io/schemas/demo-form/2025/shared.json#/$defs/general/bmRules/0');
  });

  it('skips a rule when a required value is blank, not applicable, or failed the schema', () => {
    const d = doc();
    delete d.general.contractStaff;
    expect(validator.validate(d).ok).toBe(true);
    const d2 = doc();
    d2.general.contractStaff = '8';
    expect(keys(validator.validate(d2))).toEqual(['/general/contractStaff type']);
    const d3 = doc();
    d3.general.contractStaff = null;
    expect(keys(validator.validate(d3))).toEqual(['/general/contractStaff type']);
  });

  it('applies `when`, explicit `requires`, and missing() for required-if', () => {
    const d = doc();
    delete d.portal.channelsOther;
    expect(keys(validator.validate(d))).toEqual(['/portal/channelsOther portal.channels-other-text']);
    d.portal.channels = ['sms'];
    expect(validator.validate(d).ok).toBe(true);
  });

  it('evaluates row rules per row and count rules as warnings (ok stays true)', () => {
    const d = doc();
    d.services.list[1].online = 40;
    d.services.level3Count = 5;
    const r = validator.validate(d);
    expect(keys(r)).toEqual(['/services/level3Count level3-count-matches-list', '/services/list/1/online services.online-le-total']);
    expect(r.warnings[0]!.message).toBe('Mục 3.1 – Số dịch vụ công trực tuyến mức độ 3: số dịch vụ mức độ 3 (5) khác số dòng mức độ 3 trong bảng (2)');
    d.services.list[1].online = 3;
    expect(validator.validate(d).ok).toBe(true);
  });

  it('checks ratios numerator ≤ denominator', () => {
    const d = doc();
    d.portal.computersOnline = { numerator: 70, denominator: 60 };
    expect(keys(validator.validate(d))).toEqual(['/portal/computersOnline portal.ratio']);
  });
});

describe('validate() through a registry', () => {
  const registry = createRegistry(memorySource([files]));

  it('finds the definition the report names', async () => {
    expect((await validate(sample, { registry })).ok).toBe(true);
    const d = doc();
    d.general.totalStaff = -1;
    expect((await validate(d, { registry, lang: 'en' })).errors[0]!.keyword).toBe('minimum');
  });

  it('reports an unknown version or form naming what exists, in the requested language', async () => {
    const d = doc();
    d.definition.version = '2030';
    const r = await validate(d, { registry });
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ instancePath: '/definition', keyword: 'bmUnknownDefinition', params: { available: ['2025/unit'] } });
    expect(r.errors[0]!.message).toContain('hiện có: 2025/unit');
    expect((await validate(d, { registry, lang: 'en' })).errors[0]!.message).toContain('available: 2025/unit');
    d.definition.form = 'nope';
    expect((await validate(d, { registry })).errors[0]!.params.available).toEqual(['demo-form']);
  });

  it('reports a report that names no definition, and accepts one explicitly', async () => {
    expect((await validate({}, { registry })).errors[0]!.keyword).toBe('bmMissingDefinition');
    expect((await validate(42, { registry })).errors[0]!.keyword).toBe('bmMissingDefinition');
    expect((await validate(sample, { definition })).ok).toBe(true);
    expect((await validate(sample, { definition: validator })).ok).toBe(true);
  });

  it('uses the published registry by default', async () => {
    const r = await validate({ definition: { form: 'no-such-form', version: '1', variant: 'x' } });
    expect(r.errors[0]!.keyword).toBe('bmUnknownDefinition');
  });
});

describe('hostile input: none crashes, all give located errors', () => {
  it('wrong types at every level', () => {
    expect(keys(validator.validate([]))).toEqual([' type']);
    expect(keys(validator.validate('report'))).toEqual([' type']);
    expect(keys(validator.validate(null))).toEqual([' type']);
    const d = doc();
    d.general = [];
    d.portal.channels = 'internet';
    d.services.list[0] = 'row';
    d.services.list[1].name = { text: 'x' };
    d.notApplicable = 'all';
    // (The level-3 count warning is right too: the broken row is not a level-3 row any more.)
    expect(keys(validator.validate(d))).toEqual(
      [
        '/general type',
        '/notApplicable type',
        '/portal/channels type',
        '/services/level3Count level3-count-matches-list',
        '/services/list/0 type',
        '/services/list/1/name type',
      ].sort(),
    );
  });

  it('numbers as strings are type errors, not coerced', () => {
    const d = doc();
    d.general.totalStaff = '58';
    d.services.list[0].online = '12';
    expect(keys(validator.validate(d))).toEqual(['/general/totalStaff type', '/services/list/0/online type']);
  });

  it('NaN, Infinity and other non-JSON values are located errors', () => {
    const d = doc();
    d.general.totalStaff = Number.NaN;
    d.portal.documentShare = Number.POSITIVE_INFINITY;
    d.services.list[0].online = Number.NEGATIVE_INFINITY;
    d.general.reportDate = new Date();
    d.portal.channels = ['internet', undefined];
    d.portal.notes = () => 1;
    d.services.level3Count = 10n;
    const r = validator.validate(d);
    expect(keys(r)).toEqual(
      [
        '/general/reportDate bmNotJson',
        '/general/totalStaff bmNotJson',
        '/portal/channels/1 bmNotJson',
        '/portal/documentShare bmNotJson',
        '/portal/notes bmNotJson',
        '/services/level3Count bmNotJson',
        '/services/list/0/online bmNotJson',
      ].sort(),
    );
    expect(r.errors.find((e) => e.instancePath === '/general/totalStaff')!.params).toEqual({ found: 'NaN' });
    expect(validator.validate(Number.NaN).errors[0]).toMatchObject({ instancePath: '', keyword: 'bmNotJson' });
  });

  it('circular objects passed from JavaScript', () => {
    const d = doc();
    d.general.self = d.general;
    d.portal.channels.push(d.portal.channels);
    const cyc: Record<string, unknown> = {};
    cyc.me = cyc;
    d.services.list.push(cyc);
    const r = validator.validate(d);
    expect(keys(r)).toEqual(expect.arrayContaining(['/general/self bmCircular', '/portal/channels/2 bmCircular', '/services/list/3/me bmCircular']));
    const root: Record<string, unknown> = { definition: sample.definition };
    root.general = root;
    expect(keys(validator.validate(root))).toContain('/general bmCircular');
  });

  it('deep nesting (100 000 levels) is cut with one error', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const d = doc();
    d.portal.notes = deep;
    const r = validator.validate(d);
    expect(keys(r)).toEqual(['/portal/notes type', `/portal/notes${'/0'.repeat(62)} bmTooDeep`]);
    let obj: Record<string, unknown> = {};
    const top = obj;
    for (let i = 0; i < 50_000; i++) obj = obj.a = {} as Record<string, unknown>;
    expect(validator.validate({ definition: sample.definition, general: top }).ok).toBe(false);
  });

  it('arrays far over maxItems and strings far over maxLength', () => {
    const d = doc();
    d.services.list = Array.from({ length: 100_000 }, (_, i) => ({ name: `Dịch vụ ${i}`, level: 4 }));
    d.general.agencyName = 'Ủy ban'.repeat(200_000);
    const r = validator.validate(d);
    expect(keys(r)).toEqual(['/general/agencyName maxLength', '/services/level3Count level3-count-matches-list', '/services/list maxItems']);
    expect(r.errors.find((e) => e.instancePath === '/services/list')!.params).toEqual({ limit: 20_000 });
  });

  it('lists at most maxErrors problems, then says how many more there are', () => {
    const d = doc();
    d.portal.channels = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
    const r = validator.validate(d);
    expect(r.errors.length).toBe(1001);
    expect(r.errors[1000]).toMatchObject({ keyword: 'bmTooManyErrors', params: { limit: 1000, omitted: 9_001 } });
    expect(validator.validate(d, { maxErrors: 5 }).errors.length).toBe(6);
  });

  it('__proto__, constructor and prototype keys are unknown properties and pollute nothing', () => {
    const d = JSON.parse(
      JSON.stringify(sample).replace('"general":{', '"general":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},'),
    );
    d.notApplicable = JSON.parse('{"__proto__": "x", "/portal/qaFunction": "không có"}');
    const r = validator.validate(d);
    expect(keys(r)).toEqual(
      [
        '/general/__proto__ additionalProperties',
        '/general/constructor additionalProperties',
        '/notApplicable/__proto__ bmNotApplicable',
        '/notApplicable/__proto__ pattern',
      ].sort(),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(validator.validateField(d, '/general/__proto__').errors[0]!.keyword).toBe('additionalProperties');
  });

  it('getters that throw become one located internal error, not an exception', () => {
    const d = doc();
    Object.defineProperty(d.general, 'agencyName', { enumerable: true, get: () => { throw new Error('boom'); } });
    const r = validator.validate(d);
    expect(r.ok).toBe(false);
    expect(r.errors[0]!.keyword).toBe('bmInternal');
    expect(validator.validateField(d, '/general/agencyName').ok).toBe(false);
  });

  it('bad pointers to validateField are errors, not exceptions', () => {
    expect(validator.validateField(sample, 'general').errors[0]!.keyword).toBe('bmInternal');
    expect(validator.validateField(sample, '/nowhere/at/all').ok).toBe(true);
    expect(validator.validateField(null, '/general/agencyName').ok).toBe(true);
  });

  it('adversarial strings through the whole validator (formats too) give errors quickly', () => {
    for (const s of ['http://' + 'a'.repeat(200_000) + ' ', 'http://' + '%aa'.repeat(70_000) + '%', 'http://[' + ':'.repeat(100_000), 'a@' + 'a.'.repeat(100_000) + '!']) {
      const d = doc();
      d.general.portalUrl = s;
      d.general.email = s;
      d.evidence['/portal/updateFrequency'] = s;
      const started = performance.now();
      const r = validator.validate(d);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(r.errors.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/general/portalUrl', '/general/email', '/evidence/~1portal~1updateFrequency']));
    }
  });

  it('adversarial strings against every pattern of every definition finish quickly', () => {
    // Catastrophic backtracking takes seconds at these lengths; linear patterns take microseconds.
    const attacks = (n: number) => ['a'.repeat(n) + '!', '/a'.repeat(n) + '/', '1'.repeat(n) + 'x', 'http://' + 'a.'.repeat(n) + '!', ' '.repeat(n) + '\u0000', '0'.repeat(n) + '-', '+'.repeat(n), '9-'.repeat(n) + 'x'];
    for (const folder of definitionFolders()) {
      for (const v of folder.variants) {
        const patterns = new Set<string>();
        const collect = (x: unknown) => {
          if (x === null || typeof x !== 'object') return;
          for (const [k, y] of Object.entries(x)) {
            if (k === 'pattern' && typeof y === 'string') patterns.add(y);
            else collect(y);
          }
        };
        for (const r of v.definition.resources.values()) collect(r);
        for (const p of patterns) {
          const re = new RegExp(p, 'u');
          const started = performance.now();
          for (const s of attacks(20_000)) re.test(s);
          expect(performance.now() - started, `${p} in ${v.definition.id}`).toBeLessThan(1_000);
        }
      }
    }
  });
});

describe('validateField', () => {
  it('validates one field and the rules that read it', () => {
    const d = doc();
    d.general.contractStaff = 20;
    const r = validator.validateField(d, '/general/permanentStaff');
    expect(keys(r)).toEqual(['/general/totalStaff general.staff-sum']);
    expect(r.scope).toEqual({ pointer: '/general/permanentStaff', rules: ['general.staff-sum'] });
  });

  it('validates one table row with its row rules only', () => {
    const d = doc();
    d.services.list[0].online = 100;
    d.services.list[1].online = 100;
    d.services.list[1].name = '';
    const r = validator.validateRow(d, '/services/list', 1);
    expect(keys(r)).toEqual(['/services/list/1/name minLength', '/services/list/1/online services.online-le-total']);
  });

  it('reports a blank required field', () => {
    const d = doc();
    delete d.general.agencyName;
    expect(keys(validator.validateField(d, '/general/agencyName'))).toEqual(['/general/agencyName required']);
  });

  it('message() renders any problem in either language', () => {
    expect(validator.message({ instancePath: '/general/email', keyword: 'format', params: { format: 'email' } }, 'en')).toBe(
      'Item 1.2 – Contact e-mail: is not a valid e-mail address',
    );
  });
});
