import { beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, writeWorkbook, createTemplate } from './index.js';
import { demo, finder, loadFolder, FIXTURES } from './testing/definitions.js';
import type { LoadedVariant } from './testing/definitions.js';
import { edit, fieldCell, tableSheet, mainSheet } from './testing/workbook.js';
import { join } from 'node:path';

let d: LoadedVariant;
let sample: Record<string, unknown>;
let filled: Uint8Array;

beforeAll(async () => {
  d = demo();
  sample = d.samples[0]!.report;
  filled = await writeWorkbook(sample, d.definition);
});

// Every reading test runs twice: sheets loaded whole, and streamed (the path large tables take).
let stream = false;
const read = (bytes: Uint8Array, lang: 'vi' | 'en' = 'vi') => readWorkbook(bytes, { definition: d.definition, lang, stream });

for (const mode of [false, true]) {
describe(`readWorkbook (${mode ? 'streamed' : 'whole'})`, () => {
beforeAll(() => {
  stream = mode;
});
describe('our own workbooks', () => {
  it('reads a filled workbook back exactly, with no diagnostics', async () => {
    const r = await read(filled);
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.report).toEqual(sample);
    expect(r.workbook).toMatchObject({ form: 'demo-form', version: '2025', variant: 'unit', lang: 'vi' });
    expect(r.workbook!.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('reads a blank template as a report holding only its definition', async () => {
    const r = await read(await createTemplate(d.definition));
    expect(r.report).toEqual({ definition: sample.definition });
    expect(r.diagnostics).toEqual([]);
  });

  it('reads an English workbook the same', async () => {
    const en = await writeWorkbook(sample, d.definition, { lang: 'en' });
    const r = await read(en);
    expect(r.report).toEqual(sample);
  });

  it('finds the definition through a registry when none is given', async () => {
    const r = await readWorkbook(filled, { registry: finder([d.definition]) });
    expect(r.report).toEqual(sample);
  });
});

describe('human input', () => {
  it('coerces what is unambiguous and reports the rest, cell by cell', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/general/totalStaff').value = '1.234'; // grouping in a whole-number field: 1234
      fieldCell(wb, '/general/permanentStaff').value = '\u00a01\u00a0200 '; // NBSP, number stored as text
      fieldCell(wb, '/general/contractStaff').value = 'abc';
      fieldCell(wb, '/portal/documentShare').value = '45%';
      fieldCell(wb, '/portal/computersOnline/numerator').value = '12,5'; // not a whole number
      fieldCell(wb, '/general/reportDate').value = '05/03/2025';
      fieldCell(wb, '/portal/updateFrequency').value = 'hang tuan'; // no diacritics
      fieldCell(wb, '/portal/channels#internet').value = 'không';
      fieldCell(wb, '/portal/channels#sms').value = 'có';
      fieldCell(wb, '/portal/channels#other').value = 'X';
    });
    const r = await read(bytes);
    const g = r.report!.general as Record<string, unknown>;
    const p = r.report!.portal as Record<string, unknown>;
    expect(g.totalStaff).toBe(1234);
    expect(g.permanentStaff).toBe(1200);
    expect(g.contractStaff).toBeUndefined();
    expect(g.reportDate).toBe('2025-03-05');
    expect(g.agencyName).toBe((sample.general as Record<string, unknown>).agencyName);
    expect(p.documentShare).toBe(45);
    expect(p.updateFrequency).toBe('weekly');
    expect(p.channels).toEqual(['sms', 'other']);
    expect((p.computersOnline as Record<string, unknown>).numerator).toBeUndefined();
    const keywords = r.diagnostics.map((x) => [x.keyword, x.instancePath]);
    expect(keywords).toEqual(
      expect.arrayContaining([
        ['excel.notANumber', '/general/contractStaff'],
        ['excel.notAnInteger', '/portal/computersOnline/numerator'],
      ]),
    );
    const bad = r.diagnostics.find((x) => x.keyword === 'excel.notANumber')!;
    expect(bad.sheet).toBe('Mẫu thử');
    expect(bad.cell).toMatch(/^E\d+$/);
    expect(bad.severity).toBe('error');
    expect(bad.params).toEqual({ text: 'abc' });
    expect(bad.message).toMatch(/^'Mẫu thử'!E\d+ – Mục 1\.4\.b – Số cán bộ ký hợp đồng: "abc" không phải là số$/);
    expect(r.ok).toBe(false);
  });

  it('keeps long identifiers typed as numbers as text with a warning; "-" is blank, "N/A" is not a number', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/general/agencyName').value = 1234567890123456789;
      fieldCell(wb, '/general/totalStaff').value = '-';
      fieldCell(wb, '/general/permanentStaff').value = 'N/A';
    });
    const r = await read(bytes);
    const g = r.report!.general as Record<string, unknown>;
    expect(g.agencyName).toBe('1234567890123456800');
    expect(g.totalStaff).toBeUndefined();
    expect(r.diagnostics.map((x) => [x.keyword, x.severity, x.instancePath])).toEqual([
      ['excel.precisionLost', 'warning', '/general/agencyName'],
      ['excel.notANumber', 'error', '/general/permanentStaff'],
    ]);
  });

  it('reads date serials typed as plain numbers, in the 1900 and the 1904 date systems, and refuses dates that do not exist', async () => {
    const b1900 = await edit(filled, (wb) => {
      const c = fieldCell(wb, '/general/reportDate');
      c.value = 45000;
      c.numFmt = 'General';
    });
    expect(((await read(b1900)).report!.general as Record<string, unknown>).reportDate).toBe('2023-03-15');
    const b1904 = await edit(filled, (wb) => {
      wb.properties.date1904 = true;
      const c = fieldCell(wb, '/general/reportDate');
      c.value = 45000;
      c.numFmt = 'General';
    });
    expect(((await read(b1904)).report!.general as Record<string, unknown>).reportDate).toBe('2027-03-16');
    const bad = await edit(filled, (wb) => {
      fieldCell(wb, '/general/reportDate').value = '30/02/2025';
    });
    const r = await read(bad);
    expect(r.diagnostics.map((x) => x.keyword)).toEqual(['excel.invalidDate']);
  });

  it('renders messages in English', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/general/contractStaff').value = 'abc';
    });
    const r = await read(bytes, 'en');
    expect(r.diagnostics[0]!.message).toMatch(/^'Mẫu thử'!E\d+ – Item 1\.4\.b – .*: "abc" is not a number$/);
  });

  it('never guesses: 1.234 in a decimal field and 1,234 in a whole-number field are ambiguous', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/portal/documentShare').value = '1.234';
      fieldCell(wb, '/general/totalStaff').value = '1,234';
    });
    const r = await read(bytes);
    const amb = r.diagnostics.filter((x) => x.keyword === 'excel.ambiguousNumber');
    expect(amb.map((x) => x.instancePath).sort()).toEqual(['/general/totalStaff', '/portal/documentShare']);
    expect((r.report!.portal as Record<string, unknown>).documentShare).toBeUndefined();
    expect(amb.find((x) => x.instancePath === '/portal/documentShare')!.params.readings).toEqual([1234, 1.234]);
  });

  it('reads 1.234,5 and 0,45, and flags a percentage below 1 typed without %', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/portal/documentShare').value = '0,45';
    });
    const r = await read(bytes);
    expect((r.report!.portal as Record<string, unknown>).documentShare).toBe(0.45);
    expect(r.diagnostics.map((x) => x.keyword)).toEqual(['excel.ambiguousPercent']);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    const b2 = await edit(filled, (wb) => {
      const c = fieldCell(wb, '/portal/documentShare');
      c.value = 0.455;
      c.numFmt = '0.0%';
    });
    expect(((await read(b2)).report!.portal as Record<string, unknown>).documentShare).toBe(45.5);
  });

  it('matches choice labels typed in NFD, in English, or by value; reports unknown ones with the allowed list', async () => {
    const nfd = 'Hằng ngày'.normalize('NFD');
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/portal/updateFrequency').value = nfd;
      const t = tableSheet(wb, '/services/list');
      t.ws.getCell(t.first, t.col('level')).value = 'Level 4';
      t.ws.getCell(t.first + 1, t.col('level')).value = 3;
      t.ws.getCell(t.first + 2, t.col('level')).value = 'Mức 9';
    });
    const r = await read(bytes);
    expect((r.report!.portal as Record<string, unknown>).updateFrequency).toBe('daily');
    const list = (r.report!.services as { list: Record<string, unknown>[] }).list;
    expect(list.map((x) => x.level)).toEqual([4, 3, undefined]);
    expect(list[2]!.name).toBe('Thông báo thay đổi thông tin trang thông tin điện tử tổng hợp');
    const u = r.diagnostics.find((x) => x.keyword === 'excel.unknownChoice')!;
    expect(u.instancePath).toBe('/services/list/2/level');
    expect(u.params).toEqual({ text: 'Mức 9', allowed: ['Mức độ 3', 'Mức độ 4'] });
  });

  it('reads the cached result of a formula and flags it; a formula without result is an error', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/general/totalStaff').value = { formula: 'E16+E17', result: 58 };
      fieldCell(wb, '/portal/documentShare').value = { formula: 'A1/0' } as never;
      fieldCell(wb, '/general/permanentStaff').value = { error: '#DIV/0!' } as never;
    });
    const r = await read(bytes);
    expect((r.report!.general as Record<string, unknown>).totalStaff).toBe(58);
    const byKw = Object.fromEntries(r.diagnostics.map((x) => [x.keyword, x]));
    expect(byKw['excel.formula']).toMatchObject({ severity: 'warning', instancePath: '/general/totalStaff', params: { formula: 'E16+E17', result: 58 } });
    expect(byKw['excel.formulaNoResult']).toMatchObject({ severity: 'error', instancePath: '/portal/documentShare' });
    expect(byKw['excel.errorValue']).toMatchObject({ severity: 'error', params: { error: '#DIV/0!' } });
  });

  it('reads rich text and hyperlinks as their text; a URL field takes the link target', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/general/agencyName').value = { richText: [{ text: 'Sở ', font: { bold: true } }, { text: 'TT&TT' }] };
      fieldCell(wb, '/general/portalUrl').value = { text: 'Cổng thông tin', hyperlink: 'https://example.gov.vn/' };
      fieldCell(wb, '/portal/updateFrequency', 'evidence').value = { text: 'https://e.gov.vn/a', hyperlink: 'https://e.gov.vn/a' };
    });
    const r = await read(bytes);
    const g = r.report!.general as Record<string, unknown>;
    expect(g.agencyName).toBe('Sở TT&TT');
    // The streaming parser does not join hyperlink targets to cells: the text is read (and the validator's pattern check flags it).
    expect(g.portalUrl).toBe(stream ? 'Cổng thông tin' : 'https://example.gov.vn/');
    expect(r.report!.evidence).toEqual({ '/portal/updateFrequency': 'https://e.gov.vn/a' });
    expect(r.diagnostics).toEqual([]);
  });

  it('ignores a value cell merged into another and says so', async () => {
    const bytes = await edit(filled, (wb) => {
      const a = fieldCell(wb, '/general/permanentStaff');
      const ws = mainSheet(wb);
      ws.mergeCells(Number(a.row), Number(a.col), Number(a.row) + 1, Number(a.col));
    });
    const r = await read(bytes);
    const g = r.report!.general as Record<string, unknown>;
    expect(g.permanentStaff).toBe(50);
    expect(g.contractStaff).toBeUndefined();
    // Whole: the merge is reported; streamed: the merged-away cell simply reads blank.
    expect(r.diagnostics.map((x) => [x.keyword, x.instancePath])).toEqual(stream ? [] : [['excel.mergedCell', '/general/contractStaff']]);
  });

  it('skips and reports blank rows inside a table, reads inserted rows, ignores trailing blanks', async () => {
    const bytes = await edit(filled, (wb) => {
      const t = tableSheet(wb, '/services/list');
      t.ws.spliceRows(t.first + 1, 0, [], ['', '', 'Dịch vụ chèn thêm', 'Mức độ 4']);
      // now: row0, blank, inserted, row1, row2
    });
    const r = await read(bytes);
    const list = (r.report!.services as { list: Record<string, unknown>[] }).list;
    expect(list.map((x) => x.name)).toEqual(['Cấp giấy phép bưu chính', 'Dịch vụ chèn thêm', 'Cấp phép xuất bản bản tin', 'Thông báo thay đổi thông tin trang thông tin điện tử tổng hợp']);
    expect(list[1]).toEqual({ name: 'Dịch vụ chèn thêm', level: 4 });
    const blanks = r.diagnostics.filter((x) => x.keyword === 'excel.blankRow');
    expect(blanks).toHaveLength(1);
    expect(blanks[0]).toMatchObject({ severity: 'warning', instancePath: '/services/list' });
    expect(r.diagnostics.filter((x) => x.keyword !== 'excel.blankRow')).toEqual([]);
  });

  it('one bad cell in a row keeps the row and the other rows', async () => {
    const bytes = await edit(filled, (wb) => {
      const t = tableSheet(wb, '/services/list');
      t.ws.getCell(t.first, t.col('online')).value = 'mười hai';
      t.ws.getCell(t.first, t.col('launched')).value = '3/2024';
      t.ws.getCell(t.first + 1, t.col('ownFunding')).value = 'x';
    });
    const r = await read(bytes);
    const list = (r.report!.services as { list: Record<string, unknown>[] }).list;
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ name: 'Cấp giấy phép bưu chính', total: 40, launched: '2024-03' });
    expect(list[0]!.online).toBeUndefined();
    expect(list[1]!.ownFunding).toBe(true);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ keyword: 'excel.notANumber', instancePath: '/services/list/0/online', sheet: '3.2 Danh sách dịch vụ công…' });
  });

  it('reads sheets renamed and reordered, and columns moved', async () => {
    const bytes = await edit(filled, (wb) => {
      const main = mainSheet(wb);
      main.name = 'Đã đổi tên';
      const t = tableSheet(wb, '/services/list');
      t.ws.name = 'DVC';
      // Move the table sheet first.
      (t.ws as unknown as { orderNo: number }).orderNo = -1;
      // Insert a column before the data columns of the table (shifts every column right).
      t.ws.spliceColumns(3, 0, []);
    });
    const r = await read(bytes);
    expect(r.report).toEqual(sample);
  });

  it('reads the not-applicable reason and keeps a conflicting value for the validator to report', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/portal/qaFunction').value = 'Có';
    });
    const r = await read(bytes);
    expect((r.report!.portal as Record<string, unknown>).qaFunction).toBe(true);
    expect(r.report!.notApplicable).toEqual(sample.notApplicable);
  });
});

describe('whose workbook is it', () => {
  it('names the version a workbook was made from', async () => {
    const other = loadFolder(join(FIXTURES, 'demo-form/2025')).variants[0]!;
    const resources = [...other.definition.resources.values()].map((r) => JSON.parse(JSON.stringify(r).replaceAll('/2025/', '/2024/').replaceAll('"2025"', '"2024"')));
    const { createDefinition } = await import('@bieumau/core');
    const old = createDefinition({ resources });
    const bytes = await writeWorkbook({ ...sample, definition: { form: 'demo-form', version: '2024', variant: 'unit' } }, old);
    const r = await read(bytes);
    expect(r.ok).toBe(false);
    expect(r.report).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ keyword: 'excel.otherVersion', params: { version: '2024', expectedVersion: '2025' } });
    expect(r.diagnostics[0]!.message).toBe('Tệp này là biểu mẫu năm 2024 (demo-form, unit), không phải năm 2025');
    expect(r.workbook).toMatchObject({ version: '2024' });
    // With a registry that knows the old version, it is read with it.
    const both = await readWorkbook(bytes, { definition: d.definition, registry: finder([old, d.definition]) });
    expect(both.ok).toBe(true);
    expect(both.definition!.info.version).toBe('2024');
  });

  it('refuses a workbook that is not ours with a clear error', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'Báo cáo tự làm';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await read(bytes);
    expect(r).toMatchObject({ ok: false, diagnostics: [{ keyword: 'excel.notOurWorkbook', severity: 'error' }] });
    expect(r.diagnostics[0]!.message).toMatch(/không phải biểu mẫu báo cáo/);
  });

  it('warns when the definition changed since the workbook was made', async () => {
    const bytes = await edit(filled, (wb) => {
      const meta = wb.getWorksheet('_bieumau')!;
      for (let r = 1; r < 10; r++) if (meta.getCell(r, 1).value === 'hash') meta.getCell(r, 2).value = 'sha256:00';
    });
    const r = await read(bytes);
    expect(r.report).toEqual(sample);
    expect(r.diagnostics.map((x) => x.keyword)).toEqual(['excel.definitionChanged']);
  });

  it('falls back to the metadata cell map when the key column was cleared', async () => {
    const bytes = await edit(filled, (wb) => {
      const ws = mainSheet(wb);
      for (let r = 2; r <= ws.rowCount; r++) ws.getCell(r, 1).value = null;
    });
    const r = await read(bytes);
    expect(r.report).toEqual(sample);
  });
});
});
}
