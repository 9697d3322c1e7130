/**
 * Reading reports from disk: JSON files and filled workbooks, with every
 * failure turned into a located problem instead of an exception.
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Definition, Lang, ReportError } from '@bieumau/core';
import type { Registry } from '@bieumau/definitions';

/** Largest file the CLI reads (workbooks are further limited by the archive checks of `@bieumau/excel`). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A report read from a file. */
export type ReadReport =
  | { ok: true; kind: 'json' | 'xlsx'; report: Record<string, unknown>; definition?: Definition; diagnostics: ReportError[] }
  | { ok: false; kind: 'json' | 'xlsx'; error: ReportError };

/** Whether a path names a workbook. */
export function isWorkbook(path: string): boolean {
  return ['.xlsx', '.xlsm'].includes(extname(path).toLowerCase());
}

function problem(keyword: string, params: Record<string, unknown>, message: string): ReportError {
  return { instancePath: '', keyword, params, severity: 'error', message };
}

const T = {
  vi: {
    notFound: 'không tìm thấy tệp',
    isDirectory: 'đây là thư mục, không phải tệp',
    tooLarge: 'tệp quá lớn ({size} byte; tối đa {max})',
    unreadable: 'không đọc được tệp: {reason}',
    badJson: 'không phải JSON hợp lệ: {reason}',
    notObject: 'báo cáo phải là một đối tượng JSON, gặp {found}',
  },
  en: {
    notFound: 'file not found',
    isDirectory: 'this is a folder, not a file',
    tooLarge: 'file too large ({size} bytes; at most {max})',
    unreadable: 'cannot read the file: {reason}',
    badJson: 'not valid JSON: {reason}',
    notObject: 'a report must be a JSON object, found {found}',
  },
} as const;

function t(lang: Lang, id: keyof (typeof T)['vi'], params: Record<string, unknown> = {}): string {
  return T[lang][id].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Reads raw bytes with size and kind checks. */
export async function readBytes(path: string, lang: Lang): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: ReportError }> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) return { ok: false, error: problem('bmIsDirectory', { path }, t(lang, 'isDirectory')) };
    if (s.size > MAX_FILE_BYTES) return { ok: false, error: problem('bmTooLarge', { path, size: s.size, max: MAX_FILE_BYTES }, t(lang, 'tooLarge', { size: s.size, max: MAX_FILE_BYTES })) };
    return { ok: true, bytes: await readFile(path) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { ok: false, error: problem('bmNotFound', { path }, t(lang, 'notFound')) };
    return { ok: false, error: problem('bmUnreadable', { path, code: err.code ?? null, reason: err.message }, t(lang, 'unreadable', { reason: err.code ?? err.message })) };
  }
}

/** Parses JSON text; the error names the position. */
export function parseJson(text: string, lang: Lang): { ok: true; value: unknown } | { ok: false; error: ReportError } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    const reason = (e as Error).message;
    return { ok: false, error: problem('bmBadJson', { reason }, t(lang, 'badJson', { reason })) };
  }
}

/**
 * Reads a report from a `.json` file or a workbook made from a bieumau
 * template. Workbook diagnostics (bad cells…) come back with the report.
 */
export async function readReportFile(path: string, options: { registry: Registry; lang: Lang }): Promise<ReadReport> {
  const kind = isWorkbook(path) ? 'xlsx' : 'json';
  const raw = await readBytes(path, options.lang);
  if (!raw.ok) return { ok: false, kind, error: raw.error };
  if (kind === 'xlsx') {
    const { readWorkbook } = await import('@bieumau/excel');
    const read = await readWorkbook(new Uint8Array(raw.bytes), { registry: options.registry, lang: options.lang });
    if (!read.report) {
      const first = read.diagnostics.find((d) => d.severity === 'error') ?? problem('bmUnreadable', {}, t(options.lang, 'unreadable', { reason: '?' }));
      return { ok: false, kind, error: first };
    }
    const out: ReadReport = { ok: true, kind, report: read.report, diagnostics: read.diagnostics };
    if (read.definition) out.definition = read.definition;
    return out;
  }
  const parsed = parseJson(raw.bytes.toString('utf8'), options.lang);
  if (!parsed.ok) return { ok: false, kind, error: parsed.error };
  const v = parsed.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    const found = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
    return { ok: false, kind, error: problem('bmNotAReport', { found }, t(options.lang, 'notObject', { found })) };
  }
  return { ok: true, kind, report: v as Record<string, unknown>, diagnostics: [] };
}
