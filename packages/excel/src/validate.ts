/**
 * One call from bytes to a checked report: read the workbook, then run the
 * validator on the report. `@bieumau/validator` is imported dynamically, so
 * this package neither loads it until needed nor fails to load without it.
 * @module
 */
import type { Definition, Lang, ReportError } from '@bieumau/core';
import { readWorkbookWith } from './read.js';
import type { ReadOptions, ReadResult, StreamLoader } from './read.js';

/** The validator's entry point, as `@bieumau/validator` exports it. */
export type ValidateFn = (
  report: unknown,
  options: { definition?: Definition; lang?: Lang },
) => Promise<{ ok: boolean; errors: ReportError[]; warnings: ReportError[] }> | { ok: boolean; errors: ReportError[]; warnings: ReportError[] };

/** Options of {@link readAndValidate}. */
export interface ReadAndValidateOptions extends ReadOptions {
  /** The validator to use; defaults to `validate` of `@bieumau/validator`, loaded on demand. */
  validate?: ValidateFn;
}

/** The outcome of {@link readAndValidate}: the read result plus the validator's findings. */
export interface ReadAndValidateResult extends ReadResult {
  /** Errors from reading and from validation together (reading first). */
  errors: ReportError[];
  /** Warnings from reading and from validation together. */
  warnings: ReportError[];
  /** Whether validation ran (it does not when the workbook could not be read). */
  validated: boolean;
}

async function defaultValidate(): Promise<ValidateFn> {
  const mod = (await import('@bieumau/validator')) as unknown as { validate?: ValidateFn };
  if (typeof mod.validate !== 'function') throw new TypeError('@bieumau/validator does not export validate()');
  return mod.validate;
}

/**
 * Reads a workbook and validates the report it holds. Validation errors keep
 * their own shape, plus the sheet and cell of the value they are about.
 * (The package entries
 * export it as `readAndValidate`, with the loader their platform has).
 */
export async function readAndValidateWith(bytes: Uint8Array | ArrayBuffer, options: ReadAndValidateOptions, stream?: StreamLoader): Promise<ReadAndValidateResult> {
  const read = await readWorkbookWith(bytes, options, stream);
  const readErrors = read.diagnostics.filter((d) => d.severity === 'error');
  const readWarnings = read.diagnostics.filter((d) => d.severity === 'warning');
  if (!read.report || !read.definition) {
    return { ...read, errors: readErrors, warnings: readWarnings, validated: false };
  }
  const validate = options.validate ?? (await defaultValidate());
  const v = await validate(read.report, { definition: read.definition, lang: options.lang ?? 'vi' });
  // Send the user to the cell: validation errors get the sheet and cell the value was read from.
  const locate = (e: ReportError): ReportError => {
    const at = e.sheet ? undefined : read.locate?.(e.instancePath);
    return at ? { ...e, ...at } : e;
  };
  const errors = [...readErrors, ...v.errors.map(locate)];
  const warnings = [...readWarnings, ...v.warnings.map(locate)];
  return { ...read, ok: errors.length === 0, errors, warnings, validated: true };
}
