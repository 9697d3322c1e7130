/**
 * <bm-field> on its own (outside the form) in Chromium: computed values,
 * ratios, N/A and evidence, typed events, messages wired to the control, axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chromium, closeChromium, serveTestPage, watchErrors } from '../../test/harness.js';
import type { PageSite } from '../../test/harness.js';

let site: PageSite;
beforeAll(async () => {
  site = await serveTestPage(
    { standalone: 'standalone.ts' },
    { 'index.html': `<!doctype html><html lang="vi"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bm-field</title></head><body><main><h1>bm-field</h1></main><script type="module" src="standalone.js"></script></body></html>` },
  );
});
afterAll(async () => {
  await closeChromium();
  await site?.close();
});

describe('<bm-field>', () => {
  it('renders computed, ratio, N/A and evidence fields, fires typed edits, and passes axe', async () => {
    const { context } = await chromium();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(site.url);
    await page.waitForFunction(() => 't' in window);
    await page.evaluate(() => {
      const { field } = (window as unknown as { t: { field(t: string, p?: Record<string, unknown>): HTMLElement } }).t;
      field('/dvc/onlineShareLevel3', { value: 41.666666 });
      field('/infrastructure/unitsWithLan', { value: { numerator: 30, denominator: 40 } });
      field('/portal/investmentProjects', { notApplicableReason: 'Không có dự án', evidence: 'javascript:alert(1)' });
      field('/portal/legalDocuments', {
        evidence: 'https://so.gov.vn/van-ban',
        problems: [{ instancePath: '/portal/legalDocuments', keyword: 'bmEvidenceRequired', params: {}, severity: 'error', message: 'Mục 3.3.1.d – cần đường dẫn minh chứng' }],
      });
    });
    // Computed: read-only output, formatted the Vietnamese way, with its unit.
    const out = page.locator('bm-field[data-pointer="/dvc/onlineShareLevel3"] output, bm-field output').first();
    await expect(out.textContent()).resolves.toMatch(/41,67 %/);
    // Ratio: two labelled inputs and the percentage.
    await expect(page.locator('bm-field .ratio-result').textContent()).resolves.toMatch(/75 %/);
    // N/A: the value control is disabled, the reason is shown; a script URL never becomes a link.
    await expect(page.getByRole('checkbox', { name: /Không áp dụng.*3\.3\.1\.h/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Lý do không áp dụng').inputValue()).resolves.toBe('Không có dự án');
    await expect(page.locator('a[href^="javascript"]').count()).resolves.toBe(0);
    // Evidence problem: on the evidence input, described by its message.
    const ev = page.locator('bm-field').nth(3).locator('#evidence');
    await expect(ev.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(ev.getAttribute('aria-describedby')).resolves.toBe('ev-msg');
    await expect(page.locator('bm-field').nth(3).locator('a').getAttribute('href')).resolves.toBe('https://so.gov.vn/van-ban');
    // Typing in the ratio fires typed input/change events with pointers.
    const num = page.locator('bm-field').nth(1).locator('#control');
    await expect(num.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.trim())).resolves.toMatch(/\S/);
    await num.fill('35');
    await num.blur();
    const events = await page.evaluate(() => (window as unknown as { t: { events: { type: string; edits: { pointer: string; value: unknown }[] }[] } }).t.events);
    expect(events.at(-1)).toEqual({ type: 'change', edits: [{ pointer: '/infrastructure/unitsWithLan', part: 'value', value: { numerator: 35, denominator: 40 } }] });
    expect(events.some((e) => e.type === 'input')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
