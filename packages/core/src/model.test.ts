import { describe, expect, it } from 'vitest';
import { readVersionFolder } from '../../definitions/src/node.js';
import { createDefinition, DefinitionError } from './definition.js';
import { buildModel, fieldReference, findField, templateOf, walkFields } from './model.js';
import { definitionRefOf, valueState } from './report.js';
import sample from '../../../test/fixtures/definitions/demo-form/2025/samples/unit.json' with { type: 'json' };

const files = readVersionFolder(new URL('../../../test/fixtures/definitions/demo-form/2025', import.meta.url).pathname);
const def = createDefinition(files);
const model = buildModel(def);

describe('buildModel', () => {
  it('lists sections in form order with codes and both languages', () => {
    expect(model.sections.map((s) => s.key)).toEqual(['general', 'portal', 'services']);
    const general = model.sections[0]!;
    expect(general.kind).toBe('section');
    expect(general.code).toBe('1');
    expect(general.label).toEqual({ vi: 'Thông tin chung', en: 'General information' });
    expect(model.title.en).toBe('Test form (unit)');
  });

  it('infers every kind', () => {
    const kinds = Object.fromEntries([...walkFields(model)].map((n) => [n.template, n.kind]));
    expect(kinds).toMatchObject({
      '/general/agencyName': 'text',
      '/general/email': 'email',
      '/general/portalUrl': 'url',
      '/general/totalStaff': 'integer',
      '/general/reportDate': 'date',
      '/portal/updateFrequency': 'choice',
      '/portal/qaFunction': 'boolean',
      '/portal/documentShare': 'percent',
      '/portal/channels': 'multiChoice',
      '/portal/notes': 'longText',
      '/portal/computersOnline': 'ratio',
      '/services/list': 'table',
      '/services/list/*/level': 'choice',
      '/services/list/*/launched': 'month',
    });
  });

  it('resolves options, units, flags and header groups', () => {
    const freq = findField(model, '/portal/updateFrequency')!;
    expect(freq.options?.map((o) => o.label.vi)).toEqual(['Hằng ngày', 'Hằng tuần', 'Hằng tháng', 'Không cập nhật']);
    expect(freq.options?.[0]?.label.en).toBe('Daily');
    expect(freq.evidence).toBe('required');
    const qa = findField(model, '/portal/qaFunction')!;
    expect(qa.notApplicable).toBe(true);
    expect(findField(model, '/portal/channels')!.options?.map((o) => o.value)).toEqual(['internet', 'sms', 'other']);
    expect(findField(model, '/general/totalStaff')!.unit).toEqual({ vi: 'người', en: 'persons' });
    const table = findField(model, '/services/list')!;
    expect(table.columns?.map((c) => c.key)).toEqual(['name', 'level', 'url', 'online', 'total', 'ownFunding', 'otherFunding', 'launched']);
    expect(table.columns?.[0]?.required).toBe(true);
    expect(table.headerGroups).toEqual([{ label: { vi: 'Nguồn kinh phí', en: 'Funding' }, columns: ['ownFunding', 'otherFunding'] }]);
    expect(findField(model, '/services/list/17/level')!.options?.map((o) => o.label.vi)).toEqual(['Mức độ 3', 'Mức độ 4']);
  });

  it('collects rules with their node and row scope', () => {
    const byId = Object.fromEntries(model.rules.map((r) => [r.rule.id, r]));
    expect(byId['general.staff-sum']).toMatchObject({ node: '/general', perRow: false });
    expect(byId['services.online-le-total']).toMatchObject({ node: '/services/list', perRow: true });
    expect(byId['level3-count-matches-list']).toMatchObject({ node: '', perRow: false });
    expect(byId['services.online-le-total']!.message.en).toMatch(/online applications/);
  });

  it('names a field by code and label', () => {
    expect(fieldReference(findField(model, '/general/totalStaff'), 'vi')).toBe('Mục 1.4 – Tổng số cán bộ, công chức, viên chức');
    expect(fieldReference(findField(model, '/general/totalStaff'), 'en')).toBe('Item 1.4 – Total officials and public employees');
    expect(fieldReference(undefined, 'vi')).toBe('');
  });

  it('maps instance pointers to templates', () => {
    expect(templateOf('/services/list/12/name')).toBe('/services/list/*/name');
    expect(findField(model, '/nope')).toBeUndefined();
  });
});

describe('createDefinition errors', () => {
  it('says what is wrong and where', () => {
    expect(() => createDefinition({ resources: [{ title: 'x' }] })).toThrow(DefinitionError);
    expect(() => createDefinition({ resources: [{ title: 'x' }] })).toThrow(/absolute \$id/);
    expect(() => createDefinition({ resources: [null as never] })).toThrow(/resources\[0\]/);
    const root = { $id: 'https://x.test/f/1/a.json', bmForm: { form: 'f', version: '1', variant: 'a', period: 'year' }, properties: { s: { $ref: 'missing.json#/x' } } } as const;
    const broken = createDefinition({ resources: [root as never] });
    expect(() => buildModel(broken)).toThrow(/does not resolve/);
    const loop = createDefinition({
      resources: [{ $id: 'https://x.test/f/1/a.json', bmForm: { form: 'f', version: '1', variant: 'a', period: 'year' }, properties: { s: { $ref: '#/$defs/a' } }, $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } } as never],
    });
    expect(() => buildModel(loop)).toThrow(/Circular/);
  });
});

describe('report helpers', () => {
  it('reads the definition reference and value states', () => {
    expect(definitionRefOf(sample)).toEqual({ form: 'demo-form', version: '2025', variant: 'unit' });
    expect(definitionRefOf({ definition: { form: 1 } })).toBeUndefined();
    expect(definitionRefOf(null)).toBeUndefined();
    expect(valueState(sample, '/portal/qaFunction')).toEqual({ state: 'notApplicable', reason: 'Sở không có nhiệm vụ tiếp nhận hỏi đáp trực tuyến' });
    expect(valueState(sample, '/general/totalStaff')).toEqual({ state: 'provided', value: 58 });
    expect(valueState(sample, '/general/fax')).toEqual({ state: 'blank' });
  });
});
