// A report submitted in the browser changes the figures the same page shows when the reader goes
// back to them, without a reload: Diqing's own places (progress) and Weixi's row among its units
// (the overview), which the cache kept for 30 s after a report before every write said what it
// changed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, OUTPUT, type RunningProduct, signInDemo, startAsNewcomer } from './support/product.ts';

// The demo's last quarter, 2026Q3, ended and submitted (Weixi about 690 places): Diqing's reviewer
// returns it first, so that it is Weixi's to report again (a quarter still running cannot be submitted).
const DIQING = '/dashboard/533400?period=2026Q3';

describe('figures after a report is submitted', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-fresh-'));
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const session = await signInDemo(product, 'demo-weixi-entry');
    const [name, value] = session.cookie.split('=');
    await context.addCookies([{ name, value, url: product.url }]);
    page = await context.newPage();
    const reviewer = await signInDemo(product, 'demo-diqing-reviewer');
    const demo = (await (await reviewer.fetch('/api/v1/reports/533423/2026Q3')).json()) as { version: number };
    const returned = await reviewer.fetch('/api/v1/reports/533423/2026Q3/return', {
      method: 'POST',
      headers: { 'if-match': `"${demo.version}"` },
      body: JSON.stringify({ reason: '演示数据，请按实际重新填报' }),
    });
    expect(returned.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const diqingPlaces = async () => (await page.getByTestId('actual-places').textContent())?.replace(/[^\d]/g, '');
  const weixiRow = () => page.locator('[data-testid="gap-ranking-table"] tr[data-row-key="533423"]');
  const weixiPer1000 = () => weixiRow().getByTestId('cell-placesPer1000').textContent();
  const samePage = () => page.evaluate(() => (window as { tuoweiSamePage?: boolean }).tuoweiSamePage === true);

  it("shows the submitted places on Diqing's page when the reader comes back to it", async () => {
    await page.goto(`${product.url}${DIQING}`);
    await page.getByTestId('panel-gap-ranking').waitFor({ timeout: 30_000 });
    await weixiRow().waitFor();
    const placesBefore = await diqingPlaces();
    const per1000Before = await weixiPer1000();
    // 2026Q3 returned, so not counted: Weixi's 2026Q2 demo figure, 669 (reporting-flow.test.ts)
    expect(placesBefore).toBe('669');
    // a full reload would forget this
    await page.evaluate(() => {
      (window as { tuoweiSamePage?: boolean }).tuoweiSamePage = true;
    });

    // to Weixi's report by the page's own links
    await weixiRow().getByTestId('unit-link-533423').click();
    await page.waitForURL(/\/dashboard\/533423\?period=2026Q3$/);
    await page.getByRole('link', { name: '查看目标明细表' }).click();
    await page.waitForURL(/\/progress\/533423\?period=2026Q3$/);
    await page.getByTestId('open-report').click();
    await page.waitForURL(/\/reports\/533423\/2026Q3$/);
    await page.getByTestId('field-places').fill('800');
    await page.getByTestId('field-affordablePlaces').fill('480');
    await page.getByTestId('save-draft').click();
    await expect.poll(() => page.getByTestId('report-status').textContent(), { timeout: 20_000 }).toContain('草稿');
    await page.getByTestId('submit').click();
    await expect.poll(() => page.getByTestId('report-status').textContent(), { timeout: 20_000 }).toContain('已提交');

    // back, the way it came: Weixi's progress, Weixi's page, then Diqing's
    await page.goBack();
    await page.waitForURL(/\/progress\/533423/);
    await expect.poll(() => page.getByTestId('actual-places').textContent(), { timeout: 20_000 }).toContain('800');
    await page.goBack();
    await page.goBack();
    await page.waitForURL(/\/dashboard\/533400\?period=2026Q3$/);
    await page.getByTestId('panel-gap-ranking').waitFor({ timeout: 30_000 });
    // Diqing's only county is Weixi: its sum is Weixi's 800
    await expect.poll(diqingPlaces, { timeout: 20_000 }).toBe('800');
    // 800 × 1,000 ÷ 146,363 = 5.4659 per 1,000, from the overview's row
    await expect.poll(weixiPer1000, { timeout: 20_000 }).toBe('5.47');
    // 669 × 1,000 ÷ 146,363 = 4.5708
    expect(per1000Before).toBe('4.57');
    expect(await samePage()).toBe(true);
    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'fresh-figures-diqing.png'), fullPage: true });
  });
});
