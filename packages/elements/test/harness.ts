/**
 * Browser test harness: bundles a test page with esbuild (sources through the
 * `bieumau-source` condition, code splitting on so lazy chunks stay lazy),
 * serves it from 127.0.0.1, and opens it in Debian's Chromium.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium.js';
import type { LaunchedBrowser } from '../../../test/support/chromium.js';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '../../..');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface PageSite {
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** Bundles `entry` (relative to test/pages) next to `html` and serves them. `csp` is sent as Content-Security-Policy. */
export async function serveTestPage(
  entries: Record<string, string>,
  html: Record<string, string>,
  options: { csp?: string; separate?: Record<string, string> } = {},
): Promise<PageSite> {
  const dir = mkdtempSync(join(tmpdir(), 'bm-elements-'));
  // Entries built on their own (no shared chunks): a second copy of the package, as a portal bundling its own would load.
  for (const [name, file] of Object.entries(options.separate ?? {})) {
    await build({
      entryPoints: { [name]: resolve(here, 'pages', file) },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: dir,
      conditions: ['bieumau-source'],
      logLevel: 'error',
    });
  }
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, resolve(here, 'pages', file)])),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: dir,
    conditions: ['bieumau-source'],
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  for (const [name, content] of Object.entries(html)) writeFileSync(join(dir, name), content);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (options.csp && file.endsWith('.html')) headers['content-security-policy'] = options.csp;
    res.writeHead(200, headers).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    dir,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Serves a directory as is (examples that need no build step). */
export async function serveDir(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let browser: LaunchedBrowser | undefined;
/** One Chromium per test file. */
export async function chromium(): Promise<LaunchedBrowser> {
  browser ??= await launchChromium();
  return browser;
}
export async function closeChromium(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

const axeSource = readFileSync(resolve(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page (shadow roots included) and returns the violations, summarised. */
export async function axeViolations(page: Page, selector = 'body'): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: unknown; failureSummary?: string }[] }[] }> } }).axe;
    const r = await axe.run(document.querySelector(sel), { resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`));
  }, selector);
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon|status of 404/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}
