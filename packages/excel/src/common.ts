/**
 * What both entries (Node and browser) export unchanged.
 * @module
 */
export type { TemplateOptions, WriteOptions } from './template.js';
export type { DefinitionFinder, ReadOptions, ReadResult, WorkbookInfo } from './read.js';
export type { ReadAndValidateOptions, ReadAndValidateResult, ValidateFn } from './validate.js';
export { checkArchive, inspectArchive, DEFAULT_LIMITS } from './zip.js';
export type { ArchiveLimits, ArchiveProblem, ArchiveReport } from './zip.js';
export { sheetName, computeLayout, layoutMap } from './layout.js';
export type { Layout, MainRow, MainColumns, TableLayout, MapEntry } from './layout.js';
export { renderMessage } from './messages.js';
export type { ExcelKeyword } from './messages.js';
export { definitionHash } from './hash.js';
