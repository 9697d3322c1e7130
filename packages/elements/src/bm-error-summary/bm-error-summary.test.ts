/**
 * <bm-error-summary> on its own in Chromium: count heading, links naming the
 * field (and the workbook cell for import problems), bm-error-select, axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chromium, closeChromium, serveTestPage, watchErrors } from '../../test/harness.js';
import type { PageSite } from '../../test/harness.js';

let site: PageSite;
beforeAll(async () => {
  site = await serveTestPage(
    { standalone: 'standalone.ts' },
    { 'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>summary</title></head><body><main><h1>summary</h1><bm-error-summary lang="en"></bm-error-summary></main><script type="module" src="standalone.js"></script></body></html>` },
  );
});
afterAll(async () => {
  await closeChromium();
  await site?.close();
});

describe('<bm-error-summary>', () => {
  it('lists errors and warnings as links, fires bm-error-select, and passes axe', async () => {
    const { context } = await chromium();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(site.url);
    await page.waitForFunction(() => 't' in window);
    await page.evaluate(() => {
      const s = document.querySelector('bm-error-summary')!;
      s.errors = [
        { instancePath: '/general/agencyName', keyword: 'required', params: {}, severity: 'error', message: 'Item 1.1 – Name of the reporting agency: required' },
        { instancePath: '/itStaff/total', keyword: 'excel.notANumber', params: {}, severity: 'error', message: 'Item 3.6.1 – not a number', sheet: 'Biểu 03', cell: 'E42' },
      ];
      s.warnings = [{ instancePath: '/dvc/level3Count', keyword: 'dvc.rule', params: {}, severity: 'warning', message: 'Item 3.4.c – differs from the table' }];
    });
    await expect(page.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('There are 2 problems to fix');
    await expect(page.getByRole('link', { name: /E42/ }).textContent()).resolves.toMatch(/\(Biểu 03!E42\)/);
    await expect(page.getByRole('alert').count()).resolves.toBe(1);
    await page.getByRole('link', { name: /Item 1\.1/ }).focus();
    await page.keyboard.press('Enter');
    const ev = await page.evaluate(() => (window as unknown as { t: { events: { type: string; error?: { instancePath: string } }[] } }).t.events.at(-1));
    expect(ev).toMatchObject({ type: 'bm-error-select', error: { instancePath: '/general/agencyName' } });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
