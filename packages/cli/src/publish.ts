/**
 * Published versions are immutable: `definitions/published.json` records the
 * SHA-256 of every file of every published version folder, and a test
 * recomputes them. `bieumau publish` adds versions to the record; it never
 * rewrites an entry whose files changed — that is what a new version is for.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The content of `published.json`. */
export interface PublishedRecord {
  $comment?: string;
  algorithm: 'sha256';
  /** `form@version` → file path (relative to the version folder, `/`-separated) → hex digest. */
  versions: Record<string, Record<string, string>>;
}

/** Hashes every file of a version folder, sorted by path. */
export function hashFolder(dir: string): Record<string, string> {
  const out: [string, string][] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (s.isFile()) out.push([relative(dir, p).split(sep).join('/'), createHash('sha256').update(readFileSync(p)).digest('hex')]);
    }
  };
  walk(dir);
  return Object.fromEntries(out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Reads `published.json` (an empty record when absent). */
export function readPublished(root: string): PublishedRecord {
  const p = join(root, 'published.json');
  if (!existsSync(p)) return { algorithm: 'sha256', versions: {} };
  return JSON.parse(readFileSync(p, 'utf8')) as PublishedRecord;
}

/** Differences between a published version's record and its folder. */
export interface PublishedDrift {
  version: string;
  changed: string[];
  added: string[];
  removed: string[];
  missingFolder: boolean;
}

/** Compares every published version with its folder; an empty list means nothing changed. */
export function checkPublished(root: string, record: PublishedRecord = readPublished(root)): PublishedDrift[] {
  const drift: PublishedDrift[] = [];
  for (const [key, files] of Object.entries(record.versions)) {
    const [form, version] = key.split('@') as [string, string];
    const dir = join(root, form, version);
    if (!existsSync(dir)) {
      drift.push({ version: key, changed: [], added: [], removed: Object.keys(files), missingFolder: true });
      continue;
    }
    const now = hashFolder(dir);
    const d: PublishedDrift = {
      version: key,
      changed: Object.keys(files).filter((f) => f in now && now[f] !== files[f]),
      added: Object.keys(now).filter((f) => !(f in files)),
      removed: Object.keys(files).filter((f) => !(f in now)),
      missingFolder: false,
    };
    if (d.changed.length || d.added.length || d.removed.length) drift.push(d);
  }
  return drift;
}

/**
 * Records versions as published. Versions already recorded are left as they
 * are when their files match, and refused (listed in `drift`) when not.
 */
export function publishVersions(root: string, versions: readonly string[]): { added: string[]; unchanged: string[]; drift: PublishedDrift[]; missing: string[] } {
  const record = readPublished(root);
  const added: string[] = [];
  const unchanged: string[] = [];
  const missing: string[] = [];
  const drift = checkPublished(root, { algorithm: 'sha256', versions: Object.fromEntries(Object.entries(record.versions).filter(([k]) => versions.includes(k))) });
  for (const key of versions) {
    const [form, version] = key.split('@') as [string, string];
    const dir = join(root, form ?? '', version ?? '');
    if (!form || !version || !existsSync(dir)) {
      missing.push(key);
      continue;
    }
    if (record.versions[key]) unchanged.push(key);
    else {
      record.versions[key] = hashFolder(dir);
      added.push(key);
    }
  }
  if (added.length) {
    const sorted: PublishedRecord = {
      $comment: 'Published definition versions and the SHA-256 of each of their files. Published versions never change: test/published.test.ts recomputes these. Add a version with `bieumau publish <form>@<version>`.',
      algorithm: 'sha256',
      versions: Object.fromEntries(Object.entries(record.versions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
    writeFileSync(join(root, 'published.json'), JSON.stringify(sorted, null, 2) + '\n');
  }
  return { added, unchanged, drift, missing };
}
