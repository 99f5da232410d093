// Weixi's page away from a desk: printed to an A4 PDF (Chromium, read back with poppler) it has its
// charts drawn with their figures, not "正在加载图表…"; at 390 px wide (a phone) its key figures
// (target, current, gap, pace, status) are readable without scrolling sideways, in both languages,
// with screenshots kept in test-output/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, OUTPUT, type RunningProduct, startAsNewcomer } from './support/product.ts';

const WEIXI = '/dashboard/533423?period=2024Q4';
const PHONE = { width: 390, height: 844 };

describe('a jurisdiction’s page on paper and on a phone', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-jurisdiction-page-'));
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    browser = await launchBrowser();
    fs.mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function openWeixi(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${product.url}${WEIXI}`);
    await page.getByTestId('binding-headline').waitFor({ timeout: 30_000 });
    // the panels' own answers (the series) in, so that every chart panel is on the page
    await page.getByTestId('panel-affordable').waitFor({ timeout: 30_000 });
    return page;
  }

  it('prints on A4 with every chart drawn and its figures, and no loading spinner', async () => {
    const page = await openWeixi({ width: 1280, height: 900 });
    // far down the page, the affordable-places chart has not been drawn on screen
    expect(await page.locator('[data-testid="panel-affordable"] .tuowei-chart-loading').count()).toBe(1);

    // the print media query is what Chromium sets for printing and saving as PDF
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('.tuowei-chart-loading').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.locator('.tuowei-chart .recharts-wrapper').count()).toBe(2);
    // drawn at an A4 page's width (180 mm ≈ 680 px), not the screen's
    const chartWidth = await page
      .locator('[data-testid="panel-places"] .recharts-wrapper')
      .evaluate((svg) => svg.getBoundingClientRect().width);
    expect(chartWidth).toBeLessThanOrEqual(681);

    const pdf = path.join(OUTPUT, 'jurisdiction-533423-2024Q4.pdf');
    await page.pdf({ format: 'A4', printBackground: true, path: pdf });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).not.toContain('正在加载图表');
    // the places chart: its legend, its quarters along the axis and the target's 659 places
    // (⌈4.5 × 146,363 ÷ 1,000⌉) among its figures
    expect(text).toContain('托位数');
    expect(text).toMatch(/2024\s*年第\s*4\s*季度|2024Q4/);
    expect(text).toContain('维西傈僳族自治县');
    // the affordable chart, drawn only for paper
    expect(text).toContain('普惠托位');
    // no screen controls on paper
    for (const control of ['打印本页', '下载 CSV', '图表', '表格']) expect(text).not.toContain(control);
    await page.context().close();
  });

  /** Each key figure's box, and how wide the page scrolls. */
  async function layout(page: Page) {
    const figures: Record<string, number> = {};
    for (const id of ['headline-target', 'headline-current', 'headline-gap', 'headline-pace', 'headline-status']) {
      const box = await page.getByTestId(id).boundingBox();
      figures[id] = box ? box.x + box.width : Number.POSITIVE_INFINITY;
    }
    const scrollWidth = await page.evaluate(() => (document.scrollingElement as Element).scrollWidth);
    return { figures, scrollWidth };
  }

  it('fits a 390 px phone: no sideways scroll, every key figure inside the screen, in Chinese and English', async () => {
    const page = await openWeixi(PHONE);
    const chinese = await layout(page);
    expect(chinese.scrollWidth).toBeLessThanOrEqual(PHONE.width);
    for (const [id, right] of Object.entries(chinese.figures)) expect(right, id).toBeLessThanOrEqual(PHONE.width);
    // the wide tables become one card a target, read top to bottom: the places target's pace in it
    const cards = page.locator('dl[data-testid="target-row"]');
    expect(await cards.count()).toBeGreaterThan(0);
    const weixi = page.locator('dl[data-testid="target-row"][data-metric="places_per_1000"][data-due-year="2025"]');
    expect(await weixi.getByTestId('required').textContent()).toBe('15');
    const card = await weixi.boundingBox();
    expect((card?.x ?? 0) + (card?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: path.join(OUTPUT, 'jurisdiction-phone-zh.png') });
    await weixi.screenshot({ path: path.join(OUTPUT, 'jurisdiction-phone-zh-target-card.png') });
    await page.screenshot({ path: path.join(OUTPUT, 'jurisdiction-phone-zh-full.png'), fullPage: true });

    await page.getByTestId('language-toggle').click();
    await page.getByText('On track', { exact: true }).first().waitFor();
    const english = await layout(page);
    expect(english.scrollWidth).toBeLessThanOrEqual(PHONE.width);
    for (const [id, right] of Object.entries(english.figures)) expect(right, id).toBeLessThanOrEqual(PHONE.width);
    expect(await weixi.getByTestId('required').textContent()).toBe('15');
    await page.screenshot({ path: path.join(OUTPUT, 'jurisdiction-phone-en.png') });
    await weixi.screenshot({ path: path.join(OUTPUT, 'jurisdiction-phone-en-target-card.png') });
    await page.screenshot({ path: path.join(OUTPUT, 'jurisdiction-phone-en-full.png'), fullPage: true });
    await page.context().close();
  });
});
