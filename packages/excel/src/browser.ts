/**
 * `@bieumau/excel/browser` — the same API for web forms: no Node built-ins in
 * its module graph, and exceljs (its browser build) loads only when a
 * workbook is read or written, so a page can import this eagerly or lazily.
 * @packageDocumentation
 */
export * from './index.js';
