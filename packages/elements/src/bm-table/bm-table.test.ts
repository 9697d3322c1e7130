/**
 * <bm-table> in real Chromium, inside <bm-report-form>: 2,000 rows shown a
 * page at a time, paste from Excel with coercion and per-cell errors, row
 * add / remove / reorder by mouse and keyboard, axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, chromium, closeChromium, serveTestPage, watchErrors } from '../../test/harness.js';
import type { PageSite } from '../../test/harness.js';

const HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bm-table test</title></head>
<body><main><h1>Bảng</h1><bm-report-form></bm-report-form></main><script type="module" src="demo-form.js"></script></body></html>`;

let site: PageSite;
beforeAll(async () => {
  site = await serveTestPage({ 'demo-form': 'demo-form.ts' }, { 'index.html': HTML });
});
afterAll(async () => {
  await closeChromium();
  await site?.close();
});

type Row = Record<string, unknown>;
const rows = (page: Page) => page.evaluate(() => (document.querySelector('bm-report-form')!.value as { services: { list: Row[] } }).services.list);

async function open(n: number): Promise<{ page: Page; errors: string[] }> {
  const { context } = await chromium();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.url);
  await page.waitForFunction(() => 'bm' in window);
  await page.evaluate((count) => {
    const el = document.querySelector('bm-report-form')!;
    const bm = (window as unknown as { bm: { validator: never; definition: never; sample: { services: { list: Row[] } } } }).bm;
    const sample = structuredClone(bm.sample);
    sample.services.list = Array.from({ length: count }, (_, i) => ({ name: `Dịch vụ ${i + 1}`, level: i % 2 ? 4 : 3, online: i, total: i + 10 }));
    el.validator = bm.validator;
    el.definition = bm.definition;
    el.value = sample;
  }, n);
  await page.locator('bm-table').waitFor();
  return { page, errors };
}

describe('<bm-table>', () => {
  it('shows 2,000 rows a page at a time with an accessible pager', async () => {
    const { page, errors } = await open(2000);
    const table = page.locator('bm-table');
    await expect(table.locator('tbody tr').count()).resolves.toBe(25);
    const pager = page.getByRole('navigation', { name: /Phân trang/ });
    await expect(pager.textContent()).resolves.toMatch(/Dòng 1–25 trên tổng số 2\.000/);
    await pager.getByRole('button', { name: /Trang sau/ }).click();
    await expect(page.getByRole('textbox', { name: 'Dòng 26 Tên dịch vụ công' }).inputValue()).resolves.toBe('Dịch vụ 26');
    // Keyboard: the last-page button is reachable and works with Enter.
    await pager.getByRole('button', { name: /Trang cuối/ }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Dòng 2000 Tên dịch vụ công' }).inputValue()).resolves.toBe('Dịch vụ 2000');
    await expect(table.locator('[role=status]').textContent()).resolves.toMatch(/Dòng 1\.976|Dòng 1976/);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pastes many rows from Excel, coerced like the workbook reader, with per-cell errors', async () => {
    const { page, errors } = await open(1);
    const tsv = [
      ['Cấp phép A', 'muc do 4', 'https://a.gov.vn', '1.234', '2.000', 'Có', 'không', '03/2024'],
      ['"Cấp phép ""B""\ndòng 2"', 'Mức độ 3', '', 'abc', '10', '', 'x', '2024-05'],
      ['Cấp phép C', '5', '', '1', '2', '', '', ''],
    ]
      .map((r) => r.join('\t'))
      .join('\r\n') + '\r\n';
    const first = page.getByRole('textbox', { name: 'Dòng 1 Tên dịch vụ công' });
    await first.focus();
    await first.evaluate((el, text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, composed: true, cancelable: true }));
    }, tsv);
    const list = await rows(page);
    expect(list).toHaveLength(3);
    expect(list[0]).toEqual({ name: 'Cấp phép A', level: 4, url: 'https://a.gov.vn', online: 1234, total: 2000, ownFunding: true, otherFunding: false, launched: '2024-03' });
    expect(list[1]).toEqual({ name: 'Cấp phép "B"\ndòng 2', level: 3, total: 10, otherFunding: true, launched: '2024-05' });
    expect(list[2]).toMatchObject({ name: 'Cấp phép C', online: 1, total: 2 });
    expect(list[2]!.level).toBeUndefined();
    // The unreadable cells keep their text, are marked invalid, and say why.
    const bad = page.getByRole('textbox', { name: 'Dòng 2 Hồ sơ trực tuyến (hồ sơ)' });
    await expect(bad.inputValue()).resolves.toBe('abc');
    await expect(bad.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('bm-table #m-1-online').textContent()).resolves.toMatch(/“abc” không phải là số/);
    await expect(page.locator('bm-table #m-2-level').textContent()).resolves.toMatch(/không có trong danh sách/);
    await expect(page.locator('bm-table [role=status]').textContent()).resolves.toMatch(/Đã dán 3 dòng/);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds, removes and reorders rows with buttons and Alt+arrow keys', async () => {
    const { page, errors } = await open(3);
    await page.getByRole('button', { name: /Thêm dòng/ }).click();
    await expect.poll(async () => (await rows(page)).length).toBe(4);
    // Focus moved into the new row: type straight away.
    await page.keyboard.type('Dịch vụ mới');
    await expect.poll(async () => (await rows(page))[3]!.name).toBe('Dịch vụ mới');

    await page.getByRole('button', { name: 'Chuyển dòng 4 lên' }).click();
    expect((await rows(page)).map((r) => r.name)).toEqual(['Dịch vụ 1', 'Dịch vụ 2', 'Dịch vụ mới', 'Dịch vụ 3']);
    await page.getByRole('textbox', { name: 'Dòng 1 Tên dịch vụ công' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(async () => (await rows(page)).map((r) => r.name)).toEqual(['Dịch vụ 2', 'Dịch vụ 1', 'Dịch vụ mới', 'Dịch vụ 3']);
    await page.getByRole('button', { name: 'Xóa dòng 3' }).click();
    expect((await rows(page)).map((r) => r.name)).toEqual(['Dịch vụ 2', 'Dịch vụ 1', 'Dịch vụ 3']);
    await expect(page.locator('bm-table [role=status]').textContent()).resolves.toMatch(/Đã xóa dòng 3/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
