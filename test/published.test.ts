/**
 * Published definitions are immutable. `definitions/published.json` holds
 * the SHA-256 of every file of every published version folder; this test
 * recomputes them and fails on any changed, added or removed file. To change
 * a published form, make a new version (`bieumau new-version`); to publish
 * one, `bieumau publish <form>@<version>`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../definitions');
const record = JSON.parse(readFileSync(join(ROOT, 'published.json'), 'utf8')) as {
  algorithm: string;
  versions: Record<string, Record<string, string>>;
};

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split(sep).join('/')] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('published definitions are immutable', () => {
  it('lists published versions with sha256 hashes', () => {
    expect(record.algorithm).toBe('sha256');
    expect(Object.keys(record.versions).length).toBeGreaterThan(0);
    for (const files of Object.values(record.versions)) {
      for (const h of Object.values(files)) expect(h).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  for (const [key, files] of Object.entries(record.versions)) {
    it(`${key}: no file changed, added or removed`, () => {
      const [form, version] = key.split('@') as [string, string];
      const dir = join(ROOT, form, version);
      expect(existsSync(dir), `${dir} was removed`).toBe(true);
      const now = hashes(dir);
      const changed = Object.keys(files).filter((f) => f in now && now[f] !== files[f]);
      const added = Object.keys(now).filter((f) => !(f in files));
      const removed = Object.keys(files).filter((f) => !(f in now));
      expect({ changed, added, removed }, `${key} is published: make a new version instead of editing it`).toEqual({ changed: [], added: [], removed: [] });
    });
  }
});
