/**
 * The streaming half of the exceljs adapter (Node only, not in the browser
 * entry): exceljs's `WorkbookReader` parses sheets row by row, and only a
 * compact copy of each non-empty cell is kept, so a 20,000-row table reads
 * in a fraction of the memory of a full load. Merges are not reported by the
 * streaming parser (a merged-away cell simply reads blank) and hyperlink
 * targets are not joined to cells; the full load keeps both, and is used
 * for ordinary sizes.
 * @module
 */
import { PassThrough, Readable } from 'node:stream';
import type { BookView, CellLike, SheetView, SinkFactory, XWorkbook } from './adapter.js';

async function exceljs(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') } & typeof import('exceljs');
  return mod.default ?? mod;
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
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
  };
};

interface StreamRow {
  number: number;
  eachCell(opts: { includeEmpty: boolean }, fn: (cell: { value: unknown; numFmt?: unknown; text?: unknown; hyperlink?: unknown }, col: number) => void): void;
}

/** Parses `.xlsx` bytes (prepared by `asciiXmlParts`) with exceljs's streaming reader into a {@link BookView}. */
export async function streamBook(bytes: Uint8Array): Promise<BookView> {
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
  const sheets: SheetView[] = [];
  let date1904 = false;
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<StreamRow> & { name: string }>) {
    // One array per row (index = column): far lighter than a map per row.
    const rows: (CellLike | undefined)[][] = [];
    let rowCount = 0;
    for await (const row of ws) {
      let cells: (CellLike | undefined)[] | undefined;
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const value = cell.value === undefined && cell.text !== undefined ? { text: cell.text, hyperlink: cell.hyperlink } : cell.value;
        if (value === null || value === undefined) return;
        const numFmt = typeof cell.numFmt === 'string' && cell.numFmt !== 'General' ? cell.numFmt : undefined;
        (cells ??= [])[col] = numFmt === undefined ? { value } : { value, numFmt };
      });
      if (cells) {
        rows[row.number] = cells;
        rowCount = Math.max(rowCount, row.number);
      }
    }
    sheets.push({
      name: ws.name,
      rowCount,
      cell: (r, c) => rows[r]?.[c],
      rowCells: (r) => {
        const out: [number, CellLike][] = [];
        rows[r]?.forEach((cell, col) => cell && out.push([col, cell]));
        return out;
      },
    });
  }
  const props = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
  date1904 = Boolean(props?.model?.date1904);
  return { sheets, date1904 };
}
