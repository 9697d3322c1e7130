/**
 * The one module that touches exceljs. Every other module sees exceljs only
 * through the types and functions exported here, so a maintained fork (exceljs
 * 4.4.0 of early 2024 is the last release) can replace it by changing this
 * file alone. exceljs is loaded with a dynamic `import()` so a web form that
 * imports `@bieumau/excel/browser` pays for it only when a workbook is read or
 * written (bundlers pick exceljs's own browser build through its `browser`
 * field).
 * @module
 */
import type * as ExcelJSTypes from 'exceljs';

/** An exceljs workbook. */
export type XWorkbook = ExcelJSTypes.Workbook;
/** An exceljs worksheet. */
export type XWorksheet = ExcelJSTypes.Worksheet;
/** An exceljs cell. */
export type XCell = ExcelJSTypes.Cell;
/** An exceljs row. */
export type XRow = ExcelJSTypes.Row;
/** An exceljs cell value (plain, rich text, hyperlink, formula, error…). */
export type XCellValue = ExcelJSTypes.CellValue;
/** An exceljs data validation. */
export type XDataValidation = ExcelJSTypes.DataValidation;
/** An exceljs style. */
export type XStyle = Partial<ExcelJSTypes.Style>;

type ExcelJSModule = typeof ExcelJSTypes;

let loading: Promise<ExcelJSModule> | undefined;

/** Loads exceljs once. Works with its CommonJS build (Node) and its browser bundle. */
function lib(): Promise<ExcelJSModule> {
  loading ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelJSModule }).default ?? (m as unknown as ExcelJSModule)));
  return loading;
}

/** A new, empty workbook. */
export async function newWorkbook(): Promise<XWorkbook> {
  const E = await lib();
  return new E.Workbook();
}

/**
 * Parses `.xlsx` bytes. Throws whatever the library throws (callers wrap it:
 * exceljs raises `TypeError`s on unusual producers).
 */
export async function loadWorkbook(bytes: Uint8Array): Promise<XWorkbook> {
  const E = await lib();
  const wb = new E.Workbook();
  // exceljs's typings want a Node Buffer; at run time it hands the bytes to
  // JSZip, which takes any Uint8Array (so this works in browsers too).
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Serialises a workbook to `.xlsx` bytes (a plain `Uint8Array`, also in Node). */
export async function saveWorkbook(wb: XWorkbook): Promise<Uint8Array> {
  const out = await wb.xlsx.writeBuffer();
  const view = out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** exceljs value-type numbers, so callers need not import the library for them. */
export const ValueType = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  SharedString: 7,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;

/**
 * Adds a data validation to a cell or a rectangular range (`C10:C2009`).
 * exceljs keeps validations in a per-address model its typings do not
 * expose; a range key is written as one `sqref`.
 */
export function addValidation(ws: XWorksheet, range: string, v: XDataValidation): void {
  (ws as unknown as { dataValidations: { add(address: string, v: XDataValidation): void } }).dataValidations.add(range, v);
}

/** Sheet protection permissions (everything not listed stays forbidden). */
export interface Permissions {
  formatColumns?: boolean;
  formatRows?: boolean;
  insertRows?: boolean;
  deleteRows?: boolean;
}

/**
 * Protects a sheet without a password: locked cells (labels, headers) cannot
 * be edited by accident, unlocked input cells can. No password means no random
 * salt, so the bytes stay deterministic (and a password would not be security).
 */
export async function protectSheet(ws: XWorksheet, p: Permissions): Promise<void> {
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatCells: false,
    formatColumns: p.formatColumns ?? false,
    formatRows: p.formatRows ?? false,
    insertRows: p.insertRows ?? false,
    deleteRows: p.deleteRows ?? false,
    insertColumns: false,
    deleteColumns: false,
    sort: false,
    autoFilter: false,
    pivotTables: false,
  });
}
