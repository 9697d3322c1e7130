/**
 * Test support: open a real workbook with exceljs, change it the way a person
 * would, save it again; find the cell of a field by the keys the template
 * writes.
 * @module
 */
import ExcelJS from 'exceljs';

export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;

export async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Opens, edits and saves a workbook. */
export async function edit(bytes: Uint8Array, fn: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<Uint8Array> {
  const wb = await open(bytes);
  await fn(wb);
  return save(wb);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The form sheet (found by its marker). */
export function mainSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => text(w.getCell(1, 1).value) === 'bieumau:main');
  if (!ws) throw new Error('no form sheet');
  return ws;
}

/** The value cell (or `na` / `evidence` cell) of a key on the form sheet. */
export function fieldCell(wb: ExcelJS.Workbook, key: string, role: 'value' | 'na' | 'evidence' = 'value'): ExcelJS.Cell {
  const ws = mainSheet(wb);
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === role) col = n;
  });
  for (let r = 1; r <= ws.rowCount; r++) if (text(ws.getCell(r, 1).value) === key) return ws.getCell(r, col);
  throw new Error(`no row for ${key}`);
}

/** The sheet of a table and its first data row and column numbers by key. */
export function tableSheet(wb: ExcelJS.Workbook, pointer: string): { ws: ExcelJS.Worksheet; first: number; col: (key: string) => number } {
  const ws = wb.worksheets.find((w) => text(w.getCell(1, 1).value) === 'bieumau:table' && text(w.getCell(1, 2).value) === pointer);
  if (!ws) throw new Error(`no sheet for ${pointer}`);
  let keyRow = 0;
  for (let r = 1; r < 40 && !keyRow; r++) if (text(ws.getCell(r, 1).value) === 'bieumau:columns') keyRow = r;
  const cols = new Map<string, number>();
  ws.getRow(keyRow).eachCell((c, n) => {
    if (n > 1 && typeof c.value === 'string') cols.set(c.value, n);
  });
  return {
    ws,
    first: keyRow + 1,
    col: (key) => {
      const n = cols.get(key);
      if (!n) throw new Error(`no column ${key}`);
      return n;
    },
  };
}
