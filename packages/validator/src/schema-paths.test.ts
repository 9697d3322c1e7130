/**
 * Precompiled modules leave out the schemaPath literals the engine can
 * rebuild: every literal left out must come back exactly, for every
 * definition, and anything the derivation does not spell out keeps its literal.
 */
import { describe, expect, it } from 'vitest';
import { _ } from 'ajv';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { addDefinition, createAjv } from './ajv.js';
import { elideSchemaPaths } from './precompile.js';
import { deriveSchemaPath } from './schema-paths.js';
import { definitionFolders } from './testing/fixtures.js';

type StandaloneCode = (ajv: Ajv2020, refs: Record<string, string>) => string;
const standaloneCode = ((standaloneCodeModule as unknown as { default?: StandaloneCode }).default ?? standaloneCodeModule) as unknown as StandaloneCode;

/** Each error object of generated code: instancePath expression, schemaPath literal (or undefined), keyword. */
const SITE = /\{instancePath(?::([^,]*(?:, "~1"\))?))?(?:,schemaPath:"([^"\\]*)")?,keyword:"(\w+)"/g;
const sites = (code: string) => [...code.matchAll(SITE)].map((m) => ({ expr: m[1], sp: m[2], keyword: m[3]! }));

/** The instance path of a site with its array indices at 7, or undefined if it holds anything else. */
function concrete(expr: string | undefined): string | undefined {
  if (expr === undefined || expr === 'instancePath') return '';
  if (!/^instancePath(?:\+"[^"\\]*"| \+ i\d+)*$/.test(expr)) return undefined;
  return expr.slice('instancePath'.length).replace(/\+"([^"\\]*)"/g, '$1').replace(/ \+ i\d+/g, '7');
}

describe('schemaPaths left out of precompiled code', () => {
  for (const folder of definitionFolders()) {
    for (const { variant, definition } of folder.variants) {
      it(`come back exactly: ${folder.form}@${folder.version}/${variant}`, () => {
        const ajv = createAjv({ source: true, esm: true, formats: _`require("ajv-formats/dist/formats").fullFormats` });
        addDefinition(ajv, definition, { annotations: false });
        const code = standaloneCode(ajv, { schemaRoot: definition.id });
        const { code: out, table } = elideSchemaPaths(code);
        const before = sites(code);
        const after = sites(out);
        expect(after.length).toBe(before.length);
        expect(before.every((s) => s.sp !== undefined)).toBe(true);
        const bases = new Map(table);
        let dropped = 0;
        before.forEach((b, i) => {
          const a = after[i]!;
          expect([a.expr, a.keyword]).toEqual([b.expr, b.keyword]);
          if (a.sp !== undefined) return expect(a.sp).toBe(b.sp);
          dropped++;
          const path = concrete(b.expr);
          expect(path, b.sp).toBeDefined();
          expect(deriveSchemaPath(bases, path!, b.keyword)).toBe(b.sp);
        });
        expect(dropped).toBeGreaterThan(before.length / 2);
        // Nothing but the schemaPath literals changed.
        expect(out.replace(/,schemaPath:"[^"\\]*"/g, '')).toBe(code.replace(/,schemaPath:"[^"\\]*"/g, ''));
      });
    }
  }

  it('keeps a literal the derivation does not spell out, and needs whole index segments', () => {
    const code = [
      'function validate(data, {instancePath=""}={}) {',
      'const err0 = {instancePath:instancePath+"/a/b",schemaPath:"x.json#/$defs/a/properties/b/type",keyword:"type",params:{}};',
      'const err1 = {instancePath:instancePath+"/a/c/" + i0+"/d",schemaPath:"x.json#/$defs/a/properties/c/items/properties/d/minimum",keyword:"minimum",params:{}};',
      'const err2 = {instancePath:instancePath+"/a/e",schemaPath:"x.json#/$defs/a/properties/e/anyOf/0/type",keyword:"type",params:{}};',
      'const err6 = {instancePath:instancePath+"/a/e",schemaPath:"x.json#/$defs/a/properties/e/anyOf/1/type",keyword:"type",params:{}};',
      'const err7 = {instancePath:instancePath+"/a/h",schemaPath:"x.json#/$defs/a/properties/h/not",keyword:"type",params:{}};',
      'const err3 = {instancePath:instancePath+"/a/f" + i1,schemaPath:"x.json#/$defs/a/properties/f/items/type",keyword:"type",params:{}};',
      'const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{}};',
      'const err5 = {instancePath:instancePath+"/g",schemaPath:"#/$defs/g/type",keyword:"type",params:{}};',
      '}',
    ].join('\n');
    const { code: out, table } = elideSchemaPaths(code);
    const bases = new Map(table);
    expect(out).not.toContain('properties/b/type');
    expect(out).not.toContain('items/properties/d/minimum');
    // Two schemas at one instance path: one base per prefix, the second keeps its literal; so does a path not ending in its keyword.
    expect(out).not.toContain('"x.json#/$defs/a/properties/e/anyOf/0/type"');
    expect(out).toContain('"x.json#/$defs/a/properties/e/anyOf/1/type"');
    expect(out).toContain('"x.json#/$defs/a/properties/h/not"');
    expect(out).toContain('"x.json#/$defs/a/properties/f/items/type"');
    expect(out).not.toContain('"#/required"');
    expect(deriveSchemaPath(bases, '/a/c/12/d', 'minimum')).toBe('x.json#/$defs/a/properties/c/items/properties/d/minimum');
    expect(deriveSchemaPath(bases, '', 'required')).toBe('#/required');
    expect(deriveSchemaPath(bases, '/g', 'type')).toBe('#/$defs/g/type');
    expect(deriveSchemaPath(bases, '/a/e', 'type')).toBe('x.json#/$defs/a/properties/e/anyOf/0/type');
    // Two functions: instance paths are not from the root, nothing is left out.
    expect(elideSchemaPaths(code + '\nfunction other() {}')).toEqual({ code: code + '\nfunction other() {}', table: [] });
  });
});
