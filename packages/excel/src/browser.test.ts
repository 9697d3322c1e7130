import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REPO } from './testing/definitions.js';

// The browser entry is bundled the way a web form's bundler would (platform
// browser, exceljs's `browser` field), with code splitting: the bundle must
// build without Node built-ins, and exceljs must sit in a chunk of its own,
// loaded only when a workbook is read or written.
describe('@bieumau/excel/browser', () => {
  it('bundles for browsers without Node built-ins, with exceljs loaded lazily', async () => {
    const result = await build({
      entryPoints: [join(REPO, 'packages/excel/src/browser.ts')],
      bundle: true,
      write: false,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['bieumau-source', 'browser'],
      outdir: '/virtual',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.startsWith('node:') || /adapter-stream/.test(i))).toBe(false);
    expect(inputs.some((i) => /exceljs\/dist\/exceljs(\.min)?\.js$/.test(i))).toBe(true);
    const outputs = result.metafile.outputs;
    const entry = Object.entries(outputs).find(([, o]) => o.entryPoint?.endsWith('browser.ts'))!;
    expect(Object.keys(entry[1].inputs).some((i) => i.includes('exceljs'))).toBe(false);
    expect(entry[1].bytes).toBeLessThan(200_000);
  }, 120_000);

  it('exports the same API as the Node entry', async () => {
    const node = await import('./index.js');
    const browser = await import('./browser.js');
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
  });
});
