/**
 * <bm-report-form> in real Chromium: every field kind of the demo-form
 * fixture, Vietnamese number input, live validation, error summary and focus,
 * not-applicable and evidence, form association, drafts, language, axe.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, chromium, closeChromium, repo, serveTestPage, watchErrors } from '../../test/harness.js';
import type { PageSite } from '../../test/harness.js';

const HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bm-report-form test</title></head>
<body><main><h1>Kiểm thử biểu mẫu</h1>
<form id="f" action="/submitted" method="post">
  <fieldset id="fs"><legend>Báo cáo</legend>
    <bm-report-form name="report"></bm-report-form>
  </fieldset>
  <button id="native-submit">Gửi (trang)</button>
  <button type="reset" id="native-reset">Đặt lại (trang)</button>
</form></main>
<script type="module" src="demo-form.js"></script></body></html>`;

let site: PageSite;
beforeAll(async () => {
  site = await serveTestPage({ 'demo-form': 'demo-form.ts' }, { 'index.html': HTML });
});
afterAll(async () => {
  await closeChromium();
  await site?.close();
});

async function open(options: { sample?: boolean; autosave?: boolean; lang?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { context } = await chromium();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.url);
  await page.waitForFunction(() => 'bm' in window);
  await page.evaluate((o) => {
    const el = document.querySelector('bm-report-form')!;
    const bm = (window as unknown as { bm: Record<string, unknown> }).bm;
    if (o.autosave) el.autosave = true;
    if (o.lang) el.lang = o.lang;
    el.validator = bm.validator as never;
    el.definition = bm.definition as never;
    if (o.sample) el.value = bm.sample;
  }, options);
  await page.locator('bm-field').first().waitFor();
  return { page, errors };
}

const value = (page: Page) => page.evaluate(() => document.querySelector('bm-report-form')!.value);
/** The element focused, through shadow roots. */
const deepFocus = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), id: el.id, host: ((el.getRootNode() as ShadowRoot).host as HTMLElement | undefined)?.dataset?.pointer } : null;
  });

describe('<bm-report-form>', () => {
  it('renders every field kind, reads Vietnamese numbers, validates live, and passes axe', async () => {
    const { page, errors } = await open();
    // Every kind of the fixture has its control, labelled by code and official label.
    await expect(page.getByLabel('1.1 Tên cơ quan báo cáo').count()).resolves.toBe(1);
    await expect(page.getByRole('radio', { name: 'Hằng ngày' }).count()).resolves.toBe(1);
    await expect(page.getByRole('checkbox', { name: 'Qua tin nhắn SMS' }).count()).resolves.toBe(1);
    await expect(page.getByRole('group', { name: /2\.2 Có chức năng hỏi đáp/ }).count()).resolves.toBe(1);
    await expect(page.getByLabel('2.5 Kiến nghị').evaluate((e) => e.tagName)).resolves.toBe('TEXTAREA');
    await expect(page.getByLabel('Số máy tính kết nối Internet').count()).resolves.toBe(1);
    await expect(page.getByRole('table').count()).resolves.toBe(1);
    await expect(page.getByRole('columnheader', { name: 'Nguồn kinh phí' }).count()).resolves.toBe(1);

    const total = page.getByLabel('1.4 Tổng số cán bộ, công chức, viên chức');
    await total.fill('1.234');
    await total.blur();
    expect(((await value(page)) as { general: { totalStaff: number } }).general.totalStaff).toBe(1234);
    await expect(total.inputValue()).resolves.toBe('1.234');

    const share = page.getByLabel('2.3 Tỷ lệ văn bản được đăng tải');
    await share.fill('92,5');
    expect(((await value(page)) as { portal: { documentShare: number } }).portal.documentShare).toBe(92.5);

    // Text that is not a number stays visible with a message tied to the control.
    await total.fill('một nghìn');
    await expect(total.getAttribute('aria-invalid')).resolves.toBe('true');
    const described = await total.evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
      return ids.map((id) => (el.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim() ?? `missing #${id}`).join(' | ');
    });
    expect(described).toMatch(/không phải là số/);
    expect(((await value(page)) as { general: Record<string, unknown> }).general.totalStaff).toBeUndefined();

    // A cross-field rule is reported as the person types.
    await page.getByLabel('1.4.a Số cán bộ thuộc biên chế').fill('50');
    await page.getByLabel('1.4.b Số cán bộ ký hợp đồng').fill('8');
    await total.fill('60');
    await expect(page.locator('bm-field[data-pointer="/general/totalStaff"] .message').first().textContent()).resolves.toMatch(/biên chế \+ hợp đồng \(58\) khác tổng số \(60\)/);
    await total.fill('58');
    await expect(page.locator('bm-field[data-pointer="/general/totalStaff"] .message').count()).resolves.toBe(0);

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on submit shows the error summary, focuses the first error, and links to each field', async () => {
    const { page, errors } = await open();
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    const summary = page.locator('bm-error-summary');
    await expect(summary.getByRole('heading').textContent()).resolves.toMatch(/Có \d+ lỗi cần sửa/);
    await expect.poll(() => deepFocus(page)).toMatchObject({ host: '/general/agencyName', id: 'control' });
    expect(await axeViolations(page)).toEqual([]);

    // Not applicable needs a reason; the reason box takes focus; the value is cleared.
    await page.getByRole('checkbox', { name: /Không áp dụng.*2\.2/ }).check();
    await expect.poll(() => deepFocus(page)).toMatchObject({ id: 'na-reason' });
    const v1 = (await value(page)) as { notApplicable: Record<string, string> };
    expect(v1.notApplicable['/portal/qaFunction']).toBe('');
    await expect(page.locator('bm-field[data-pointer="/portal/qaFunction"] #na-msg').textContent()).resolves.toMatch(/\S/);
    await page.keyboard.type('Không có nhiệm vụ');
    expect(((await value(page)) as { notApplicable: Record<string, string> }).notApplicable['/portal/qaFunction']).toBe('Không có nhiệm vụ');

    // A summary link focuses its field.
    await page.getByLabel('1.1 Tên cơ quan báo cáo').fill('Sở TT&TT');
    await page.getByRole('radio', { name: 'Hằng ngày' }).check();
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const link = summary.getByRole('link', { name: /2\.1/ });
    await link.click();
    await expect.poll(() => deepFocus(page)).toMatchObject({ host: '/portal/updateFrequency', id: 'evidence' });

    // Evidence links: only http(s) become links.
    const evidence = page.locator('bm-field[data-pointer="/portal/updateFrequency"] #evidence');
    await evidence.fill('javascript:alert(1)');
    await expect(page.locator('bm-field[data-pointer="/portal/updateFrequency"] a').count()).resolves.toBe(0);
    await evidence.fill('https://example.gov.vn/tin-tuc');
    await expect(page.locator('bm-field[data-pointer="/portal/updateFrequency"] a').getAttribute('href')).resolves.toBe('https://example.gov.vn/tin-tuc');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is a form control: submits JSON, resets, follows disabled fieldsets, reports validity', async () => {
    const { page, errors } = await open();
    // Empty report: invalid (agency name missing), the owning form refuses to submit.
    await expect.poll(() => page.evaluate(() => document.querySelector('bm-report-form')!.validity.valueMissing)).toBe(true);
    let navigated = false;
    page.on('framenavigated', () => (navigated = true));
    await page.locator('#native-submit').click();
    await expect(page.locator('bm-error-summary').getByRole('heading').count()).resolves.toBe(1);
    expect(navigated).toBe(false);

    // A valid report goes into FormData as JSON.
    await page.evaluate(() => {
      const el = document.querySelector('bm-report-form')!;
      el.value = (window as unknown as { bm: { sample: unknown } }).bm.sample;
    });
    await expect.poll(() => page.evaluate(() => document.querySelector('bm-report-form')!.validity.valid)).toBe(true);
    const submitted = await page.evaluate(() => JSON.parse(String(new FormData(document.querySelector('form')!).get('report'))));
    expect(submitted.general.agencyName).toBe('Sở Thông tin và Truyền thông tỉnh Cao Bằng');

    // Disabled fieldset disables every control.
    await page.evaluate(() => ((document.getElementById('fs') as HTMLFieldSetElement).disabled = true));
    await expect(page.getByLabel('1.1 Tên cơ quan báo cáo').isDisabled()).resolves.toBe(true);
    await page.evaluate(() => ((document.getElementById('fs') as HTMLFieldSetElement).disabled = false));
    await expect(page.getByLabel('1.1 Tên cơ quan báo cáo').isDisabled()).resolves.toBe(false);

    // bm-submit fires when the owning form submits (the page cancels navigation here).
    await page.evaluate(() => document.querySelector('form')!.addEventListener('submit', (e) => e.preventDefault()));
    await page.locator('#native-submit').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { bm: { events: { type: string }[] } }).bm.events.filter((e) => e.type === 'bm-submit').length)).toBe(1);

    // Reset returns to the default (empty) report…
    await page.locator('#native-reset').click();
    const after = (await value(page)) as Record<string, unknown>;
    expect(after).toEqual({ definition: { form: 'demo-form', version: '2025', variant: 'unit' } });
    await expect(page.getByLabel('1.1 Tên cơ quan báo cáo').inputValue()).resolves.toBe('');
    // …or to the `value` attribute, the default value.
    await page.evaluate(() => document.querySelector('bm-report-form')!.setAttribute('value', JSON.stringify({ general: { agencyName: 'Mặc định' } })));
    await page.getByLabel('1.1 Tên cơ quan báo cáo').fill('Khác');
    await page.locator('#native-reset').click();
    await expect(page.getByLabel('1.1 Tên cơ quan báo cáo').inputValue()).resolves.toBe('Mặc định');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves drafts, offers to restore them after a reload, and clears them on submit', async () => {
    const { page } = await open({ autosave: true });
    await page.getByLabel('1.1 Tên cơ quan báo cáo').fill('UBND tỉnh Cao Bằng');
    await page.getByLabel('1.4 Tổng số cán bộ, công chức, viên chức').fill('1.250');
    await page.waitForTimeout(1200);
    await page.reload();
    await page.waitForFunction(() => 'bm' in window);
    await page.evaluate(() => {
      const el = document.querySelector('bm-report-form')!;
      const bm = (window as unknown as { bm: Record<string, unknown> }).bm;
      el.autosave = true;
      el.validator = bm.validator as never;
      el.definition = bm.definition as never;
    });
    await page.getByRole('button', { name: 'Khôi phục bản nháp' }).click();
    await expect(page.getByLabel('1.1 Tên cơ quan báo cáo').inputValue()).resolves.toBe('UBND tỉnh Cao Bằng');
    expect(((await value(page)) as { general: { totalStaff: number } }).general.totalStaff).toBe(1250);
    expect(await axeViolations(page)).toEqual([]);

    // Submitting a valid report clears the draft: no offer after the next reload.
    await page.evaluate(() => document.querySelector('form')!.addEventListener('submit', (e) => e.preventDefault()));
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.waitForTimeout(300);
    await page.reload();
    await page.waitForFunction(() => 'bm' in window);
    await page.evaluate(() => {
      const el = document.querySelector('bm-report-form')!;
      const bm = (window as unknown as { bm: Record<string, unknown> }).bm;
      el.autosave = true;
      el.definition = bm.definition as never;
    });
    await page.locator('bm-field').first().waitFor();
    await page.waitForTimeout(300);
    await expect(page.getByRole('button', { name: 'Khôi phục bản nháp' }).count()).resolves.toBe(0);
    await page.close();
  });

  it('switches language on the element only, with English labels and number formats', async () => {
    const { page, errors } = await open({ sample: true, lang: 'en' });
    await expect(page.getByLabel('1.1 Name of the reporting agency').inputValue()).resolves.toBe('Sở Thông tin và Truyền thông tỉnh Cao Bằng');
    await expect(page.getByRole('button', { name: 'Send report' }).count()).resolves.toBe(1);
    await expect(page.getByLabel('2.3 Share of documents published').inputValue()).resolves.toBe('92.5');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('vi');
    await page.evaluate(() => (document.querySelector('bm-report-form')!.lang = 'vi'));
    await expect(page.getByLabel('2.3 Tỷ lệ văn bản được đăng tải').inputValue()).resolves.toBe('92,5');
    // A definition that cannot be found is a located message, never a blank form.
    await page.evaluate(() => {
      const el = document.querySelector('bm-report-form')!;
      el.definition = undefined;
      el.registry = (window as unknown as { bm: { registry: never } }).bm.registry;
      Object.assign(el, { form: 'demo-form', version: '1999', variant: 'unit' });
    });
    await expect(page.locator('bm-report-form').getByRole('alert').textContent()).resolves.toMatch(/Không tải được biểu mẫu: .*demo-form@1999\/unit.*2025\/unit/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('can be filled with the keyboard alone', async () => {
    const { page, errors } = await open();
    await page.getByLabel('1.1 Tên cơ quan báo cáo').focus();
    await page.keyboard.type('Sở TT&TT');
    await page.keyboard.press('Tab');
    await page.keyboard.type('lienhe@so.gov.vn');
    // Radios: Tab into the group, arrows choose.
    const freq = page.getByRole('radio', { name: 'Hằng ngày' });
    await freq.focus();
    await page.keyboard.press('ArrowRight');
    expect(((await value(page)) as { portal: { updateFrequency: string } }).portal.updateFrequency).toBe('weekly');
    // Not applicable with Space, then the reason.
    await page.getByRole('checkbox', { name: /Không áp dụng.*2\.2/ }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => deepFocus(page)).toMatchObject({ id: 'na-reason' });
    await page.keyboard.type('Không có chức năng');
    // The table: add a row with Enter, type into its first cell.
    await page.getByRole('button', { name: /Thêm dòng/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => deepFocus(page)).toMatchObject({ id: 'c-0-name' });
    await page.keyboard.type('Cấp phép');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // the level <select>: first option after the blank
    const v = (await value(page)) as { general: { agencyName: string; email: string }; notApplicable: Record<string, string>; services: { list: { name: string; level?: number }[] } };
    expect(v.general).toMatchObject({ agencyName: 'Sở TT&TT', email: 'lienhe@so.gov.vn' });
    expect(v.notApplicable['/portal/qaFunction']).toBe('Không có chức năng');
    expect(v.services.list[0]!.name).toBe('Cấp phép');
    expect(v.services.list[0]!.level).toBe(3);
    // Submit with Enter on the button: the first error takes focus.
    await page.getByRole('button', { name: 'Gửi báo cáo' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => deepFocus(page)).not.toMatchObject({ id: 'submit' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loads the Excel code only on import/export, downloads the filled workbook and reads it back', async () => {
    const { context } = await chromium();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(site.url);
    await page.waitForFunction(() => 'bm' in window);
    await page.evaluate(() => {
      const el = document.querySelector('bm-report-form')!;
      const bm = (window as unknown as { bm: Record<string, unknown> }).bm;
      el.validator = bm.validator as never;
      el.definition = bm.definition as never;
      el.value = bm.sample;
    });
    await page.locator('bm-field').first().waitFor();
    const initial = scripts.length;

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải về Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^demo-form-2025-unit-.*\.xlsx$/);
    expect(scripts.length).toBeGreaterThan(initial);
    const path = await file.path();

    // Read it back into an empty form through the file picker.
    await page.evaluate(() => (document.querySelector('bm-report-form')!.value = {}));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await (await chooser).setFiles(path);
    await expect.poll(() => page.evaluate(() => (document.querySelector('bm-report-form')!.value as { general?: { agencyName?: string } }).general?.agencyName), { timeout: 20_000 }).toBe(
      'Sở Thông tin và Truyền thông tỉnh Cao Bằng',
    );
    const back = await value(page);
    const sample = await page.evaluate(() => (window as unknown as { bm: { sample: unknown } }).bm.sample);
    expect(back).toEqual(sample);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('<bm-report-form> under a strict Content-Security-Policy', () => {
  const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";
  const PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>CSP</title></head>
<body><main><h1>CSP</h1><bm-report-form></bm-report-form></main>
<script type="module" src="csp-form.js"></script><script type="module" src="second-copy.js"></script></body></html>`;
  let csp: PageSite;
  beforeAll(async () => {
    const { createDefinition } = await import('@bieumau/core');
    const { precompileValidator } = await import('@bieumau/validator/precompile');
    const dir = join(repo, 'test/fixtures/definitions/demo-form/2025');
    const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const def = createDefinition({ resources: [read('shared.json'), read('unit.json')], catalogues: { en: read('i18n/en.json') } });
    mkdirSync(join(repo, 'packages/elements/.cache'), { recursive: true });
    writeFileSync(join(repo, 'packages/elements/.cache/demo-form-unit.validator.js'), precompileValidator(def));
    csp = await serveTestPage({ 'csp-form': 'csp-form.ts' }, { 'index.html': PAGE }, { csp: CSP, separate: { 'second-copy': 'second-copy.ts' } });
  });
  afterAll(async () => {
    await csp?.close();
  });

  it('validates with a precompiled validator, with no CSP violation, next to a second copy of the package', async () => {
    const { context } = await chromium();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(csp.url);
    await page.waitForFunction(() => 'bm' in window && 'secondCopy' in window);
    await page.evaluate(() => {
      const el = document.querySelector('bm-report-form')!;
      const bm = (window as unknown as { bm: Record<string, unknown> }).bm;
      el.validator = bm.validator as never;
      el.definition = bm.definition as never;
    });
    await page.locator('bm-field').first().waitFor();
    // The second copy defined nothing: the element on the page is the first copy's.
    expect(await page.evaluate(() => customElements.get('bm-report-form') !== (window as unknown as { secondCopy: unknown }).secondCopy)).toBe(true);
    await page.getByLabel('1.4.a Số cán bộ thuộc biên chế').fill('50');
    await page.getByLabel('1.4.b Số cán bộ ký hợp đồng').fill('8');
    await page.getByLabel('1.4 Tổng số cán bộ, công chức, viên chức').fill('60');
    await expect(page.locator('bm-field[data-pointer="/general/totalStaff"] .message').first().textContent()).resolves.toMatch(/khác tổng số \(60\)/);
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect(page.locator('bm-error-summary').getByRole('heading').textContent()).resolves.toMatch(/lỗi cần sửa/);
    expect(await page.evaluate(() => (window as unknown as { bm: { violations: string[] } }).bm.violations)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
