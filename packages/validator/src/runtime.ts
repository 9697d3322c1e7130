/**
 * `@bieumau/validator/runtime` — what a precompiled validator module imports:
 * the engine without ajv's compiler, so a browser bundle carries no code
 * generator and never evaluates strings.
 * @module
 */
import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import * as equalModule from 'ajv/dist/runtime/equal.js';
import { pick } from './interop.js';

export { createEngine } from './engine.js';
export { expandData } from './compact.js';
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
