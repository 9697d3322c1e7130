/**
 * `@bieumau/excel` — the Excel view of a bieumau report: the official
 * template out ({@link createTemplate}), a filled workbook out
 * ({@link writeWorkbook}), a workbook in ({@link readWorkbook}) with located
 * diagnostics, and {@link readAndValidate} doing both reading and validation.
 * This is the Node entry (it can stream large sheets); web forms import
 * `@bieumau/excel/browser`, the same API without Node built-ins.
 * @packageDocumentation
 */
import { fixZipWriterEncoding, streamBook, streamingSink } from './adapter-stream.js';
import type { Definition, FormModel } from '@bieumau/core';
import { readWorkbookWith } from './read.js';
import { writeWorkbookWith } from './template.js';
import type { TemplateOptions, WriteOptions } from './template.js';
import type { ReadOptions, ReadResult } from './read.js';
import { readAndValidateWith } from './validate.js';
import type { ReadAndValidateOptions, ReadAndValidateResult } from './validate.js';

export * from './common.js';

/**
 * Reads a workbook made from a bieumau template: `.xlsx` bytes → the report
 * and diagnostics located by sheet, cell and JSON Pointer. The archive is
 * checked first (size, zip bombs); large sheets are streamed.
 *
 * @example
 * ```ts
 * const { report, diagnostics } = await readWorkbook(bytes, { definition });
 * for (const d of diagnostics) console.log(d.sheet, d.cell, d.message);
 * ```
 */
export function readWorkbook(bytes: Uint8Array | ArrayBuffer, options: ReadOptions = {}): Promise<ReadResult> {
  return readWorkbookWith(bytes, options, streamBook);
}

/**
 * Reads a workbook and runs the validator (`@bieumau/validator`, loaded on
 * demand) on the report: one call from bytes to every error, each with its
 * sheet and cell.
 */
export function readAndValidate(bytes: Uint8Array | ArrayBuffer, options: ReadAndValidateOptions = {}): Promise<ReadAndValidateResult> {
  return readAndValidateWith(bytes, options, streamBook);
}

/**
 * Produces the blank template of a definition as `.xlsx` bytes: the form
 * sheet, one sheet per table, validations, protection, print setup, and the
 * hidden metadata sheet. Deterministic: the same definition and options give
 * the same bytes.
 *
 * @example
 * ```ts
 * const bytes = await createTemplate(definition, { lang: 'vi' });
 * ```
 */
export function createTemplate(definition: Definition | FormModel, options: TemplateOptions = {}): Promise<Uint8Array> {
  fixZipWriterEncoding();
  return writeWorkbookWith(undefined, definition, options, streamingSink);
}

/**
 * Produces the template filled with a report. The same report always gives
 * the same bytes. Values a cell cannot hold as is (control characters, text
 * over 32,767 characters) are cleaned and reported through `onDiagnostic`. Tables of more than 5,000 rows in all are written with the streaming writer (bounded memory).
 */
export function writeWorkbook(report: unknown, definition: Definition | FormModel, options: WriteOptions = {}): Promise<Uint8Array> {
  fixZipWriterEncoding();
  return writeWorkbookWith(report ?? {}, definition, options, streamingSink);
}
