/**
 * Screenshots of the report form demo (demo/form.html) in Vietnamese and
 * English, taken with Chromium from the Vite demo server:
 *   npx tsx --conditions=bieumau-source packages/elements/scripts/screenshots.ts
 * Writes docs/screenshots/form-*.png and a print rendering (A4, PDF + PNG).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startDemo } from '../../../scripts/lib/demo-server.js';
import { launchChromium } from '../../../test/support/chromium.js';
import { repo } from '../test/harness.js';

const out = join(repo, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const { server, url } = await startDemo(0);
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 960 });
  await page.goto(`${url}/form.html`);
  await page.locator('bm-field').first().waitFor({ timeout: 60_000 });
  // A fresh browser profile has no draft; discard one if a previous run left it.
  if (await page.getByRole('button', { name: 'Bỏ bản nháp' }).count()) await page.getByRole('button', { name: 'Bỏ bản nháp' }).click();

  await page.click('#load-sample');
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, 'form-vi.png') });

  // The services table (3.4.đ): 300 rows, paged.
  const table = page.locator('bm-table[data-pointer="/dvc/services"]');
  await table.scrollIntoViewIfNeeded();
  await table.screenshot({ path: join(out, 'table-paging-vi.png') });

  await page.click('#load-errors');
  await page.waitForTimeout(800);
  await page.locator('bm-error-summary').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, 'form-errors-vi.png') });

  await page.click('#load-sample');
  await page.click('[data-lang="en"]');
  await page.waitForTimeout(500);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, 'form-en.png') });
  await page.locator('bm-field[data-pointer="/portal/researchProgrammes"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, 'form-na-evidence-en.png') });

  // Print: the official A4 layout (all rows, signature block).
  await page.click('[data-lang="vi"]');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, 'print-vi.png') });
  await page.pdf({ path: join(out, 'print-vi.pdf'), format: 'A4', printBackground: false, preferCSSPageSize: true });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.close();
}
