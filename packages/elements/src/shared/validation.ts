/**
 * What the form needs from a validator, and how our error keywords map onto
 * the browser's `ValidityState` flags for form association.
 *
 * The form never compiles schemas itself (ajv compiles with `new Function`,
 * which a strict Content-Security-Policy forbids): it is given a validator,
 * normally a precompiled module of `@bieumau/validator` for the definition.
 * @module
 */
import { fieldReference } from '@bieumau/core';
import type { FieldNode, FormModel, Lang, ReportError } from '@bieumau/core';
import type { ValidationResult } from './events.js';
import { t } from './strings.js';
import type { StringKey } from './strings.js';

/** Options passed to a validator. */
export interface ValidateOptions {
  lang: Lang;
}

/**
 * A validator for one definition. `validate` checks a whole report;
 * `validateField`, when present, re-checks only what an edit at `pointer`
 * can change (the field, its row, and the rules that read it) and returns
 * every problem in that scope, so the form can replace the old ones.
 */
export interface ReportValidator {
  validate(report: unknown, options: ValidateOptions): ValidationResult | Promise<ValidationResult>;
  validateField?(report: unknown, pointer: string, options: ValidateOptions): FieldValidation | Promise<FieldValidation>;
  /** What the validator knows about its rules; lets a row rule re-run for one row replace only that row's problems. */
  readonly data?: { rules?: readonly ValidatorRuleInfo[] };
}

/**
 * The outcome of an incremental check (`@bieumau/validator`'s
 * `FieldValidationResult`): problems at or under `scope.pointer`, and of the
 * rules in `scope.rules`, replace the previous ones.
 */
export interface FieldValidation extends ValidationResult {
  scope: { pointer: string; rules: string[] };
}

/** A rule as the validator describes it. */
export interface ValidatorRuleInfo {
  id: string;
  /** Pointer of the node the rule is evaluated at (the table, for row rules). */
  node: string;
  perRow: boolean;
}

/** The keyword of problems found while reading typed text (before validation). */
export const INPUT_KEYWORD_PREFIX = 'input.';

/** A problem with what a person typed, as a {@link ReportError} with a message. */
export function inputProblem(model: FormModel | undefined, node: FieldNode | undefined, pointer: string, reason: string, text: string, lang: Lang): ReportError {
  const ref = fieldReference(node, lang);
  const msg = t(lang, reason as StringKey, { text });
  return {
    instancePath: pointer,
    keyword: INPUT_KEYWORD_PREFIX + reason.replace(/^parse\./, ''),
    params: { text },
    severity: 'error',
    message: ref ? `${ref}: ${msg}` : msg,
    ...(model ? { schemaPath: node ? `${node.location.resource}#${node.location.pointer}` : undefined } : {}),
  };
}

/**
 * `ValidityState` flag for an error keyword. Schema keywords map to the
 * flag a native control would set; typed text we could not read is
 * `badInput`; rules and our own keywords are `customError`.
 */
export function validityFlag(keyword: string): keyof ValidityStateFlags {
  if (keyword.startsWith(INPUT_KEYWORD_PREFIX)) return 'badInput';
  switch (keyword) {
    case 'required':
    case 'bmEvidenceRequired':
    case 'bmNotApplicableReason':
    case 'minItems':
      return 'valueMissing';
    case 'minimum':
    case 'exclusiveMinimum':
      return 'rangeUnderflow';
    case 'maximum':
    case 'exclusiveMaximum':
      return 'rangeOverflow';
    case 'maxLength':
    case 'maxItems':
      return 'tooLong';
    case 'minLength':
      return 'tooShort';
    case 'pattern':
      return 'patternMismatch';
    case 'type':
    case 'format':
    case 'enum':
    case 'const':
      return 'typeMismatch';
    case 'multipleOf':
      return 'stepMismatch';
    default:
      return 'customError';
  }
}

/** The validity flags for a list of errors (warnings never make a report invalid). */
export function validityFlags(errors: readonly ReportError[]): ValidityStateFlags {
  const flags: ValidityStateFlags = {};
  for (const e of errors) if (e.severity === 'error') flags[validityFlag(e.keyword)] = true;
  return flags;
}

/**
 * The field pointer and part an error is about. Errors on the root maps
 * `/notApplicable/<escaped pointer>` and `/evidence/<escaped pointer>` are
 * about that field's N/A reason or evidence link.
 */
export function errorTarget(instancePath: string, keyword = ''): { pointer: string; part: 'value' | 'notApplicable' | 'evidence' } {
  const m = /^\/(notApplicable|evidence)\/(.+)$/.exec(instancePath);
  if (m) {
    const pointer = m[2]!.replace(/~1/g, '/').replace(/~0/g, '~');
    return { pointer, part: m[1] as 'notApplicable' | 'evidence' };
  }
  if (keyword === 'bmEvidenceRequired' || keyword === 'bmEvidence') return { pointer: instancePath, part: 'evidence' };
  if (keyword === 'bmNotApplicableReason' || keyword === 'bmNotApplicable') return { pointer: instancePath, part: 'notApplicable' };
  return { pointer: instancePath, part: 'value' };
}
