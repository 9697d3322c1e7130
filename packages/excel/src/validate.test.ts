import { beforeAll, describe, expect, it } from 'vitest';
import { readAndValidate, writeWorkbook } from './index.js';
import { demo } from './testing/definitions.js';
import type { LoadedVariant } from './testing/definitions.js';
import { edit, fieldCell, tableSheet } from './testing/workbook.js';

// The one-call helper with the real validator (@bieumau/validator, loaded on demand).
let d: LoadedVariant;
let filled: Uint8Array;
beforeAll(async () => {
  d = demo();
  filled = await writeWorkbook(d.samples[0]!.report, d.definition);
});

describe('readAndValidate', () => {
  it('passes a valid workbook', async () => {
    const r = await readAndValidate(filled, { definition: d.definition });
    expect(r.validated).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.report).toEqual(d.samples[0]!.report);
  });

  it('returns reading and validation errors together, each sent to its cell', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/general/contractStaff').value = 100; // biên chế + hợp đồng ≠ tổng số
      fieldCell(wb, '/portal/documentShare').value = 'nhiều';
      const t = tableSheet(wb, '/services/list');
      t.ws.getCell(t.first, t.col('online')).value = 400; // online > total (40)
    });
    const r = await readAndValidate(bytes, { definition: d.definition });
    expect(r.ok).toBe(false);
    const byKeyword = Object.fromEntries(r.errors.map((e) => [e.keyword, e]));
    expect(byKeyword['excel.notANumber']).toMatchObject({ instancePath: '/portal/documentShare', sheet: 'Mẫu thử' });
    expect(byKeyword['general.staff-sum']).toMatchObject({ instancePath: '/general/totalStaff', sheet: 'Mẫu thử', cell: expect.stringMatching(/^E\d+$/) });
    expect(byKeyword['services.online-le-total']).toMatchObject({ instancePath: '/services/list/0/online', sheet: '3.2 Danh sách dịch vụ công…', cell: expect.stringMatching(/^F\d+$/) });
    expect(byKeyword['general.staff-sum']!.message).toMatch(/1\.4/);
  });

  it('English messages with lang: en', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/general/contractStaff').value = 'x';
    });
    const r = await readAndValidate(bytes, { definition: d.definition, lang: 'en' });
    expect(r.errors[0]!.message).toMatch(/is not a number/);
  });

  it('does not validate what could not be read, and says why', async () => {
    const r = await readAndValidate(new Uint8Array([1, 2, 3]), { definition: d.definition });
    expect(r).toMatchObject({ ok: false, validated: false, errors: [{ keyword: 'excel.notAZip' }] });
  });
});
