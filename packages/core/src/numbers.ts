/**
 * Numbers and dates as Vietnamese officials type them: `1.234` (grouping),
 * `1.234,5` (decimal comma), `45%`, `0,45`, NBSP, `dd/mm/yyyy`, Excel serials.
 * Parsers return results, never throw, and say when input is ambiguous so a
 * caller can report it instead of guessing silently.
 * @module
 */

/** Outcome of parsing a number typed as text. */
export type NumberParse =
  | { ok: true; value: number; percent: boolean; ambiguous: boolean }
  | { ok: false; reason: 'blank' | 'notANumber' | 'tooPrecise'; text: string };

const SPACES = /[\s\u00a0\u202f\u2007]/g;

function grouped(text: string, sep: '.' | ','): boolean {
  return (sep === '.' ? /^\d{1,3}(\.\d{3})*$/ : /^\d{1,3}(,\d{3})*$/).test(text);
}

/**
 * Parses a number typed the Vietnamese way (also accepts the English way when
 * it is unambiguous). `ambiguous` is set for a single `.` followed by exactly
 * three digits (`1.234`): read as grouping (1234), the Vietnamese convention,
 * but worth a warning. A trailing `%` sets `percent` and keeps the number as
 * typed (`45%` → 45).
 */
export function parseNumberVi(input: string): NumberParse {
  const text = input;
  let s = input.replace(SPACES, '');
  if (s === '' || s === '-' || s === '—' || s === '–') return { ok: false, reason: 'blank', text };
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('−')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, reason: 'notANumber', text };
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let intPart: string;
  let frac = '';
  let ambiguous = false;
  if (dots && commas) {
    const decimalSep = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const groupSep = decimalSep === ',' ? '.' : ',';
    const parts = s.split(decimalSep);
    if (parts.length !== 2 || !grouped(parts[0]!, groupSep) || !/^\d+$/.test(parts[1]!)) return { ok: false, reason: 'notANumber', text };
    intPart = parts[0]!.split(groupSep).join('');
    frac = parts[1]!;
  } else if (commas || dots) {
    const sep = commas ? ',' : '.';
    const parts = s.split(sep);
    if (parts.length === 2) {
      const [a, b] = parts as [string, string];
      if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return { ok: false, reason: 'notANumber', text };
      if (sep === '.' && b.length === 3 && !/^0+$/.test(a)) {
        intPart = a + b;
        ambiguous = true;
      } else {
        intPart = a;
        frac = b;
      }
    } else {
      if (!grouped(s, sep)) return { ok: false, reason: 'notANumber', text };
      intPart = parts.join('');
    }
  } else {
    intPart = s;
  }
  const significant = (intPart.replace(/^0+/, '') + frac).replace(/0+$/, '');
  if (significant.length > 15) return { ok: false, reason: 'tooPrecise', text };
  const value = sign * Number(frac ? `${intPart}.${frac}` : intPart);
  if (!Number.isFinite(value)) return { ok: false, reason: 'notANumber', text };
  return { ok: true, value: value === 0 ? 0 : value, percent, ambiguous };
}

/** Removes binary floating-point noise (`0.1 + 0.2` → `0.3`) by rounding to 15 significant digits. */
export function cleanFloat(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return n;
  return Number.parseFloat(n.toPrecision(15));
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats a number for display: `vi` → `1.234,5`, `en` → `1,234.5`.
 * `grouping: false` for years and identifiers.
 */
export function formatNumber(n: number, lang: 'vi' | 'en' = 'vi', options: { grouping?: boolean; maxDecimals?: number } = {}): string {
  const key = `${lang}|${options.grouping ?? true}|${options.maxDecimals ?? 4}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
      useGrouping: options.grouping ?? true,
      maximumFractionDigits: options.maxDecimals ?? 4,
    });
    formatters.set(key, f);
  }
  return f.format(n);
}

/** Outcome of parsing a date. */
export type DateParse = { ok: true; value: string } | { ok: false; reason: 'blank' | 'notADate' | 'invalidDate'; text: string };

function iso(y: number, m: number, d: number): string | undefined {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Parses a date typed as text: `dd/mm/yyyy` (also with `-` or `.`, one-digit
 * day and month) or ISO `yyyy-mm-dd`. Returns an ISO date; rejects dates that
 * do not exist (30/02/2023).
 */
export function parseDateVi(input: string): DateParse {
  const text = input;
  const s = input.replace(SPACES, '');
  if (s === '') return { ok: false, reason: 'blank', text };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let value: string | undefined;
  if (m) value = iso(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) value = iso(Number(m[3]), Number(m[2]), Number(m[1]));
  else return { ok: false, reason: 'notADate', text };
  return value ? { ok: true, value } : { ok: false, reason: 'invalidDate', text };
}

/**
 * Converts an Excel date serial to an ISO date. `date1904` selects the Mac
 * 1904 date system. Serial 60 in the 1900 system is Excel's fictitious
 * 29/02/1900 and is refused.
 */
export function excelSerialToIso(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  const whole = Math.floor(serial);
  let epoch: number;
  if (date1904) epoch = Date.UTC(1904, 0, 1);
  else {
    if (whole === 60) return undefined;
    epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  }
  const d = new Date(epoch + whole * 86_400_000);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The ISO date of a `Date` read from a workbook (exceljs gives UTC midnight). */
export function dateToIso(d: Date): string | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Formats an ISO date `yyyy-mm-dd` as `dd/mm/yyyy` (vi) or leaves it ISO (en). */
export function formatDate(isoDate: string, lang: 'vi' | 'en' = 'vi'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m || lang === 'en') return isoDate;
  return `${m[3]}/${m[2]}/${m[1]}`;
}
