import { beforeAll, describe, expect, it } from 'vitest';
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ReportError } from '@bieumau/core';
import { checkArchive, readWorkbook, writeWorkbook, createTemplate } from './index.js';
import { demo } from './testing/definitions.js';
import type { LoadedVariant } from './testing/definitions.js';
import { edit, fieldCell, mainSheet, open, tableSheet } from './testing/workbook.js';

let d: LoadedVariant;
let sample: Record<string, unknown>;
let filled: Uint8Array;
beforeAll(async () => {
  d = demo();
  sample = d.samples[0]!.report;
  filled = await writeWorkbook(sample, d.definition);
});
const read = (bytes: Uint8Array) => readWorkbook(bytes, { definition: d.definition });
const only = (r: { ok: boolean; diagnostics: ReportError[] }) => {
  expect(r.ok).toBe(false);
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0]!;
};

/** A zip whose one entry inflates to `size` zero bytes, streamed so the test itself stays small. */
function zerosZip(size: number, name = 'xl/worksheets/sheet1.xml'): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  const entry = new ZipDeflate(name, { level: 9 });
  zip.add(entry);
  const chunk = new Uint8Array(1 << 20);
  for (let left = size; left > 0; left -= chunk.length) entry.push(left > chunk.length ? chunk : chunk.subarray(0, left), left <= chunk.length);
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Rewrites the declared uncompressed size of every central directory entry (a lying archive). */
function lieAboutSizes(bytes: Uint8Array, size: number): Uint8Array {
  const out = bytes.slice();
  const dv = new DataView(out.buffer);
  for (let i = 0; i < out.length - 4; i++) if (dv.getUint32(i, true) === 0x02014b50) dv.setUint32(i + 24, size, true);
  return out;
}

function rezip(bytes: Uint8Array, fn: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  fn(files);
  return zipSync(files);
}

describe('the archive gate', () => {
  it('refuses a zip bomb by its declared size without inflating it', async () => {
    const bomb = zerosZip(110 * 2 ** 20);
    expect(bomb.length).toBeLessThan(2 * 2 ** 20);
    const r = await read(bomb);
    expect(only(r)).toMatchObject({ keyword: 'excel.zipBomb', severity: 'error' });
  });

  it('refuses an abnormal compression ratio', () => {
    expect(checkArchive(zerosZip(20 * 2 ** 20))).toMatchObject({ keyword: 'excel.zipBomb', params: { ratio: expect.any(Number) } });
  });

  it('inflates with a running cap: an archive lying about its sizes is refused', async () => {
    const liar = lieAboutSizes(zerosZip(40 * 2 ** 20), 1000);
    const p = checkArchive(liar);
    expect(p).toMatchObject({ keyword: 'excel.zipBomb', params: { declared: 1000 } });
    // Refused within one input step (8 KB in, at most ~8 MB out), not after 40 MB.
    expect(p!.params.inflated as number).toBeLessThan(10 * 2 ** 20);
    expect(only(await read(liar)).keyword).toBe('excel.zipBomb');
  });

  it('refuses a 100 MB file at once', async () => {
    const big = new Uint8Array(100 * 2 ** 20);
    big.set(filled);
    const r = await read(big);
    expect(only(r)).toMatchObject({ keyword: 'excel.tooLarge', params: { size: 100 * 2 ** 20 } });
    expect(only(r).message).toMatch(/^Tệp quá lớn \(100\.0 MB; tối đa 30\.0 MB\)$/);
  });

  it('refuses too many entries', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 2100; i++) files[`x/${i}.xml`] = new Uint8Array(1);
    expect(checkArchive(zipSync(files))).toMatchObject({ keyword: 'excel.tooManyEntries' });
  });

  it('reports truncated, empty, random and non-zip input as typed errors', async () => {
    expect(only(await read(filled.subarray(0, Math.floor(filled.length / 2)))).keyword).toBe('excel.corrupt');
    expect(only(await read(new Uint8Array(0))).keyword).toBe('excel.notAZip');
    expect(only(await read(strToU8('định dạng,csv\n1,2\n'))).keyword).toBe('excel.notAZip');
    const noise = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    expect(only(await read(noise)).keyword).toBe('excel.notAZip');
    // A flipped byte inside compressed data: the inflate check notices.
    const damaged = filled.slice();
    damaged[200] = damaged[200]! ^ 0xff;
    damaged[201] = damaged[201]! ^ 0xff;
    const r = await read(damaged);
    expect(r.ok).toBe(false);
    expect(['excel.corrupt', 'excel.unreadable', 'excel.zipBomb']).toContain(only(r).keyword);
  });

  it('accepts an ArrayBuffer as well as a Uint8Array', async () => {
    const ab = filled.buffer.slice(filled.byteOffset, filled.byteOffset + filled.byteLength) as ArrayBuffer;
    expect((await readWorkbook(ab, { definition: d.definition })).report).toEqual(sample);
  });
});

describe('unusual producers', () => {
  it('a zip that is not a workbook, and a workbook that is not ours, are typed errors', async () => {
    const r = await read(zipSync({ 'hello.txt': strToU8('xin chào') }));
    expect(['excel.unreadable', 'excel.notOurWorkbook']).toContain(only(r).keyword);
  });

  it('reads a workbook missing docProps/app.xml, docProps/core.xml and the theme', async () => {
    const bytes = rezip(filled, (f) => {
      delete f['docProps/app.xml'];
      delete f['docProps/core.xml'];
      delete f['xl/theme/theme1.xml'];
    });
    const r = await read(bytes);
    expect(r.report).toEqual(sample);
  });

  it('a workbook missing sharedStrings.xml or styles.xml gives a typed result, never a crash', async () => {
    for (const part of ['xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', '[Content_Types].xml']) {
      const r = await read(rezip(filled, (f) => delete f[part]));
      expect(Array.isArray(r.diagnostics)).toBe(true);
      if (!r.ok) expect(r.diagnostics[0]!.keyword).toMatch(/^excel\./);
    }
  });

  it('survives a chart sheet and x:-prefixed namespaces', async () => {
    const withChart = rezip(filled, (f) => {
      f['xl/chartsheets/sheet1.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>');
      const wbXml = strFromU8(f['xl/workbook.xml']!);
      f['xl/workbook.xml'] = strToU8(wbXml.replace('</sheets>', '<sheet name="Biểu đồ" sheetId="99" r:id="rIdChart"/></sheets>'));
      const rels = strFromU8(f['xl/_rels/workbook.xml.rels']!);
      f['xl/_rels/workbook.xml.rels'] = strToU8(rels.replace('</Relationships>', '<Relationship Id="rIdChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>'));
    });
    const r = await read(withChart);
    if (r.ok) expect(r.report).toEqual(sample);
    else expect(r.diagnostics[0]!.keyword).toMatch(/^excel\./);

    const prefixed = rezip(filled, (f) => {
      for (const name of Object.keys(f).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
        const xml = strFromU8(f[name]!);
        f[name] = strToU8(xml.replace(/<(\/?)([a-zA-Z]+)([ >/])/g, '<$1x:$2$3').replace('xmlns="', 'xmlns:x="'));
      }
    });
    const r2 = await read(prefixed);
    expect(Array.isArray(r2.diagnostics)).toBe(true);
    if (!r2.ok) expect(r2.diagnostics[0]!.keyword).toMatch(/^excel\./);
  });
});

describe('strings that break files', () => {
  it('strips control characters when writing, reports them, and writes a valid file', async () => {
    const seen: ReportError[] = [];
    const report = structuredClone(sample) as { general: Record<string, unknown> };
    report.general.agencyName = 'Sở\u0000 TT\u0001&TT\u001f\ud800';
    const bytes = await writeWorkbook(report, d.definition, { onDiagnostic: (x) => seen.push(x) });
    expect(seen).toEqual([expect.objectContaining({ keyword: 'excel.controlCharacter', instancePath: '/general/agencyName', params: { count: 4 } })]);
    const wb = await open(bytes);
    expect(fieldCell(wb, '/general/agencyName').value).toBe('Sở TT&TT');
    expect((await read(bytes)).report!.general).toMatchObject({ agencyName: 'Sở TT&TT' });
  });

  it('never lets a control character typed in a cell into the report', async () => {
    const bytes = await edit(filled, (wb) => {
      fieldCell(wb, '/general/agencyName').value = 'A\u0007B';
    });
    // Whoever wrote it, the character never reaches the report.
    const r = await read(bytes);
    expect((r.report!.general as Record<string, unknown>).agencyName).toBe('AB');
    expect(r.diagnostics.every((x) => x.keyword === 'excel.controlCharacter')).toBe(true);
  });

  it('writes text starting with = + - @ as text and reads it back as the same text, never a formula', async () => {
    const report = structuredClone(sample) as { general: Record<string, unknown>; services: { list: Record<string, unknown>[] } };
    report.general.agencyName = '=HYPERLINK("http://evil","bấm")';
    report.general.email = '+84@x.vn';
    report.services.list[0]!.name = '@SUM(A1:A9)';
    report.services.list[1]!.name = '-1+2';
    report.services.list[2]!.name = '\t=1+1';
    const bytes = await writeWorkbook(report, d.definition);
    const files = unzipSync(bytes);
    for (const [name, data] of Object.entries(files)) {
      if (!name.startsWith('xl/worksheets/')) continue;
      const formulas = [...strFromU8(data).matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
      // The only formula is the agency line of the header, which we write ourselves.
      expect(formulas.every((f) => f!.startsWith('IF('))).toBe(true);
    }
    const r = await read(bytes);
    expect(r.report).toEqual(report);
    expect(r.diagnostics).toEqual([]);
  });

  it('keeps characters outside the BMP where a 16 K block boundary of the writer cuts their surrogate pair', async () => {
    // JSZip encodes a string part 16,384 UTF-16 units at a time; exceljs's Node writer gave it strings,
    // so an emoji across a boundary became "��" (found by the round-trip property test).
    const report = structuredClone(sample) as { portal: Record<string, unknown> };
    report.portal.notes = `a${'😀'.repeat(9_000)}`;
    report.portal.channelsOther = '𝗣✩𐬆𘩲𞠟'.repeat(60);
    const bytes = await writeWorkbook(report, d.definition);
    const parts = unzipSync(bytes);
    // The case must be the one that broke: a pair across a boundary of the part that holds the text.
    const part = Object.entries(parts).find(([, data]) => strFromU8(data).includes('😀😀'))!;
    const text = strFromU8(part[1]);
    expect(text).not.toContain('\ufffd');
    const cut = [...Array(Math.floor(text.length / 16_384)).keys()].some((k) => /[\ud800-\udbff]/.test(text[(k + 1) * 16_384 - 1]!));
    expect(cut, part[0]).toBe(true);
    const r = await read(bytes);
    expect(r.diagnostics).toEqual([]);
    expect(r.report!.portal).toMatchObject({ notes: report.portal.notes, channelsOther: report.portal.channelsOther });
  });

  it('text over an Excel cell’s 32,767 characters is cut and reported, the file stays valid', async () => {
    const seen: ReportError[] = [];
    const report = structuredClone(sample) as { portal: Record<string, unknown> };
    report.portal.notes = 'x'.repeat(40_000);
    const bytes = await writeWorkbook(report, d.definition, { onDiagnostic: (x) => seen.push(x) });
    expect(seen.map((x) => x.keyword)).toEqual(['excel.textTooLong']);
    expect(((await read(bytes)).report!.portal as Record<string, unknown>).notes).toHaveLength(32_767);
  });

  it('a report with wrong types and prototype keys writes a valid file, read back with located errors', async () => {
    const report = JSON.parse('{"definition":{"form":"demo-form","version":"2025","variant":"unit"},"general":{"totalStaff":{"a":1},"permanentStaff":"nhiều","__proto__":{"polluted":1}},"services":{"list":[null,5,{"name":"ok","level":7}]},"notApplicable":{"__proto__":"x"}}');
    const bytes = await writeWorkbook(report, d.definition);
    const r = await read(bytes);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.diagnostics.map((x) => [x.keyword, x.instancePath])).toEqual(
      expect.arrayContaining([
        ['excel.notANumber', '/general/totalStaff'],
        ['excel.notANumber', '/general/permanentStaff'],
        ['excel.unknownChoice', '/services/list/0/level'],
      ]),
    );
    expect((r.report!.services as { list: unknown[] }).list).toEqual([{ name: 'ok' }]);
  });
});

describe('prototype pollution', () => {
  it('__proto__, constructor and prototype as sheet names, header texts, keys and map pointers change nothing', async () => {
    const bytes = await edit(filled, (wb) => {
      const t = tableSheet(wb, '/services/list');
      t.ws.name = '__proto__';
      t.ws.getCell(4, t.col('name')).value = '__proto__';
      const extra = t.ws.getCell(t.first - 1, 20);
      extra.value = 'constructor';
      t.ws.getCell(t.first, 20).value = 'polluted';
      const main = mainSheet(wb);
      main.name = 'constructor';
      main.getCell(main.rowCount + 1, 1).value = '/__proto__/polluted';
      main.getCell(main.rowCount, 5).value = 1;
      const extraSheet = wb.addWorksheet('prototype');
      extraSheet.getCell('A1').value = 'bieumau:table';
      extraSheet.getCell('B1').value = '/__proto__';
      const meta = wb.getWorksheet('_bieumau')!;
      meta.addRow(['field', '__proto__', 'A1', '/__proto__/polluted']);
      meta.addRow(['__proto__', 'x']);
    });
    const r = await read(bytes);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(r.report).toEqual(sample);
  });
});

describe('blank template', () => {
  it('is a valid, readable workbook that exceljs and fflate agree on', async () => {
    const t = await createTemplate(d.definition);
    expect(checkArchive(t)).toBeUndefined();
    expect(Object.keys(unzipSync(t))[0]).toBe('[Content_Types].xml');
  });
});
