/**
 * `migrate()`: a report of any version to a later version of its form —
 * finds the chain of migrations, runs each step, and validates the result
 * against the target definition. No Node APIs: a portal can run it with its
 * own registry and migration loader.
 * @module
 */
import { buildModel, definitionRefOf } from '@bieumau/core';
import type { FormModel, Lang, ReportError } from '@bieumau/core';
import { compareVersions } from '@bieumau/definitions';
import type { Registry } from '@bieumau/definitions';
import { validate } from '@bieumau/validator';
import type { ValidationResult } from '@bieumau/validator';
import { checkMigration, migrateReport, targetVariant } from './migrate.js';
import type { Migration, UnmappedValue } from './migrate.js';

/** An unmapped value, with the migration step it fell out at. */
export interface UnmappedEntry extends UnmappedValue {
  /** `2017→2019`. */
  step: string;
}

/** The outcome of {@link migrate}. */
export interface MigrateResult {
  /** False when the report could not be migrated at all (see `errors`). */
  ok: boolean;
  /** The migrated report (absent when `ok` is false). */
  report?: Record<string, unknown>;
  /** Every source value the migrated report does not carry, with the reason. */
  unmapped: UnmappedEntry[];
  /** The migrated report validated against the target version. */
  validation?: ValidationResult;
  /** Why the migration could not run: unknown definition, no migration path, a broken migration. */
  errors: ReportError[];
  /** The versions passed through, oldest first (`['2017', '2019', '2022']`). */
  path: string[];
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Target version. */
  to: string;
  /** Where the definitions are. */
  registry: Registry;
  /** Returns the migration into `form@version` (the file `definitions/<form>/<version>/migration.json`), or undefined. */
  loadMigration(form: string, version: string): Promise<unknown> | unknown;
  lang?: Lang;
  /** Validate the result (default true). */
  validate?: boolean;
}

function err(keyword: string, params: Record<string, unknown>, message: string): ReportError {
  return { instancePath: '/definition', keyword, params, severity: 'error', message };
}

/**
 * Migrates a report to `options.to`: follows the migrations back from the
 * target to the report's version, applies them in order, validates the
 * result. Expected failures come back in `errors`, never thrown.
 */
export async function migrate(report: unknown, options: MigrateOptions): Promise<MigrateResult> {
  const lang = options.lang ?? 'vi';
  const ref = definitionRefOf(report);
  const fail = (e: ReportError | ReportError[], path: string[] = []): MigrateResult => ({ ok: false, unmapped: [], errors: Array.isArray(e) ? e : [e], path });
  if (!ref) {
    return fail(err('bmMissingDefinition', {}, lang === 'vi'
      ? 'Báo cáo không ghi rõ biểu mẫu: cần thuộc tính "definition" với form, version và variant'
      : 'The report does not name its form: expected a "definition" property with form, version and variant'));
  }
  const source = await options.registry.find(ref);
  if (!source.ok) return fail(source.error);
  if (compareVersions(ref.version, options.to) >= 0) {
    return fail(err('bmMigrationDirection', { from: ref.version, to: options.to }, lang === 'vi'
      ? `Chỉ chuyển được sang phiên bản mới hơn: báo cáo là ${ref.version}, đích là ${options.to}`
      : `Migrations only go forward: the report is ${ref.version}, the target is ${options.to}`));
  }
  // Collect the chain back from the target.
  const steps: Migration[] = [];
  let at = options.to;
  while (at !== ref.version) {
    let doc: unknown;
    try {
      doc = await options.loadMigration(ref.form, at);
    } catch (e) {
      return fail(err('bmUnreadable', { form: ref.form, version: at, reason: (e as Error).message }, `${ref.form}@${at}/migration.json: ${(e as Error).message}`));
    }
    if (doc === undefined) {
      return fail(err('bmNoMigration', { form: ref.form, from: ref.version, to: options.to, missing: at }, lang === 'vi'
        ? `Không có tệp chuyển đổi vào ${ref.form}@${at} (migration.json), nên không chuyển được từ ${ref.version} sang ${options.to}`
        : `There is no migration into ${ref.form}@${at} (migration.json), so ${ref.version} cannot be migrated to ${options.to}`));
    }
    const checked = checkMigration(doc);
    if (!checked.ok) return fail(checked.errors.map((e) => ({ ...e, params: { ...e.params, migration: `${ref.form}@${at}` } })));
    const m = checked.migration!;
    if (m.form !== ref.form || m.to !== at || compareVersions(m.from, at) >= 0 || compareVersions(m.from, ref.version) < 0) {
      return fail(err('bmNoMigration', { form: ref.form, from: ref.version, to: options.to, found: `${m.form}@${m.from}→${m.to}` }, lang === 'vi'
        ? `Chuỗi chuyển đổi không dẫn từ ${ref.version} tới ${options.to} (gặp ${m.form} ${m.from}→${m.to})`
        : `The migrations do not lead from ${ref.version} to ${options.to} (found ${m.form} ${m.from}→${m.to})`));
    }
    steps.unshift(m);
    at = m.from;
  }

  let current: unknown = report;
  let sourceModel: FormModel = buildModel(source.definition);
  const unmapped: UnmappedEntry[] = [];
  const path = [ref.version];
  let targetDef = source.definition;
  for (const m of steps) {
    const variant = targetVariant(m, sourceModel.info.variant);
    const target = await options.registry.find({ form: m.form, version: m.to, variant });
    if (!target.ok) return fail(target.error, path);
    const targetModel = buildModel(target.definition);
    const checked = checkMigration(m, { source: sourceModel, target: targetModel });
    if (!checked.ok) return fail(checked.errors.map((e) => ({ ...e, params: { ...e.params, migration: `${m.form}@${m.to}` } })), path);
    const out = migrateReport(current, { migration: m, source: sourceModel, target: targetModel, lang });
    for (const u of out.unmapped) unmapped.push({ ...u, step: `${m.from}→${m.to}` });
    current = out.report;
    sourceModel = targetModel;
    targetDef = target.definition;
    path.push(m.to);
  }
  const result: MigrateResult = { ok: true, report: current as Record<string, unknown>, unmapped, errors: [], path };
  if (options.validate !== false) result.validation = await validate(current, { definition: targetDef, lang });
  return result;
}
