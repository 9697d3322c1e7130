import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './testing/definitions.js';
import { readWorkbook } from './index.js';

describe('examples/node-excel-roundtrip', () => {
  it('runs as documented and reports an identical round trip', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bieumau-example-test-'));
    try {
      const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=bieumau-source', 'examples/node-excel-roundtrip/roundtrip.mjs', join(REPO, 'test/fixtures/definitions/demo-form/2025'), join(REPO, 'test/fixtures/definitions/demo-form/2025/samples/unit.json'), out], {
        cwd: REPO,
        encoding: 'utf8',
      });
      expect(stdout).toMatch(/round trip: identical report/);
      expect(existsSync(join(out, 'template.xlsx'))).toBe(true);
      const filled = await readWorkbook(readFileSync(join(out, 'filled.xlsx')));
      // Read without a definition: found through the registry, or named as unknown.
      expect(filled.workbook).toMatchObject({ form: 'demo-form', version: '2025', variant: 'unit' });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('runs with its defaults', () => {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=bieumau-source', 'examples/node-excel-roundtrip/roundtrip.mjs'], { cwd: REPO, encoding: 'utf8' });
    expect(stdout).toMatch(/round trip: identical report/);
  });
});
