/**
 * The one ajv configuration every bieumau validator uses, at run time and for
 * precompiled modules: draft 2020-12, `strict`, `allErrors`, `$data` off,
 * ajv-formats in `full` mode (fast mode accepts 2023-02-30), and our
 * annotation keywords registered as a vocabulary so strict mode stays on.
 * @module
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { CodeOptions, Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ANNOTATION_KEYWORDS } from '@bieumau/core';
import type { Definition } from '@bieumau/core';

// ajv-formats is CommonJS with `exports.default`; under Node's ESM interop the default import is the module object.
type AddFormats = (ajv: Ajv2020, options: { mode: 'full' | 'fast' }) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** The ajv options shared by the runtime and the precompile step (`code` is added by the latter). */
export const AJV_OPTIONS: Options = {
  strict: true,
  strictNumbers: true,
  allErrors: true,
  $data: false,
  // `inlineRefs: false` cuts the generated code for annual-ict 2019/province
  // by 6 % minified but only 1.5 % gzip (gzip already folds the repeated
  // field shapes), and ajv then reports schemaPaths inside a referenced
  // schema relative to that schema (`#/required`) without saying which one;
  // errors need exact schemaPaths. `code.optimize` beyond the default and
  // `loopEnum`/`loopRequired` change nothing measurable.
  // (Measured with ajv 8.17, gzip -9 of esbuild-minified standalone code.)
  inlineRefs: true,
  messages: false,
};

/** Creates an ajv instance configured for bieumau definitions. */
export function createAjv(code?: CodeOptions): Ajv2020 {
  const ajv = new Ajv2020(code ? { ...AJV_OPTIONS, code } : AJV_OPTIONS);
  addFormats(ajv, { mode: 'full' });
  ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
  return ajv;
}

/** Keywords that never change what ajv accepts: dropped from the copy ajv compiles for validation. */
const ANNOTATIONS = new Set<string>([...ANNOTATION_KEYWORDS, 'title', 'description', '$comment', 'examples', 'default', 'readOnly', 'writeOnly', 'deprecated']);
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_ONE = ['items', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else', 'contains', 'unevaluatedProperties', 'unevaluatedItems'];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A copy of a schema without annotations (labels, codes, rules, help text).
 * Validation is unchanged and JSON Pointers into the schema stay valid (only
 * keys are removed), but generated code no longer embeds the Vietnamese text,
 * which is most of a definition's bytes. Walks schema positions only, so a
 * field *named* `title` or `description` keeps its schema.
 */
export function stripAnnotations(schema: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > 128) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (ANNOTATIONS.has(k)) continue;
    if (SCHEMA_MAPS.includes(k) && isObject(v)) {
      const m: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(v)) Object.defineProperty(m, name, { value: stripAnnotations(sub, depth + 1), enumerable: true, writable: true, configurable: true });
      out[k] = m;
    } else if (SCHEMA_LISTS.includes(k) && Array.isArray(v)) out[k] = v.map((x) => stripAnnotations(x, depth + 1));
    else if (SCHEMA_ONE.includes(k)) out[k] = stripAnnotations(v, depth + 1);
    else out[k] = v;
  }
  return out;
}

/**
 * Adds every schema file of a definition to an ajv instance (they reference
 * each other by `$id`). `annotations: false` adds the stripped copies
 * validators compile; `validateDefinition` compiles the full files, so the
 * vocabulary and strict mode still check the annotations.
 */
export function addDefinition(ajv: Ajv2020, def: Definition, options: { annotations?: boolean } = {}): void {
  for (const [id, schema] of def.resources) ajv.addSchema((options.annotations ?? true ? schema : stripAnnotations(schema)) as object, id);
}
