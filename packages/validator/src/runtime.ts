/**
 * `@bieumau/validator/runtime` — what a precompiled validator module imports:
 * the engine without ajv's compiler, so a browser bundle carries no code
 * generator and never evaluates strings.
 * @module
 */
import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import * as equalModule from 'ajv/dist/runtime/equal.js';
import * as formatsModule from 'ajv-formats/dist/formats.js';

export { createEngine } from './engine.js';

/**
 * Picks a CommonJS export whichever interop the importer applies (Node gives
 * `module.exports` as `default`; bundlers may unwrap `__esModule` modules).
 */
function pick<T>(ns: unknown, name: string): T {
  const n = ns as Record<string, unknown>;
  const direct = n[name];
  if (direct !== undefined && (name !== 'default' || typeof direct === 'function')) return direct as T;
  const d = n.default as Record<string, unknown> | undefined;
  return (name === 'default' ? d?.default ?? d : d?.[name]) as T;
}

/**
 * ajv's runtime helpers as ESM, for the code precompiled modules contain
 * (ajv emits `require(...)` for them; the precompile step rewrites those
 * to this object).
 */
export const ajvRuntime = {
  ucs2length: pick<(s: string) => number>(ucs2lengthModule, 'default'),
  equal: pick<(a: unknown, b: unknown) => boolean>(equalModule, 'default'),
  fullFormats: pick<Record<string, unknown>>(formatsModule, 'fullFormats'),
};
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
