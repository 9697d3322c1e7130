/**
 * `aggregate`: many agencies' reports (JSON or filled workbooks) into one
 * consolidated workbook and CSV — one row per agency, every scalar field
 * outside tables as a column (plus the row count of each table), totals and
 * averages at the bottom. Invalid reports are included and marked, with
 * their errors on an errors sheet; unreadable files are listed, never
 * skipped silently.
 *
 * Files are processed one at a time and rows are spooled to temporary files,
 * then written with exceljs's streaming writer, so memory stays bounded
 * however many files there are.
 * @module
 */
import { accessSync, constants, createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { buildModel, fieldReference, getAt, valueState } from '@bieumau/core';
import { makeDirectory } from '@bieumau/definitions/node';
import type { Definition, FieldNode, FormModel, Lang, ReportError } from '@bieumau/core';
import type { Registry } from '@bieumau/definitions';
import { readReportFile } from './io.js';
import { parseRef } from './workspace.js';

/** Options of {@link aggregate}. */
export interface AggregateOptions {
  registry: Registry;
  lang?: Lang;
  /** The consolidated workbook to write. */
  output: string;
  /** The CSV to write (with several definitions: one CSV per definition, suffixed). */
  csv: string;
  /** Only reports of this definition (`form@version/variant`, or a prefix `form@version`). Others are listed as failures. */
  definition?: string;
  /** Called after each file. */
  onProgress?: ((done: number, total: number, file: string) => void) | undefined;
}

/** One file that could not be aggregated. */
export interface FailedFile {
  file: string;
  errors: ReportError[];
}

/** One aggregated report. */
export interface AggregatedReport {
  file: string;
  definition: string;
  agency?: string;
  /** Number of errors (the first few are in `errors`). */
  errorCount: number;
  warningCount: number;
  errors: ReportError[];
}

/** What {@link aggregate} did. */
export interface AggregateSummary {
  files: number;
  reports: AggregatedReport[];
  failed: FailedFile[];
  /** Files in the given folders that are not reports (`.json`/`.xlsx`), listed, not read. */
  ignored: string[];
  definitions: string[];
  outputs: string[];
}

/** A column of the consolidated sheet. */
interface Column {
  header: string;
  pointer: string;
  kind: string;
  numeric: boolean;
  total: boolean;
  get(report: unknown): unknown;
}

const REPORT_EXT = new Set(['.json', '.xlsx', '.xlsm']);

/** Expands folders (recursively, symlinked folders not followed) into report files, sorted. */
export function expandInputs(inputs: readonly string[]): { files: string[]; ignored: string[]; missing: string[] } {
  const files: string[] = [];
  const ignored: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 16) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      missing.push(dir);
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile() && REPORT_EXT.has(extname(e.name).toLowerCase()) && !e.name.startsWith('~$')) files.push(p);
      else ignored.push(p);
    }
  };
  for (const input of inputs) {
    let s;
    try {
      s = statSync(input);
    } catch {
      files.push(input); // reported as unreadable when read
      continue;
    }
    if (s.isDirectory()) walk(input, 0);
    else files.push(input);
  }
  return { files, ignored, missing };
}

const L = {
  vi: { file: 'Tệp', agency: 'Đơn vị báo cáo', status: 'Tình trạng', errors: 'Số lỗi', valid: 'hợp lệ', invalid: 'có lỗi', total: 'Tổng cộng', average: 'Trung bình', yes: 'Có', no: 'Không', na: 'Không áp dụng', rows: 'số dòng', severity: 'Mức', pointer: 'Vị trí', cell: 'Ô', message: 'Nội dung', errorSheet: 'Lỗi', failedSheet: 'Không đọc được', error: 'lỗi', warning: 'cảnh báo' },
  en: { file: 'File', agency: 'Reporting agency', status: 'Status', errors: 'Errors', valid: 'valid', invalid: 'has errors', total: 'Total', average: 'Average', yes: 'Yes', no: 'No', na: 'Not applicable', rows: 'rows', severity: 'Severity', pointer: 'Pointer', cell: 'Cell', message: 'Message', errorSheet: 'Errors', failedSheet: 'Unreadable', error: 'error', warning: 'warning' },
};

/** The columns of a definition: every scalar field outside tables, in form order; ratios as two columns; tables as a row count. */
export function columnsOf(model: FormModel, lang: Lang): Column[] {
  const t = L[lang];
  const cols: Column[] = [];
  const visit = (nodes: FieldNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'section') visit(n.children ?? []);
      else if (n.kind === 'table') {
        cols.push({ header: `${fieldReference(n, lang)} (${t.rows})`, pointer: n.pointer, kind: 'integer', numeric: true, total: true, get: (r) => { const v = getAt(r, n.pointer); return Array.isArray(v) ? v.length : undefined; } });
      } else if (n.kind === 'ratio') {
        for (const part of Object.keys(n.schema.properties ?? { numerator: 1, denominator: 1 })) {
          const label = n.schema.properties?.[part]?.title ?? part;
          cols.push({ header: `${fieldReference(n, lang)} – ${label}`, pointer: `${n.pointer}/${part}`, kind: 'integer', numeric: true, total: true, get: (r) => getAt(r, `${n.pointer}/${part}`) });
        }
      } else if (!n.readOnly) {
        const numeric = ['integer', 'decimal', 'percent'].includes(n.kind);
        cols.push({
          header: fieldReference(n, lang) + (n.unit ? ` (${n.unit[lang]})` : ''),
          pointer: n.pointer,
          kind: n.kind,
          numeric,
          total: n.kind === 'integer' || n.kind === 'decimal',
          get: (r) => {
            const s = valueState(r, n.pointer);
            if (s.state === 'notApplicable') return t.na;
            if (s.state === 'blank') return undefined;
            const v = s.value;
            if (typeof v === 'boolean') return v ? t.yes : t.no;
            const label = (x: unknown) => n.options?.find((o) => o.value === x)?.label[lang] ?? (typeof x === 'object' ? JSON.stringify(x) : String(x));
            if (Array.isArray(v)) return v.map(label).join('; ');
            if (n.kind === 'choice') return label(v);
            if (numeric) return typeof v === 'number' ? v : undefined;
            return typeof v === 'object' ? JSON.stringify(v) : v;
          },
        });
      }
    }
  };
  visit(model.sections);
  return cols;
}

/** A deep copy that shares no string with its source (see the call sites). */
function detach<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** RFC 4180 field; text that a spreadsheet would run as a formula is prefixed with `'`. */
function csvField(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function safeCell(v: unknown): unknown {
  if (typeof v === 'string') {
    // Cells are written as values, never formulas; exceljs limits text to 32,767 characters.
    return v.length > 32_000 ? v.slice(0, 32_000) + '…' : v;
  }
  return v;
}

interface Group {
  key: string;
  definition: Definition;
  columns: Column[];
  spool: string;
  stream: WriteStream;
  count: number;
  sums: number[];
  counts: number[];
}

/** Writes with back-pressure. Errors are recorded by the stream's own listener (see `open`), so this never hangs on one. */
function write(stream: WriteStream, line: string): Promise<void> {
  return new Promise((done) => {
    if (stream.destroyed || stream.errored) return done();
    if (stream.write(line)) return done();
    stream.once('drain', () => done());
    stream.once('close', () => done());
  });
}

function end(stream: WriteStream): Promise<void> {
  return new Promise((done) => {
    if (stream.destroyed || stream.errored) return done();
    stream.end(() => done());
  });
}

async function* lines(path: string): AsyncGenerator<unknown[]> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield JSON.parse(line) as unknown[];
}

function sheetName(s: string, used: Set<string>): string {
  const base = s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * Aggregates reports into `options.output` (xlsx) and `options.csv`.
 * Failures of single files are in the summary; only an unusable output
 * location makes the result not ok.
 */
export async function aggregate(inputs: readonly string[], options: AggregateOptions): Promise<{ ok: boolean; summary: AggregateSummary; error?: string }> {
  const lang = options.lang ?? 'vi';
  const t = L[lang];
  const { files, ignored } = expandInputs(inputs);
  const empty: AggregateSummary = { files: files.length, reports: [], failed: [], ignored, definitions: [], outputs: [] };
  // Fail before reading a thousand files, not after, when the outputs cannot be written.
  for (const out of [options.output, options.csv]) {
    try {
      makeDirectory(dirname(out));
      accessSync(dirname(out), constants.W_OK);
    } catch (e) {
      return { ok: false, summary: empty, error: `${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
  }
  const { validate } = await import('@bieumau/validator');
  const filter = options.definition ? parseRef(options.definition) : undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'bieumau-aggregate-'));
  const groups = new Map<string, Group>();
  const summary = empty;
  // A stream error (disk full…) is recorded and reported at the end instead of crashing the process.
  let streamError: Error | undefined;
  const open = (path: string) => createWriteStream(path).on('error', (e) => (streamError ??= e));
  const errorSpool = open(join(tmp, 'errors.ndjson'));
  const cwd = process.cwd();
  const shown = (f: string) => (relative(cwd, f).startsWith('..') ? f : relative(cwd, f));
  try {
    let done = 0;
    for (const file of files) {
      const name = shown(file);
      const read = await readReportFile(file, { registry: options.registry, lang });
      if (!read.ok) {
        summary.failed.push({ file: name, errors: detach([read.error]) });
      } else {
        const found = read.definition ? { ok: true as const, definition: read.definition } : await options.registry.forReport(read.report);
        if (!found.ok) {
          summary.failed.push({ file: name, errors: [found.error] });
        } else {
          const info = found.definition.info;
          const key = `${info.form}@${info.version}/${info.variant}`;
          if (filter && (filter.form !== info.form || (filter.version && filter.version !== info.version) || (filter.variant && filter.variant !== info.variant))) {
            summary.failed.push({
              file: name,
              errors: [{ instancePath: '/definition', keyword: 'bmOtherDefinition', severity: 'error', params: { expected: options.definition, found: key }, message: lang === 'vi' ? `báo cáo thuộc ${key}, không phải ${options.definition}` : `the report is ${key}, not ${options.definition}` }],
            });
          } else {
            let g = groups.get(key);
            if (!g) {
              const spool = join(tmp, `${groups.size}.ndjson`);
              const columns = columnsOf(buildModel(found.definition), lang);
              g = { key, definition: found.definition, columns, spool, stream: open(spool), count: 0, sums: columns.map(() => 0), counts: columns.map(() => 0) };
              groups.set(key, g);
            }
            const v = await validate(read.report, { definition: found.definition, lang });
            const readErrors = read.diagnostics.filter((d) => d.severity === 'error');
            const readWarnings = read.diagnostics.filter((d) => d.severity === 'warning');
            const errors = [...readErrors, ...v.errors];
            const warnings = [...readWarnings, ...v.warnings];
            const agencyField = info.agencyField;
            const agency = agencyField ? getAt(read.report, agencyField) : undefined;
            const values = g.columns.map((c, i) => {
              const x = c.get(read.report);
              if (c.numeric && typeof x === 'number' && Number.isFinite(x)) {
                g!.sums[i]! += x;
                g!.counts[i]! += 1;
              }
              return x ?? null;
            });
            await write(g.stream, JSON.stringify([name, typeof agency === 'string' ? agency : null, errors.length ? t.invalid : t.valid, errors.length, ...values]) + '\n');
            g.count++;
            for (const e of [...errors, ...warnings].slice(0, 200)) {
              await write(errorSpool, JSON.stringify([name, e.severity === 'error' ? t.error : t.warning, e.instancePath, e.sheet ? `${e.sheet}!${e.cell ?? ''}` : '', e.message ?? e.keyword]) + '\n');
            }
            // Kept for the whole run, so copied out of the parsed document: a string read from a workbook
            // can be a slice of the whole sheet's XML, which would otherwise stay in memory with it.
            const entry: AggregatedReport = { file: name, definition: key, errorCount: errors.length, warningCount: warnings.length, errors: detach(errors.slice(0, 3)) };
            if (typeof agency === 'string') entry.agency = detach(agency);
            summary.reports.push(entry);
          }
        }
      }
      done++;
      options.onProgress?.(done, files.length, file);
    }
    for (const g of groups.values()) await end(g.stream);
    await end(errorSpool);

    // CSVs, one per definition.
    const ExcelJS = ((await import('exceljs')) as unknown as { default?: typeof import('exceljs') }).default ?? (await import('exceljs'));
    const multi = groups.size > 1;
    summary.definitions = [...groups.keys()];
    for (const g of groups.values()) {
      const csvPath = multi ? options.csv.replace(/(\.csv)?$/i, `.${g.key.replace(/[@/]/g, '-')}.csv`) : options.csv;
      const out = open(csvPath);
      await write(out, '\uFEFF' + [t.file, t.agency, t.status, t.errors, ...g.columns.map((c) => c.header)].map(csvField).join(',') + '\r\n');
      for await (const row of lines(g.spool)) await write(out, row.map(csvField).join(',') + '\r\n');
      const totals = g.columns.map((c, i) => (c.total && g.counts[i] ? g.sums[i] : null));
      const averages = g.columns.map((c, i) => (c.numeric && g.counts[i] ? Math.round((g.sums[i]! / g.counts[i]!) * 100) / 100 : null));
      await write(out, [t.total, null, null, null, ...totals].map(csvField).join(',') + '\r\n');
      await write(out, [t.average, null, null, null, ...averages].map(csvField).join(',') + '\r\n');
      await end(out);
      summary.outputs.push(shown(csvPath));
    }

    // The workbook, streamed sheet after sheet.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: options.output, useStyles: true, useSharedStrings: false });
    wb.created = new Date(Date.UTC(2000, 0, 1));
    wb.modified = wb.created;
    const used = new Set<string>();
    const bold = { bold: true };
    for (const g of groups.values()) {
      const ws = wb.addWorksheet(sheetName(g.key.replace('@', ' ').replace('/', ' '), used), { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
      const head = ws.addRow([t.file, t.agency, t.status, t.errors, ...g.columns.map((c) => c.header)]);
      head.font = bold;
      head.alignment = { wrapText: true, vertical: 'top' };
      head.commit();
      const ptr = ws.addRow(['', '', '', '', ...g.columns.map((c) => c.pointer)]);
      ptr.font = { italic: true, color: { argb: 'FF808080' }, size: 9 };
      ptr.commit();
      for await (const row of lines(g.spool)) ws.addRow(row.map(safeCell)).commit();
      const tot = ws.addRow([t.total, null, null, null, ...g.columns.map((c, i) => (c.total && g.counts[i] ? g.sums[i] : null))]);
      tot.font = bold;
      tot.commit();
      const avg = ws.addRow([t.average, null, null, null, ...g.columns.map((c, i) => (c.numeric && g.counts[i] ? Math.round((g.sums[i]! / g.counts[i]!) * 100) / 100 : null))]);
      avg.font = bold;
      avg.commit();
      ws.commit();
    }
    const es = wb.addWorksheet(sheetName(t.errorSheet, used));
    es.addRow([t.file, t.severity, t.pointer, t.cell, t.message]).commit();
    for await (const row of lines(join(tmp, 'errors.ndjson'))) es.addRow(row.map(safeCell)).commit();
    es.commit();
    const fs = wb.addWorksheet(sheetName(t.failedSheet, used));
    fs.addRow([t.file, t.message]).commit();
    for (const f of summary.failed) fs.addRow([f.file, safeCell(f.errors.map((e) => e.message ?? e.keyword).join('; '))]).commit();
    for (const f of ignored) fs.addRow([shown(f), lang === 'vi' ? 'không phải tệp báo cáo (.json, .xlsx): bỏ qua' : 'not a report file (.json, .xlsx): ignored']).commit();
    fs.commit();
    await wb.commit();
    if (streamError) throw streamError;
    summary.outputs.unshift(shown(options.output));
    return { ok: true, summary };
  } catch (e) {
    return { ok: false, summary, error: `${(e as Error).message}` };
  } finally {
    for (const g of groups.values()) g.stream.destroy();
    errorSpool.destroy();
    rmSync(tmp, { recursive: true, force: true });
  }
}


