/**
 * Turning what a person typed or pasted into a report value, the way the
 * Excel codec reads a cell: Vietnamese numbers through `parseNumberVi`, dates
 * through `parseDateVi`, choice labels matched with `foldText` (so "muc do 3",
 * "Mức độ 3" typed decomposed, and the value `3` all match). And back: a value
 * formatted for display in a language.
 * @module
 */
import { cleanFloat, foldText, formatDate, formatNumber, nfc, parseDateVi, parseNumberVi } from '@bieumau/core';
import type { FieldNode, Lang } from '@bieumau/core';
import type { StringKey } from './strings.js';

/** The outcome of reading a text for a field. `value: undefined` means blank. */
export type Coerced = { ok: true; value: unknown } | { ok: false; reason: StringKey; text: string };

const TRUE = new Set(['co', 'c', 'x', 'yes', 'y', 'true', '1', '✓', '✔', 'dung']);
const FALSE = new Set(['khong', 'k', 'no', 'n', 'false', '0', 'sai', '']);

/** Whether a number kind accepts a `%` sign. */
const NUMERIC = new Set(['integer', 'decimal', 'percent', 'year']);

/** Matches one option of a choice field by value or label (vi or en), leniently. */
export function matchOption(field: FieldNode, text: string): string | number | undefined {
  const opts = field.options ?? [];
  const raw = nfc(text).trim();
  const exact = opts.find((o) => String(o.value) === raw);
  if (exact) return exact.value;
  const folded = foldText(raw);
  const byLabel = opts.find((o) => foldText(o.label.vi) === folded || foldText(o.label.en) === folded || foldText(String(o.value)) === folded);
  return byLabel?.value;
}

function parseMonth(text: string): string | undefined {
  const s = text.replace(/[\s\u00a0]/g, '');
  let m = /^(\d{4})-(\d{1,2})$/.exec(s);
  let y: number, mo: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
  } else if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(s))) {
    y = Number(m[2]);
    mo = Number(m[1]);
  } else return undefined;
  if (mo < 1 || mo > 12 || y < 1000) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}`;
}

/**
 * Reads a text typed or pasted into a scalar field or table column. Never
 * throws; a failure names a message key and keeps the text so the view can
 * show it back with the error.
 */
export function coerceText(field: FieldNode, input: string): Coerced {
  const text = nfc(input);
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const fail = (reason: StringKey): Coerced => ({ ok: false, reason, text: trimmed });
  switch (field.kind) {
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'year': {
      const p = parseNumberVi(trimmed);
      if (!p.ok) return p.reason === 'blank' ? { ok: true, value: undefined } : fail(p.reason === 'tooPrecise' ? 'parse.tooPrecise' : 'parse.notANumber');
      if (p.percent && field.kind !== 'percent') return fail('parse.percentNotAllowed');
      // A year is never grouped: "2.019" typed for a year is a slip, not 2019.
      const value = cleanFloat(p.value);
      if ((field.kind === 'integer' || field.kind === 'year') && !Number.isInteger(value)) return fail('parse.notInteger');
      return { ok: true, value };
    }
    case 'boolean': {
      const f = foldText(trimmed);
      if (TRUE.has(f)) return { ok: true, value: true };
      if (FALSE.has(f)) return { ok: true, value: false };
      return fail('parse.notABoolean');
    }
    case 'choice': {
      const v = matchOption(field, trimmed);
      return v === undefined ? fail('parse.unknownOption') : { ok: true, value: v };
    }
    case 'multiChoice': {
      const parts = trimmed.split(/[;\n]|,(?!\d)/).map((s) => s.trim()).filter(Boolean);
      const values: (string | number)[] = [];
      for (const part of parts) {
        const v = matchOption(field, part);
        if (v === undefined) return { ok: false, reason: 'parse.unknownOption', text: part };
        if (!values.includes(v)) values.push(v);
      }
      return { ok: true, value: values.length ? values : undefined };
    }
    case 'date': {
      const d = parseDateVi(trimmed);
      if (d.ok) return { ok: true, value: d.value };
      return fail(d.reason === 'invalidDate' ? 'parse.invalidDate' : 'parse.notADate');
    }
    case 'month': {
      const m = parseMonth(trimmed);
      return m ? { ok: true, value: m } : fail('parse.notAMonth');
    }
    case 'url':
      // The schema's pattern reports it too; here we only refuse to keep a
      // script URL silently, and tell the person at once.
      return /^https?:\/\//i.test(trimmed) ? { ok: true, value: trimmed } : fail('parse.notAUrl');
    default:
      return { ok: true, value: field.kind === 'longText' ? text.replace(/\r\n?/g, '\n').trim() : trimmed };
  }
}

/** Whether a field kind is numeric (entered as text, formatted on display). */
export function isNumeric(field: FieldNode): boolean {
  return NUMERIC.has(field.kind);
}

/** Formats a stored value as text in a language, for inputs, table cells and print. */
export function displayValue(field: FieldNode, value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return '';
  switch (field.kind) {
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'year':
      return typeof value === 'number' ? formatNumber(value, lang, { grouping: field.kind !== 'year' }) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value, lang) : String(value);
    case 'month': {
      const m = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null;
      return m && lang === 'vi' ? `${m[2]}/${m[1]}` : String(value);
    }
    case 'boolean':
      return value === true ? (lang === 'vi' ? 'Có' : 'Yes') : value === false ? (lang === 'vi' ? 'Không' : 'No') : String(value);
    case 'choice': {
      const o = field.options?.find((x) => x.value === value);
      return o ? o.label[lang] : String(value);
    }
    case 'multiChoice':
      return Array.isArray(value) ? value.map((v) => field.options?.find((o) => o.value === v)?.label[lang] ?? String(v)).join('; ') : String(value);
    case 'ratio': {
      const r = value as { numerator?: unknown; denominator?: unknown };
      return `${r.numerator ?? '…'}/${r.denominator ?? '…'}`;
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/**
 * An `href` safe to bind: only absolute http(s) URLs. Lit escapes text but not
 * attribute values, so `javascript:` in an evidence link would run on click.
 */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
