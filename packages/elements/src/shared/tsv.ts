/**
 * Reading the tab-separated text Excel (and LibreOffice, Google Sheets) put on
 * the clipboard: cells separated by tabs, rows by line breaks, and a cell
 * holding a line break or a quote written in double quotes with `""` escapes.
 * @module
 */

/** Upper bound of rows read from one paste, so a runaway clipboard cannot hang the page. */
export const MAX_PASTE_ROWS = 20_000;

/** Splits clipboard text into rows of cells. A trailing line break (Excel adds one) makes no empty row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // Quoted cell: runs to the closing quote not followed by another quote.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += c;
        j++;
      }
      if (closed && (j >= n || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: read the quote literally.
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      if (rows.length >= MAX_PASTE_ROWS) return rows;
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
