/**
 * `@bieumau/validator/runtime` — what a precompiled validator module imports:
 * the engine without ajv's compiler, so a browser bundle carries no code
 * generator and never evaluates strings.
 * @module
 */
import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import * as equalModule from 'ajv/dist/runtime/equal.js';
import { pick } from './interop.js';
import type { SchemaErrorLike } from './engine.js';

export { createEngine } from './engine.js';
export { expandData } from './compact.js';
export { rowChecks } from './rule-code.js';
export { formatDate, formatUri } from './formats.js';
// Only a module using a format without an ES copy in formats.ts pulls in ajv-formats (sideEffects: false lets bundlers drop it otherwise).
export { fullFormats } from './full-formats.js';

/*
 * ajv's runtime helpers as ESM, for the code precompiled modules contain
 * (ajv emits `require(...)` for them; the precompile step rewrites those to
 * these exports, so a bundle takes only the ones its validators use).
 */
/** ajv's `ucs2length` (string length in code points, for `minLength`/`maxLength`). */
export const ucs2length = /* @__PURE__ */ pick<(s: string) => number>(ucs2lengthModule, 'default');
/** ajv's deep equality (`enum`, `const`, `uniqueItems` on objects). */
export const equal = /* @__PURE__ */ pick<(a: unknown, b: unknown) => boolean>(equalModule, 'default');
/**
 * Appends the error `{ instancePath, keyword, params }` to ajv's error list
 * (`null` before the first) and returns the list: the shortened error sites
 * of precompiled code (`shortenErrorSites`) call this.
 */
export function addError(list: SchemaErrorLike[] | null, instancePath: string, keyword: string, params: Record<string, unknown>): SchemaErrorLike[] {
  return addErrorObject(list, { instancePath, keyword, params });
}

/** {@link addError} with the error's `schemaPath` (sites whose path precompiling could not leave out). */
export function addErrorAt(list: SchemaErrorLike[] | null, instancePath: string, schemaPath: string, keyword: string, params: Record<string, unknown>): SchemaErrorLike[] {
  return addErrorObject(list, { instancePath, schemaPath, keyword, params });
}

/** Appends an error object to ajv's error list (`null` before the first) and returns the list. */
export function addErrorObject(list: SchemaErrorLike[] | null, error: SchemaErrorLike): SchemaErrorLike[] {
  if (list === null) return [error];
  list.push(error);
  return list;
}

export type {
  FieldValidationResult,
  SchemaErrorLike,
  SchemaValidateFunction,
  SchemaValidators,
  ValidateOptions,
  ValidationResult,
  Validator,
} from './engine.js';
export type { NodeData, RuleData, ValidatorData } from './data.js';
export type { CompactData, CompactNode, CompactRule } from './compact.js';
export type { SchemaPathTable } from './schema-paths.js';
