/**
 * Precompiled validators: generated for every definition into a cache
 * folder (never committed), imported in Node and bundled for Chromium. They
 * must give exactly the runtime validator's results — on every sample and
 * fixture, and on documents fast-check generates — and run in a page whose
 * Content-Security-Policy has no 'unsafe-eval'.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, setAt } from '@bieumau/core';
import type { Definition } from '@bieumau/core';
import { createValidator } from './validator.js';
import type { Validator } from './engine.js';
import { precompiledFileName, precompileValidator } from './precompile.js';
import { caseData, definitionFolders, readJson, repo } from './testing/fixtures.js';
import { reportArbitrary } from './testing/generate.js';
import { launchChromium } from '../../../test/support/chromium.js';

const outDir = join(repo, 'packages/validator/.cache/precompiled');

interface Entry {
  name: string;
  definition: Definition;
  file: string;
  docs: { label: string; doc: unknown }[];
  precompiled?: Validator;
}

const entries: Entry[] = definitionFolders().flatMap((folder) =>
  folder.variants.map((v) => ({
    name: `${v.definition.info.form}@${v.definition.info.version}/${v.variant}`,
    definition: v.definition,
    file: join(outDir, precompiledFileName(v.definition)),
    docs: [
      ...v.samples.map((s) => ({ label: s, doc: readJson(join(folder.dir, s)) })),
      ...v.fixtures.flatMap((c) => {
        try {
          return [{ label: c.description, doc: caseData(folder.dir, c) }];
        } catch {
          return []; // a broken patch is reported by test/definitions.test.ts
        }
      }),
    ],
  })),
);

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const e of entries) {
    writeFileSync(e.file, precompileValidator(e.definition));
    e.precompiled = ((await import(pathToFileURL(e.file).href)) as { default: Validator }).default;
  }
});

describe('precompiled modules', () => {
  it('contain no string evaluation', () => {
    for (const e of entries) {
      const src = readFileSync(e.file, 'utf8');
      expect(/new Function|\beval\(|require\(/.test(src)).toBe(false);
    }
  });

  for (const e of entries) {
    describe(e.name, () => {
      it('agree with the runtime validator on every sample and fixture (vi and en)', () => {
        const runtime = createValidator(e.definition);
        for (const { label, doc } of e.docs) {
          for (const lang of ['vi', 'en'] as const) {
            expect(e.precompiled!.validate(doc, { lang }), label).toEqual(runtime.validate(doc, { lang }));
          }
        }
      });

      it('agree with the runtime validator on generated documents', () => {
        const runtime = createValidator(e.definition);
        fc.assert(
          fc.property(reportArbitrary(buildModel(e.definition)), (doc) => {
            expect(e.precompiled!.validate(doc)).toEqual(runtime.validate(doc));
          }),
          { numRuns: 60 },
        );
      });

      it('agree with the runtime validator on mutated samples, whole and field by field', () => {
        const runtime = createValidator(e.definition);
        const samples = e.docs.slice(0, 1).map((d) => d.doc as Record<string, unknown>);
        if (!samples.length) return;
        const leaves: string[] = [];
        const walk = (v: unknown, p: string) => {
          if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${p}/${k}`);
          else leaves.push(p);
        };
        walk(samples[0], '');
        const values = fc.oneof(fc.integer({ min: -2, max: 100_000 }), fc.constant(null), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(undefined));
        fc.assert(
          fc.property(fc.array(fc.tuple(fc.constantFrom(...leaves), values), { minLength: 1, maxLength: 4 }), (edits) => {
            const doc = structuredClone(samples[0]!);
            for (const [p, v] of edits) if (!p.startsWith('/definition')) setAt(doc, p, v);
            const full = runtime.validate(doc);
            expect(e.precompiled!.validate(doc)).toEqual(full);
            // Incremental validation runs on the same engine: the precompiled one agrees too.
            const [p] = edits[0]!;
            if (!p.startsWith('/definition')) expect(e.precompiled!.validateField(doc, p)).toEqual(runtime.validateField(doc, p));
          }),
          { numRuns: 80 },
        );
      });
    });
  }
});

describe('in Chromium under a CSP without unsafe-eval', () => {
  let server: ReturnType<typeof createServer>;
  let base = '';
  let bundle = '';

  beforeAll(async () => {
    const entry = join(outDir, 'browser-entry.js');
    writeFileSync(
      entry,
      [
        ...entries.map((e, i) => `import v${i} from ${JSON.stringify(pathToFileURL(e.file).pathname)};`),
        `const validators = { ${entries.map((e, i) => `${JSON.stringify(e.name)}: v${i}`).join(', ')} };`,
        // Proves the policy is in force: string evaluation must fail on this page.
        // (spelled indirectly so the bundle itself can be searched for string evaluation)
        `let cspEnforced = false; try { globalThis['Func' + 'tion']('return 1')(); } catch { cspEnforced = true; }`,
        `window.__bm = { cspEnforced, validate: (name, doc, lang) => validators[name].validate(doc, { lang }), field: (name, doc, p) => validators[name].validateField(doc, p) };`,
        `document.title = 'ready';`,
      ].join('\n'),
    );
    const out = await build({ entryPoints: [entry], bundle: true, format: 'esm', write: false, conditions: ['bieumau-source'], platform: 'browser', minify: true });
    bundle = out.outputFiles[0]!.text;
    server = createServer((req, res) => {
      if (req.url === '/bundle.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(bundle);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'self'" });
      res.end('<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/bundle.js"></script>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it('has no eval in the bundle and gives the Node results', async () => {
    expect(/new Function\(|\beval\(/.test(bundle)).toBe(false);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const violations: string[] = [];
      page.on('pageerror', (e) => violations.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') violations.push(m.text());
      });
      await page.goto(base);
      await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 30_000 });
      expect(await page.evaluate(() => (window as unknown as { __bm: { cspEnforced: boolean } }).__bm.cspEnforced)).toBe(true);
      for (const e of entries) {
        const docs = e.docs.map((d) => d.doc);
        for (const lang of ['vi', 'en'] as const) {
          const inBrowser = await page.evaluate(
            ([name, list, l]) => (list as unknown[]).map((d) => (window as unknown as { __bm: { validate: (n: string, d: unknown, l: string) => unknown } }).__bm.validate(name as string, d, l as string)),
            [e.name, docs, lang] as const,
          );
          expect(inBrowser, e.name).toEqual(docs.map((d) => e.precompiled!.validate(d, { lang })));
        }
      }
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
