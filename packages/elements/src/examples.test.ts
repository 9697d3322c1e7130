/**
 * The embedding examples, built and smoke-tested in Chromium: the plain HTML
 * page (no build step, prebuilt bundle, strict CSP), and the React and Vue
 * apps (built with Vite).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chromium, closeChromium, repo, serveDir, watchErrors } from '../test/harness.js';
import { startDemo } from '../../../scripts/lib/demo-server.js';

let site: { url: string; close(): Promise<void> };
const apps: Record<string, { url: string; close(): Promise<void> }> = {};
beforeAll(async () => {
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=bieumau-source', join(repo, 'packages/elements/scripts/bundle.ts')], { cwd: repo, stdio: 'pipe' });
  site = await serveDir(repo);
  const { build } = await import('vite');
  for (const ex of ['react', 'vue']) {
    const root = join(repo, 'examples', ex);
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error' });
    apps[ex] = await serveDir(join(root, 'dist'));
  }
}, 600_000);
afterAll(async () => {
  await closeChromium();
  await site?.close();
  for (const a of Object.values(apps)) await a.close();
});

describe('examples', () => {
  it('plain HTML: the prebuilt bundle renders the 2019 province form and validates under a strict CSP', async () => {
    const { context } = await chromium();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${site.url}examples/plain-html/`);
    await page.getByLabel('1.1 Tên cơ quan báo cáo').waitFor({ timeout: 30_000 });
    // The precompiled validator arrives on demand: a cross-field rule reports while typing.
    await page.getByLabel('3.6.2.a Tiến sỹ').fill('5');
    await page.getByLabel('3.6.1 Tổng số cán bộ chuyên trách về CNTT').fill('2');
    await expect
      .poll(() => page.locator('bm-field[data-pointer="/itStaff/total"] .message').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await expect(page.locator('#log').textContent()).resolves.toMatch(/Còn \d+ lỗi/);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(['react', 'vue'])('%s: the app embeds the form, reads its events, and switches its language', async (ex) => {
    const { context } = await chromium();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(apps[ex]!.url);
    const name = page.getByLabel('1.1 Tên cơ quan báo cáo');
    await name.waitFor({ timeout: 30_000 });
    await name.fill('UBND tỉnh Cao Bằng');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/UBND tỉnh Cao Bằng/);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toMatch(/lỗi/);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByLabel('1.1 Name of the reporting agency').inputValue()).resolves.toBe('UBND tỉnh Cao Bằng');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('demo/form.html: the province officer loads the sample, sees the errors, switches language; axe finds nothing', async () => {
    const { server, url } = await startDemo(0);
    try {
      const { context } = await chromium();
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${url}/form.html`);
      await page.getByLabel('1.1 Tên cơ quan báo cáo').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Nạp dữ liệu mẫu' }).click();
      await expect(page.getByLabel('1.1 Tên cơ quan báo cáo').inputValue()).resolves.not.toBe('');
      await page.getByRole('button', { name: 'Nạp dữ liệu có lỗi' }).click();
      await expect(page.locator('bm-error-summary').getByRole('heading').textContent()).resolves.toMatch(/lỗi cần sửa/);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('bm-error-summary').getByRole('heading').textContent()).resolves.toMatch(/to fix/);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});
