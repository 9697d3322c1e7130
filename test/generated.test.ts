/**
 * Generated artefacts (registry modules and report types) are committed; this
 * test fails when they drift from definitions/. Fix: `npm run generate`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAll } from '../scripts/lib/generate-definitions.js';

const repo = new URL('..', import.meta.url).pathname;
const out = join(repo, 'packages/definitions/src/generated');

function list(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

describe('generated files', () => {
  it('match definitions/ exactly (run `npm run generate` after editing a definition)', async () => {
    const files = await generateAll(join(repo, 'definitions'));
    for (const [rel, text] of Object.entries(files)) {
      const path = join(out, rel);
      expect(existsSync(path), `${rel} is missing`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${rel} drifted`).toBe(text);
    }
    expect(list(out).sort()).toEqual(Object.keys(files).sort());
  });
});
