import { beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, writeWorkbook } from './index.js';
import { allVariants, demo } from './testing/definitions.js';
import type { LoadedVariant } from './testing/definitions.js';
import { ensureLibreOffice, resaveWithLibreOffice } from './testing/libreoffice.js';
import { edit, fieldCell, mainSheet, open, tableSheet } from './testing/workbook.js';

// Workbooks "from a person": written by us, opened and saved again by
// LibreOffice Calc (Debian's, headless). Its writer differs from exceljs's in
// every part (shared strings, styles, sheet order, hidden states, formulas).
let lo: string;
let d: LoadedVariant;
beforeAll(async () => {
  lo = await ensureLibreOffice();
  d = demo();
}, 900_000);

describe('workbooks re-saved by LibreOffice', () => {
  it('read back to the same report', async () => {
    const bytes = await resaveWithLibreOffice(lo, await writeWorkbook(d.samples[0]!.report, d.definition));
    expect(bytes.length).toBeGreaterThan(0);
    const r = await readWorkbook(bytes, { definition: d.definition });
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.report).toEqual(d.samples[0]!.report);
  });

  it('read correctly after sheets were reordered and renamed and cells edited, then saved by LibreOffice', async () => {
    const edited = await edit(await writeWorkbook(d.samples[0]!.report, d.definition), (wb) => {
      const t = tableSheet(wb, '/services/list');
      t.ws.name = 'DVC';
      (t.ws as unknown as { orderNo: number }).orderNo = -1;
      mainSheet(wb).name = 'Báo cáo';
      fieldCell(wb, '/general/totalStaff').value = '1.234';
      fieldCell(wb, '/general/contractStaff').value = 'nhiều';
      t.ws.getCell(t.first + 1, t.col('total')).value = 99;
    });
    const bytes = await resaveWithLibreOffice(lo, edited);
    const wb = await open(bytes);
    expect(wb.worksheets[0]!.name).toBe('DVC');
    const r = await readWorkbook(bytes, { definition: d.definition });
    const g = r.report!.general as Record<string, unknown>;
    expect(g.totalStaff).toBe(1234);
    expect(g.contractStaff).toBeUndefined();
    expect((r.report!.services as { list: Record<string, unknown>[] }).list[1]!.total).toBe(99);
    const bad = r.diagnostics.find((x) => x.keyword === 'excel.notANumber')!;
    expect(bad).toMatchObject({ sheet: 'Báo cáo', instancePath: '/general/contractStaff' });
    expect(bad.cell).toMatch(/^E\d+$/);
  });

  for (const v of allVariants().filter((x) => x.samples.length)) {
    it(`read back the sample of ${v.name}`, async () => {
      const s = v.samples[0]!;
      const bytes = await resaveWithLibreOffice(lo, await writeWorkbook(s.report, v.definition));
      const r = await readWorkbook(bytes, { definition: v.definition });
      expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      expect(r.report).toEqual(s.report);
    }, 180_000);
  }
});
