/**
 * `npm run docs` builds the whole site with no TypeDoc warning: API reference
 * of every package, the guides, and a field dictionary per definition version.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listVersionFolders } from '@bieumau/definitions/node';

const repo = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'bieumau-docs-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('docs site', () => {
  it('builds without warnings and has a dictionary page per definition version', () => {
    const log = execFileSync('npx', ['tsx', '--conditions=bieumau-source', 'scripts/docs.ts'], {
      cwd: repo,
      env: { ...process.env, DOCS_OUT: out },
      encoding: 'utf8',
    });
    expect(log).toMatch(/docs: wrote/);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const documents = readdirSync(join(out, 'documents'));
    for (const { form, version } of listVersionFolders(join(repo, 'definitions'))) {
      expect(documents, `${form}@${version}`).toContain(`${form}_${version}.html`);
    }
  }, 300_000);
});
