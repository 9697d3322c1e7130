import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '@bieumau/core';
import { createTemplate, writeWorkbook, readWorkbook, sheetName } from './index.js';
import { allVariants, demo } from './testing/definitions.js';
import type { LoadedVariant } from './testing/definitions.js';
import { syntheticDefinition } from './testing/synthetic.js';
import { open, fieldCell, tableSheet, mainSheet } from './testing/workbook.js';
import type { Workbook, Worksheet } from './testing/workbook.js';

type DV = { type: string; operator?: string; formulae?: unknown[]; allowBlank?: boolean };
const validations = (ws: Worksheet): Record<string, DV> => (ws as unknown as { dataValidations: { model: Record<string, DV> } }).dataValidations.model;
const texts = (ws: Worksheet) => {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && out.push(c.value)));
  return out;
};

let d: LoadedVariant;
let wb: Workbook;

beforeAll(async () => {
  d = demo();
  wb = await open(await createTemplate(d.definition));
});

describe('createTemplate', () => {
  it('lays out the form a reporting official recognises', () => {
    const ws = mainSheet(wb);
    expect(ws.name).toBe('Mẫu thử');
    const t = texts(ws);
    expect(t).toContain('PHIẾU THỬ NGHIỆM (ĐƠN VỊ)');
    expect(t).toContain('Mẫu thử');
    expect(t).toContain('Kỳ báo cáo: Năm 2025 (từ 01/01/2025 đến 31/10/2025)');
    expect(t).toEqual(expect.arrayContaining(['Mã số', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Không áp dụng (nêu lý do)', 'Đường dẫn minh chứng']));
    expect(t).toEqual(expect.arrayContaining(['Thông tin chung', 'Tổng số cán bộ, công chức, viên chức', 'người', '1.4.a']));
    expect(t).toEqual(expect.arrayContaining(['NGƯỜI LẬP BIỂU', 'THỦ TRƯỞNG ĐƠN VỊ', '(Ký tên, đóng dấu)']));
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 });
    expect(ws.getColumn(1).hidden).toBe(true);
    expect(ws.getColumn(3).width).toBeGreaterThan(40);
  });

  it('unlocks input cells, protects the labels, validates input', () => {
    const ws = mainSheet(wb);
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const total = fieldCell(wb, '/general/totalStaff');
    expect(total.protection?.locked).toBe(false);
    expect(total.numFmt).toBe('#,##0');
    expect(ws.getCell(Number(total.row), 3).protection?.locked).not.toBe(false);
    const dv = validations(ws);
    expect(dv[total.address]).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 10000000] });
    expect(dv[fieldCell(wb, '/portal/documentShare').address]).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(dv[fieldCell(wb, '/portal/updateFrequency').address]).toMatchObject({ type: 'list', formulae: ['"Hằng ngày,Hằng tuần,Hằng tháng,Không cập nhật"'] });
    expect(dv[fieldCell(wb, '/portal/qaFunction').address]).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
    expect(dv[fieldCell(wb, '/general/agencyName').address]).toMatchObject({ type: 'textLength', formulae: [300] });
    expect(fieldCell(wb, '/portal/qaFunction', 'na').protection?.locked).toBe(false);
    expect(fieldCell(wb, '/general/totalStaff', 'na').protection?.locked).not.toBe(false);
  });

  it('puts tables on their own sheets with multi-level headers, numbered columns and validated, unlocked rows', () => {
    const t = tableSheet(wb, '/services/list');
    expect(t.ws.name).toBe('3.2 Danh sách dịch vụ công…');
    expect(t.ws.name.length).toBeLessThanOrEqual(31);
    expect(t.ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    const own = t.col('ownFunding');
    const other = t.col('otherFunding');
    const groupRow = 4;
    expect(t.ws.getCell(groupRow, own).value).toBe('Nguồn kinh phí');
    expect(t.ws.getCell(groupRow, other).isMerged).toBe(true);
    expect(t.ws.getCell(groupRow + 1, own).value).toBe('Ngân sách địa phương');
    expect(t.ws.getCell(groupRow, t.col('name')).value).toBe('Tên dịch vụ công');
    expect(t.ws.getCell(groupRow + 1, t.col('name')).isMerged).toBe(true);
    expect(t.ws.getCell(groupRow, t.col('online')).value).toBe('Hồ sơ trực tuyến (hồ sơ)');
    expect(t.ws.getCell(groupRow + 2, 2).value).toBe('(1)');
    const first = t.ws.getCell(t.first, t.col('online'));
    expect(first.protection?.locked).toBe(false);
    const dv = validations(t.ws);
    expect(dv[first.address]).toMatchObject({ type: 'whole', formulae: [0, 100000000] });
    expect(dv[t.ws.getCell(t.first + 99, t.col('level')).address]).toMatchObject({ type: 'list', formulae: ['"Mức độ 3,Mức độ 4"'] });
    expect((t.ws as unknown as { sheetProtection: { insertRows: boolean } }).sheetProtection.insertRows).toBe(true);
  });

  it('records identity, hash and the cell ↔ pointer map on a hidden, protected sheet', () => {
    const meta = wb.getWorksheet('_bieumau')!;
    expect(meta.state).toBe('veryHidden');
    expect((meta as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const rows: unknown[][] = [];
    meta.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.slice(0, 6)).toEqual([['bieumau', '1'], ['form', 'demo-form'], ['version', '2025'], ['variant', 'unit'], ['hash', expect.stringMatching(/^sha256:/)], ['lang', 'vi']]);
    const pointers = rows.filter((r) => r[0] === 'field' || r[0] === 'column').map((r) => r[3]);
    const model = buildModel(d.definition);
    for (const n of model.byTemplate.values()) {
      if (n.kind === 'section' || n.kind === 'table' || n.kind === 'multiChoice' || n.kind === 'ratio' || n.readOnly) continue;
      expect(pointers).toContain(n.template);
    }
    expect(rows).toContainEqual(['option', 'Mẫu thử', expect.stringMatching(/^E\d+$/), '/portal/channels', 'internet']);
    expect(rows).toContainEqual(['na', 'Mẫu thử', expect.stringMatching(/^F\d+$/), '/portal/qaFunction']);
  });

  it('writes English labels with lang: en', async () => {
    const en = await open(await createTemplate(d.definition, { lang: 'en' }));
    const t = texts(mainSheet(en));
    expect(t).toEqual(expect.arrayContaining(['Code', 'Item', 'Unit', 'Value', 'PREPARED BY']));
    expect(t).toContain('persons');
  });

  it('is deterministic: same bytes, whatever the time zone', async () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Ho_Chi_Minh';
      const a = await writeWorkbook(d.samples[0]!.report, d.definition);
      process.env.TZ = 'America/New_York';
      const b = await writeWorkbook(d.samples[0]!.report, d.definition);
      expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
      const back = await readWorkbook(a, { definition: d.definition });
      expect((back.report!.general as Record<string, unknown>).reportDate).toBe('2025-11-20');
      const c = await createTemplate(d.definition);
      expect(Buffer.compare(Buffer.from(c), Buffer.from(await createTemplate(d.definition)))).toBe(0);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('createTemplate: any definition', () => {
  it('sends a long list through a range on a hidden sheet, never a literal over 255 characters', async () => {
    const def = syntheticDefinition();
    const w = await open(await createTemplate(def));
    const lists = w.getWorksheet('_lists')!;
    expect(lists.state).toBe('veryHidden');
    expect(lists.getCell('A1').value).toBe('Tỉnh số 1, vùng Bắc');
    const dv = Object.values(validations(mainSheet(w))).filter((v) => v.type === 'list');
    expect(dv[0]!.formulae).toEqual(["'_lists'!$A$1:$A$63"]);
    // Same labels in the table column reuse the same range.
    const t = tableSheet(w, '/staff');
    expect(validations(t.ws)[t.ws.getCell(t.first, t.col('province')).address]!.formulae).toEqual(["'_lists'!$A$1:$A$63"]);
    // Sheet names: forbidden characters removed, 31 characters at most.
    expect(mainSheet(w).name).toBe('Phụ lục I thử');
    expect(t.ws.name).toBe('II Nhân lực theo đơn vị danh…');
  });

  it('draws nested header groups over the columns they list', async () => {
    const w = await open(await createTemplate(syntheticDefinition()));
    const t = tableSheet(w, '/staff');
    const [deg, mas] = [t.col('degree'), t.col('master')];
    expect(t.ws.getCell(4, deg).value).toBe('Trình độ');
    expect(t.ws.getCell(5, deg).value).toBe('Sau đại học và đại học');
    expect(t.ws.getCell(6, deg).value).toBe('Đại học');
    expect(t.ws.getCell(6, mas).value).toBe('Thạc sĩ');
    expect(t.ws.getCell(4, t.col('male')).value).toBe('Số lượng');
    expect(t.ws.getCell(5, t.col('male')).value).toBe('Nam (người)');
    expect(t.ws.getCell(6, t.col('male')).isMerged).toBe(true);
    expect(t.ws.getCell(4, t.col('unit')).value).toBe('Đơn vị');
  });

  for (const v of allVariants()) {
    it(`${v.name}: a template whose lists all fit Excel`, async () => {
      const w = await open(await createTemplate(v.definition));
      for (const ws of w.worksheets) {
        for (const dv of Object.values(validations(ws))) {
          for (const f of dv.formulae ?? []) if (typeof f === 'string' && f.startsWith('"')) expect(f.length).toBeLessThanOrEqual(257);
        }
        expect(ws.name.length).toBeLessThanOrEqual(31);
        expect(ws.name).not.toMatch(/[\\/?*:[\]]/);
      }
    });
  }
});

describe('sheetName', () => {
  it('keeps names valid and unique', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b\\c?d*e:f[g]h', taken)).toBe('a b c d e f g h');
    expect(sheetName("'quoted'", taken)).toBe('quoted');
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
    expect(sheetName('x'.repeat(40), taken)).toBe(`${'x'.repeat(26)}… (2)`);
    // Long names end at a word boundary, marked as shortened.
    expect(sheetName('3.2.3 Kết quả triển khai các hệ thống thông tin', taken)).toBe('3.2.3 Kết quả triển khai các…');
    expect(sheetName('3.4.đ Danh mục dịch vụ công trực tuyến mức độ 3, 4', taken)).toBe('3.4.đ Danh mục dịch vụ công…');
    expect(sheetName('History', taken)).toBe('Sheet');
    expect(sheetName('SHEET', taken)).toBe('SHEET (2)');
    expect(sheetName('\u0000\u0001', taken, 'Bảng')).toBe('Bảng');
    // A surrogate pair is never split.
    expect(sheetName(`${'a'.repeat(29)}😀bbbbb`, taken)).toBe(`${'a'.repeat(29)}…`);
  });
});
