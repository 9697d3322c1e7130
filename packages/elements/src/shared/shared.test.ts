/**
 * The element-independent parts, in Node: reading typed and pasted text,
 * Excel's clipboard format, header layout, copy-on-write updates, validity
 * flags, draft keys.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, createDefinition } from '@bieumau/core';
import type { FieldNode } from '@bieumau/core';
import { repo } from '../../test/harness.js';
import { coerceText, displayValue, safeHref } from './coerce.js';
import { draftKey } from './drafts.js';
import { headerRows } from './header.js';
import { setPointer } from './immutable.js';
import { parseTsv } from './tsv.js';
import { errorTarget, validityFlags } from './validation.js';

const dir = join(repo, 'test/fixtures/definitions/demo-form/2025');
const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const model = buildModel(createDefinition({ resources: [read('shared.json'), read('unit.json')], catalogues: { en: read('i18n/en.json') } }));
const node = (t: string): FieldNode => model.byTemplate.get(t)!;

describe('coerceText', () => {
  it.each([
    ['/general/totalStaff', '1.234', 1234],
    ['/general/totalStaff', ' 1 234 ', 1234],
    ['/general/totalStaff', '\u00a012\u00a0', 12],
    ['/portal/documentShare', '92,5', 92.5],
    ['/portal/documentShare', '45%', 45],
    ['/general/reportDate', '31/10/2025', '2025-10-31'],
    ['/general/reportDate', '2025-10-31', '2025-10-31'],
    ['/portal/updateFrequency', 'hang ngay', 'daily'],
    ['/portal/updateFrequency', 'Hằng tuần', 'weekly'],
    ['/portal/updateFrequency', 'Ha\u0300ng tha\u0301ng', 'monthly'],
    ['/portal/channels', 'Qua Internet; SMS', ['internet', 'sms']],
    ['/portal/qaFunction', 'có', true],
    ['/portal/qaFunction', 'Không', false],
    ['/services/list/*/level', 'Mức độ 4', 4],
    ['/services/list/*/level', '3', 3],
    ['/services/list/*/launched', '3/2024', '2024-03'],
    ['/general/agencyName', '  Sở  ', 'Sở'],
    ['/general/totalStaff', '', undefined],
  ])('%s ← %j', (t, text, value) => {
    expect(coerceText(node(t), text)).toEqual({ ok: true, value });
  });

  it.each([
    ['/general/totalStaff', 'abc', 'parse.notANumber'],
    ['/general/totalStaff', '1,5', 'parse.notInteger'],
    ['/general/totalStaff', '45%', 'parse.percentNotAllowed'],
    ['/general/reportDate', '30/02/2025', 'parse.invalidDate'],
    ['/general/reportDate', 'hôm qua', 'parse.notADate'],
    ['/portal/updateFrequency', 'thỉnh thoảng', 'parse.unknownOption'],
    ['/portal/qaFunction', 'có lẽ', 'parse.notABoolean'],
    ['/services/list/*/url', 'javascript:alert(1)', 'parse.notAUrl'],
    ['/services/list/*/launched', '13/2024', 'parse.notAMonth'],
  ])('%s ← %j fails with %s', (t, text, reason) => {
    expect(coerceText(node(t), text)).toMatchObject({ ok: false, reason });
  });

  it('formats for display in each language', () => {
    expect(displayValue(node('/general/totalStaff'), 1234567, 'vi')).toBe('1.234.567');
    expect(displayValue(node('/general/totalStaff'), 1234567, 'en')).toBe('1,234,567');
    expect(displayValue(node('/portal/documentShare'), 92.5, 'vi')).toBe('92,5');
    expect(displayValue(node('/general/reportDate'), '2025-10-31', 'vi')).toBe('31/10/2025');
    expect(displayValue(node('/portal/updateFrequency'), 'daily', 'en')).toBe('Daily');
  });

  it('lets only http(s) links through', () => {
    expect(safeHref('https://a.gov.vn/x')).toBe('https://a.gov.vn/x');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' JAVASCRIPT:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('//evil.example')).toBeUndefined();
  });
});

describe('parseTsv', () => {
  it('reads Excel clipboard text: tabs, CRLF, quoted cells with line breaks and quotes, trailing newline', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('"x\ny"\t"say ""hi"""\n')).toEqual([['x\ny', 'say "hi"']]);
    expect(parseTsv('a\t\tc')).toEqual([['a', '', 'c']]);
    expect(parseTsv('"unterminated\tb')).toEqual([['"unterminated', 'b']]);
  });
});

describe('headerRows', () => {
  it('lays out bmHeaderGroups as spanning header rows', () => {
    const rows = headerRows(node('/services/list'));
    expect(rows).toHaveLength(2);
    const group = rows[0]!.find((h) => !h.column)!;
    expect(group.label.vi).toBe('Nguồn kinh phí');
    expect(group.colspan).toBe(2);
    expect(rows[0]!.find((h) => h.column?.key === 'name')!.rowspan).toBe(2);
    expect(rows[1]!.map((h) => h.column!.key)).toEqual(['ownFunding', 'otherFunding']);
    expect(rows[1]![0]!.groups).toEqual([group.id]);
  });
});

describe('setPointer', () => {
  it('copies only the path it changes and never creates parents for a blank', () => {
    const doc = { a: { b: 1 }, list: [{ x: 1 }, { x: 2 }], keep: { y: 1 } };
    const next = setPointer(doc, '/list/1/x', 5);
    expect(next).toEqual({ a: { b: 1 }, list: [{ x: 1 }, { x: 5 }], keep: { y: 1 } });
    expect(doc.list[1]!.x).toBe(2);
    expect(next.keep).toBe(doc.keep);
    expect((next.list as unknown[])[0]).toBe(doc.list[0]);
    expect(setPointer(doc, '/missing/deep', undefined)).toBe(doc);
    expect(setPointer(doc, '/a/b', undefined)).toEqual({ a: {}, list: doc.list, keep: doc.keep });
    expect(() => setPointer(doc, '/__proto__/polluted', 1)).toThrow(RangeError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validity and targets', () => {
  it('maps error keywords to ValidityState flags; warnings never invalidate', () => {
    const e = (keyword: string, severity: 'error' | 'warning' = 'error') => ({ instancePath: '/a', keyword, params: {}, severity });
    expect(validityFlags([e('required'), e('maximum'), e('input.notANumber'), e('it-staff.rule')])).toEqual({
      valueMissing: true,
      rangeOverflow: true,
      badInput: true,
      customError: true,
    });
    expect(validityFlags([e('required', 'warning')])).toEqual({});
  });
  it('files N/A and evidence problems under their field', () => {
    expect(errorTarget('/notApplicable/~1portal~1qaFunction', 'bmNotApplicableReason')).toEqual({ pointer: '/portal/qaFunction', part: 'notApplicable' });
    expect(errorTarget('/portal/x', 'bmEvidenceRequired')).toEqual({ pointer: '/portal/x', part: 'evidence' });
    expect(draftKey('annual-ict', '2019', 'province', ' UBND tỉnh ').key).toBe('annual-ict@2019/province#UBND tỉnh');
  });
});

describe('sources', () => {
  it('never render HTML from strings or set inline styles (definitions and reports are data)', () => {
    const root = join(repo, 'packages/elements/src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const f of files) {
      // Code only: comments may name what we avoid.
      const src = readFileSync(join(root, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(src, f).not.toMatch(/unsafeHTML|unsafeSVG|innerHTML|insertAdjacentHTML|\beval\(|new Function|style=\$\{/);
    }
  });
});
