/**
 * Precompiled validators: generated for every definition into a cache
 * folder (never committed), imported in Node and bundled for Chromium. They
 * must give exactly the runtime validator's results — on every sample and
 * fixture, and on documents fast-check generates — and run in a page whose
 * Content-Security-Policy has no 'unsafe-eval'.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, createDefinition, setAt } from '@bieumau/core';
import type { Definition } from '@bieumau/core';
import { createValidator } from './validator.js';
import type { Validator } from './engine.js';
import { precompiledFileName, precompileValidator, shortenErrorSites } from './precompile.js';
import { readVersionFolder } from '../../definitions/src/node.js';
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

describe('shortenErrorSites', () => {
  const push = (n: number) => `;if(vErrors === null){vErrors = [err${n}];}else {vErrors.push(err${n});}`;

  it('turns ajv error sites into addError calls with the same members', () => {
    const code =
      `const err0 = {instancePath,keyword:"required",params:{missingProperty: "a}b"}}${push(0)}errors++;` +
      `const err1 = {instancePath:instancePath+"/x/" + i0+"/y",keyword:"maximum",params:{comparison: "<=", limit: 10}}${push(1)}errors++;`;
    expect(shortenErrorSites(code)).toBe(
      `vErrors = __addError(vErrors,instancePath,"required",{missingProperty: "a}b"});errors++;` +
        `vErrors = __addError(vErrors,instancePath+"/x/" + i0+"/y","maximum",{comparison: "<=", limit: 10});errors++;`,
    );
  });

  it('passes a schemaPath that was kept (runtime code keeps them all)', () => {
    const code = `const err5 = {instancePath:instancePath+"/a",schemaPath:"#/properties/a/type",keyword:"type",params:{type: "string"}}${push(5)}errors++;`;
    expect(shortenErrorSites(code)).toBe(`vErrors = __addErrorAt(vErrors,instancePath+"/a","#/properties/a/type","type",{type: "string"});errors++;`);
  });

  it('keeps whole objects that have other members, and leaves sites of another shape alone', () => {
    const named = `const err2 = {instancePath,keyword:"pattern",params:{pattern: "^a"},propertyName:key0}${push(2)}errors++;`;
    expect(shortenErrorSites(named)).toBe(`vErrors = __addErrorObject(vErrors,{instancePath,keyword:"pattern",params:{pattern: "^a"},propertyName:key0});errors++;`);
    const other = `const err3 = {instancePath,keyword:"type",params:{type: "string"}};vErrors.push(err3);errors++;`;
    expect(shortenErrorSites(other)).toBe(other);
    const unclosed = `const err4 = {instancePath,keyword:"type",params:{type: "string"}`;
    expect(shortenErrorSites(unclosed)).toBe(unclosed);
  });

  it('leaves no ajv push sequence in a generated module', () => {
    for (const e of entries) expect(readFileSync(e.file, 'utf8'), e.name).not.toMatch(/vErrors\.push\(err\d+\)/);
  });
});

describe('hostile property names through the shortened error sites', () => {
  // Quotes, braces, brackets, backslashes, slashes and tildes in names end up inside the string
  // literals of the error sites the precompile step and the runtime path rewrite.
  const names = ['a"b', 'c}d{', 'e\\f', 'g/h~i', "j'k", 'l)m(', 'n]o[', '`p${q}`'];
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://bieumau.github.io/schemas/hostile-names/2026/unit.json',
    title: 'Tên trường khó',
    bmForm: { form: 'hostile-names', version: '2026', variant: 'unit', period: 'year' },
    type: 'object',
    properties: {
      definition: { type: 'object' },
      group: {
        type: 'object',
        title: 'Nhóm',
        properties: Object.fromEntries(names.map((n, i) => [n, { type: 'integer', title: `Trường ${i}`, minimum: 0, maximum: 9 }])),
        required: [names[0]!],
        additionalProperties: false,
      },
      list: { type: 'array', maxItems: 3, items: { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string', maxLength: 2 }])), additionalProperties: false } },
    },
    additionalProperties: false,
  };
  const definition = createDefinition({ resources: [schema as never] });

  it('keeps every error, located, with the same results runtime and precompiled', async () => {
    const file = join(outDir, 'hostile-names.js');
    writeFileSync(file, precompileValidator(definition));
    const precompiled = ((await import(pathToFileURL(file).href)) as { default: Validator }).default;
    const runtime = createValidator(definition);
    const doc = {
      definition: {},
      group: Object.fromEntries(names.slice(1).map((n, i) => [n, i % 2 ? 'x' : 99])),
      list: [Object.fromEntries(names.map((n) => [n, 'long'])), { 'z"}': 1 }],
    };
    const r = runtime.validate(doc);
    expect(precompiled.validate(doc)).toEqual(r);
    const paths = r.errors.map((e) => e.instancePath);
    expect(paths).toContain(`/group/${names[0]!.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    for (const n of names) expect(paths, n).toContain(`/list/0/${n.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    expect(paths).toContain('/list/1/z"}');
    // one required + 7 out of range or wrong type + 8 too long + 1 unknown
    expect(r.errors).toHaveLength(1 + names.length - 1 + names.length + 1);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names, 'x'), fc.oneof(fc.integer({ min: -2, max: 12 }), fc.string({ maxLength: 3 }))), (group) => {
        const d = { definition: {}, group };
        expect(precompiled.validate(d)).toEqual(runtime.validate(d));
      }),
      { numRuns: 200 },
    );
  });
});

describe('V8 optimizes the generated code', () => {
  // Not a timing: V8 refuses to optimize a function whose bytecode is over its size limit, and
  // unshortened error sites put a large form's root function over it (error-sites.ts). A child
  // process with --allow-natives-syntax asks TurboFan for each root function and reports whether
  // it got it, so a definition that grows past the limit fails here instead of slowing down unseen.
  it('gives every definition a root function TurboFan compiles', async () => {
    const dir = join(outDir, 'tiers');
    mkdirSync(dir, { recursive: true });
    const checks: { name: string; file: string; doc: string }[] = [];
    for (const e of entries) {
      const first = e.docs[0];
      if (!first) continue;
      const file = join(dir, `${precompiledFileName(e.definition).replace(/\.js$/, '')}.mjs`);
      const out = await build({
        stdin: { contents: `${readFileSync(e.file, 'utf8')}\nexport { schemaRoot };\n`, resolveDir: outDir, loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'node',
        write: false,
        conditions: ['bieumau-source'],
        logLevel: 'silent',
      });
      writeFileSync(file, out.outputFiles[0]!.text);
      const doc = join(dir, `${precompiledFileName(e.definition)}on`);
      writeFileSync(doc, JSON.stringify(first.doc));
      checks.push({ name: e.name, file, doc });
    }
    const script = join(dir, 'tier.mjs');
    writeFileSync(
      script,
      [
        `import { readFileSync } from 'node:fs';`,
        `const out = {};`,
        `for (const [name, file, doc] of JSON.parse(process.argv[2])) {`,
        `  const fn = (await import(file)).schemaRoot;`,
        `  const data = JSON.parse(readFileSync(doc, 'utf8'));`,
        `  %PrepareFunctionForOptimization(fn); fn(data); fn(data); %OptimizeFunctionOnNextCall(fn); fn(data);`,
        `  out[name] = %ActiveTierIsTurbofan(fn);`,
        `}`,
        `console.log(JSON.stringify(out));`,
      ].join('\n'),
    );
    const tiers = JSON.parse(execFileSync(process.execPath, ['--allow-natives-syntax', script, JSON.stringify(checks.map((c) => [c.name, c.file, c.doc]))], { encoding: 'utf8' })) as Record<string, boolean>;
    expect(Object.keys(tiers)).toHaveLength(checks.length);
    expect(checks.length).toBeGreaterThan(5);
    for (const c of checks) expect(tiers[c.name], c.name).toBe(true);
  });
});

describe('a rule outside the rule language', () => {
  // validateDefinition refuses such a definition; a validator built from it anyway must not throw.
  const files = readVersionFolder(join(repo, 'test/fixtures/definitions/demo-form/2025'));
  const resources = structuredClone(files.resources) as Record<string, any>[];
  const shared = resources.find((r) => String(r.$id).endsWith('/shared.json'))!;
  shared.$defs.general.bmRules.push({
    id: 'general.unknown-operator',
    severity: 'error',
    when: { '==': [{ var: 'totalStaff' }, 58] },
    assert: { if: [false, { sqrt: [{ var: 'totalStaff' }] }, true] },
    target: '/totalStaff',
    message: 'không bao giờ hiện',
  });
  const definition = createDefinition({ resources: resources as never, catalogues: files.catalogues });
  const sample = readJson(join(repo, 'test/fixtures/definitions/demo-form/2025/samples/unit.json')) as Record<string, any>;

  it('reports bmRuleFailed (a warning) where the rule runs, in the runtime and the precompiled validator alike', async () => {
    const runtime = createValidator(definition);
    const file = join(outDir, 'unknown-operator.js');
    writeFileSync(file, precompileValidator(definition));
    const precompiled = ((await import(pathToFileURL(file).href)) as { default: Validator }).default;
    for (const v of [runtime, precompiled]) {
      const r = v.validate(sample);
      expect(r.ok).toBe(true);
      expect(r.warnings).toEqual([
        expect.objectContaining({ instancePath: '/general/totalStaff', keyword: 'bmRuleFailed', params: { rule: 'general.unknown-operator' }, severity: 'warning' }),
      ]);
      expect(r.warnings[0]!.message).toBe('Mục 1.4 – Tổng số cán bộ, công chức, viên chức: không kiểm tra được quy tắc general.unknown-operator');
      // Where its condition does not hold, the rule does not run and nothing is reported.
      expect(v.validate({ ...sample, general: { ...sample.general, totalStaff: 59, contractStaff: 9 } }).warnings).toEqual([]);
    }
    expect(precompiled.validate(sample, { lang: 'en' })).toEqual(runtime.validate(sample, { lang: 'en' }));
  });
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
