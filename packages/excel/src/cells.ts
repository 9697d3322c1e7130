/**
 * How each field kind looks in a cell: number format, data validation,
 * width, and the conversion of a report value into a cell value. Driven by
 * the field's kind and schema constraints only.
 * @module
 */
import type { FieldNode, Lang } from '@bieumau/core';
import type { XDataValidation } from './adapter.js';
import { UI } from './layout.js';

/** The longest text one Excel cell holds. */
export const EXCEL_CELL_LIMIT = 32_767;

// Characters XML 1.0 cannot carry: exceljs writes them raw and the file is corrupt.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const MAYBE_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Removes characters a workbook cannot hold; says how many. */
export function cleanText(text: string): { text: string; removed: number } {
  // The common case (nothing to remove) skips the slower replacement.
  if (!MAYBE_INVALID.test(text)) return { text, removed: 0 };
  let removed = 0;
  const out = text.replace(INVALID_XML, () => {
    removed++;
    return '';
  });
  return { text: out, removed };
}

/** Excel number format of a kind. */
export function numFmt(node: FieldNode): string {
  switch (node.kind) {
    case 'integer':
      return '#,##0';
    case 'year':
      return '0';
    case 'decimal':
    case 'percent':
      return 'General';
    case 'date':
      return 'dd/mm/yyyy';
    case 'boolean':
    case 'choice':
    case 'multiChoice':
      return 'General';
    default:
      // Text kinds: '@' keeps what people type as text (leading zeros of phone numbers, "03/2024").
      return '@';
  }
}

/** Column width (characters) for a kind in a table. */
export function width(node: FieldNode, lang: Lang): number {
  switch (node.kind) {
    case 'longText':
      return 45;
    case 'text':
    case 'url':
    case 'email':
      return 32;
    case 'choice':
    case 'multiChoice': {
      const longest = Math.max(8, ...(node.options ?? []).map((o) => o.label[lang].length));
      return Math.min(40, longest + 4);
    }
    case 'boolean':
      return 10;
    case 'date':
    case 'month':
    case 'year':
      return 12;
    default:
      return 14;
  }
}

const bound = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Quotes a literal list for a data validation (`"a,b"`), or undefined when a range is needed. */
export function literalList(items: string[]): string | undefined {
  // Excel splits literal lists on commas and caps them at 255 characters.
  if (items.some((s) => s.includes(',') || s.includes('"'))) return undefined;
  const joined = items.join(',');
  return joined.length <= 250 ? `"${joined}"` : undefined;
}

/**
 * The data validation of an input cell, or undefined. `listRange` gives the
 * hidden-sheet range of a choice field whose labels do not fit a literal list.
 */
export function validation(node: FieldNode, lang: Lang, listRange?: string): XDataValidation | undefined {
  const s = node.schema;
  const min = bound(s.minimum) ?? (bound(s.exclusiveMinimum) !== undefined ? s.exclusiveMinimum : undefined);
  const max = bound(s.maximum) ?? (bound(s.exclusiveMaximum) !== undefined ? s.exclusiveMaximum : undefined);
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop' as const };
  const title = node.label[lang].slice(0, 32);
  const numeric = (type: 'whole' | 'decimal', lo: number | undefined, hi: number | undefined, msg: { vi: string; en: string }): XDataValidation => {
    if (lo !== undefined && hi !== undefined) return { ...common, type, operator: 'between', formulae: [lo, hi], errorTitle: title, error: msg[lang] };
    if (lo !== undefined) return { ...common, type, operator: 'greaterThanOrEqual', formulae: [lo], errorTitle: title, error: msg[lang] };
    if (hi !== undefined) return { ...common, type, operator: 'lessThanOrEqual', formulae: [hi], errorTitle: title, error: msg[lang] };
    return { ...common, type, operator: 'between', formulae: [-1e15, 1e15], errorTitle: title, error: msg[lang] };
  };
  const range = (lo: number | undefined, hi: number | undefined) =>
    lo !== undefined && hi !== undefined ? `${lo}–${hi}` : lo !== undefined ? `≥ ${lo}` : hi !== undefined ? `≤ ${hi}` : '';
  switch (node.kind) {
    case 'integer':
    case 'year':
      return numeric('whole', min, max, { vi: `Nhập số nguyên ${range(min, max)}`, en: `Enter a whole number ${range(min, max)}` });
    case 'decimal':
      return numeric('decimal', min, max, { vi: `Nhập số ${range(min, max)}`, en: `Enter a number ${range(min, max)}` });
    case 'percent':
      return numeric('decimal', min ?? 0, max ?? 100, { vi: `Nhập tỷ lệ phần trăm ${range(min ?? 0, max ?? 100)}`, en: `Enter a percentage ${range(min ?? 0, max ?? 100)}` });
    case 'boolean':
      return { ...common, type: 'list', formulae: [`"${UI.yes[lang]},${UI.no[lang]}"`], errorTitle: title, error: lang === 'vi' ? 'Chọn Có hoặc Không' : 'Choose Yes or No' };
    case 'choice': {
      const labels = (node.options ?? []).map((o) => o.label[lang]);
      const formula = listRange ?? literalList(labels);
      if (!formula) return undefined;
      return { ...common, type: 'list', formulae: [formula], errorTitle: title, error: lang === 'vi' ? 'Chọn một giá trị trong danh sách' : 'Choose a value from the list' };
    }
    case 'text':
    case 'longText':
    case 'url':
    case 'email':
    case 'phone': {
      const limit = Math.min(bound(s.maxLength) ?? EXCEL_CELL_LIMIT, EXCEL_CELL_LIMIT);
      return {
        ...common,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [limit],
        errorTitle: title,
        error: lang === 'vi' ? `Tối đa ${limit} ký tự` : `At most ${limit} characters`,
      };
    }
    default:
      return undefined;
  }
}

/** The option label of a value in a language, or undefined for a value outside the enum. */
export function optionLabel(node: FieldNode, value: unknown, lang: Lang): string | undefined {
  const o = node.options?.find((x) => x.value === value);
  return o?.label[lang];
}

/** Formats a month `yyyy-mm` as typed on the form (`03/2024` in Vietnamese). */
export function formatMonth(v: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  return m && lang === 'vi' ? `${m[2]}/${m[1]}` : v;
}
