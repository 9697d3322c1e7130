/**
 * Test support (Node only, not published): load every definition folder of
 * the repository and of the test fixtures, with their samples, so tests run
 * over whatever definitions exist without naming any.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDefinition } from '@bieumau/core';
import type { Catalogue, Definition, DefinitionRef, ReportError, SchemaObject } from '@bieumau/core';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const FIXTURES = join(REPO, 'test/fixtures/definitions');
export const DEFINITIONS = join(REPO, 'definitions');

export interface LoadedVariant {
  name: string;
  dir: string;
  definition: Definition;
  samples: { file: string; report: Record<string, unknown> }[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Loads every variant of one `<form>/<version>` folder; a folder that does not load is reported, not thrown. */
export function loadFolder(dir: string): { variants: LoadedVariant[]; problems: string[] } {
  const problems: string[] = [];
  const resources = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('migration'))
    .sort()
    .map((f) => {
      try {
        return readJson(join(dir, f)) as SchemaObject;
      } catch (e) {
        problems.push(`${dir}/${f}: ${(e as Error).message}`);
        return undefined;
      }
    })
    .filter((s): s is SchemaObject => !!s && typeof s.$id === 'string');
  const catalogues: { en?: Catalogue } = {};
  const en = join(dir, 'i18n/en.json');
  if (existsSync(en)) {
    try {
      catalogues.en = readJson(en) as Catalogue;
    } catch (e) {
      problems.push(`${en}: ${(e as Error).message}`);
    }
  }
  const variants: LoadedVariant[] = [];
  for (const root of resources.filter((r) => r.bmForm)) {
    try {
      const definition = createDefinition({ resources, root: root.$id!, catalogues });
      const variant = definition.info.variant;
      const sampleDir = join(dir, 'samples');
      const samples = existsSync(sampleDir)
        ? readdirSync(sampleDir)
            .filter((f) => f.endsWith('.json') && (f === `${variant}.json` || f.startsWith(`${variant}-`) || f.startsWith(`${variant}.`)))
            .sort()
            .map((f) => ({ file: join(sampleDir, f), report: readJson(join(sampleDir, f)) as Record<string, unknown> }))
        : [];
      variants.push({ name: `${definition.info.form}@${definition.info.version}/${variant}`, dir, definition, samples });
    } catch (e) {
      problems.push(`${dir} (${String(root.$id)}): ${(e as Error).message}`);
    }
  }
  return { variants, problems };
}

/** Every `<form>/<version>` folder under a root. */
export function versionFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const form of readdirSync(root).sort()) {
    const fdir = join(root, form);
    if (!statSync(fdir).isDirectory()) continue;
    for (const v of readdirSync(fdir).sort()) if (/^\d{4}(\.\d+)?$/.test(v) && statSync(join(fdir, v)).isDirectory()) out.push(join(fdir, v));
  }
  return out;
}

/** The demo definition of the test fixtures (every kind). */
export function demo(): LoadedVariant {
  const v = loadFolder(join(FIXTURES, 'demo-form/2025')).variants[0];
  if (!v) throw new Error('demo-form fixture missing');
  return v;
}

/** Every definition of the repository and the fixtures that loads. */
export function allVariants(): LoadedVariant[] {
  return [...versionFolders(FIXTURES), ...versionFolders(DEFINITIONS)].flatMap((d) => loadFolder(d).variants);
}

/** A registry-like finder over loaded definitions. */
export function finder(defs: Definition[]) {
  return {
    async find(ref: DefinitionRef): Promise<{ ok: true; definition: Definition } | { ok: false; error: ReportError }> {
      const d = defs.find((x) => x.info.form === ref.form && x.info.version === ref.version && x.info.variant === ref.variant);
      return d ? { ok: true, definition: d } : { ok: false, error: { instancePath: '/definition', keyword: 'bmUnknownDefinition', params: { ...ref }, severity: 'error' } };
    },
  };
}
