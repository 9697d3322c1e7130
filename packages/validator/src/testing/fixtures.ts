/**
 * Test support (not published): every definition folder of the repository
 * with its variants, samples and fixture cases, and RFC 6902 patching for
 * `base` + `patch` cases. Shared by the generic runner
 * (test/definitions.test.ts) and the precompile/incremental equivalence tests.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDefinition, parsePointer } from '@bieumau/core';
import type { Definition } from '@bieumau/core';
import { listVersionFolders, readVersionFolder } from '../../../definitions/src/node.js';

/** Repository root. */
export const repo = resolve(import.meta.dirname, '../../../..');

/** Folders holding `<form>/<version>` definition folders. */
export const ROOTS = [join(repo, 'definitions'), join(repo, 'test/fixtures/definitions')].filter(existsSync);

/** One case of a fixtures file (docs/definition-format.md §8). */
export interface FixtureCase {
  description: string;
  data?: unknown;
  base?: string;
  patch?: { op: string; path: string; value?: unknown; from?: string }[];
  valid: boolean;
  errors?: { instancePath: string; keyword: string }[];
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** RFC 6902 on a copy of `doc` (add, remove, replace, move, copy, test). Throws on a path that does not apply. */
export function applyPatch(doc: unknown, patch: NonNullable<FixtureCase['patch']>): unknown {
  let root = structuredClone(doc);
  const locate = (pointer: string): { parent: Record<string, unknown> | unknown[]; key: string } => {
    const tokens = parsePointer(pointer);
    if (!tokens.length) throw new Error('patching the root is not supported');
    let cur: unknown = root;
    for (const t of tokens.slice(0, -1)) {
      if (cur === null || typeof cur !== 'object') throw new Error(`path ${pointer} does not exist`);
      cur = (cur as Record<string, unknown>)[t];
    }
    if (cur === null || typeof cur !== 'object') throw new Error(`path ${pointer} does not exist`);
    return { parent: cur as Record<string, unknown>, key: tokens[tokens.length - 1]! };
  };
  const get = (pointer: string): unknown => {
    const { parent, key } = locate(pointer);
    if (!Object.prototype.hasOwnProperty.call(parent, key)) throw new Error(`path ${pointer} does not exist`);
    return (parent as Record<string, unknown>)[key];
  };
  const remove = (pointer: string) => {
    const { parent, key } = locate(pointer);
    if (!Object.prototype.hasOwnProperty.call(parent, key)) throw new Error(`path ${pointer} does not exist`);
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  };
  const add = (pointer: string, value: unknown) => {
    if (pointer === '') {
      root = value;
      return;
    }
    const { parent, key } = locate(pointer);
    if (Array.isArray(parent)) parent.splice(key === '-' ? parent.length : Number(key), 0, value);
    else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  };
  for (const op of patch) {
    switch (op.op) {
      case 'add':
        add(op.path, structuredClone(op.value));
        break;
      case 'remove':
        remove(op.path);
        break;
      case 'replace':
        get(op.path);
        remove(op.path);
        add(op.path, structuredClone(op.value));
        break;
      case 'move': {
        const v = get(op.from!);
        remove(op.from!);
        add(op.path, v);
        break;
      }
      case 'copy':
        add(op.path, structuredClone(get(op.from!)));
        break;
      case 'test':
        if (JSON.stringify(get(op.path)) !== JSON.stringify(op.value)) throw new Error(`test failed at ${op.path}`);
        break;
      default:
        throw new Error(`unknown patch op ${op.op}`);
    }
  }
  return root;
}

/** The document of a fixture case. */
export function caseData(dir: string, c: FixtureCase): unknown {
  if (c.data !== undefined) return c.data;
  if (!c.base) throw new Error(`case "${c.description}" has neither data nor base`);
  return applyPatch(readJson(join(dir, c.base)), c.patch ?? []);
}

/** Every definition folder with its variants, samples and fixtures (also used by the precompile tests). */
export function definitionFolders(): {
  form: string;
  version: string;
  dir: string;
  variants: { variant: string; definition: Definition; samples: string[]; fixtures: FixtureCase[] }[];
}[] {
  return ROOTS.flatMap((root) =>
    listVersionFolders(root).map(({ form, version, dir }) => {
      const files = readVersionFolder(dir);
      const variants = files.resources
        .filter((r) => r.bmForm)
        .map((r) => {
          const variant = r.bmForm!.variant;
          const definition = createDefinition({ resources: files.resources, root: r.$id!, catalogues: files.catalogues });
          const sdir = join(dir, 'samples');
          const samples = existsSync(sdir)
            ? readdirSync(sdir)
                .filter((f) => f.startsWith(variant) && f.endsWith('.json'))
                .sort()
                .map((f) => join('samples', f))
            : [];
          const fpath = join(dir, 'fixtures', `${variant}.json`);
          const fixtures = existsSync(fpath) ? (readJson(fpath) as FixtureCase[]) : [];
          return { variant, definition, samples, fixtures };
        });
      return { form, version, dir, variants };
    }),
  );
}

