/**
 * The `bieumau` command line: argument parsing (node:util `parseArgs`),
 * dispatch, and human (vi/en) or JSON output. Exit codes: 0 success / valid,
 * 1 done but with problems (invalid report, unmapped values), 2 could not do
 * it (unreadable input, unknown form or version, bad arguments).
 * @module
 */
import { statSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { definitionRefOf } from '@bieumau/core';
import { makeDirectory } from '@bieumau/definitions/node';
import type { Lang, ReportError } from '@bieumau/core';
import { diffDefinitions, renderDiffMarkdown } from './diff.js';
import { migrate } from './api.js';
import { readReportFile } from './io.js';
import { scaffoldVersion } from './scaffold.js';
import { aggregate, expandInputs } from './aggregate.js';
import { checkPublished, publishVersions } from './publish.js';
import { loadVersion, migrationPath, openWorkspace, parseRef, unknownRef, versionsOf } from './workspace.js';
import type { Workspace } from './workspace.js';

/** Where the command writes; replaceable in tests and embedding. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress bars are drawn only then). */
  stderrIsTTY: boolean;
  cwd: string;
}

const defaultIo = (): CliIo => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: process.cwd(),
});

const T = {
  vi: {
    usage: `Cách dùng: bieumau <lệnh> [tùy chọn]

Lệnh:
  validate <tệp…>                    kiểm tra báo cáo JSON và tệp Excel đã điền
  template <biểu-mẫu@phiên-bản/loại> tạo tệp Excel mẫu để điền
  import <tệp.xlsx>                  đọc tệp Excel đã điền thành báo cáo JSON
  export <báo-cáo.json>              ghi báo cáo JSON ra tệp Excel
  diff <biểu-mẫu@a> <biểu-mẫu@b>     liệt kê thay đổi giữa hai phiên bản (markdown)
  migrate <báo-cáo> --to <phiên-bản> chuyển báo cáo sang phiên bản mới
  new-version <biểu-mẫu> <phiên-bản> tạo phiên bản mới từ phiên bản gần nhất
  publish <biểu-mẫu@phiên-bản…>      ghi nhận phiên bản đã phát hành (definitions/published.json); --check: kiểm tra
  aggregate <tệp hoặc thư mục…>      tổng hợp báo cáo của nhiều đơn vị (Excel + CSV)
  precompile [biểu-mẫu[@phiên-bản[/loại]]…]  tạo trình kiểm tra biên dịch sẵn (ES module, chạy được khi CSP cấm eval)
  list                               liệt kê các biểu mẫu đã biết

Tùy chọn chung:
  --lang vi|en          ngôn ngữ thông báo (mặc định vi)
  --format text|json    dạng kết quả (diff: markdown|json)
  --definitions <dir>   thư mục định nghĩa (mặc định: ./definitions nếu có, và các định nghĩa đã phát hành)
  -o, --output <tệp>    tệp kết quả
  -h, --help            trợ giúp

Mã thoát: 0 hợp lệ/thành công, 1 có lỗi trong dữ liệu, 2 không đọc được hoặc không thực hiện được.
Xem docs/cli.md.
`,
    unknownCommand: 'Lệnh không hợp lệ "{command}". Các lệnh: {commands}.',
    badArgs: 'Tham số không hợp lệ: {reason}',
    needFiles: 'Cần ít nhất một tệp.',
    ignored: 'Bỏ qua {file}: không phải tệp báo cáo (.json, .xlsx)',
    needRef: 'Cần {what} dạng {example}, gặp {found}.',
    valid: 'hợp lệ',
    invalid: '{errors} lỗi, {warnings} cảnh báo',
    validWithWarnings: 'hợp lệ, {warnings} cảnh báo',
    unreadable: 'không đọc được',
    error: 'lỗi',
    warning: 'cảnh báo',
    summary: 'Tổng: {files} tệp — {valid} hợp lệ, {invalid} không hợp lệ, {unreadable} không đọc được.',
    unknownForm: 'Không có biểu mẫu "{form}". Hiện có: {forms}.',
    unknownVersion: 'Biểu mẫu {form} không có phiên bản {version}. Hiện có: {versions}.',
    unknownVariant: 'Phiên bản {form}@{version} không có loại đơn vị "{variant}". Hiện có: {variants}.',
    needVariant: 'Phiên bản {form}@{version} có nhiều loại đơn vị: {variants}. Ghi rõ, ví dụ {example}.',
    wrote: 'Đã ghi {file}',
    writeFailed: 'Không ghi được {file}: {reason}',
    definitionProblem: 'Bỏ qua thư mục định nghĩa {path}: {reason}',
    noDefinition: 'Báo cáo không ghi rõ biểu mẫu (thuộc tính "definition").',
    migrated: 'Đã chuyển {file} từ {from} sang {to} ({path}).',
    migrationInvalid: 'Báo cáo sau chuyển đổi chưa hợp lệ với phiên bản {to}: {errors} lỗi, {warnings} cảnh báo.',
    migrationValid: 'Báo cáo sau chuyển đổi hợp lệ với phiên bản {to}.',
    unmappedHead: '{count} giá trị không chuyển được (giữ trong {file}):',
    needTo: 'Cần --to <phiên-bản>.',
    notWorkbook: 'Lệnh import cần tệp .xlsx, gặp {file}.',
    importProblems: '{file}: {errors} lỗi, {warnings} cảnh báo khi đọc.',
    scaffolded: 'Đã tạo {form}@{version} từ {from} ({count} tệp):',
    scaffoldNote: {
      yearsShifted: 'đã đổi {count} năm trong nhãn và bản dịch (+{delta}); hãy soát lại',
      ruleYearsShifted: 'đã đổi năm báo cáo {from} → {to} trong {count} biểu thức quy tắc',
      basis: '{file}: bmForm.basis vẫn là căn cứ của phiên bản cũ; hãy cập nhật',
      skipped: 'bỏ qua {file} (không phải định nghĩa JSON)',
      noDefinitionConst: '{file}: không tìm thấy hằng version của thuộc tính definition',
      catalogueKey: '{file}: khóa {key} trỏ tới tệp không có',
      changesetExists: 'đã có {file}, không ghi đè',
    },
    scaffoldError: {
      badForm: 'Mã biểu mẫu không hợp lệ: {form}',
      badVersion: 'Phiên bản không hợp lệ: {version} (cần dạng 2022 hoặc 2022.1)',
      unknownForm: 'Không có thư mục biểu mẫu {form} trong {root}',
      noSource: 'Không có phiên bản nguồn cho {form}@{version} (hiện có: {versions})',
      notNewer: 'Phiên bản mới {version} phải sau phiên bản nguồn {from}',
      exists: 'Đã có thư mục {dir}; phiên bản đã phát hành không được sửa',
    },
    needDefinitionsDir: 'Cần thư mục định nghĩa (--definitions <dir>) để tạo phiên bản mới.',
    aggregateDone: 'Đã tổng hợp {ok} báo cáo ({invalid} có lỗi), {failed} tệp không đọc được → {files}',
    aggregateFailed: '{file}: {reason}',
    published: 'Đã ghi nhận phát hành: {versions}',
    publishedUnchanged: 'Đã phát hành từ trước, không đổi: {versions}',
    publishedDrift: 'Phiên bản đã phát hành {version} bị sửa (không được phép; hãy tạo phiên bản mới): sửa {changed}; thêm {added}; xóa {removed}',
    publishedOk: 'Mọi phiên bản đã phát hành ({count}) còn nguyên vẹn.',
    publishMissing: 'Không có thư mục phiên bản: {versions}',
    precompiled: 'Đã ghi {file} ({size})',
    precompileRefused: '{ref}: định nghĩa có {errors} lỗi, không tạo trình kiểm tra',
    precompileDone: 'Đã tạo {count} trình kiểm tra trong {dir}; chúng nhập {runtime}',
  },
  en: {
    usage: `Usage: bieumau <command> [options]

Commands:
  validate <files…>                  check JSON reports and filled workbooks
  template <form@version/variant>    write a blank Excel template
  import <file.xlsx>                 read a filled workbook into a JSON report
  export <report.json>               write a JSON report to a workbook
  diff <form@a> <form@b>             list what changed between two versions (markdown)
  migrate <report> --to <version>    carry a report to a later version
  new-version <form> <version>       scaffold a new version from the latest one
  publish <form@version…>            record versions as published (definitions/published.json); --check: verify
  aggregate <files or folders…>      consolidate many agencies' reports (Excel + CSV)
  precompile [form[@version[/variant]]…]  write precompiled validators (ES modules that run under a CSP without eval)
  list                               list the known definitions

Common options:
  --lang vi|en          message language (default vi)
  --format text|json    output format (diff: markdown|json)
  --definitions <dir>   definitions folder (default: ./definitions if present, plus the published ones)
  -o, --output <file>   output file
  -h, --help            help

Exit codes: 0 valid/success, 1 problems in the data, 2 could not read or could not run.
See docs/cli.md.
`,
    unknownCommand: 'Unknown command "{command}". Commands: {commands}.',
    badArgs: 'Invalid arguments: {reason}',
    needFiles: 'At least one file is needed.',
    ignored: 'Skipping {file}: not a report file (.json, .xlsx)',
    needRef: 'Expected {what} like {example}, found {found}.',
    valid: 'valid',
    invalid: '{errors} errors, {warnings} warnings',
    validWithWarnings: 'valid, {warnings} warnings',
    unreadable: 'could not read',
    error: 'error',
    warning: 'warning',
    summary: 'Total: {files} files — {valid} valid, {invalid} invalid, {unreadable} could not be read.',
    unknownForm: 'There is no form "{form}". Known: {forms}.',
    unknownVersion: 'Form {form} has no version {version}. Known: {versions}.',
    unknownVariant: 'Version {form}@{version} has no variant "{variant}". Known: {variants}.',
    needVariant: 'Version {form}@{version} has several variants: {variants}. Name one, e.g. {example}.',
    wrote: 'Wrote {file}',
    writeFailed: 'Could not write {file}: {reason}',
    definitionProblem: 'Skipping definitions folder {path}: {reason}',
    noDefinition: 'The report does not name its form (the "definition" property).',
    migrated: 'Migrated {file} from {from} to {to} ({path}).',
    migrationInvalid: 'The migrated report is not yet valid for version {to}: {errors} errors, {warnings} warnings.',
    migrationValid: 'The migrated report is valid for version {to}.',
    unmappedHead: '{count} values could not be carried (kept in {file}):',
    needTo: 'Expected --to <version>.',
    notWorkbook: 'import needs an .xlsx file, found {file}.',
    importProblems: '{file}: {errors} errors, {warnings} warnings while reading.',
    scaffolded: 'Created {form}@{version} from {from} ({count} files):',
    scaffoldNote: {
      yearsShifted: 'shifted {count} years in labels and translations (+{delta}); review them',
      ruleYearsShifted: 'shifted the reporting year {from} → {to} in {count} rule expressions',
      basis: '{file}: bmForm.basis still names the old version\'s documents; update it',
      skipped: 'skipped {file} (not a JSON definition)',
      noDefinitionConst: '{file}: the definition property\'s version const was not found',
      catalogueKey: '{file}: key {key} names a file that does not exist',
      changesetExists: '{file} exists; not overwritten',
    },
    scaffoldError: {
      badForm: 'Invalid form id: {form}',
      badVersion: 'Invalid version: {version} (expected like 2022 or 2022.1)',
      unknownForm: 'No folder for form {form} in {root}',
      noSource: 'No source version for {form}@{version} (known: {versions})',
      notNewer: 'The new version {version} must come after the source version {from}',
      exists: '{dir} exists; published versions are never changed',
    },
    needDefinitionsDir: 'A definitions folder (--definitions <dir>) is needed to scaffold a version.',
    aggregateDone: 'Aggregated {ok} reports ({invalid} with errors), {failed} files could not be read → {files}',
    aggregateFailed: '{file}: {reason}',
    published: 'Recorded as published: {versions}',
    publishedUnchanged: 'Already published, unchanged: {versions}',
    publishedDrift: 'Published version {version} was modified (not allowed; make a new version): changed {changed}; added {added}; removed {removed}',
    publishedOk: 'Every published version ({count}) is intact.',
    publishMissing: 'No version folder: {versions}',
    precompiled: 'Wrote {file} ({size})',
    precompileRefused: '{ref}: the definition has {errors} errors; no validator written',
    precompileDone: 'Wrote {count} validators into {dir}; they import {runtime}',
  },
};

type Texts = (typeof T)['vi'];

function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(params, k) ? String(params[k]) : m));
}

class Usage extends Error {}

const COMMANDS = ['validate', 'template', 'import', 'export', 'diff', 'migrate', 'new-version', 'publish', 'aggregate', 'precompile', 'list'];

const OPTIONS = {
  lang: { type: 'string' },
  format: { type: 'string' },
  definitions: { type: 'string' },
  output: { type: 'string', short: 'o' },
  to: { type: 'string' },
  from: { type: 'string' },
  variant: { type: 'string' },
  definition: { type: 'string' },
  csv: { type: 'string' },
  changesets: { type: 'string' },
  rows: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  'no-progress': { type: 'boolean' },
  check: { type: 'boolean' },
  runtime: { type: 'string' },
} as const;

interface Ctx {
  io: CliIo;
  lang: Lang;
  t: Texts;
  values: { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };
  positionals: string[];
  ws: () => Workspace;
}

function describeRefError(ctx: Ctx, e: ReportError): string {
  const p = e.params as { form: string; version: string; variant: string; forms: string[]; versions: string[]; variants: string[] };
  const list = (x: string[] | undefined) => (x && x.length ? x.join(', ') : '—');
  if (e.keyword === 'bmUnknownForm') return fill(ctx.t.unknownForm, { form: p.form, forms: list(p.forms) });
  if (e.keyword === 'bmUnknownVersion') return fill(ctx.t.unknownVersion, { form: p.form, version: p.version, versions: list(p.versions) });
  return fill(ctx.t.unknownVariant, { ...p, variants: list(p.variants) });
}

function writeOut(ctx: Ctx, file: string, content: string | Uint8Array): boolean {
  try {
    makeDirectory(dirname(file));
    writeFileSync(file, content);
    return true;
  } catch (e) {
    ctx.io.stderr(fill(ctx.t.writeFailed, { file, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }) + '\n');
    return false;
  }
}

function json(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

/** Resolves `form@version/variant` to a definition, or prints why not. */
async function definitionFor(ctx: Ctx, text: string | undefined, what = 'form@version/variant') {
  const ref = text === undefined ? undefined : parseRef(text);
  if (!ref) {
    ctx.io.stderr(fill(ctx.t.needRef, { what, example: 'annual-ict@2019/province', found: JSON.stringify(text ?? '') }) + '\n');
    return undefined;
  }
  const ws = ctx.ws();
  const versions = versionsOf(ws, ref.form);
  const version = ref.version ?? versions[versions.length - 1];
  const full = { form: ref.form, version: version ?? '', variant: ref.variant ?? '' };
  if (!version) {
    ctx.io.stderr(describeRefError(ctx, unknownRef(ws, ref)) + '\n');
    return undefined;
  }
  if (!ref.variant) {
    const variants = ws.registry.list().filter((s) => s.form === ref.form && s.version === version).map((s) => s.variant);
    if (variants.length === 1) full.variant = variants[0]!;
    else if (variants.length === 0) {
      ctx.io.stderr(describeRefError(ctx, unknownRef(ws, { form: ref.form, version })) + '\n');
      return undefined;
    } else {
      ctx.io.stderr(fill(ctx.t.needVariant, { form: ref.form, version, variants: variants.join(', '), example: `${ref.form}@${version}/${variants[0]}` }) + '\n');
      return undefined;
    }
  }
  const found = await ws.registry.find(full);
  if (!found.ok) {
    ctx.io.stderr(describeRefError(ctx, unknownRef(ws, full)) + '\n');
    return undefined;
  }
  return found.definition;
}

function formatProblem(ctx: Ctx, e: ReportError): string {
  const where = e.sheet ? ` [${e.sheet}${e.cell ? '!' + e.cell : ''}]` : '';
  const sev = e.severity === 'error' ? ctx.t.error : ctx.t.warning;
  return `    ${sev.padEnd(9)} ${e.instancePath || '/'}${where}  ${e.message ?? e.keyword}`;
}

// ---------------------------------------------------------------- validate

async function cmdValidate(ctx: Ctx): Promise<number> {
  if (!ctx.positionals.length) throw new Usage(ctx.t.needFiles);
  // Folders are read recursively for .json and .xlsx files; anything else in them is listed, not read.
  const { files: found, ignored } = expandInputs(ctx.positionals.map((p) => resolve(ctx.io.cwd, p)));
  const shown = (p: string) => (relative(ctx.io.cwd, p).startsWith('..') ? p : relative(ctx.io.cwd, p));
  const files = found.map(shown);
  for (const f of ignored) ctx.io.stderr(fill(ctx.t.ignored, { file: shown(f) }) + '\n');
  const ws = ctx.ws();
  // --definition: check every file against one definition, whatever (or whether) it names one.
  const forced = ctx.values.definition ? await definitionFor(ctx, ctx.values.definition) : undefined;
  if (ctx.values.definition && !forced) return 2;
  const { validate } = await import('@bieumau/validator');
  const results: { file: string; status: 'valid' | 'invalid' | 'unreadable'; definition?: string; errors: ReportError[]; warnings: ReportError[] }[] = [];
  for (const file of files) {
    const path = resolve(ctx.io.cwd, file);
    const read = await readReportFile(path, { registry: ws.registry, lang: ctx.lang });
    if (!read.ok) {
      results.push({ file, status: 'unreadable', errors: [read.error], warnings: [] });
      continue;
    }
    const readErrors = read.diagnostics.filter((d) => d.severity === 'error');
    const readWarnings = read.diagnostics.filter((d) => d.severity === 'warning');
    const definition = forced ?? read.definition;
    const v = await validate(read.report, { ...(definition ? { definition } : { registry: ws.registry }), lang: ctx.lang });
    // Errors found reading a cell locate validation errors at the same pointer.
    const cells = new Map<string, { sheet?: string; cell?: string }>();
    for (const d of read.diagnostics) if (d.sheet && d.cell && !cells.has(d.instancePath)) cells.set(d.instancePath, { sheet: d.sheet, cell: d.cell });
    const locate = (e: ReportError) => (cells.has(e.instancePath) && !e.sheet ? { ...e, ...cells.get(e.instancePath) } : e);
    const errors = [...readErrors, ...v.errors.map(locate)];
    const warnings = [...readWarnings, ...v.warnings.map(locate)];
    const unknown = errors.some((e) => e.keyword === 'bmUnknownDefinition');
    const ref = definitionRefOf(read.report);
    const entry: (typeof results)[number] = { file, status: unknown ? 'unreadable' : errors.length ? 'invalid' : 'valid', errors, warnings };
    if (ref) entry.definition = `${ref.form}@${ref.version}/${ref.variant}`;
    results.push(entry);
  }
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const summary = { files: results.length, valid: count('valid'), invalid: count('invalid'), unreadable: count('unreadable') };
  if (ctx.values.format === 'json') {
    ctx.io.stdout(json({ ok: summary.valid === summary.files, summary, files: results, ...(ignored.length ? { ignored: ignored.map(shown) } : {}) }));
  } else {
    for (const r of results) {
      const mark = r.status === 'valid' ? '✓' : r.status === 'invalid' ? '✗' : '!';
      const state =
        r.status === 'unreadable' ? ctx.t.unreadable
        : r.status === 'valid' ? (r.warnings.length ? fill(ctx.t.validWithWarnings, { warnings: r.warnings.length }) : ctx.t.valid)
        : fill(ctx.t.invalid, { errors: r.errors.length, warnings: r.warnings.length });
      ctx.io.stdout(`${mark} ${r.file}${r.definition ? `  ${r.definition}` : ''} — ${state}\n`);
      if (!ctx.values.quiet || r.status !== 'valid') for (const e of [...r.errors, ...r.warnings]) ctx.io.stdout(formatProblem(ctx, e) + '\n');
    }
    ctx.io.stdout(fill(ctx.t.summary, summary) + '\n');
  }
  return summary.unreadable ? 2 : summary.invalid ? 1 : 0;
}

// ---------------------------------------------------------------- template / import / export

async function cmdTemplate(ctx: Ctx): Promise<number> {
  const def = await definitionFor(ctx, ctx.positionals[0] ?? ctx.values.definition);
  if (!def) return 2;
  const { createTemplate } = await import('@bieumau/excel');
  const rows = ctx.values.rows ? Number(ctx.values.rows) : undefined;
  const bytes = await createTemplate(def, { lang: ctx.lang, ...(rows && Number.isInteger(rows) && rows > 0 ? { rows } : {}) });
  const out = resolve(ctx.io.cwd, ctx.values.output ?? `${def.info.form}-${def.info.version}-${def.info.variant}.xlsx`);
  if (!writeOut(ctx, out, bytes)) return 2;
  ctx.io.stderr(fill(ctx.t.wrote, { file: out }) + '\n');
  return 0;
}

async function cmdImport(ctx: Ctx): Promise<number> {
  const file = ctx.positionals[0];
  if (!file) throw new Usage(ctx.t.needFiles);
  if (!/\.xls[xm]$/i.test(file)) throw new Usage(fill(ctx.t.notWorkbook, { file }));
  const ws = ctx.ws();
  const read = await readReportFile(resolve(ctx.io.cwd, file), { registry: ws.registry, lang: ctx.lang });
  if (!read.ok) {
    if (ctx.values.format === 'json') ctx.io.stdout(json({ ok: false, file, errors: [read.error] }));
    else ctx.io.stderr(`! ${file} — ${ctx.t.unreadable}\n${formatProblem(ctx, read.error)}\n`);
    return 2;
  }
  const errors = read.diagnostics.filter((d) => d.severity === 'error');
  const warnings = read.diagnostics.filter((d) => d.severity === 'warning');
  const outFile = ctx.values.output ?? file.replace(/\.xls[xm]$/i, '.json');
  if (!writeOut(ctx, resolve(ctx.io.cwd, outFile), json(read.report))) return 2;
  if (ctx.values.format === 'json') ctx.io.stdout(json({ ok: errors.length === 0, file, output: outFile, errors, warnings }));
  else {
    ctx.io.stderr(fill(ctx.t.wrote, { file: outFile }) + '\n');
    if (read.diagnostics.length) {
      ctx.io.stderr(fill(ctx.t.importProblems, { file, errors: errors.length, warnings: warnings.length }) + '\n');
      for (const d of read.diagnostics) ctx.io.stderr(formatProblem(ctx, d) + '\n');
    }
  }
  return errors.length ? 1 : 0;
}

async function cmdExport(ctx: Ctx): Promise<number> {
  const file = ctx.positionals[0];
  if (!file) throw new Usage(ctx.t.needFiles);
  const ws = ctx.ws();
  const read = await readReportFile(resolve(ctx.io.cwd, file), { registry: ws.registry, lang: ctx.lang });
  if (!read.ok) {
    ctx.io.stderr(`! ${file} — ${ctx.t.unreadable}\n${formatProblem(ctx, read.error)}\n`);
    return 2;
  }
  const found = await ws.registry.forReport(read.report);
  if (!found.ok) {
    const e = found.error;
    ctx.io.stderr(`! ${file} — ${e.keyword === 'bmMissingDefinition' ? ctx.t.noDefinition : describeRefError(ctx, unknownRef(ws, e.params as never))}\n`);
    return 2;
  }
  const { writeWorkbook } = await import('@bieumau/excel');
  const diagnostics: ReportError[] = [];
  const bytes = await writeWorkbook(read.report, found.definition, { lang: ctx.lang, onDiagnostic: (d) => diagnostics.push(d) });
  const out = resolve(ctx.io.cwd, ctx.values.output ?? file.replace(/\.json$/i, '') + '.xlsx');
  if (!writeOut(ctx, out, bytes)) return 2;
  ctx.io.stderr(fill(ctx.t.wrote, { file: out }) + '\n');
  for (const d of diagnostics) ctx.io.stderr(formatProblem(ctx, d) + '\n');
  return 0;
}

// ---------------------------------------------------------------- diff

async function cmdDiff(ctx: Ctx): Promise<number> {
  const [a, b] = ctx.positionals;
  const ra = a ? parseRef(a) : undefined;
  const rb = b ? parseRef(b) : undefined;
  if (!ra?.version || !rb?.version) throw new Usage(fill(ctx.t.needRef, { what: '<form>@<version> <form>@<version>', example: 'annual-ict@2019 annual-ict@2022', found: JSON.stringify(ctx.positionals.join(' ')) }));
  const ws = ctx.ws();
  const before = await loadVersion(ws, ra.form, ra.version);
  const after = await loadVersion(ws, rb.form, rb.version);
  for (const [r, m] of [[ra, before], [rb, after]] as const) {
    if (!m.size) {
      ctx.io.stderr(describeRefError(ctx, unknownRef(ws, r)) + '\n');
      return 2;
    }
  }
  const variant = ctx.values.variant ?? ra.variant;
  const pick = (m: typeof before) => new Map([...m].filter(([k]) => !variant || k === variant).map(([k, v]) => [k, v.model]));
  // The migration into b, when it starts from a, pairs renamed fields and says how each change is carried.
  let migration;
  if (ra.form === rb.form) {
    const p = migrationPath(ws, rb.form, rb.version);
    if (p) {
      const { readMigration } = await import('./workspace.js');
      const m = readMigration(ws, rb.form, rb.version);
      if (m.ok && m.migration.from === ra.version) migration = m.migration;
    }
  }
  const diff = diffDefinitions({ form: ra.form === rb.form ? ra.form : `${ra.form}/${rb.form}`, from: ra.version, to: rb.version, before: pick(before), after: pick(after), ...(migration ? { migration } : {}) });
  const text = ctx.values.format === 'json' ? json(diff) : renderDiffMarkdown(diff, ctx.lang);
  if (ctx.values.output) {
    if (!writeOut(ctx, resolve(ctx.io.cwd, ctx.values.output), text)) return 2;
  } else ctx.io.stdout(text);
  return 0;
}

// ---------------------------------------------------------------- migrate

async function cmdMigrate(ctx: Ctx): Promise<number> {
  const file = ctx.positionals[0];
  if (!file) throw new Usage(ctx.t.needFiles);
  const to = ctx.values.to;
  if (!to) throw new Usage(ctx.t.needTo);
  const ws = ctx.ws();
  const read = await readReportFile(resolve(ctx.io.cwd, file), { registry: ws.registry, lang: ctx.lang });
  if (!read.ok) {
    if (ctx.values.format === 'json') ctx.io.stdout(json({ ok: false, file, errors: [read.error] }));
    else ctx.io.stderr(`! ${file} — ${ctx.t.unreadable}\n${formatProblem(ctx, read.error)}\n`);
    return 2;
  }
  const { readMigration } = await import('./workspace.js');
  const result = await migrate(read.report, {
    to,
    registry: ws.registry,
    lang: ctx.lang,
    loadMigration: (form, version) => {
      const m = readMigration(ws, form, version);
      if (m.ok) return m.migration;
      if (m.errors[0]?.keyword === 'bmNoMigration') return undefined;
      throw new Error(m.errors.map((e) => e.message ?? e.keyword).join('; '));
    },
  });
  if (!result.ok) {
    const errors = result.errors.map((e) =>
      e.keyword === 'bmUnknownDefinition' ? { ...e, message: describeRefError(ctx, unknownRef(ws, e.params as never)) } : e,
    );
    if (ctx.values.format === 'json') ctx.io.stdout(json({ ok: false, file, errors }));
    else for (const e of errors) ctx.io.stderr(`! ${file} — ${e.message ?? e.keyword}${e.instancePath && e.keyword !== 'bmUnknownDefinition' ? ` (${e.instancePath})` : ''}\n`);
    return 2;
  }
  const outFile = resolve(ctx.io.cwd, ctx.values.output ?? file.replace(/(\.json|\.xlsx|\.xlsm)?$/i, `.${to}.json`));
  if (!writeOut(ctx, outFile, json(result.report))) return 2;
  const unmappedFile = `${outFile}.unmapped.json`.replace(/\.json\.unmapped\.json$/, '.unmapped.json');
  if (result.unmapped.length && !writeOut(ctx, unmappedFile, json({ source: file, path: result.path, unmapped: result.unmapped }))) return 2;
  const v = result.validation!;
  const text = ctx.values.format !== 'json';
  if (text) {
    ctx.io.stderr(fill(ctx.t.migrated, { file, from: result.path[0], to, path: result.path.join(' → ') }) + '\n');
    ctx.io.stderr(fill(ctx.t.wrote, { file: outFile }) + '\n');
  }
  // Values left behind are always listed on stderr, whatever the format of stdout.
  if (result.unmapped.length) {
    ctx.io.stderr(fill(ctx.t.unmappedHead, { count: result.unmapped.length, file: unmappedFile }) + '\n');
    for (const u of result.unmapped) ctx.io.stderr(`    ${u.pointer}  ${JSON.stringify(u.value).slice(0, 60)}  — ${u.reason}\n`);
  }
  if (!text) {
    ctx.io.stdout(json({ ok: v.ok && !result.unmapped.length, file, output: outFile, path: result.path, unmapped: result.unmapped, ...(result.unmapped.length ? { unmappedFile } : {}), validation: v }));
  } else {
    ctx.io.stderr((v.ok ? fill(ctx.t.migrationValid, { to }) : fill(ctx.t.migrationInvalid, { to, errors: v.errors.length, warnings: v.warnings.length })) + '\n');
    for (const e of [...v.errors, ...v.warnings]) ctx.io.stderr(formatProblem(ctx, e) + '\n');
  }
  return v.ok && !result.unmapped.length ? 0 : 1;
}

// ---------------------------------------------------------------- new-version

async function cmdNewVersion(ctx: Ctx): Promise<number> {
  const [form, version] = ctx.positionals;
  if (!form || !version) throw new Usage(fill(ctx.t.needRef, { what: '<form> <version>', example: 'annual-ict 2022', found: JSON.stringify(ctx.positionals.join(' ')) }));
  const ws = ctx.ws();
  if (!ws.root) {
    ctx.io.stderr(ctx.t.needDefinitionsDir + '\n');
    return 2;
  }
  const r = scaffoldVersion({
    root: ws.root,
    form,
    version,
    ...(ctx.values.from ? { from: ctx.values.from } : {}),
    ...(ctx.values.changesets ? { changesetDir: resolve(ctx.io.cwd, ctx.values.changesets) } : {}),
  });
  if (ctx.values.format === 'json') ctx.io.stdout(json(r));
  if (!r.ok) {
    const e = r.error!;
    const p = { ...e.params } as Record<string, unknown>;
    if (Array.isArray(p.versions)) p.versions = (p.versions as string[]).join(', ') || '—';
    ctx.io.stderr(fill((ctx.t.scaffoldError as Record<string, string>)[e.code] ?? e.code, p) + '\n');
    return 2;
  }
  if (ctx.values.format !== 'json') {
    ctx.io.stdout(fill(ctx.t.scaffolded, { form, version, from: r.from, count: r.files.length }) + '\n');
    for (const f of r.files) ctx.io.stdout(`  ${f}\n`);
    for (const n of r.notes) {
      const p = { ...n.params } as Record<string, unknown>;
      if (Array.isArray(p.basis)) p.basis = (p.basis as string[]).join('; ');
      ctx.io.stdout(`  * ${fill((ctx.t.scaffoldNote as Record<string, string>)[n.code] ?? n.code, p)}\n`);
    }
  }
  return 0;
}

// ---------------------------------------------------------------- publish

async function cmdPublish(ctx: Ctx): Promise<number> {
  const ws = ctx.ws();
  if (!ws.root) {
    ctx.io.stderr(ctx.t.needDefinitionsDir + '\n');
    return 2;
  }
  const list = (x: string[]) => (x.length ? x.join(', ') : '—');
  const report = (drift: ReturnType<typeof checkPublished>) => {
    for (const d of drift) ctx.io.stderr(fill(ctx.t.publishedDrift, { version: d.version, changed: list(d.changed), added: list(d.added), removed: list(d.removed) }) + '\n');
  };
  if (ctx.values.check) {
    const drift = checkPublished(ws.root);
    if (ctx.values.format === 'json') ctx.io.stdout(json({ ok: !drift.length, drift }));
    report(drift);
    if (!drift.length && ctx.values.format !== 'json') ctx.io.stdout(fill(ctx.t.publishedOk, { count: Object.keys((await import('./publish.js')).readPublished(ws.root).versions).length }) + '\n');
    return drift.length ? 1 : 0;
  }
  if (!ctx.positionals.length) throw new Usage(fill(ctx.t.needRef, { what: '<form>@<version>', example: 'annual-ict@2022', found: '""' }));
  const keys: string[] = [];
  for (const p of ctx.positionals) {
    const r = parseRef(p);
    if (!r?.version || r.variant) throw new Usage(fill(ctx.t.needRef, { what: '<form>@<version>', example: 'annual-ict@2022', found: JSON.stringify(p) }));
    keys.push(`${r.form}@${r.version}`);
  }
  const r = publishVersions(ws.root, keys);
  if (ctx.values.format === 'json') ctx.io.stdout(json(r));
  else {
    if (r.added.length) ctx.io.stdout(fill(ctx.t.published, { versions: r.added.join(', ') }) + '\n');
    if (r.unchanged.length) ctx.io.stdout(fill(ctx.t.publishedUnchanged, { versions: r.unchanged.filter((k) => !r.drift.some((d) => d.version === k)).join(', ') || '—' }) + '\n');
  }
  report(r.drift);
  if (r.missing.length) ctx.io.stderr(fill(ctx.t.publishMissing, { versions: r.missing.join(', ') }) + '\n');
  return r.missing.length ? 2 : r.drift.length ? 1 : 0;
}

// ---------------------------------------------------------------- aggregate

async function cmdAggregate(ctx: Ctx): Promise<number> {
  if (!ctx.positionals.length) throw new Usage(ctx.t.needFiles);
  const ws = ctx.ws();
  const output = resolve(ctx.io.cwd, ctx.values.output ?? 'tong-hop.xlsx');
  const csv = resolve(ctx.io.cwd, ctx.values.csv ?? output.replace(/\.xlsx$/i, '') + '.csv');
  const progress = ctx.io.stderrIsTTY && !ctx.values['no-progress'] && ctx.values.format !== 'json';
  const r = await aggregate(ctx.positionals.map((p) => resolve(ctx.io.cwd, p)), {
    registry: ws.registry,
    lang: ctx.lang,
    output,
    csv,
    ...(ctx.values.definition ? { definition: ctx.values.definition } : {}),
    onProgress: progress
      ? (done, total, file) => {
          const width = 30;
          const filled = total ? Math.round((done / total) * width) : width;
          ctx.io.stderr(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${basename(file).slice(0, 40).padEnd(40)}`);
          if (done === total) ctx.io.stderr('\n');
        }
      : undefined,
  });
  if (!r.ok) {
    const [file, ...reason] = (r.error ?? '').split(': ');
    ctx.io.stderr(fill(ctx.t.writeFailed, { file, reason: reason.join(': ') }) + '\n');
    return 2;
  }
  if (ctx.values.format === 'json') ctx.io.stdout(json(r.summary));
  else {
    for (const f of r.summary.failed) ctx.io.stderr(`! ${fill(ctx.t.aggregateFailed, { file: f.file, reason: f.errors.map((e) => `${e.instancePath ? e.instancePath + ' ' : ''}${e.message ?? e.keyword}`).slice(0, 3).join('; ') })}\n`);
    for (const f of r.summary.reports.filter((x) => x.errors.length)) ctx.io.stderr(`✗ ${f.file}: ${f.errors.slice(0, 3).map((e) => `${e.instancePath} ${e.message ?? e.keyword}`).join('; ')}${f.errors.length > 3 ? ' …' : ''}\n`);
    ctx.io.stderr(fill(ctx.t.aggregateDone, { ok: r.summary.reports.length, invalid: r.summary.reports.filter((x) => x.errors.length).length, failed: r.summary.failed.length, files: r.summary.outputs.join(', ') }) + '\n');
  }
  return r.summary.failed.length ? 2 : r.summary.reports.some((x) => x.errors.length) ? 1 : 0;
}

// ---------------------------------------------------------------- precompile

/**
 * Writes one precompiled validator module per definition: every variant of
 * each `form`, `form@version` or `form@version/variant` named (a form alone:
 * its latest version), or every definition the workspace knows. A definition
 * `validateDefinition` finds errors in is refused, not compiled.
 */
async function cmdPrecompile(ctx: Ctx): Promise<number> {
  const ws = ctx.ws();
  const all = ws.registry.list();
  const chosen: typeof all = [];
  for (const p of ctx.positionals) {
    const ref = parseRef(p);
    if (!ref) throw new Usage(fill(ctx.t.needRef, { what: 'form[@version[/variant]]', example: 'annual-ict@2019/province', found: JSON.stringify(p) }));
    const version = ref.version ?? versionsOf(ws, ref.form).at(-1);
    const hits = all.filter((s) => s.form === ref.form && s.version === version && (ref.variant === undefined || s.variant === ref.variant));
    if (!hits.length) {
      ctx.io.stderr(describeRefError(ctx, unknownRef(ws, { ...ref, ...(version ? { version } : {}) })) + '\n');
      return 2;
    }
    for (const h of hits) if (!chosen.includes(h)) chosen.push(h);
  }
  const { validateDefinition } = await import('@bieumau/validator');
  const { writePrecompiled } = await import('@bieumau/validator/precompile');
  const runtime = ctx.values.runtime ?? '@bieumau/validator/runtime';
  const dir = resolve(ctx.io.cwd, ctx.values.output ?? 'validators');
  const written: { ref: string; file: string; bytes: number }[] = [];
  const refused: { ref: string; errors: ReportError[] }[] = [];
  for (const summary of ctx.positionals.length ? chosen : all) {
    const ref = `${summary.form}@${summary.version}/${summary.variant}`;
    const def = await ws.registry.get(summary);
    const check = validateDefinition(def, { lang: ctx.lang });
    if (!check.ok) {
      refused.push({ ref, errors: check.errors });
      if (ctx.values.format !== 'json') {
        ctx.io.stderr(fill(ctx.t.precompileRefused, { ref, errors: check.errors.length }) + '\n');
        for (const e of check.errors.slice(0, 5)) ctx.io.stderr(formatProblem(ctx, e) + '\n');
      }
      continue;
    }
    let file: string;
    try {
      // The module and its .d.ts.
      [file] = writePrecompiled([def], dir, { runtimeImport: runtime }) as [string];
    } catch (e) {
      ctx.io.stderr(fill(ctx.t.writeFailed, { file: dir, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }) + '\n');
      return 2;
    }
    const bytes = statSync(file).size;
    written.push({ ref, file: relative(ctx.io.cwd, file), bytes });
    if (ctx.values.format !== 'json') ctx.io.stderr(fill(ctx.t.precompiled, { file: relative(ctx.io.cwd, file), size: formatSize(bytes, ctx.lang) }) + '\n');
  }
  if (ctx.values.format === 'json') ctx.io.stdout(json({ ok: !refused.length, runtime, written, refused }));
  else ctx.io.stderr(fill(ctx.t.precompileDone, { count: written.length, dir: relative(ctx.io.cwd, dir) || '.', runtime }) + '\n');
  return refused.length ? 1 : 0;
}

/** Bytes in kilobytes with the language's decimal separator (`18,9 KB` / `18.9 KB`). */
function formatSize(bytes: number, lang: Lang): string {
  const kb = (bytes / 1024).toFixed(1);
  return `${lang === 'vi' ? kb.replace('.', ',') : kb} KB`;
}

// ---------------------------------------------------------------- list

async function cmdList(ctx: Ctx): Promise<number> {
  const list = ctx.ws().registry.list();
  if (ctx.values.format === 'json') ctx.io.stdout(json(list));
  else for (const s of list) ctx.io.stdout(`${s.form}@${s.version}/${s.variant}  ${ctx.lang === 'en' && s.titleEn ? s.titleEn : s.title}\n`);
  return 0;
}

/**
 * Runs the command line. Resolves to the exit code; never throws for bad
 * input (unexpected internal errors are reported and give 2).
 */
export async function run(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let parsed;
  const envLang: Lang = argv.includes('en') && argv[argv.indexOf('en') - 1] === '--lang' ? 'en' : argv.includes('--lang=en') ? 'en' : 'vi';
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(fill(T[envLang].badArgs, { reason: (e as Error).message }) + '\n\n' + T[envLang].usage);
    return 2;
  }
  const values = parsed.values as Ctx['values'];
  const lang: Lang = values.lang === 'en' ? 'en' : 'vi';
  const t = T[lang];
  if (values.lang !== undefined && values.lang !== 'vi' && values.lang !== 'en') {
    io.stderr(fill(t.badArgs, { reason: `--lang ${values.lang} (vi|en)` }) + '\n');
    return 2;
  }
  const [command, ...positionals] = parsed.positionals;
  if (values.help || !command || command === 'help') {
    io.stdout(t.usage);
    return command || values.help ? 0 : 2;
  }
  if (!COMMANDS.includes(command)) {
    io.stderr(fill(t.unknownCommand, { command, commands: COMMANDS.join(', ') }) + '\n');
    return 2;
  }
  const formats = command === 'diff' ? ['markdown', 'md', 'json'] : ['text', 'json'];
  if (values.format !== undefined && !formats.includes(values.format)) {
    io.stderr(fill(t.badArgs, { reason: `--format ${values.format} (${formats.join('|')})` }) + '\n');
    return 2;
  }
  let workspace: Workspace | undefined;
  const ctx: Ctx = {
    io,
    lang,
    t,
    values,
    positionals,
    ws: () => {
      if (!workspace) {
        workspace = openWorkspace(values.definitions, io.cwd);
        for (const p of workspace.problems) io.stderr(fill(t.definitionProblem, p) + '\n');
      }
      return workspace;
    },
  };
  try {
    switch (command) {
      case 'validate': return await cmdValidate(ctx);
      case 'template': return await cmdTemplate(ctx);
      case 'import': return await cmdImport(ctx);
      case 'export': return await cmdExport(ctx);
      case 'diff': return await cmdDiff(ctx);
      case 'migrate': return await cmdMigrate(ctx);
      case 'new-version': return await cmdNewVersion(ctx);
      case 'publish': return await cmdPublish(ctx);
      case 'aggregate': return await cmdAggregate(ctx);
      case 'precompile': return await cmdPrecompile(ctx);
      default: return await cmdList(ctx);
    }
  } catch (e) {
    if (e instanceof Usage) {
      io.stderr(e.message + '\n\n' + t.usage);
      return 2;
    }
    io.stderr(`bieumau ${command}: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}


