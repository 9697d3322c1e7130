/**
 * The migration engine on the demo definition and a next version of it made
 * in memory: every operation, the identity default, the pointer-keyed maps,
 * and hostile input. The real 2017 → 2019 → 2022 migrations are exercised
 * through the command in cli.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, createDefinition } from '@bieumau/core';
import type { FormModel, SchemaObject } from '@bieumau/core';
import { readVersionFolder } from '@bieumau/definitions/node';
import { createRegistry, memorySource } from '@bieumau/definitions';
import { checkMigration, mapPointer, migrateReport } from './migrate.js';
import { migrate } from './api.js';
import type { Migration } from './migrate.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/definitions/demo-form/2025');

function models(variant = 'unit'): { source: FormModel; target: FormModel; files: { old: SchemaObject[]; next: SchemaObject[] } } {
  const files = readVersionFolder(DIR);
  const source = buildModel(createDefinition({ resources: files.resources, catalogues: files.catalogues }));
  // 2026: the same form, edited the way a new year edits it.
  const next = JSON.parse(JSON.stringify(files.resources).replaceAll('/demo-form/2025/', '/demo-form/2026/')) as SchemaObject[];
  const unit = next.find((r) => r.bmForm)!;
  unit.bmForm!.version = '2026';
  unit.bmForm!.variant = variant;
  (unit.$defs!.definitionRef!.properties!.version as SchemaObject).const = '2026';
  (unit.$defs!.definitionRef!.properties!.variant as SchemaObject).const = variant;
  unit.properties!.contact = {
    type: 'object', title: 'Liên hệ', additionalProperties: false,
    properties: { email: { type: 'string', format: 'email', maxLength: 254, title: 'Thư điện tử' } },
  };
  const shared = next.find((r) => !r.bmForm)!;
  const g = shared.$defs!.general!.properties!;
  delete g.email;
  g.reportDate = { type: 'integer', minimum: 0, maximum: 3000, title: 'Năm báo cáo' };
  g.staffCount = { type: 'integer', minimum: 0, maximum: 10000000, title: 'Biên chế và hợp đồng' };
  g.reportYear = { type: 'integer', minimum: 1990, maximum: 2100, title: 'Năm', bmKind: 'year' };
  const p = shared.$defs!.portal!.properties!;
  delete p.notes;
  delete p.computersOnline;
  p.computersConnected = { type: 'integer', minimum: 0, maximum: 10000000, title: 'Máy tính kết nối Internet' };
  p.computersTotal = { type: 'integer', minimum: 0, maximum: 10000000, title: 'Tổng số máy tính' };
  (p.channels!.items as SchemaObject).enum = ['web', 'sms'];
  (p.channels!.items as SchemaObject).bmOptionTitles = { web: 'Web', sms: 'SMS' };
  const row = shared.$defs!.services!.properties!.list!.items!;
  row.properties!.level = { enum: ['partial', 'full'], bmOptionTitles: { partial: 'Một phần', full: 'Toàn trình' }, title: 'Hình thức' };
  row.properties!.checked = { type: 'boolean', title: 'Đã kiểm tra' };
  delete row.bmRules;
  delete unit.bmRules;
  const target = buildModel(createDefinition({ resources: next }));
  return { source, target, files: { old: files.resources, next } };
}

const MIGRATION: Migration = {
  form: 'demo-form',
  from: '2025',
  to: '2026',
  operations: [
    { op: 'move', from: '/general/email', to: '/contact/email' },
    { op: 'merge', from: { a: '/general/permanentStaff', b: '/general/contractStaff' }, to: '/general/staffCount', value: { '+': [{ var: 'a' }, { var: 'b' }] } },
    { op: 'split', from: '/portal/computersOnline', to: { '/portal/computersConnected': { var: 'value.numerator' }, '/portal/computersTotal': { var: 'value.denominator' } } },
    { op: 'map', path: '/services/list/*/level', values: { '3': 'partial', '4': 'full' } },
    { op: 'map', path: '/portal/channels', values: { internet: 'web', sms: 'sms' } },
    { op: 'drop', path: '/portal/notes', reason: 'không còn hỏi', reasonEn: 'no longer asked' },
    { op: 'set', path: '/general/reportYear', value: 2026 },
    { op: 'set', path: '/services/list/*/checked', value: false, ifBlank: true },
  ],
};

const SAMPLE = {
  definition: { form: 'demo-form', version: '2025', variant: 'unit' },
  general: { agencyName: 'Sở TT&TT', email: 'a@b.vn', totalStaff: 58, permanentStaff: 50, contractStaff: 8, reportDate: '2025-11-20' },
  portal: { updateFrequency: 'daily', qaFunction: true, documentShare: 92.5, channels: ['internet', 'other'], notes: 'Đề nghị', computersOnline: { numerator: 55, denominator: 60 } },
  services: { level3Count: 2, list: [{ name: 'A', level: 3, online: 1, total: 2 }, { name: 'B', level: 4 }, { name: 'C', level: 5 }] },
  notApplicable: { '/portal/qaFunction': 'không có nhiệm vụ', '/general/email': 'x' },
  evidence: { '/portal/updateFrequency': 'https://x.vn/tin' },
};

describe('migrateReport', () => {
  const { source, target } = models();

  it('accepts the migration against both models', () => {
    expect(checkMigration(MIGRATION, { source, target }).errors).toEqual([]);
  });

  it('runs every operation and carries the rest by identity', () => {
    const { report, unmapped } = migrateReport(SAMPLE, { migration: MIGRATION, source, target });
    expect(report).toEqual({
      definition: { form: 'demo-form', version: '2026', variant: 'unit' },
      general: { agencyName: 'Sở TT&TT', totalStaff: 58, staffCount: 58, reportYear: 2026 },
      portal: { updateFrequency: 'daily', qaFunction: true, documentShare: 92.5, channels: ['web'], computersConnected: 55, computersTotal: 60 },
      services: {
        level3Count: 2,
        list: [
          { name: 'A', level: 'partial', online: 1, total: 2, checked: false },
          { name: 'B', level: 'full', checked: false },
          { name: 'C', checked: false },
        ],
      },
      contact: { email: 'a@b.vn' },
      notApplicable: { '/portal/qaFunction': 'không có nhiệm vụ' },
      evidence: { '/portal/updateFrequency': 'https://x.vn/tin' },
    });
    // Keys come out in the target's form order.
    expect(Object.keys(report)).toEqual(['definition', 'general', 'portal', 'services', 'contact', 'notApplicable', 'evidence']);
    expect(unmapped.map((u) => [u.pointer, u.code])).toEqual([
      ['/general/reportDate', 'incompatible'],
      ['/portal/channels/1', 'valueNotMapped'],
      ['/portal/notes', 'dropped'],
      ['/services/list/2/level', 'valueNotMapped'],
      ['/notApplicable/~1general~1email', 'notApplicableNotAllowed'],
    ]);
    expect(unmapped.find((u) => u.code === 'dropped')).toMatchObject({ value: 'Đề nghị', reason: 'không còn hỏi' });
    expect(unmapped[0]).toMatchObject({ value: '2025-11-20', target: '/general/reportDate' });
  });

  it('keeps every source value somewhere: in the report or in unmapped', () => {
    const { unmapped } = migrateReport(SAMPLE, { migration: { ...MIGRATION, operations: [] }, source, target, lang: 'en' });
    // With no operations, everything that moved or changed is listed, nothing is lost.
    const pointers = unmapped.map((u) => u.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/general/email', '/portal/notes', '/portal/computersOnline', '/services/list/0/level', '/portal/channels']));
    expect(unmapped.find((u) => u.pointer === '/general/email')!.reason).toBe('version 2026 has no field /general/email');
  });

  it('lists unknown and hostile keys instead of copying them', () => {
    const hostile = JSON.parse(
      '{"definition":{"form":"demo-form","version":"2025","variant":"unit"},"general":{"agencyName":"X","__proto__":{"polluted":1},"constructor":{"prototype":{"p":1}}},"zzz":1,"services":{"list":"not a table"},"notApplicable":{"__proto__":"x","not a pointer":"y"}}',
    );
    const { report, unmapped } = migrateReport(hostile, { migration: { ...MIGRATION, operations: [] }, source, target });
    expect(report).toEqual({ definition: { form: 'demo-form', version: '2026', variant: 'unit' }, general: { agencyName: 'X' } });
    expect(unmapped.map((u) => [u.pointer, u.code])).toEqual([
      ['/general/__proto__', 'unknownField'],
      ['/general/constructor', 'unknownField'],
      ['/zzz', 'unknownField'],
      ['/services/list', 'unknownField'],
      ['/notApplicable/__proto__', 'unknownField'],
      ['/notApplicable/not a pointer', 'unknownField'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports conflicting writes instead of overwriting', () => {
    const m: Migration = { ...MIGRATION, operations: [{ op: 'move', from: '/general/permanentStaff', to: '/general/totalStaff' }] };
    const { report, unmapped } = migrateReport(SAMPLE, { migration: m, source, target });
    expect((report.general as Record<string, unknown>).totalStaff).toBe(50);
    expect(unmapped.find((u) => u.pointer === '/general/totalStaff')).toMatchObject({ code: 'conflict' });
  });

  it('applies operations only to the variants they name', () => {
    const m: Migration = { ...MIGRATION, operations: [{ op: 'drop', path: '/portal/notes', reason: 'r', variants: ['province'] }] };
    const { unmapped } = migrateReport(SAMPLE, { migration: m, source, target });
    expect(unmapped.find((u) => u.pointer === '/portal/notes')).toMatchObject({ code: 'noTarget' });
  });
});

describe('migrate()', () => {
  const { files } = models('department');
  const registry = createRegistry(memorySource([{ resources: files.old, catalogues: {} }, { resources: files.next, catalogues: {} }]));
  const migration: Migration = { ...MIGRATION, variants: { unit: 'department' } };

  it('maps the variant, validates against the target and returns the unmapped values', async () => {
    const r = await migrate(SAMPLE, { to: '2026', registry, loadMigration: (form, version) => (form === 'demo-form' && version === '2026' ? migration : undefined) });
    expect(r.ok).toBe(true);
    expect(r.path).toEqual(['2025', '2026']);
    expect(r.report!.definition).toEqual({ form: 'demo-form', version: '2026', variant: 'department' });
    expect(r.unmapped.map((u) => u.step)).toEqual(r.unmapped.map(() => '2025→2026'));
    // The result is validated: the row whose level could not be mapped now lacks a required value,
    // and the sample's own conflict (a value marked not applicable) is still reported.
    expect(r.validation!.errors.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual(['/services/list/2/level required', '/portal/qaFunction bmNotApplicableConflict']);
  });

  it('returns errors, never throws, for expected failures', async () => {
    const load = () => migration;
    expect((await migrate({}, { to: '2026', registry, loadMigration: load })).errors[0]!.keyword).toBe('bmMissingDefinition');
    expect((await migrate({ definition: { form: 'x', version: '1', variant: 'y' } }, { to: '2026', registry, loadMigration: load })).errors[0]!.keyword).toBe('bmUnknownDefinition');
    expect((await migrate(SAMPLE, { to: '2030', registry, loadMigration: () => undefined })).errors[0]!.keyword).toBe('bmNoMigration');
    expect((await migrate(SAMPLE, { to: '2026', registry, loadMigration: () => { throw new Error('disk on fire'); } })).errors[0]!.keyword).toBe('bmUnreadable');
    const broken = await migrate(SAMPLE, { to: '2026', registry, loadMigration: () => ({ ...migration, operations: [{ op: 'move', from: '/nope', to: '/general/agencyName' }] }) });
    expect(broken.errors[0]).toMatchObject({ instancePath: '/operations/0/from', keyword: 'bmUnknownField' });
  });
});

describe('checkMigration', () => {
  const { source, target } = models();
  it('locates every problem in the migration file', () => {
    const bad = {
      form: 'demo-form',
      from: 2025,
      to: '2026',
      operations: [
        { op: 'move', from: '/general/nope', to: '/contact/email' },
        { op: 'move', from: '/services/list/*/name', to: '/general/agencyName' },
        { op: 'explode', path: '/x' },
        { op: 'merge', from: { a: '/general/totalStaff' }, to: '/general/staffCount', value: { eval: 'x' } },
        { op: 'drop', path: '/portal/notes' },
        { op: 'set', path: '/__proto__/x', value: 1 },
        { op: 'map', path: '/portal/channels' },
      ],
    };
    const r = checkMigration(bad, { source, target });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual([
      '/from required',
      '/operations/0/from bmUnknownField',
      '/operations/1/to bmRows',
      '/operations/2 enum',
      '/operations/3/value bmLogic',
      '/operations/4/reason required',
      '/operations/5/path format',
      '/operations/6/values type',
    ]);
  });
  it('rejects what is not a migration', () => {
    expect(checkMigration([]).errors[0]!.keyword).toBe('type');
    expect(checkMigration({ form: 'x', from: '1', to: '2' }).errors[0]!.instancePath).toBe('/operations');
  });
});

describe('mapPointer', () => {
  it('follows moves (templates and instances), prefixes, and consuming operations', () => {
    const m: Migration = {
      form: 'f', from: '1', to: '2',
      operations: [
        { op: 'rename', from: '/a', to: '/b' },
        { op: 'move', from: '/t/*/x', to: '/u/*/y' },
        { op: 'drop', path: '/gone', reason: 'r' },
      ],
    };
    expect(mapPointer(m, '/a/c')).toBe('/b/c');
    expect(mapPointer(m, '/t/*/x')).toBe('/u/*/y');
    expect(mapPointer(m, '/t/3/x')).toBe('/u/3/y');
    expect(mapPointer(m, '/gone')).toBeUndefined();
    expect(mapPointer(m, '/same')).toBe('/same');
  });
});

describe('@bieumau/cli/engine', () => {
  it('uses no Node API, so a web form can bundle it', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(join(import.meta.dirname, file), 'utf8');
      expect(src, file).not.toMatch(/from 'node:|import\('node:/);
      for (const m of src.matchAll(/from '\.\/([\w-]+)\.js'/g)) visit(`${m[1]}.ts`);
    };
    visit('engine.ts');
    expect([...seen].sort()).toEqual(['api.ts', 'diff.ts', 'engine.ts', 'messages.ts', 'migrate.ts']);
  });
});

describe('migration.schema.json', () => {
  it('accepts the real migrations and the test one, and rejects a broken one', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, '../schema/migration.schema.json'), 'utf8')));
    const root = join(import.meta.dirname, '../../../definitions/annual-ict');
    for (const v of ['2019', '2022']) {
      const doc = JSON.parse(readFileSync(join(root, v, 'migration.json'), 'utf8'));
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate(MIGRATION), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ form: 'x', from: '2019', to: '2022', operations: [{ op: 'drop', path: '/a' }] })).toBe(false);
    expect(validate({ form: 'x', from: '2019', to: '2022', operations: [{ op: 'move', from: '/__proto__', to: '/a' }] })).toBe(false); // property names are identifiers
  });
});
