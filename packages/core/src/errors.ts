/**
 * The one error shape every bieumau view reports, modelled on ajv's
 * `ErrorObject` so tools that understand ajv understand ours.
 * @module
 */

/** How serious a problem is: errors block submission, warnings do not. */
export type Severity = 'error' | 'warning';

/** A language bieumau renders messages and labels in. Vietnamese is official. */
export type Lang = 'vi' | 'en';

/**
 * A located problem in a report.
 *
 * `keyword` is the JSON Schema keyword (`required`, `maximum`, …), an
 * annotation keyword of ours (`bmEvidenceRequired`, …), the id of a
 * cross-field rule, or an import/parse code (`excel.…`). `params` carry
 * everything a message needs, so any language can render it.
 */
export interface ReportError {
  /** JSON Pointer (RFC 6901) to the field, row or cell the problem is about. */
  instancePath: string;
  /** Stable code: schema keyword, rule id, or a parser code. */
  keyword: string;
  /** Typed parameters the message is rendered from. */
  params: Record<string, unknown>;
  /** `error` blocks submission; `warning` does not. */
  severity: Severity;
  /** The message in the requested language, naming the field by code and label. */
  message?: string;
  /** Where in the definition the failing keyword or rule is (`<$id>#<pointer>`). */
  schemaPath?: string;
  /** Excel only: the sheet the value came from. */
  sheet?: string;
  /** Excel only: the cell address, e.g. `E12`. */
  cell?: string;
}

/**
 * The result of an operation whose failure is expected (bad input), rather
 * than thrown. `ok` is true when there are no errors; warnings never make it
 * false.
 */
export interface Result<T> {
  ok: boolean;
  value?: T;
  errors: ReportError[];
  warnings: ReportError[];
}

/** Splits a list of problems into a {@link Result}. */
export function toResult<T>(value: T | undefined, problems: readonly ReportError[]): Result<T> {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const result: Result<T> = { ok: errors.length === 0, errors, warnings };
  if (value !== undefined) result.value = value;
  return result;
}
