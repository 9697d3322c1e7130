/**
 * Where the CLI finds definitions and migrations: a definitions folder
 * (`--definitions`, `BIEUMAU_DEFINITIONS`, or `./definitions` when present)
 * in front of the published definitions. A broken version folder is reported
 * and skipped, never fatal for the others.
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildModel } from '@bieumau/core';
import type { Definition, FormModel, ReportError } from '@bieumau/core';
import { compareVersions, createRegistry, memorySource, publishedSource } from '@bieumau/definitions';
import type { DefinitionSource, Registry, VersionFiles } from '@bieumau/definitions';
import { listVersionFolders, readVersionFolder } from '@bieumau/definitions/node';
import { checkMigration } from './migrate.js';
import type { Migration } from './migrate.js';

/** Definitions the CLI works with. */
export interface Workspace {
  registry: Registry;
  /** The definitions folder in use, if any. */
  root?: string;
  /** Version folders that could not be read (path and reason). */
  problems: { path: string; reason: string }[];
}

/** Picks the definitions folder: the option, the environment, or `./definitions` if it exists. */
export function definitionsRoot(option: string | undefined, cwd = process.cwd()): string | undefined {
  const candidate = option ?? process.env.BIEUMAU_DEFINITIONS;
  if (candidate) return resolve(cwd, candidate);
  const local = resolve(cwd, 'definitions');
  return existsSync(local) && statSync(local).isDirectory() ? local : undefined;
}

/** Reads every version folder under `root` that can be read. */
export function safeDirectorySource(root: string, problems: Workspace['problems']): DefinitionSource {
  const folders: VersionFiles[] = [];
  let versions: { dir: string }[] = [];
  try {
    versions = listVersionFolders(root);
  } catch (e) {
    problems.push({ path: root, reason: (e as Error).message });
  }
  for (const v of versions) {
    try {
      const files = readVersionFolder(v.dir);
      if (files.resources.some((r) => r.bmForm)) folders.push(files);
    } catch (e) {
      problems.push({ path: v.dir, reason: (e as Error).message });
    }
  }
  return memorySource(folders);
}

/** Opens the definitions: the folder (if any) first, then the published ones. */
export function openWorkspace(option?: string, cwd?: string): Workspace {
  const root = definitionsRoot(option, cwd);
  const problems: Workspace['problems'] = [];
  if (root && !existsSync(root)) problems.push({ path: root, reason: 'folder not found' });
  const sources = root && existsSync(root) ? [safeDirectorySource(root, problems), publishedSource] : [publishedSource];
  const ws: Workspace = { registry: createRegistry(...sources), problems };
  if (root) ws.root = root;
  return ws;
}

/** A parsed `form@version[/variant]` reference. */
export interface VersionRef {
  form: string;
  version?: string;
  variant?: string;
}

/** Parses `annual-ict@2019/province`, `annual-ict@2019`, `annual-ict`. */
export function parseRef(text: string): VersionRef | undefined {
  const m = /^([a-z][a-z0-9-]*)(?:@(\d{4}(?:\.\d+)?))?(?:\/([a-z][a-z0-9-]*))?$/.exec(text);
  if (!m) return undefined;
  const ref: VersionRef = { form: m[1]! };
  if (m[2]) ref.version = m[2];
  if (m[3]) ref.variant = m[3];
  return ref;
}

export { compareVersions };

/** The versions of a form known to the workspace, oldest first. */
export function versionsOf(ws: Workspace, form: string): string[] {
  return [...new Set(ws.registry.list().filter((s) => s.form === form).map((s) => s.version))].sort(compareVersions);
}

/** A located error about a definition reference, with what exists. */
export function unknownRef(ws: Workspace, ref: VersionRef): ReportError {
  const all = ws.registry.list();
  const forms = [...new Set(all.map((s) => s.form))];
  const versions = versionsOf(ws, ref.form);
  const variants = all.filter((s) => s.form === ref.form && s.version === ref.version).map((s) => s.variant);
  const params = { form: ref.form, version: ref.version ?? null, variant: ref.variant ?? null, forms, versions, variants };
  if (!forms.includes(ref.form)) return { instancePath: '', keyword: 'bmUnknownForm', severity: 'error', params };
  if (ref.version && !versions.includes(ref.version)) return { instancePath: '', keyword: 'bmUnknownVersion', severity: 'error', params };
  return { instancePath: '', keyword: 'bmUnknownVariant', severity: 'error', params };
}

/** Loads the definitions and models of every variant of one version. */
export async function loadVersion(ws: Workspace, form: string, version: string): Promise<Map<string, { definition: Definition; model: FormModel }>> {
  const out = new Map<string, { definition: Definition; model: FormModel }>();
  for (const s of ws.registry.list()) {
    if (s.form !== form || s.version !== version) continue;
    const definition = await ws.registry.get(s);
    out.set(s.variant, { definition, model: buildModel(definition) });
  }
  return out;
}

/** Where the migration into `form@version` is stored, if anywhere. */
export function migrationPath(ws: Workspace, form: string, version: string): string | undefined {
  if (ws.root) {
    const p = join(ws.root, form, version, 'migration.json');
    if (existsSync(p)) return p;
  }
  try {
    const url = import.meta.resolve(`@bieumau/definitions/json/${form}/${version}/migration.json`);
    const p = new URL(url).pathname;
    if (existsSync(p)) return p;
  } catch {
    // Not shipped with the published package: no migration.
  }
  return undefined;
}

/** The outcome of reading a migration file. */
export type MigrationLookup = { ok: true; migration: Migration; path: string } | { ok: false; errors: ReportError[]; path?: string };

/** Reads and shape-checks the migration into `form@version`. */
export function readMigration(ws: Workspace, form: string, version: string): MigrationLookup {
  const path = migrationPath(ws, form, version);
  if (!path) return { ok: false, errors: [{ instancePath: '', keyword: 'bmNoMigration', severity: 'error', params: { form, version } }] };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return { ok: false, path, errors: [{ instancePath: '', keyword: 'bmUnreadable', severity: 'error', params: { path, reason: (e as Error).message } }] };
  }
  const checked = checkMigration(doc);
  if (!checked.ok) return { ok: false, path, errors: checked.errors };
  const m = checked.migration!;
  if (m.form !== form || m.to !== version) {
    return { ok: false, path, errors: [{ instancePath: '/to', keyword: 'bmMigrationMismatch', severity: 'error', params: { path, expected: `${form}@${version}`, found: `${m.form}@${m.to}` }, message: `Expected a migration into ${form}@${version}, found ${m.form}@${m.to}` }] };
  }
  return { ok: true, migration: m, path };
}

/**
 * The migrations from `from` to `to`, oldest first, following each
 * migration's `from` back from the target. Forward only.
 */
export function migrationChain(ws: Workspace, form: string, from: string, to: string): { ok: true; steps: Migration[] } | { ok: false; errors: ReportError[] } {
  if (compareVersions(from, to) >= 0) {
    return { ok: false, errors: [{ instancePath: '/definition/version', keyword: 'bmMigrationDirection', severity: 'error', params: { from, to } }] };
  }
  const steps: Migration[] = [];
  let at = to;
  for (let guard = 0; at !== from; guard++) {
    if (guard > 100 || compareVersions(at, from) < 0) {
      return { ok: false, errors: [{ instancePath: '/definition/version', keyword: 'bmNoMigration', severity: 'error', params: { form, from, to } }] };
    }
    const m = readMigration(ws, form, at);
    if (!m.ok) return m;
    steps.unshift(m.migration);
    at = m.migration.from;
  }
  return { ok: true, steps };
}


