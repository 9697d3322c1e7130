/**
 * What npm users get: every package builds, passes publint and
 * @arethetypeswrong/cli, packs into a tarball that installs into a fresh ESM
 * project, imports from Node, and type-checks consumer code against the
 * published `.d.ts` (generated report types included). Real tarballs, real
 * `npm install`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = new URL('..', import.meta.url).pathname;
// Build order follows the dependency graph.
const ORDER = ['core', 'definitions', 'validator', 'excel', 'elements', 'cli'];
const packages = ORDER.filter((p) => existsSync(join(repo, 'packages', p, 'package.json'))).map((dir) => {
  const pkg = JSON.parse(readFileSync(join(repo, 'packages', dir, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };
  return { dir, path: join(repo, 'packages', dir), name: pkg.name, exports: pkg.exports };
});
const work = mkdtempSync(join(tmpdir(), 'bieumau-pack-'));
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', npm_config_audit: 'false', npm_config_fund: 'false' };
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  for (const p of packages) run('npm', ['run', 'build'], p.path);
}, 600_000);

describe.each(packages)('$name', (p) => {
  it('passes publint', () => {
    const out = run('npx', ['publint', '--strict', p.path], repo);
    expect(out).toMatch(/All good/);
  });
  it('passes @arethetypeswrong/cli (ESM only)', () => {
    const out = run('npx', ['attw', '--pack', p.path, '--profile', 'esm-only', '--format', 'json'], repo);
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { analysis: { problems: { resolutionKind?: string }[] } };
    // ESM only by design: CommonJS `require` (node16-cjs) and pre-exports
    // resolution (node10) are out of scope, as the esm-only profile says.
    const problems = report.analysis.problems.filter((x) => x.resolutionKind !== 'node10' && x.resolutionKind !== 'node16-cjs');
    expect(problems).toEqual([]);
  });
});

describe('tarballs in a fresh project', () => {
  const consumer = join(work, 'consumer');
  beforeAll(() => {
    for (const p of packages) run('npm', ['pack', '--pack-destination', work], p.path);
    const tarballs = readdirSync(work).filter((f) => f.endsWith('.tgz')).map((f) => join(work, f));
    expect(tarballs).toHaveLength(packages.length);
    execFileSync('mkdir', ['-p', consumer]);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], consumer);
  }, 600_000);

  it('imports every package and subpath from Node ESM', () => {
    for (const p of packages) {
      for (const [sub, target] of Object.entries(p.exports)) {
        if (sub.includes('*') || sub === './package.json' || typeof target === 'string') continue;
        // Custom elements need a DOM: they are checked in Chromium below.
        if (p.dir === 'elements') continue;
        const spec = sub === '.' ? p.name : `${p.name}/${sub.slice(2)}`;
        const out = run('node', ['--input-type=module', '-e', `const m = await import(${JSON.stringify(spec)}); console.log(Object.keys(m).length)`], consumer);
        expect(Number(out.trim()), spec).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('loads a published definition and its JSON file from the installed package', () => {
    const script = `
      import { registry } from '@bieumau/definitions';
      import { buildModel } from '@bieumau/core';
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      const list = registry.list();
      const first = list[0];
      const def = await registry.get(first);
      const model = buildModel(def);
      const file = createRequire(import.meta.url).resolve('@bieumau/definitions/json/' + first.form + '/' + first.version + '/' + first.id.split('/').pop());
      const json = JSON.parse(readFileSync(file, 'utf8'));
      console.log(JSON.stringify({ n: list.length, sections: model.sections.length, same: json.$id === def.id }));
    `;
    const out = JSON.parse(run('node', ['--input-type=module', '-e', script], consumer)) as { n: number; sections: number; same: boolean };
    expect(out.n).toBeGreaterThan(5);
    expect(out.sections).toBeGreaterThan(0);
    expect(out.same).toBe(true);
  });

  it('ships a precompiled validator per published definition that agrees with the runtime one', () => {
    const sample = join(repo, 'definitions/annual-ict/2019/samples/province.json');
    const script = `
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      import { registry } from '@bieumau/definitions';
      import { validate } from '@bieumau/validator';
      const out = [];
      for (const s of registry.list()) {
        const name = s.form + '-' + s.version + '-' + s.variant;
        const file = createRequire(import.meta.url).resolve('@bieumau/validator/precompiled/' + name);
        const v = (await import('@bieumau/validator/precompiled/' + name)).default;
        out.push({ name, id: v.id === s.id, evaluates: /new Function|\\beval\\(/.test(readFileSync(file, 'utf8')) });
      }
      const report = JSON.parse(readFileSync(${JSON.stringify(sample)}, 'utf8'));
      report.itStaff.total = -1;
      const pre = (await import('@bieumau/validator/precompiled/annual-ict-2019-province')).default.validate(report);
      const runtime = await validate(report);
      console.log(JSON.stringify({ out, same: JSON.stringify(pre) === JSON.stringify(runtime), errors: pre.errors.length }));
    `;
    const r = JSON.parse(run('node', ['--input-type=module', '-e', script], consumer)) as { out: { name: string; id: boolean; evaluates: boolean }[]; same: boolean; errors: number };
    expect(r.out.length).toBeGreaterThan(5);
    for (const m of r.out) expect(m, m.name).toMatchObject({ id: true, evaluates: false });
    expect(r.errors).toBeGreaterThan(0);
    expect(r.same).toBe(true);
  });

  it('defines the custom elements from the installed package in Chromium', async () => {
    const { build } = await import('esbuild');
    writeFileSync(join(consumer, 'page.js'), `import '@bieumau/elements';\nwindow.defined = ['bm-report-form','bm-field','bm-table','bm-error-summary'].map((t) => !!customElements.get(t));\n`);
    await build({ entryPoints: [join(consumer, 'page.js')], bundle: true, format: 'esm', outfile: join(consumer, 'out/page.js'), absWorkingDir: consumer, logLevel: 'silent' });
    writeFileSync(join(consumer, 'out/index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./page.js"></script>');
    const { launchChromium } = await import('./support/chromium.js');
    const { createServer } = await import('node:http');
    const { readFile } = await import('node:fs/promises');
    const server = createServer(async (req, res) => {
      const file = join(consumer, 'out', req.url === '/' ? 'index.html' : req.url!.slice(1));
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => Array.isArray((window as { defined?: boolean[] }).defined));
      expect(await page.evaluate(() => (window as { defined?: boolean[] }).defined)).toEqual([true, true, true, true]);
    } finally {
      await browser.close();
      server.close();
    }
  });

  it('type-checks consumer code against the published declarations and generated types', () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: false, types: [] }, include: ['*.ts'] }),
    );
    writeFileSync(
      join(consumer, 'use.ts'),
      `import type { ReportTypes, AnyReport } from '@bieumau/definitions/types';
import { registry } from '@bieumau/definitions';
import { buildModel, parseNumberVi, type FieldNode } from '@bieumau/core';
type Province = ReportTypes['annual-ict@2019/province'];
const report: Province = { definition: { form: 'annual-ict', version: '2019', variant: 'province' } } as Province;
const any: AnyReport = report;
const n = parseNumberVi('1.234,5');
export async function main(): Promise<number> {
  const def = await registry.get(report.definition);
  const sections: FieldNode[] = buildModel(def).sections;
  return sections.length + (n.ok ? n.value : 0) + (any ? 1 : 0);
}
// @ts-expect-error the definition reference is typed: a wrong form does not compile
export const wrong: Province = { definition: { form: 'nope', version: '2019', variant: 'province' } };
`,
    );
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const out = (() => {
      try {
        return run('node', [tsc, '-p', 'tsconfig.json'], consumer);
      } catch (e) {
        return String((e as { stdout?: string }).stdout ?? e);
      }
    })();
    expect(out).toBe('');
  });
});
