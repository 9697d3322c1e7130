import { beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, writeWorkbook } from './index.js';
import { writeWorkbook as writeInBrowser } from './browser.js';
import { demo } from './testing/definitions.js';
import type { LoadedVariant } from './testing/definitions.js';
import { open, tableSheet, fieldCell } from './testing/workbook.js';

// Large tables: written with the streaming writer and read with the
// streaming reader in Node (memory is measured by the bench, not here).
let d: LoadedVariant;
let report: Record<string, unknown>;
let bytes: Uint8Array;
const ROWS = 20_000;

beforeAll(async () => {
  d = demo();
  const list = Array.from({ length: ROWS }, (_, i) => ({
    // Characters outside the BMP too: some land on the chunk boundaries of the streaming writer and reader.
    name: i % 7 ? `Dịch vụ công số ${i + 1}` : `Dịch vụ công số ${i + 1} 😀𘩲`,
    level: i % 2 ? 3 : 4,
    ...(i % 5 ? { url: `https://dvc.example.gov.vn/${i}` } : {}),
    online: i % 1000,
    total: (i % 1000) * 2,
    ...(i % 3 ? {} : { ownFunding: true }),
    launched: `20${10 + (i % 15)}-${String((i % 12) + 1).padStart(2, '0')}`,
  }));
  report = { ...d.samples[0]!.report, services: { level3Count: ROWS / 2, list } };
  bytes = await writeWorkbook(report, d.definition);
}, 120_000);

describe('20,000-row tables', () => {
  it('round-trip through the streaming writer and the streaming reader', async () => {
    const r = await readWorkbook(bytes, { definition: d.definition });
    expect(r.diagnostics).toEqual([]);
    expect(r.report).toEqual(report);
    expect(r.locate!('/services/list/19999/online')).toEqual({ sheet: '3.2 Danh sách dịch vụ công…', cell: expect.stringMatching(/^F\d+$/) });
  }, 120_000);

  it('write deterministic bytes, and the whole-sheet reader agrees', async () => {
    const again = await writeWorkbook(structuredClone(report), d.definition);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
    const whole = await readWorkbook(bytes, { definition: d.definition, stream: false });
    expect(whole.report).toEqual(report);
  }, 120_000);

  it('keep the template: protection, validations, hidden metadata (streamed and in-memory writers alike)', async () => {
    const small = { ...report, services: { list: (report.services as { list: unknown[] }).list.slice(0, 10) } };
    for (const b of [bytes, await writeInBrowser(small, d.definition)]) {
      const wb = await open(b);
      const t = tableSheet(wb, '/services/list');
      expect((t.ws as unknown as { sheetProtection: { sheet: boolean; insertRows: boolean } }).sheetProtection).toMatchObject({ sheet: true, insertRows: true });
      expect(t.ws.getCell(t.first, t.col('online')).protection?.locked).toBe(false);
      const dv = (t.ws as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model;
      expect(dv[t.ws.getCell(t.first + 5, t.col('online')).address]).toMatchObject({ type: 'whole' });
      expect(wb.getWorksheet('_bieumau')!.state).toBe('veryHidden');
      expect(fieldCell(wb, '/general/totalStaff').value).toBe(58);
    }
  }, 120_000);

  it('report a bad cell deep in the table with its row', async () => {
    const { edit } = await import('./testing/workbook.js');
    const bad = await edit(bytes, (wb) => {
      const t = tableSheet(wb, '/services/list');
      t.ws.getCell(t.first + 15_000, t.col('total')).value = 'nhiều';
    });
    const r = await readWorkbook(bad, { definition: d.definition });
    expect(r.diagnostics).toEqual([expect.objectContaining({ keyword: 'excel.notANumber', instancePath: '/services/list/15000/total', cell: expect.stringMatching(/^G\d+$/) })]);
    expect((r.report!.services as { list: unknown[] }).list).toHaveLength(ROWS);
  }, 180_000);
});
