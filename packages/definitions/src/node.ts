/**
 * Node-only: load definitions from a folder laid out as
 * `<form>/<version>/*.json` (the repository's `definitions/`, or a
 * maintainer's working copy). Used by the CLI and by tests that prove no
 * form-specific code exists.
 * @module
 */
import { readFileSync, readdirSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Catalogue, SchemaObject } from '@bieumau/core';
import { memorySource } from './registry.js';
import type { DefinitionSource, VersionFiles } from './registry.js';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`Cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Reads one version folder: its schema files and `i18n/*.json` catalogues. */
export function readVersionFolder(dir: string): VersionFiles {
  const resources = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('migration'))
    .sort()
    .map((f) => readJson(join(dir, f)) as SchemaObject)
    .filter((s) => typeof s.$id === 'string');
  const catalogues: VersionFiles['catalogues'] = {};
  const i18n = join(dir, 'i18n');
  if (existsSync(i18n)) {
    for (const f of readdirSync(i18n).filter((x) => x.endsWith('.json'))) {
      const c = readJson(join(i18n, f)) as Catalogue;
      if (c.lang === 'en') catalogues.en = c;
    }
  }
  return { resources, catalogues };
}

/** Lists `<form>/<version>` folders under a root. */
export function listVersionFolders(root: string): { form: string; version: string; dir: string }[] {
  const out: { form: string; version: string; dir: string }[] = [];
  for (const form of readdirSync(root).sort()) {
    const fdir = join(root, form);
    if (!statSync(fdir).isDirectory()) continue;
    for (const version of readdirSync(fdir).sort()) {
      const vdir = join(fdir, version);
      if (statSync(vdir).isDirectory() && /^\d{4}(\.\d+)?$/.test(version)) out.push({ form, version, dir: vdir });
    }
  }
  return out;
}

/** A definition source over a folder tree. */
export function directorySource(root: string): DefinitionSource {
  return memorySource(listVersionFolders(root).map((v) => readVersionFolder(v.dir)));
}

/**
 * Creates a directory and its missing parents, like `mkdir -p`, one level at
 * a time. Node's `mkdirSync(dir, { recursive: true })` never returns for a
 * path under `/proc` (it retries the refused level forever); creating each
 * missing level on its own throws the refusal instead, so a tool given such
 * an output path reports it rather than hanging.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); ) {
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  if (!missing.length && !statSync(dir).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR' });
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Made meanwhile by someone else: fine, as `mkdir -p` has it.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw e;
    }
  }
}
