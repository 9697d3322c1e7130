import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { streamBook } from './adapter-stream.js';
import type { CellLike, SheetHandler, SheetView } from './adapter.js';
import { readWorkbook, writeWorkbook } from './index.js';
import { demo } from './testing/definitions.js';
import type { LoadedVariant } from './testing/definitions.js';
import { edit, tableSheet } from './testing/workbook.js';
import { asciiXmlParts, inspectArchive } from './zip.js';

// The streaming reader interprets a table sheet's rows as they stream once
// the metadata sheet has been parsed (parts go smallest sheet first); when
// the metadata comes after the table it keeps the sheet and reads it after.
let d: LoadedVariant;
let report: Record<string, unknown>;
let bytes: Uint8Array;
const ROWS = 300;

beforeAll(async () => {
  d = demo();
  const list = Array.from({ length: ROWS }, (_, i) => ({ name: `Dịch vụ công số ${i + 1}`, level: i % 2 ? 3 : 4, online: i, total: i * 2 }));
  report = { ...d.samples[0]!.report, services: { level3Count: ROWS / 2, list } };
  bytes = await writeWorkbook(report, d.definition);
}, 60_000);

/** The worksheet part of a sheet, by its name in workbook.xml. */
function partOf(files: Record<string, Uint8Array>, name: string): string {
  const wbXml = new TextDecoder().decode(files['xl/workbook.xml']);
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wbXml)?.[1];
  const rels = new TextDecoder().decode(files['xl/_rels/workbook.xml.rels']);
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for ${name}`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The metadata sheet padded (an XML comment) until it is the largest sheet, so it streams last. */
function metadataLast(src: Uint8Array): Uint8Array {
  const files = unzipSync(src);
  const part = partOf(files, '_bieumau');
  const largest = Math.max(...Object.entries(files).filter(([n]) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).map(([, v]) => v.length));
  const xml = new TextDecoder().decode(files[part]);
  files[part] = new TextEncoder().encode(xml.replace('</worksheet>', `<!--${' '.repeat(largest + 1000)}--></worksheet>`));
  return zipSync(files);
}

function prepared(src: Uint8Array): Uint8Array {
  return asciiXmlParts(inspectArchive(src, {}, true).files!);
}

/** A handler claiming every table sheet, recording what it saw. */
function recorder() {
  const seen: { order: string[]; claimedAt: Map<string, number>; rows: Map<string, number[]>; kept: string[] } = { order: [], claimedAt: new Map(), rows: new Map(), kept: [] };
  const handler: SheetHandler = {
    kept: (ws: SheetView) => void seen.kept.push(ws.name),
    claim: (head: SheetView) => {
      if (head.cell(1, 1)?.value !== 'bieumau:table') return undefined;
      seen.claimedAt.set(head.name, head.rowCount);
      const rows: number[] = [];
      seen.rows.set(head.name, rows);
      return { row: (r: number, cells: readonly (CellLike | undefined)[]) => void (cells.length && rows.push(r)) };
    },
  };
  return { seen, handler };
}

describe('streamed reading', () => {
  it('hands a table sheet to the handler from its first rows, replaying them, then every row in order', async () => {
    const { seen, handler } = recorder();
    const book = await streamBook(prepared(bytes), handler);
    const table = book.sheets.find((s) => s.claimed)!;
    expect(table).toBeDefined();
    // Claimed as soon as it was recognised: the rows kept are only the first ones.
    expect(seen.claimedAt.get(table.name)).toBe(1);
    const rows = seen.rows.get(table.name)!;
    expect(rows[0]).toBe(1);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(rows.length);
    // Every row with data reached the sink: the whole-sheet view agrees.
    const whole = await streamBook(prepared(bytes));
    const all = whole.sheets.find((s) => s.name === table.name)!;
    expect(rows.length).toBe(Array.from({ length: all.rowCount }, (_, i) => all.rowCells(i + 1).length).filter(Boolean).length);
    // Kept sheets are reported; the view lists sheets in tab order whatever the parsing order.
    expect(seen.kept).toContain('_bieumau');
    expect(book.sheets.map((s) => s.name)).toEqual(whole.sheets.map((s) => s.name));
  });

  it('parses the metadata sheet before a larger table sheet', async () => {
    const { seen, handler } = recorder();
    const order: string[] = [];
    await streamBook(prepared(bytes), { kept: (ws, f) => void (order.push(ws.name), handler.kept(ws, f)), claim: (h, f, c) => { const s = handler.claim(h, f, c); if (s) order.push(h.name); return s; } });
    expect(order.indexOf('_bieumau')).toBeLessThan(order.findIndex((n) => seen.claimedAt.has(n)));
  });

  it('reads the same report streamed (rows interpreted as they stream) as whole, blank rows and locations included', async () => {
    const edited = await edit(bytes, (wb) => {
      const t = tableSheet(wb, '/services/list');
      t.ws.spliceRows(t.first + 5, 0, [], [], ['', '', 'Dịch vụ chèn thêm', 'Mức độ 4']);
    });
    const streamed = await readWorkbook(edited, { definition: d.definition, stream: true });
    const whole = await readWorkbook(edited, { definition: d.definition, stream: false });
    expect(streamed.report).toEqual(whole.report);
    expect(streamed.diagnostics).toEqual(whole.diagnostics);
    expect(streamed.diagnostics.filter((x) => x.keyword === 'excel.blankRow')).toHaveLength(2);
    expect((streamed.report!.services as { list: unknown[] }).list).toHaveLength(ROWS + 1);
    expect(streamed.locate!('/services/list/250/online')).toEqual(whole.locate!('/services/list/250/online'));
  });

  it('reads a workbook whose metadata sheet streams after the table (the table sheet is kept, then read)', async () => {
    const last = metadataLast(bytes);
    const { seen, handler } = recorder();
    const order: string[] = [];
    await streamBook(prepared(last), { kept: (ws, f) => void (order.push(ws.name), handler.kept(ws, f)), claim: () => undefined });
    expect(order[order.length - 1]).toBe('_bieumau');
    expect(seen.kept).toContain('_bieumau');
    const streamed = await readWorkbook(last, { definition: d.definition, stream: true });
    expect(streamed.diagnostics).toEqual([]);
    expect(streamed.report).toEqual(report);
    expect(streamed.locate!('/services/list/299/total')).toEqual((await readWorkbook(bytes, { definition: d.definition, stream: false })).locate!('/services/list/299/total'));
  });

  it('keeps Vietnamese text whole in long parts, whole load (file as is) and streamed (re-encoded) alike', async () => {
    const list = Array.from({ length: 1500 }, (_, i) => ({ name: `Đăng ký hộ kinh doanh ở Thừa Thiên Huế — ưu tiên ${i} 𝒜 ${'ễ'.repeat(i % 7)}`, level: 3 }));
    const vi = { ...d.samples[0]!.report, services: { level3Count: 1500, list } };
    const file = await writeWorkbook(vi, d.definition);
    for (const stream of [false, true]) {
      const r = await readWorkbook(file, { definition: d.definition, stream });
      expect((r.report!.services as { list: { name: string }[] }).list.map((x) => x.name)).toEqual(list.map((x) => x.name));
    }
  }, 60_000);

  it('keeps a copied table sheet readable: the first sheet in tab order wins, as in a whole load', async () => {
    const copied = await edit(bytes, (wb) => {
      const src = tableSheet(wb, '/services/list').ws;
      const copy = wb.addWorksheet('Bản sao');
      src.eachRow((row, n) => row.eachCell((cell, c) => void (copy.getCell(n, c).value = n > 20 && c === 3 ? 'khác' : cell.value)));
    });
    const streamed = await readWorkbook(copied, { definition: d.definition, stream: true });
    const whole = await readWorkbook(copied, { definition: d.definition, stream: false });
    expect(streamed.report).toEqual(whole.report);
    expect(streamed.diagnostics).toEqual(whole.diagnostics);
  });
});

describe('ASCII re-encoding of XML parts (for the streaming parser)', () => {
  it('writes every non-ASCII character as a reference, U+FFFD for each byte of a broken sequence', () => {
    const enc = new TextEncoder();
    const bytes = new Uint8Array([...enc.encode('<t>aề😀ß'), 0x80, 0xff, ...enc.encode('đ</t>'), 0xe2, 0x82]);
    const out = unzipSync(asciiXmlParts([['xl/sharedStrings.xml', bytes], ['xl/media/x.bin', new Uint8Array([0xff, 0xfe])]]));
    const xml = out['xl/sharedStrings.xml']!;
    expect(xml.every((b) => b < 0x80)).toBe(true);
    expect(new TextDecoder().decode(xml)).toBe('<t>a&#7873;&#128512;&#223;&#65533;&#65533;&#273;</t>&#65533;&#65533;');
    // Other parts are passed through untouched.
    expect([...out['xl/media/x.bin']!]).toEqual([0xff, 0xfe]);
  });
});
