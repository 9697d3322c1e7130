/**
 * `@bieumau/excel` — the Excel view of a bieumau report: the official
 * template out ({@link createTemplate}), a filled workbook out
 * ({@link writeWorkbook}), a workbook in ({@link readWorkbook}) with located
 * diagnostics, and {@link readAndValidate} doing both reading and validation.
 * Runs in Node and in browsers; exceljs loads on first use.
 * @packageDocumentation
 */
export { createTemplate, writeWorkbook } from './template.js';
export type { TemplateOptions, WriteOptions } from './template.js';
export { readWorkbook } from './read.js';
export type { DefinitionFinder, ReadOptions, ReadResult, WorkbookInfo } from './read.js';
export { readAndValidate } from './validate.js';
export type { ReadAndValidateOptions, ReadAndValidateResult, ValidateFn } from './validate.js';
export { checkArchive, DEFAULT_LIMITS } from './zip.js';
export type { ArchiveLimits, ArchiveProblem } from './zip.js';
export { sheetName, computeLayout, layoutMap } from './layout.js';
export type { Layout, MainRow, TableLayout, MapEntry } from './layout.js';
export { renderMessage } from './messages.js';
export type { ExcelKeyword } from './messages.js';
export { definitionHash } from './hash.js';
