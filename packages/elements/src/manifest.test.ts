/**
 * The Custom Elements Manifest (custom-elements.json, referenced by
 * package.json "customElements") is generated from the sources; this test
 * regenerates it and fails when the committed file drifts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from '../test/harness.js';

const pkg = join(repo, 'packages/elements');

describe('custom-elements.json', () => {
  it('matches the sources (run `npm run manifest -w packages/elements` after changing an element)', () => {
    const out = '.cache/manifest-check';
    execFileSync(process.execPath, [join(repo, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', out], { cwd: pkg, stdio: 'pipe' });
    const fresh = JSON.parse(readFileSync(join(pkg, out, 'custom-elements.json'), 'utf8'));
    rmSync(join(pkg, out), { recursive: true, force: true });
    const committed = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8'));
    // The analyzer lists modules in the order the file system returns them,
    // which differs between checkouts: compare them by path.
    const byPath = (m: { modules: { path: string }[] }) => [...m.modules].sort((a, b) => a.path.localeCompare(b.path));
    expect(byPath(committed)).toEqual(byPath(fresh));
    expect({ ...committed, modules: [] }).toEqual({ ...fresh, modules: [] });
    const tags = fresh.modules.flatMap((m: { declarations?: { tagName?: string }[] }) => (m.declarations ?? []).map((d) => d.tagName)).filter(Boolean).sort();
    expect(tags).toEqual(['bm-error-summary', 'bm-field', 'bm-report-form', 'bm-table']);
    expect(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).customElements).toBe('custom-elements.json');
  });
});
