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

/** A workbook being written, and how to finish it into `.xlsx` bytes. */
export interface WorkbookSink {
  wb: XWorkbook;
  /** Rows and sheets are flushed as they are committed (Node streaming writer). */
  streaming: boolean;
  finish(): Promise<Uint8Array>;
}

/** Makes a {@link WorkbookSink}; the Node entry passes a streaming one for large tables. */
export type SinkFactory = (date: Date) => Promise<WorkbookSink>;

/** A new, empty workbook held in memory (works everywhere). */
export const memorySink: SinkFactory = async (date) => {
  const E = await lib();
  const wb = new E.Workbook();
  wb.created = date;
  wb.modified = date;
  return { wb, streaming: false, finish: () => saveWorkbook(wb) };
};

/** Writes a finished sheet out (streaming writer); nothing to do for an in-memory workbook. */
export function commitSheet(ws: XWorksheet): void {
  (ws as unknown as { commit?: () => void }).commit?.();
}

const IGNORED = ['dataValidations', 'conditionalFormatting', 'extLst', 'pageSetup', 'headerFooter', 'printOptions', 'pageMargins', 'rowBreaks', 'autoFilter', 'sheetProtection', 'drawing', 'picture', 'tableParts'];

/**
 * Parses `.xlsx` bytes. Throws whatever the library throws (callers wrap it:
 * exceljs raises `TypeError`s on unusual producers).
 */
export async function loadWorkbook(bytes: Uint8Array): Promise<XWorkbook> {
  const E = await lib();
  const wb = new E.Workbook();
  // exceljs's typings want a Node Buffer; at run time it hands the bytes to
  // JSZip, which takes any Uint8Array (so this works in browsers too).
  // Parts a reader never needs are skipped: less work and memory, and fewer
  // places for an odd producer's drawing or extension to trip exceljs.
  // In Node a Buffer view (no copy) lets JSZip use its Buffer reader; given a
  // plain Uint8Array it first walks every byte of the archive.
  const B = (globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, n: number): Uint8Array } }).Buffer;
  const input = B ? B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
  await wb.xlsx.load(input as unknown as ArrayBuffer, { ignoreNodes: IGNORED } as never);
  return wb;
}

/** Serialises a workbook to `.xlsx` bytes (a plain `Uint8Array`, also in Node). */
export async function saveWorkbook(wb: XWorkbook): Promise<Uint8Array> {
  // Stored, not deflated: the archive is re-packed deterministically afterwards.
  const out = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as never);
  const view = out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** What the reader needs of a cell: its value, number format, and the cell it was merged into. */
export interface CellLike {
  value: unknown;
  numFmt?: string | undefined;
  /** Address of the master cell when this cell is part of a merge and not its top-left. */
  mergedInto?: string | undefined;
}

/** A worksheet as the reader sees it, loaded whole or streamed. */
export interface SheetView {
  name: string;
  /** Last row number with content. */
  rowCount: number;
  cell(row: number, col: number): CellLike | undefined;
  /** The non-empty cells of a row, by column number. */
  rowCells(row: number): [number, CellLike][];
  /** Only the first rows are here: the rest streamed to a {@link SheetHandler}'s sink. */
  claimed?: boolean;
}

/** Takes the rows of a sheet as they are parsed (streaming reader); rows come in ascending order. */
export interface RowSink {
  /** One row's non-empty cells, indexed by column number. */
  row(row: number, cells: readonly (CellLike | undefined)[]): void;
}

/**
 * Lets the reader interpret sheets while they stream, so a large table is
 * never held whole. The streaming loader shows each sheet's first rows to
 * {@link claim}; a claimed sheet's rows go to the returned sink and are not
 * kept (its {@link SheetView} then holds only those first rows, `claimed`).
 * Every sheet not claimed is kept and passed to {@link kept} once complete.
 */
export interface SheetHandler {
  /** A complete, kept sheet (the metadata sheet, the form sheet…). */
  kept(sheet: SheetView, date1904: boolean): Promise<void> | void;
  /**
   * The rows of a sheet seen so far (`complete`: no more will be shown before
   * the loader keeps the sheet). Return a sink to take the sheet's rows —
   * those already shown are replayed to it first — or nothing to be asked again.
   */
  claim(head: SheetView, date1904: boolean, complete: boolean): RowSink | undefined;
}

/** A workbook as the reader sees it. */
export interface BookView {
  sheets: SheetView[];
  /** The workbook uses the 1904 date system (old Mac Excel). */
  date1904: boolean;
}

function cellLike(cell: XCell | undefined): CellLike | undefined {
  if (!cell) return undefined;
  const like: CellLike = { value: cell.value, numFmt: typeof cell.numFmt === 'string' ? cell.numFmt : undefined };
  if (cell.type === ValueType.Merge) {
    const master = cell.master;
    if (master && master.address !== cell.address) like.mergedInto = master.address;
  }
  return like;
}

/** Wraps a loaded exceljs workbook as a {@link BookView}. */
export function viewOf(wb: XWorkbook): BookView {
  return {
    date1904: Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904),
    sheets: wb.worksheets.map((ws) => ({
      name: ws.name,
      rowCount: ws.rowCount,
      cell: (r, c) => cellLike(ws.findCell(r, c)),
      rowCells: (r) => {
        const out: [number, CellLike][] = [];
        ws.findRow(r)?.eachCell({ includeEmpty: false }, (cell, col) => out.push([col, cellLike(cell)!]));
        return out;
      },
    })),
  };
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
