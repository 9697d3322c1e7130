/**
 * The build step's size reductions must not change what the engine runs on:
 * the compact data expands to exactly what `buildValidatorData` builds, the
 * pruned schema constants keep what the generated code reads, and the ES
 * copies of formats answer as ajv-formats does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as formatsModule from 'ajv-formats/dist/formats.js';
import { buildValidatorData } from './data.js';
import type { ValidatorData } from './data.js';
import { compactData, expandData } from './compact.js';
import { formatDate, formatUri } from './formats.js';
import { pick } from './interop.js';
import { pruneSchemaConstants } from './precompile.js';
import { definitionFolders } from './testing/fixtures.js';

describe('compact validator data', () => {
  for (const folder of definitionFolders()) {
    for (const { variant, definition } of folder.variants) {
      it(`expands to the built data: ${folder.form}@${folder.version}/${variant}`, () => {
        const data = buildValidatorData(definition);
        const compact = compactData(data);
        expect(expandData(JSON.parse(JSON.stringify(compact)))).toEqual(data);
        expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(data).length);
      });
    }
  }
});

describe('compact rule schema paths and options', () => {
  it('leaves out the path of a rule that follows the previous one, and keeps every other path', () => {
    const data = buildValidatorData(definitionFolders()[0]!.variants[0]!.definition);
    const folder = data.id.slice(0, data.id.lastIndexOf('/') + 1);
    const base = data.rules[0]!;
    const paths = [
      `${folder}shared.json#/$defs/a/bmRules/0`,
      `${folder}shared.json#/$defs/a/bmRules/1`,
      `${folder}shared.json#/$defs/a/bmRules/3`,
      `${folder}shared.json#/$defs/b/bmRules/0`,
      `${folder}shared.json#/$defs/b/bmRules/1`,
      'https://elsewhere.example/x.json#/bmRules/2',
      'https://elsewhere.example/x.json#/bmRules/3',
      folder,
      `${folder}unit.json#/bmRules/9`,
    ];
    const synthetic = { ...data, rules: paths.map((schemaPath, i) => ({ ...base, id: `r${i}`, schemaPath })) };
    const compact = compactData(synthetic);
    expect(compact.r.map((r) => (r.sr !== undefined ? 'sr' : r.sa !== undefined ? 'sa' : '-'))).toEqual(['sr', '-', 'sr', 'sr', '-', 'sa', '-', 'sr', 'sr']);
    expect(expandData(JSON.parse(JSON.stringify(compact)))).toEqual(synthetic);
  });

  it('writes options as [value, vi, en] and leaves out an English label that is the Vietnamese one', () => {
    const data = buildValidatorData(definitionFolders()[0]!.variants[0]!.definition);
    const options = [
      { value: 3, label: { vi: 'Mức 3', en: 'Level 3' } },
      { value: 'x', label: { vi: 'Khác', en: 'Khác' } },
    ];
    const synthetic = { ...data, nodes: [{ t: '/s', kind: 'choice', label: { vi: 's', en: 's' }, options }], rules: [] };
    const compact = compactData(synthetic);
    expect(compact.o).toEqual([[[3, 'Mức 3', 'Level 3'], ['x', 'Khác']]]);
    expect(expandData(JSON.parse(JSON.stringify(compact)))).toEqual(synthetic);
  });
});

describe('compact node codes', () => {
  it('writes a code under its parent\'s as the rest, and keeps codes starting with `.` as written', () => {
    const data = buildValidatorData(definitionFolders()[0]!.variants[0]!.definition);
    const label = { vi: 'x', en: 'x' };
    const nodes: ValidatorData['nodes'] = [
      { t: '/s', kind: 'section', label, code: '3.1' },
      { t: '/s/a', kind: 'integer', label, code: '3.1.a' },
      { t: '/s/b', kind: 'integer', label, code: '.b' },
      { t: '/s/c', kind: 'integer', label, code: '3.1' },
      { t: '/s/d', kind: 'integer', label },
      { t: '/s/t', kind: 'table', label, code: '.t' },
      { t: '/s/t/*/e', kind: 'text', label, code: '.t.e' },
      { t: '/s/t/*/f', kind: 'text', label, code: '3.1.f' },
      { t: '/u', kind: 'section', label },
      { t: '/u/g', kind: 'integer', label, code: '.g' },
    ];
    const synthetic = { ...data, nodes, rules: [] };
    const compact = compactData(synthetic);
    expect(compact.n.map((n) => n[5] ?? 0)).toEqual(['3.1', '.a', '.b', '3.1', 0, '.t', '.t.e', '3.1.f', 0, '.g']);
    expect(expandData(JSON.parse(JSON.stringify(compact)))).toEqual(synthetic);
  });
});

describe('pruneSchemaConstants', () => {
  it('keeps the enum arrays and the keys of maps read for membership, drops unread constants', () => {
    const code = [
      'const func1 = Object.prototype.hasOwnProperty;',
      'const schema1 = {"type":"object","properties":{"a":{"enum":["x","y;}"]},"b":{"type":"string"}},"additionalProperties":false};',
      'const schema2 = {"type":"string"};',
      'const schema3 = {"items":{"enum":[1,2]}};',
      'function validate(k) { return [func1.call(schema1.properties, k), schema1.properties.a.enum, schema3]; }',
    ].join('');
    const out = pruneSchemaConstants(code);
    expect(out).toContain('const schema1 = {"properties":{"a":{"enum":["x","y;}"]},"b":0}};');
    expect(out).not.toContain('schema2');
    expect(out).toContain('const schema3 = {"items":{"enum":[1,2]}};');
    const run = (src: string, k: string) => new Function(`${src} return validate(${JSON.stringify(k)});`)() as unknown;
    for (const k of ['a', 'b', 'c', 'toString', '__proto__']) expect(run(out, k)).toEqual(run(code, k));
  });
});

describe('ES copies of ajv-formats', () => {
  const full = pick<Record<string, unknown>>(formatsModule, 'fullFormats');
  const original = {
    uri: full.uri as (s: string) => boolean,
    date: (full.date as { validate: (s: string) => boolean }).validate,
  };
  const samples = [
    '', 'http://a.vn', 'https://dichvucong.gov.vn/p/home', 'mailto:a@b.c', 'a:b', '//x', 'http://[::1]:80/', 'http://a b', 'urn:isbn:0451450523',
    '2019-12-31', '2019-02-29', '2020-02-29', '1900-02-29', '2000-02-29', '2019-13-01', '2019-00-10', '2019-04-31', '2019-4-1', ' 2019-01-01', '2019-01-01T00:00:00Z',
  ];
  it('answer as the originals on hand-picked and generated strings', () => {
    for (const s of samples) {
      expect(formatUri(s), s).toBe(original.uri(s));
      expect(formatDate.validate(s), s).toBe(original.date(s));
    }
    const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
      ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), dateLike, fc.constantFrom(...samples)), (s) => {
        expect(formatUri(s)).toBe(original.uri(s));
        expect(formatDate.validate(s)).toBe(original.date(s));
      }),
      { numRuns: 2000 },
    );
  });
});
