/**
 * `@bieumau/excel/browser` — the same API for web forms, with no Node
 * built-ins in its module graph. exceljs (its browser build) loads only when
 * a workbook is read or written, so a page can import this module eagerly
 * and still pay for exceljs only on import/export. Sheets are always parsed
 * whole here (the streaming reader needs Node streams).
 * @packageDocumentation
 */
import type { Definition, FormModel } from '@bieumau/core';
import { readWorkbookWith } from './read.js';
import { writeWorkbookWith } from './template.js';
import type { TemplateOptions, WriteOptions } from './template.js';
import type { ReadOptions, ReadResult } from './read.js';
import { readAndValidateWith } from './validate.js';
import type { ReadAndValidateOptions, ReadAndValidateResult } from './validate.js';

export * from './common.js';

/** Reads a workbook made from a bieumau template (see the Node entry's `readWorkbook`). */
export function readWorkbook(bytes: Uint8Array | ArrayBuffer, options: ReadOptions = {}): Promise<ReadResult> {
  return readWorkbookWith(bytes, options);
}

/** Reads a workbook and validates its report (see the Node entry's `readAndValidate`). */
export function readAndValidate(bytes: Uint8Array | ArrayBuffer, options: ReadAndValidateOptions = {}): Promise<ReadAndValidateResult> {
  return readAndValidateWith(bytes, options);
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
  return writeWorkbookWith(undefined, definition, options);
}

/**
 * Produces the template filled with a report. The same report always gives
 * the same bytes. Values a cell cannot hold as is (control characters, text
 * over 32,767 characters) are cleaned and reported through `onDiagnostic`.
 */
export function writeWorkbook(report: unknown, definition: Definition | FormModel, options: WriteOptions = {}): Promise<Uint8Array> {
  return writeWorkbookWith(report ?? {}, definition, options);
}
