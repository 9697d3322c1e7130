/**
 * Human input → report values. Every cell is first reduced to a plain raw
 * value (rich text joined, hyperlinks to their text, formulas to their cached
 * result and flagged), then coerced by the field kind. Coercion happens only
 * where the reading is unambiguous; anything else is a diagnostic, never a
 * silent guess.
 * @module
 */
import { cleanFloat, dateToIso, excelSerialToIso, foldText, nfc, parseDateVi, parseNumberVi } from '@bieumau/core';
import type { FieldNode, OptionNode } from '@bieumau/core';
import type { CellLike } from './adapter.js';
import { cleanText } from './cells.js';
import type { ExcelKeyword } from './messages.js';

/** A cell reduced to one plain value. */
export type Raw =
  | { t: 'blank' }
  | { t: 'number'; v: number; percentFmt: boolean; dateFmt: boolean }
  | { t: 'string'; v: string }
  | { t: 'boolean'; v: boolean }
  | { t: 'date'; v: Date }
  | { t: 'error'; v: string };

/** What was found in a cell besides its value. */
export interface CellRead {
  raw: Raw;
  /** The formula, when the cell held one. */
  formula?: string;
  /** The hyperlink target, when the cell held one. */
  hyperlink?: string;
  /** The master cell's address when this cell was merged into another. */
  mergedInto?: string;
  /** Invalid control characters removed from the text. */
  removed?: number;
}

/** A problem found while coercing: keyword, severity, params. */
export interface Problem {
  keyword: ExcelKeyword;
  severity: 'error' | 'warning';
  params: Record<string, unknown>;
}

/** The result of coercing one cell: a value (or blank) and any problems. */
export interface Coerced {
  value?: unknown;
  problems: Problem[];
}

const BLANK: Raw = { t: 'blank' };

function richText(v: unknown): string | undefined {
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown }).richText)) {
    return (v as { richText: { text?: unknown }[] }).richText.map((r) => (typeof r?.text === 'string' ? r.text : '')).join('');
  }
  return undefined;
}

const percentFmts = new Map<string, boolean>();

/** A number format showing a percentage (a `%` outside quoted text); a workbook has few formats, so the answer is cached. */
function isPercentFmt(fmt: string): boolean {
  let hit = percentFmts.get(fmt);
  if (hit === undefined) {
    hit = /%/.test(fmt.replace(/"[^"]*"/g, ''));
    if (percentFmts.size < 1000) percentFmts.set(fmt, hit);
  }
  return hit;
}

function plain(v: unknown, numFmt: string | undefined): Raw {
  if (v === null || v === undefined) return BLANK;
  if (typeof v === 'number') return { t: 'number', v, percentFmt: numFmt !== undefined && isPercentFmt(numFmt), dateFmt: false };
  if (typeof v === 'string') return v === '' ? BLANK : { t: 'string', v };
  if (typeof v === 'boolean') return { t: 'boolean', v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? BLANK : { t: 'date', v };
  const rt = richText(v);
  if (rt !== undefined) return rt === '' ? BLANK : { t: 'string', v: rt };
  if (typeof v === 'object' && typeof (v as { error?: unknown }).error === 'string') return { t: 'error', v: (v as { error: string }).error };
  return { t: 'string', v: String(v) };
}

/** Reduces an exceljs cell to a {@link CellRead}. Never throws. */
export function readCell(cell: CellLike | undefined): CellRead {
  if (!cell) return { raw: BLANK };
  if (cell.mergedInto) return { raw: BLANK, mergedInto: cell.mergedInto };
  const value = cell.value;
  const numFmt = cell.numFmt;
  const out: CellRead = { raw: BLANK };
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const o = value as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      out.formula = String(o.formula ?? o.sharedFormula ?? '');
      out.raw = 'result' in o && o.result !== undefined ? plain(o.result, numFmt) : BLANK;
      return clean(out);
    }
    if ('hyperlink' in o) {
      if (typeof o.hyperlink === 'string') out.hyperlink = o.hyperlink;
      const t = typeof o.text === 'string' ? o.text : richText(o.text);
      out.raw = t ? { t: 'string', v: t } : BLANK;
      return clean(out);
    }
  }
  out.raw = plain(value, numFmt);
  return clean(out);
}

const ASCII = /^[\x00-\x7f]*$/;

function clean(r: CellRead): CellRead {
  if (r.raw.t === 'string') {
    const { text, removed } = cleanText(r.raw.v);
    if (removed) r.removed = removed;
    // Pure ASCII is already NFC (most table cells: numbers as text, URLs, codes).
    r.raw = text === '' ? BLANK : { t: 'string', v: ASCII.test(text) ? text : nfc(text) };
  }
  return r;
}

/** Whether a raw value is blank (an empty string or only spaces counts as blank). */
export function isBlank(raw: Raw): boolean {
  return raw.t === 'blank' || (raw.t === 'string' && !/[^\s\u00a0\u202f\u2007]/.test(raw.v));
}

const p = (keyword: ExcelKeyword, params: Record<string, unknown>, severity: 'error' | 'warning' = 'error'): Problem => ({ keyword, severity, params });

const YES = new Set(['x', 'co', 'yes', 'y', 'true', '1', 'dung', '✓', '✔', '☑', 'v']);
const NO = new Set(['khong', 'no', 'false', '0', 'sai', 'k', '☐']);

/** Reads a yes/no answer: `x`, `có`, `không`, Yes/No, TRUE/FALSE, 1/0. */
export function toBoolean(raw: Raw): Coerced {
  if (raw.t === 'boolean') return { value: raw.v, problems: [] };
  if (raw.t === 'number' && (raw.v === 1 || raw.v === 0)) return { value: raw.v === 1, problems: [] };
  const text = rawText(raw);
  const f = foldText(text);
  if (YES.has(f)) return { value: true, problems: [] };
  if (NO.has(f)) return { value: false, problems: [] };
  return { problems: [p('excel.notABoolean', { text })] };
}

function rawText(raw: Raw): string {
  switch (raw.t) {
    case 'string':
      return raw.v;
    case 'number':
      return String(raw.v);
    case 'boolean':
      return raw.v ? 'TRUE' : 'FALSE';
    case 'date':
      return dateToIso(raw.v) ?? '';
    case 'error':
      return raw.v;
    default:
      return '';
  }
}

function numberFrom(raw: Raw, node: FieldNode): Coerced {
  const integer = node.kind === 'integer' || node.kind === 'year';
  let value: number;
  const problems: Problem[] = [];
  if (raw.t === 'number') {
    value = cleanFloat(raw.v);
    if (node.kind === 'percent' && raw.percentFmt) value = cleanFloat(raw.v * 100);
  } else if (raw.t === 'string') {
    const parsed = parseNumberVi(raw.v);
    if (!parsed.ok) {
      if (parsed.reason === 'blank') return { problems: [] };
      return { problems: [p(parsed.reason === 'tooPrecise' ? 'excel.tooPrecise' : 'excel.notANumber', { text: raw.v })] };
    }
    value = parsed.value;
    const s = raw.v.replace(/[\s\u00a0\u202f\u2007%]/g, '');
    if (parsed.ambiguous && !integer) {
      // "1.234" — Vietnamese grouping (1234) or an English decimal point (1.234): refuse to guess.
      return { problems: [p('excel.ambiguousNumber', { text: raw.v, readings: [parsed.value, Number(s.replace(/^[+-]/, '')) * Math.sign(parsed.value || 1)] })] };
    }
    if (integer && !Number.isInteger(value) && /^[+-]?\d{1,3}(,\d{3})+$/.test(s)) {
      // "1,234" in a whole-number field: a Vietnamese decimal (1,234) cannot be meant, an English grouping can.
      return { problems: [p('excel.ambiguousNumber', { text: raw.v, readings: [value, Number(s.replace(/,/g, ''))] })] };
    }
    if (node.kind === 'percent' && !parsed.percent && value > 0 && value < 1) {
      problems.push(p('excel.ambiguousPercent', { text: raw.v, value, alternative: cleanFloat(value * 100) }, 'warning'));
    }
  } else if (raw.t === 'boolean' || raw.t === 'date') {
    return { problems: [p('excel.notANumber', { text: rawText(raw) })] };
  } else {
    return { problems: [] };
  }
  if (integer && !Number.isInteger(value)) return { problems: [p('excel.notAnInteger', { value })] };
  if (!Number.isFinite(value)) return { problems: [p('excel.notANumber', { text: rawText(raw) })] };
  return { value: value === 0 ? 0 : value, problems };
}

function optionMatch(options: OptionNode[], raw: Raw): { value?: string | number; problem?: Problem } {
  if (raw.t === 'number') {
    const byValue = options.find((o) => o.value === raw.v);
    if (byValue) return { value: byValue.value };
  }
  const text = nfc(rawText(raw)).trim().replace(/[\s\u00a0]+/g, ' ');
  const exact = options.filter((o) => o.label.vi === text || o.label.en === text || String(o.value) === text);
  if (exact.length === 1) return { value: exact[0]!.value };
  const f = foldText(text);
  const folded = options.filter((o) => foldText(o.label.vi) === f || foldText(o.label.en) === f || foldText(String(o.value)) === f);
  if (folded.length === 1) return { value: folded[0]!.value };
  if (folded.length > 1 || exact.length > 1) {
    return { problem: p('excel.ambiguousChoice', { text, candidates: (folded.length ? folded : exact).map((o) => o.label.vi) }) };
  }
  return { problem: p('excel.unknownChoice', { text, allowed: options.map((o) => o.label.vi) }) };
}

function multiFrom(raw: Raw, node: FieldNode): Coerced {
  const options = node.options ?? [];
  const whole = optionMatch(options, raw);
  if (whole.value !== undefined) return { value: [whole.value], problems: [] };
  // Several labels in one cell: separated by semicolons or line breaks (commas occur inside labels).
  const parts = rawText(raw).split(/[;\n\r]+/).map((s) => s.trim()).filter(Boolean);
  const values: (string | number)[] = [];
  const problems: Problem[] = [];
  for (const part of parts) {
    const m = optionMatch(options, { t: 'string', v: part });
    if (m.value !== undefined) {
      if (!values.includes(m.value)) values.push(m.value);
    } else problems.push(m.problem!);
  }
  // The order typed is kept: a written report reads back as the same array.
  return values.length ? { value: values, problems } : { problems };
}

function dateFrom(raw: Raw, date1904: boolean): Coerced {
  if (raw.t === 'date') {
    const v = dateToIso(raw.v);
    return v ? { value: v, problems: [] } : { problems: [p('excel.invalidDate', { text: String(raw.v) })] };
  }
  if (raw.t === 'number') {
    const v = excelSerialToIso(raw.v, date1904);
    return v ? { value: v, problems: [] } : { problems: [p('excel.notADate', { text: String(raw.v) })] };
  }
  const text = rawText(raw);
  const parsed = parseDateVi(text);
  if (parsed.ok) return { value: parsed.value, problems: [] };
  if (parsed.reason === 'blank') return { problems: [] };
  return { problems: [p(parsed.reason === 'invalidDate' ? 'excel.invalidDate' : 'excel.notADate', { text })] };
}

function monthFrom(raw: Raw): Coerced {
  if (raw.t === 'date') {
    const iso = dateToIso(raw.v);
    if (iso) return { value: iso.slice(0, 7), problems: [] };
  }
  const text = rawText(raw);
  // The form the template writes (`03/2024`) and ISO (`2024-03`) need no folding.
  const quick = /^(?:(\d{2})\/(\d{4})|(\d{4})-(\d{2}))$/.exec(text);
  if (quick) {
    const y = Number(quick[2] ?? quick[3]);
    const mo = Number(quick[1] ?? quick[4]);
    if (mo >= 1 && mo <= 12 && y >= 1000) return { value: `${y}-${String(mo).padStart(2, '0')}`, problems: [] };
  }
  const s = foldText(text).replace(/^thang\s*/, '').replace(/\s*(nam|\/|-|\.)\s*/g, '$1').replace(/\s+/g, '');
  let m = /^(\d{1,2})(?:[/.-]|nam)(\d{4})$/.exec(s);
  let y: number | undefined;
  let mo: number | undefined;
  if (m) {
    mo = Number(m[1]);
    y = Number(m[2]);
  } else if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(s))) {
    y = Number(m[1]);
    mo = Number(m[2]);
  }
  if (y !== undefined && mo !== undefined && mo >= 1 && mo <= 12 && y >= 1000) {
    return { value: `${y}-${String(mo).padStart(2, '0')}`, problems: [] };
  }
  return { problems: [p('excel.notAMonth', { text })] };
}

function textFrom(cell: CellRead, node: FieldNode): Coerced {
  const raw = cell.raw;
  const problems: Problem[] = [];
  if (raw.t === 'error') return { problems: [p('excel.errorValue', { error: raw.v })] };
  let text: string;
  if (raw.t === 'number') {
    // Excel turns a long identifier typed as a number into a rounded float.
    if (Math.abs(raw.v) >= 1e15) problems.push(p('excel.precisionLost', { value: raw.v }, 'warning'));
    text = String(cleanFloat(raw.v));
  } else text = rawText(raw);
  if (node.kind === 'url' && cell.hyperlink && !/^https?:\/\//i.test(text.trim()) && /^https?:\/\//i.test(cell.hyperlink)) text = cell.hyperlink;
  if (node.kind === 'email' && /^mailto:/i.test(text)) text = text.replace(/^mailto:/i, '');
  return { value: text, problems };
}

/** Coerces a cell into the value of a field, following its kind. Blank gives no value. */
export function coerce(cell: CellRead, node: FieldNode, date1904: boolean): Coerced {
  const raw = cell.raw;
  if (isBlank(raw)) return { problems: [] };
  if (raw.t === 'error') return { problems: [p('excel.errorValue', { error: raw.v })] };
  switch (node.kind) {
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'year':
      return numberFrom(raw, node);
    case 'boolean':
      return toBoolean(raw);
    case 'choice': {
      const m = optionMatch(node.options ?? [], raw);
      return m.value !== undefined ? { value: m.value, problems: [] } : { problems: [m.problem!] };
    }
    case 'multiChoice':
      return multiFrom(raw, node);
    case 'date':
      return dateFrom(raw, date1904);
    case 'month':
      return monthFrom(raw);
    default:
      return textFrom(cell, node);
  }
}
