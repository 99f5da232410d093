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

  /** A dashboard at 1280 px with every chart drawn: scrolled down the page, each comes near the screen. */
  async function drawnDashboard(code: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${product.url}/dashboard/${code}?period=2026Q3`);
    await page.getByTestId('panel-affordable').waitFor({ timeout: 30_000 });
    await page.getByTestId('panel-affordable').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.tuowei-chart-loading').count(), { timeout: 30_000 }).toBe(0);
    return page;
  }
  const caption = (page: Page, panel: string) =>
    page.locator(`[data-testid="panel-${panel}"] .ant-card-body > .ant-typography`).first().textContent();

  it("names in a chart's caption only the lines it draws: Weixi at 2026Q3, its targets closed, in both languages", async () => {
    const page = await drawnDashboard('533423');
    // the target closed at the end of 2025: no forecast, no pace to draw, and no affordable-share target
    expect(await page.locator('[data-testid="panel-places"] .recharts-legend-item').allTextContents()).toEqual([
      '托位数',
      '方案年度任务',
      '达到比例目标所需托位',
    ]);
    expect(await caption(page, 'places')).toBe(
      '柱为各季度托位数；阶梯线为方案的年度任务；实线为约束性目标 ≥ 4.5 个/千人 按当年人口折算的托位数。',
    );
    expect(await caption(page, 'affordable')).toBe(
      '柱为各季度普惠托位数（左轴）；圆点为方案的年度普惠托位任务（左轴）；折线为普惠托位占比（右轴）。',
    );
    await page.getByTestId('panel-places').screenshot({ path: path.join(OUTPUT, 'weixi-2026Q3-places-zh.png') });
    await page.getByTestId('language-toggle').click();
    await expect
      .poll(() => caption(page, 'places'), { timeout: 20_000 })
      .toBe(
        "Bars: places each quarter. Steps: the plan's yearly schedule. Solid line: the binding target of ≥ 4.5 per 1,000 turned into places at each year's population.",
      );
    expect(await caption(page, 'affordable')).toBe(
      "Bars: affordable places each quarter (left axis). Dots: the plan's yearly schedule of affordable places (left axis). Line: the affordable share of places (right axis).",
    );
    await page
      .getByTestId('panel-affordable')
      .screenshot({ path: path.join(OUTPUT, 'weixi-2026Q3-affordable-en.png') });
    await page.context().close();
  });

  it('says there is no data where a chart has none to draw, not an empty frame: Guiyang, in both languages', async () => {
    const page = await drawnDashboard('520100');
    // Guiyang and its ten units below have sent no report: no places, no units' figures, no gaps
    for (const panel of ['places', 'children-ratio', 'affordable']) {
      expect(await page.locator(`[data-testid="panel-${panel}"] .recharts-wrapper`).count(), panel).toBe(0);
    }
    expect(await page.getByTestId('places-empty').textContent()).toBe('截至2026 年第 3 季度，贵阳市没有托位数数据。');
    expect(await page.getByTestId('children-ratio-empty').textContent()).toBe(
      '截至2026 年第 3 季度，贵阳市的下级单位都没有每千人口托位数数据。',
    );
    expect(await page.getByTestId('affordable-empty').textContent()).toBe(
      '截至2026 年第 3 季度，贵阳市没有普惠托位数据。',
    );
    // the gap ranking opens on its table; its chart view says the same
    await page.getByTestId('gap-ranking-view').getByText('图表', { exact: true }).click();
    expect(await page.getByTestId('gap-ranking-empty').textContent()).toBe(
      '截至2026 年第 3 季度，贵阳市的下级单位都没有可计算的托位缺口。',
    );
    // the table view still lists the units below
    await page.getByTestId('children-ratio-view').getByText('表格', { exact: true }).click();
    expect(await page.getByTestId('children-ratio-table').locator('tbody tr').count()).toBe(10);
    await page.screenshot({ path: path.join(OUTPUT, 'guiyang-2026Q3-empty-zh.png'), fullPage: true });
    await page.getByTestId('language-toggle').click();
    await expect
      .poll(() => page.getByTestId('places-empty').textContent(), { timeout: 20_000 })
      .toBe('No figures of places for Guiyang City up to 2026 Q3.');
    expect(await page.getByTestId('affordable-empty').textContent()).toBe(
      'No figures of affordable places for Guiyang City up to 2026 Q3.',
    );
    await page.screenshot({ path: path.join(OUTPUT, 'guiyang-2026Q3-empty-en.png'), fullPage: true });
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
