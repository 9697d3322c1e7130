/**
 * `npm start`'s page, opened in real Chromium: every published definition is
 * listed, and choosing one shows its field dictionary and rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { listDefinitions } from '@bieumau/definitions';
import { launchChromium, type LaunchedBrowser } from './support/chromium.js';
import { startDemo } from '../scripts/lib/demo-server.js';

let browser: LaunchedBrowser;
let demo: Awaited<ReturnType<typeof startDemo>>;
let page: Page;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await demo?.server.close();
});

describe('demo: definitions and field dictionary', () => {
  it('lists every published definition', async () => {
    await page.goto(`${demo.url}/index.html`);
    await page.waitForSelector('.defs-list button');
    const buttons = await page.locator('.defs-list button').allTextContents();
    expect(buttons).toHaveLength(listDefinitions().length);
    expect(buttons.join('\n')).toContain('annual-ict@2019 / province');
  });

  it('shows the field dictionary with codes, vi and en labels, and rules', async () => {
    await page.locator('.defs-list button', { hasText: 'annual-ict@2019 / province' }).click();
    await page.waitForSelector('#dictionary:not([hidden]) table');
    const heading = await page.locator('#dict-title').textContent();
    expect(heading).toMatch(/2019/);
    const rows = await page.locator('#dict-body table').first().locator('tbody tr').count();
    expect(rows).toBeGreaterThan(50);
    const text = await page.locator('#dict-body').textContent();
    expect(text).toContain('/dvc/services/*/');
    expect(text).toMatch(/Quy tắc kiểm tra \(\d+\)/);
    // The dictionary is reachable by URL too.
    expect(page.url()).toContain('#annual-ict@2019/province');
  });
});
