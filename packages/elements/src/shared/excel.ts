/**
 * The Excel codec, loaded only when a person imports or exports a workbook:
 * exceljs is large, and a form that is only typed into never pays for it.
 * Bundlers split the dynamic `import()` into its own chunk.
 * @module
 */
import type { Definition, Lang, ReportError } from '@bieumau/core';

/** The part of `@bieumau/excel` the form uses. */
export interface ExcelCodec {
  readWorkbook(
    input: Uint8Array | ArrayBuffer,
    options?: { definition?: Definition; lang?: Lang },
  ): Promise<{ ok: boolean; report?: Record<string, unknown>; diagnostics: ReportError[] }>;
  writeWorkbook(report: unknown, definition: Definition, options?: { lang?: Lang }): Promise<Uint8Array>;
}

/** Loads `@bieumau/excel` (its browser entry) on demand. */
export function loadExcel(): Promise<ExcelCodec> {
  return import('@bieumau/excel/browser') as Promise<ExcelCodec>;
}
