/**
 * The runtime validator: ajv compiles the definition's schemas when the
 * validator is created (Node, back ends, tools); the precompiled modules
 * (see `@bieumau/validator/precompile`) give browsers the same validator
 * without compiling code.
 * @module
 */
import type { Definition, DefinitionRef, Lang, ReportError } from '@bieumau/core';
import { definitionRefOf } from '@bieumau/core';
import type { Registry } from '@bieumau/definitions';
import { registry as publishedRegistry } from '@bieumau/definitions';
import { addDefinition, createAjv } from './ajv.js';
import { processGeneratedCode } from './error-sites.js';
import { rowChecks, rowChecksSource } from './rule-code.js';
import type { RowChecksFactory } from './rule-code.js';
import { buildValidatorData } from './data.js';
import type { ValidatorData } from './data.js';
import { createEngine } from './engine.js';
import type { SchemaValidateFunction, ValidateOptions, ValidationResult, Validator } from './engine.js';
import { keywordMessage } from './messages.js';

const cache = new WeakMap<Definition, Validator>();

/**
 * Creates (or returns the cached) validator of a definition. Throws when the
 * definition's schemas do not compile — definitions are checked by
 * {@link validateDefinition} and the test suite before they are published.
 */
export function createValidator(definition: Definition): Validator {
  const hit = cache.get(definition);
  if (hit) return hit;
  // Error sites shortened as in precompiled modules: the same code, small enough for V8 to optimize (error-sites.ts).
  const ajv = createAjv({ process: processGeneratedCode });
  addDefinition(ajv, definition, { annotations: false });
  const data: ValidatorData = buildValidatorData(definition);
  const root = ajv.getSchema(definition.id) as SchemaValidateFunction | undefined;
  if (!root) throw new Error(`The root schema ${definition.id} did not compile`);
  // This path compiles with ajv, so it evaluates code anyway: the row checks become functions here too.
  const checks = rowChecksSource(data.rules);
  const factory = checks ? (new Function(`return ${checks};`)() as RowChecksFactory) : undefined;
  const validator = createEngine(data, factory ? { root, rowChecks: rowChecks(factory) } : { root });
  cache.set(definition, validator);
  return validator;
}

/** Options of {@link validate}. */
export interface ValidateReportOptions extends ValidateOptions {
  /** Validate against this definition (or validator) instead of the one the report names. */
  definition?: Definition | Validator;
  /** Where to find the definition the report names; default: the published definitions. */
  registry?: Registry;
}

function isValidator(v: Definition | Validator): v is Validator {
  return typeof (v as Validator).validate === 'function';
}

function failure(error: ReportError, lang: Lang): ValidationResult {
  // Registry errors arrive with a Vietnamese message; render ours so English works too.
  const e: ReportError = { ...error, message: `${lang === 'vi' ? 'Báo cáo' : 'Report'}: ${keywordMessage(error.keyword, error.params, undefined, lang)}` };
  return { ok: false, errors: [e], warnings: [] };
}

/**
 * Validates a report: finds the definition it names (`report.definition`:
 * form, version, variant) in the registry, or uses `options.definition`,
 * and returns every located error and warning with messages in
 * `options.lang` (Vietnamese by default). An unknown form or version is a
 * `bmUnknownDefinition` error naming what exists; never a thrown exception.
 */
export async function validate(report: unknown, options: ValidateReportOptions = {}): Promise<ValidationResult> {
  const lang: Lang = options.lang === 'en' ? 'en' : 'vi';
  if (options.definition) {
    const v = isValidator(options.definition) ? options.definition : createValidator(options.definition);
    return v.validate(report, options);
  }
  const reg = options.registry ?? publishedRegistry;
  let lookup;
  try {
    lookup = await reg.forReport(report);
  } catch (e) {
    return failure({ instancePath: '/definition', keyword: 'bmInternal', params: { reason: (e as Error).message }, severity: 'error' }, lang);
  }
  if (!lookup.ok) return failure(lookup.error, lang);
  return createValidator(lookup.definition).validate(report, options);
}

/** Finds the validator of a definition by reference in a registry (default: the published definitions). */
export async function validatorFor(ref: DefinitionRef, registry: Registry = publishedRegistry): Promise<{ ok: true; validator: Validator } | { ok: false; error: ReportError }> {
  const lookup = await registry.find(ref);
  if (!lookup.ok) return lookup;
  return { ok: true, validator: createValidator(lookup.definition) };
}

/** Re-exported so callers can read the reference a report names without importing core. */
export { definitionRefOf };
