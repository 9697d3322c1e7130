/**
 * `@bieumau/validator` — validates a bieumau report: JSON Schema (ajv,
 * draft 2020-12, formats in full mode) plus the definition's declarative
 * cross-field rules, value states (not applicable, evidence), located errors
 * with Vietnamese and English messages, incremental validation of one field
 * or row, and checks for definition maintainers. Browsers use precompiled
 * modules (`@bieumau/validator/precompile` writes them) with the same API.
 * @packageDocumentation
 */
export { createValidator, validate, validatorFor } from './validator.js';
export type { ValidateReportOptions } from './validator.js';
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
export { buildValidatorData, defaultRequires } from './data.js';
export type { NodeData, RuleData, ValidatorData } from './data.js';
export { MESSAGES, formatValue, interpolate, keywordMessage } from './messages.js';
export type { MessageField } from './messages.js';
export { inspectInput, MAX_DEPTH } from './inspect.js';
export type { InputProblem, Inspection } from './inspect.js';
export { AJV_OPTIONS, addDefinition, createAjv, stripAnnotations } from './ajv.js';
export { validateDefinition } from './definition-check.js';
export type { DefinitionCheckOptions } from './definition-check.js';
export { boundsLength, checkPattern } from './regex.js';
export type { PatternCheck } from './regex.js';
