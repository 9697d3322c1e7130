/**
 * The streaming half of the exceljs adapter (Node only, not in the browser
 * entry): exceljs's `WorkbookReader` parses sheets row by row. A sheet a
 * {@link SheetHandler} claims (a table, once the metadata sheet is known)
 * goes row by row to the reader and is never kept; of any other sheet only a
 * compact copy of each non-empty cell is kept. Merges are not reported by the
 * streaming parser (a merged-away cell simply reads blank) and hyperlink
 * targets are not joined to cells; the full load keeps both, and is used
 * for ordinary sizes.
 * @module
 */
import { createRequire } from 'node:module';
import { PassThrough, Readable } from 'node:stream';
import type { BookView, CellLike, RowSink, SheetHandler, SheetView, SinkFactory, XWorkbook } from './adapter.js';

async function exceljs(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') } & typeof import('exceljs');
  return mod.default ?? mod;
}

let zipWriterFixed = false;

/**
 * Works around an exceljs bug in Node: its in-memory writer hands each XML
 * part to JSZip as a string, and JSZip encodes a string 16 K UTF-16 units at
 * a time, so a character outside the Basic Multilingual Plane (an emoji, a
 * rare CJK character) cut at a block boundary is written as two U+FFFD.
 * exceljs encodes the whole string first in browsers only; this does the
 * same in Node, by wrapping its `ZipWriter.append` (once, idempotent).
 */
export function fixZipWriterEncoding(): void {
  if (zipWriterFixed) return;
  zipWriterFixed = true;
  type Append = (this: unknown, data: unknown, options?: { base64?: boolean; name: string }) => void;
  const mod = createRequire(import.meta.url)('exceljs/lib/utils/zip-stream.js') as { ZipWriter?: { prototype: { append: Append } } };
  const proto = mod.ZipWriter?.prototype;
  if (!proto || typeof proto.append !== 'function') return;
  const append = proto.append;
  proto.append = function (data, options) {
    return append.call(this, typeof data === 'string' && !options?.base64 ? Buffer.from(data, 'utf8') : data, options);
  };
}

/**
 * A workbook written with exceljs's streaming writer: committed rows and
 * sheets leave memory at once, so a 20,000-row table is written with
 * bounded memory. The zip is stored uncompressed; it is re-packed
 * deterministically afterwards.
 */
export const streamingSink: SinkFactory = async (date) => {
  const E = await exceljs();
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (b: Buffer) => chunks.push(b));
  const wb = new E.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true, zip: { store: true } } as never);
  const w = wb as unknown as { created: Date; modified: Date };
  w.created = date;
  w.modified = date;
  return {
    wb: wb as unknown as XWorkbook,
    streaming: true,
    async finish() {
      await wb.commit();
      const buf = Buffer.concat(chunks);
      // The joined copy is all that is needed now: let the chunks go.
      chunks.length = 0;
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
  };
};

interface StreamRow {
  number: number;
  eachCell(opts: { includeEmpty: boolean }, fn: (cell: { value: unknown; numFmt?: unknown; text?: unknown; hyperlink?: unknown }, col: number) => void): void;
}

/** Rows shown to {@link SheetHandler.claim} before a sheet is kept: the key rows of a table sit well within them. */
const HEAD_ROWS = 60;

function sheetView(name: string, rows: (CellLike | undefined)[][], rowCount: number): SheetView {
  return {
    name,
    rowCount,
    cell: (r, c) => rows[r]?.[c],
    rowCells: (r) => {
      const out: [number, CellLike][] = [];
      rows[r]?.forEach((cell, col) => cell && out.push([col, cell]));
      return out;
    },
  };
}

/**
 * Parses `.xlsx` bytes (prepared by `asciiXmlParts`) with exceljs's streaming
 * reader into a {@link BookView}. With a `handler`, a sheet it claims from
 * its first rows is interpreted as it streams and not kept.
 */
export async function streamBook(bytes: Uint8Array, handler?: SheetHandler): Promise<BookView> {
  const E = await exceljs();
  // Fed in 64 KB chunks: given one big buffer, the unzipper hands a stored
  // part to the XML parser in one piece, and exceljs then holds every row of
  // the sheet at once.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks = function* () {
    for (let i = 0; i < buf.length; i += 65_536) yield buf.subarray(i, Math.min(buf.length, i + 65_536));
  };
  const reader = new E.stream.xlsx.WorkbookReader(Readable.from(chunks()), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // workbook.xml comes before the sheets (asciiXmlParts puts it first).
  const props = () => (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
  const model = () => (reader as unknown as { model?: { sheets?: { name?: string }[] } }).model;
  const sheets: SheetView[] = [];
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<StreamRow> & { name: string }>) {
    const date1904 = Boolean(props()?.model?.date1904);
    // One array per row (index = column): far lighter than a map per row.
    const rows: (CellLike | undefined)[][] = [];
    let rowCount = 0;
    let sink: RowSink | undefined;
    let asking = handler !== undefined;
    for await (const row of ws) {
      if (asking && row.number > HEAD_ROWS) {
        asking = false;
        sink = claim(handler!, sheetView(ws.name, rows, rowCount), date1904, true, rows);
      }
      let cells: (CellLike | undefined)[] | undefined;
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const value = cell.value === undefined && cell.text !== undefined ? { text: cell.text, hyperlink: cell.hyperlink } : cell.value;
        if (value === null || value === undefined) return;
        const numFmt = typeof cell.numFmt === 'string' && cell.numFmt !== 'General' ? cell.numFmt : undefined;
        (cells ??= [])[col] = numFmt === undefined ? { value } : { value, numFmt };
      });
      if (!cells) continue;
      rowCount = Math.max(rowCount, row.number);
      if (sink) {
        sink.row(row.number, cells);
        continue;
      }
      rows[row.number] = cells;
      if (asking) {
        sink = claim(handler!, sheetView(ws.name, rows, rowCount), date1904, false, rows);
        if (sink) asking = false;
      }
    }
    const view = sheetView(ws.name, rows, rowCount);
    if (sink) view.claimed = true;
    sheets.push(view);
    if (!sink) await handler?.kept(view, date1904);
  }
  // Parts are streamed smallest sheet first; the view lists sheets in tab order.
  const order = (model()?.sheets ?? []).map((s) => s.name);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  sheets.sort((a, b) => rank(a.name) - rank(b.name));
  return { sheets, date1904: Boolean(props()?.model?.date1904) };
}

/** Asks the handler for a sheet; a sink it returns first gets the rows already shown. */
function claim(handler: SheetHandler, head: SheetView, date1904: boolean, complete: boolean, rows: (CellLike | undefined)[][]): RowSink | undefined {
  const sink = handler.claim(head, date1904, complete);
  if (sink) rows.forEach((cells, n) => cells && sink.row(n, cells));
  return sink;
}
