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
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

/** The ajv options shared by the runtime and the precompile step (`code` is added by the latter). */
export const AJV_OPTIONS: Options = {
  strict: true,
  strictNumbers: true,
  allErrors: true,
  $data: false,
  messages: false,
};

/** Creates an ajv instance configured for bieumau definitions. */
export function createAjv(code?: CodeOptions): Ajv2020 {
  const ajv = new Ajv2020(code ? { ...AJV_OPTIONS, code } : AJV_OPTIONS);
  addFormats(ajv, { mode: 'full' });
  ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
  return ajv;
}

/** Adds every schema file of a definition to an ajv instance (they reference each other by `$id`). */
export function addDefinition(ajv: Ajv2020, def: Definition): void {
  for (const [id, schema] of def.resources) ajv.addSchema(schema, id);
}
