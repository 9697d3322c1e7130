/**
 * The generic, data-driven runner for every definition (ajv test-suite
 * style): for each `<form>/<version>` folder under `definitions/` and
 * `test/fixtures/definitions/`, and each variant in it,
 * - `validateDefinition` finds nothing wrong;
 * - every sample `samples/<variant>*.json` validates without errors;
 * - every case of `fixtures/<variant>.json` gives exactly the errors and
 *   warnings it lists (by `instancePath` and `keyword`, in any order), and
 *   `ok` equals its `valid`.
 * No form-specific code: a new folder is picked up as it appears.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createValidator, validateDefinition } from '@bieumau/validator';
import { caseData, definitionFolders, readJson } from '../packages/validator/src/testing/fixtures.js';

const key = (e: { instancePath: string; keyword: string }) => `${e.instancePath} ${e.keyword}`;

for (const folder of definitionFolders()) {
  describe(`${folder.form}@${folder.version}`, () => {
    for (const { variant, definition, samples, fixtures } of folder.variants) {
      describe(variant, () => {
        it('passes validateDefinition', () => {
          const r = validateDefinition(definition, { lang: 'en' });
          expect(r.errors.map((e) => e.message)).toEqual([]);
        });
        for (const s of samples) {
          it(`sample ${s} is valid`, () => {
            const r = createValidator(definition).validate(readJson(join(folder.dir, s)));
            expect(r.errors.map((e) => `${key(e)}: ${e.message}`)).toEqual([]);
          });
        }
        for (const c of fixtures) {
          it(`fixture: ${c.description}`, () => {
            const r = createValidator(definition).validate(caseData(folder.dir, c));
            const actual = [...r.errors, ...r.warnings].map(key).sort();
            const expected = (c.errors ?? []).map(key).sort();
            expect(actual, [...r.errors, ...r.warnings].map((e) => `${key(e)}: ${e.message}`).join('\n')).toEqual(expected);
            expect(r.ok).toBe(c.valid);
          });
        }
      });
    }
  });
}
