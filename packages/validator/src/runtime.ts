/**
 * `@bieumau/validator/runtime` — what a precompiled validator module imports:
 * the engine without ajv's compiler, so a browser bundle carries no code
 * generator and never evaluates strings.
 * @module
 */
export { createEngine } from './engine.js';
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
