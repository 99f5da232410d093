// December 2026: every target of the shipped plans came due at the end of 2025. The overview at
// 2026Q3 says no target is in force, and its closed targets lead with 2025's value and verdict,
// today's value beside it with its quarter, in Chinese and English, on a desk (1280 px) and a
// phone (390 px); an auditor downloads the final account, read back by LibreOffice.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readSheetsByName } from '../apps/api/test/support/libreoffice.ts';
import { cutAnswers } from './support/cut-answers.ts';
import { browserSuite, OUTPUT, signInDemo } from './support/product.ts';

const OVERVIEW = '/?period=2026Q3';
const WEIXI_RATIO = '[data-testid="closed-row"][data-plan="533423"][data-metric="places_per_1000"]';

describe('closed targets on the overview', () => {
  const suite = browserSuite('closed');

  async function openPage(width: number, signedInAs?: string): Promise<Page> {
    const context = await suite.newContext({
      locale: 'zh-CN',
      viewport: { width, height: 900 },
      acceptDownloads: true,
      ...(width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    if (signedInAs) {
      const session = await signInDemo(suite.product, signedInAs);
      const [name, value] = session.cookie.split('=');
      await context.addCookies([{ name, value, url: suite.product.url }]);
    }
    return context.newPage();
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUTPUT, name), fullPage: true });

  /** The overview at 2026Q3, switched from the targets in force (none) to the closed ones. */
  async function closedTargets(page: Page) {
    await page.goto(`${suite.product.url}${OVERVIEW}`);
    await page.getByTestId('none-in-force').waitFor({ timeout: 30_000 });
    await page.getByTestId('show-closed').click();
    await page.locator(WEIXI_RATIO).waitFor({ timeout: 30_000 });
  }

  for (const width of [1280, 390]) {
    it(`leads Weixi's 4.5 per 1,000 with 2025's 4.44, missed by 9 places, then 2026Q3's 4.65 (${width} px)`, async () => {
      const page = await openPage(width);
      await closedTargets(page);
      // nothing said to be in force: the default view says so and offers the closed ones
      const weixi = page.locator(WEIXI_RATIO);
      // 650 places at 2025Q4 ÷ 146.363 = 4.44; ⌈4.5 × 146.363⌉ = 659 needed, 9 short
      expect(await weixi.getByTestId('due-year-value').textContent()).toBe('2025 年末 4.44 个/千人');
      expect(await weixi.getByTestId('due-year-status').textContent()).toBe('未达标');
      expect(await weixi.getByTestId('due-year-gap').textContent()).toBe('差 9 个托位');
      // the demo's 2026Q3 is 681 places ÷ 146.363 = 4.65, above the target now
      expect(await weixi.getByTestId('today-value').textContent()).toBe('2026 年第 3 季度 4.65 个/千人，已超过目标');
      expect(await weixi.getByTestId('due-year-data').textContent()).toBe('演示数据');
      // the verdict comes before today's value, on the screen as in the row
      const verdictBox = await weixi.getByTestId('due-year-verdict').boundingBox();
      const todayBox = await weixi.getByTestId('today-value').boundingBox();
      expect(verdictBox && todayBox && (verdictBox.x < todayBox.x || verdictBox.y < todayBox.y)).toBe(true);
      // nothing wider than the screen on a phone: the page does not scroll sideways
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `overview-closed-zh-${width}.png`);

      await page.getByTestId('language-toggle').click();
      await page.getByText('End of 2025: 4.44 per 1,000', { exact: false }).first().waitFor({ timeout: 30_000 });
      expect(await weixi.getByTestId('due-year-value').textContent()).toBe('End of 2025: 4.44 per 1,000');
      expect(await weixi.getByTestId('due-year-status').textContent()).toBe('Missed');
      expect(await weixi.getByTestId('due-year-gap').textContent()).toBe('9 places short');
      expect(await weixi.getByTestId('today-value').textContent()).toBe(
        '2026 Q3: 4.65 per 1,000, now above the target',
      );
      await shot(page, `overview-closed-en-${width}.png`);
      // back to Chinese for the next test's profile (the choice is remembered per profile)
      await page.getByTestId('language-toggle').click();
    });
  }

  it("leads Weixi's own page and its target rows at 2026Q3 with 2025's verdict, today's value beside it", async () => {
    const page = await openPage(1280);
    await page.goto(`${suite.product.url}/dashboard/533423?period=2026Q3`);
    const headline = page.locator('[data-testid="binding-headline"][data-closed="true"]');
    await headline.waitFor({ timeout: 30_000 });
    expect(await headline.getByTestId('due-year-value').textContent()).toBe('2025 年末 4.44 个/千人');
    expect(await headline.getByTestId('due-year-gap').textContent()).toBe('差 9 个托位');
    expect(await headline.getByTestId('today-value').textContent()).toBe('2026 年第 3 季度 4.65 个/千人，已超过目标');
    await shot(page, 'dashboard-weixi-closed-zh-1280.png');

    await page.goto(`${suite.product.url}/progress/533423?period=2026Q3`);
    const row = page.locator(
      '[data-testid="target-row"][data-metric="places_per_1000"][data-due-year="2025"][data-plan="533423"]',
    );
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('due-year-value').textContent()).toBe('2025 年末 4.44 个/千人');
    expect(await row.getByTestId('today-value').textContent()).toBe('2026 年第 3 季度 4.65 个/千人，已超过目标');
    expect(await row.getByTestId('status').textContent()).toBe('未达标');
    expect(await row.getByTestId('gap').textContent()).toBe('9');
    await shot(page, 'progress-weixi-closed-zh-1280.png');

    // a target of at least one institution met by exactly one today is reached, not exceeded
    await page.goto(`${suite.product.url}/progress/371503?period=2026Q3`);
    const institutions = page.locator(
      '[data-testid="target-row"][data-metric="institutions"][data-due-year="2025"][data-plan="371503"]',
    );
    await institutions.first().waitFor({ timeout: 30_000 });
    expect(await institutions.getByTestId('today-value').allTextContents()).toContain(
      '2026 年第 3 季度 1 个，已达到目标',
    );
  });

  it("names the year of a closed target's gap and verdict where they stand apart from today's value, in both languages", async () => {
    const page = await openPage(1280, 'demo-auditor');
    // the progress table: the gap and status columns are 2025's, the value beside them 2026Q3's
    await page.goto(`${suite.product.url}/progress/533423?period=2026Q3`);
    const row = page.locator(
      '[data-testid="target-row"][data-metric="places_per_1000"][data-due-year="2025"][data-plan="533423"]',
    );
    await row.waitFor({ timeout: 30_000 });
    const gapCell = row.locator('td').filter({ has: page.getByTestId('gap') });
    const statusCell = row.locator('td').filter({ has: page.getByTestId('status') });
    expect(await gapCell.textContent()).toBe('9 个托位2025 年末');
    expect(await statusCell.textContent()).toBe('未达标2025 年末');

    // the dashboard's affordable targets: 2024's 352, missed by 2 at the end of 2024, beside
    // today's 415 (2026Q3)
    await page.goto(`${suite.product.url}/dashboard/533423?period=2026Q3`);
    const affordable = page.locator('[data-testid="compact-target"]').filter({ hasText: '≥ 352' });
    await affordable.waitFor({ timeout: 30_000 });
    const cells = () => affordable.locator('td').allTextContents();
    expect((await cells()).slice(1, 3)).toEqual(['2024 年底', '4152026 年第 3 季度']);
    expect((await cells())[3]).toBe('2 个普惠托位2024 年末');
    expect((await cells())[5]).toBe('未达标2024 年末');
    // the two demonstration institutions: 2025's count and verdict, then today's with its quarter
    const institutions = page.getByTestId('institution-target');
    expect(await institutions.getByTestId('due-year-value').textContent()).toBe('2025 年末 2 个');
    expect(await institutions.getByTestId('today-value').textContent()).toBe('2026 年第 3 季度 2 个，已达到目标');

    // the printed gap report: the gap and status name 2025, the current value its quarter
    await page.goto(`${suite.product.url}/print/gap-report?root=533423&period=2026Q3`);
    const printed = page.locator(
      '[data-testid="print-gap-row"][data-code="533423"][data-metric="places_per_1000"][data-due-year="2025"]',
    );
    await printed.waitFor({ timeout: 30_000 });
    expect(await printed.locator('[data-column="current"]').textContent()).toBe('4.65（2026 年第 3 季度）');
    expect(await printed.locator('[data-column="gap"]').textContent()).toBe('92025 年末');
    expect(await printed.locator('[data-column="status"]').textContent()).toBe('未达标2025 年末');
    await shot(page, 'gap-report-print-closed-zh-1280.png');

    // in English: the language is switched on the progress page (the print view keeps it)
    await page.goto(`${suite.product.url}/progress/533423?period=2026Q3`);
    await row.waitFor({ timeout: 30_000 });
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => gapCell.textContent(), { timeout: 20_000 }).toBe('9 placesEnd of 2025');
    expect(await statusCell.textContent()).toBe('MissedEnd of 2025');
    await page.goto(`${suite.product.url}/print/gap-report?root=533423&period=2026Q3`);
    await printed.waitFor({ timeout: 30_000 });
    expect(await printed.locator('[data-column="gap"]').textContent()).toBe('9End of 2025');
    expect(await printed.locator('[data-column="status"]').textContent()).toBe('MissedEnd of 2025');
    await page.goto(`${suite.product.url}/dashboard/533423?period=2026Q3`);
    await affordable.waitFor({ timeout: 30_000 });
    expect((await cells())[3]).toBe('2 affordable placesEnd of 2024');
    await shot(page, 'dashboard-weixi-closed-en-1280.png');
    // back to Chinese for the next test's profile
    await page.getByTestId('language-toggle').click();
  });

  it("fits a closed headline and the cards' titles to a phone: Weixi's and Guiyang's pages, in both languages", async () => {
    const page = await openPage(390);
    for (const language of ['zh', 'en'] as const) {
      for (const code of ['533423', '520100']) {
        await page.goto(`${suite.product.url}/dashboard/${code}?period=2026Q3`);
        const headline = page.locator('[data-testid="binding-headline"][data-closed="true"]');
        await headline.waitFor({ timeout: 30_000 });
        if (language === 'en' && (await page.getByTestId('language-toggle').textContent())?.includes('English')) {
          await page.getByTestId('language-toggle').click();
          await headline.getByText('End of 2025', { exact: false }).first().waitFor({ timeout: 30_000 });
        }
        // nothing wider than the screen: the page does not scroll sideways
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${code} ${language}`).toBeLessThanOrEqual(0);
        // and no figure lies over another
        const boxes = await headline.locator('.tuowei-headline-figure').evaluateAll((figures) =>
          figures.map((figure) => {
            const box = figure.getBoundingClientRect();
            return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
          }),
        );
        expect(boxes.length).toBe(4);
        for (const [i, a] of boxes.entries()) {
          for (const b of boxes.slice(i + 1)) {
            const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
            expect(apart, `${code} ${language}: ${JSON.stringify([a, b])}`).toBe(true);
          }
        }
        // each figure's words inside its own box
        const spill = await headline
          .locator('.tuowei-headline-figure dd')
          .evaluateAll((values) => values.filter((value) => value.scrollWidth > value.clientWidth + 1).length);
        expect(spill, `${code} ${language}`).toBe(0);
        // and no card's title cut short ("This quarter's figures and where tl…")
        const cut = await page
          .locator('.ant-card-head-title')
          .evaluateAll((titles) =>
            titles.filter((title) => title.scrollWidth > title.clientWidth + 1).map((title) => title.textContent),
          );
        expect(cut, `${code} ${language}`).toEqual([]);
        await shot(page, `dashboard-${code}-closed-${language}-390.png`);
      }
    }
    // back to Chinese for the next test's profile
    await page.getByTestId('language-toggle').click();
  });

  it("Shanxi's 2025 account: 4.5 per 1,000 missed, by a shortfall in places", async () => {
    const page = await openPage(1280);
    await closedTargets(page);
    const shanxi = page.locator('[data-testid="closed-row"][data-plan="140000"][data-metric="places_per_1000"]');
    expect(await shanxi.getByTestId('due-year-status').textContent()).toBe('未达标');
    expect(await shanxi.getByTestId('due-year-value').textContent()).toMatch(/^2025 年末 \d\.\d\d 个\/千人$/);
    expect(await shanxi.getByTestId('due-year-gap').textContent()).toMatch(/^差 [\d,]+ 个托位$/);
  });

  it('offers an auditor the final account, a workbook LibreOffice reads back with every closed target', async () => {
    const page = await openPage(1280, 'demo-auditor');
    await closedTargets(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-final-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('tuowei-final-account-country-2026Q3.xlsx');
    const file = path.join(OUTPUT, 'final-account-country-2026Q3.xlsx');
    await download.saveAs(file);
    const sheets = readSheetsByName(fs.readFileSync(file));
    const detail = sheets.get('决算明细') ?? [];
    const header = detail[0];
    const at = (line: string[], column: string) => line[header.indexOf(column)];
    const weixi = detail.find(
      (line) => at(line, '行政区划代码') === '533423' && at(line, '指标').startsWith('每千人口托位数'),
    );
    expect(weixi, JSON.stringify(header)).toBeDefined();
    const line = weixi as string[];
    expect([at(line, '到期年末值'), at(line, '结论'), at(line, '到期缺口')]).toEqual(['4.44', '未达标', '9']);
    expect([at(line, '当前值'), at(line, '当前值季度'), at(line, '当前已达目标')]).toEqual(['4.65', '2026Q3', '是']);
    expect(at(line, '到期年数据状态')).toBe('演示数据');
    await shot(page, 'overview-closed-auditor-1280.png');
    // in English the country is "the country", not a unit called Country
    const intro = page.getByTestId('final-account-export');
    expect(await intro.textContent()).toContain('全国截至2026 年第 3 季度所有已到期目标');
    await page.getByTestId('language-toggle').click();
    await expect
      .poll(() => intro.textContent(), { timeout: 20_000 })
      .toContain('Every target in the country closed by 2026 Q3');
    await page.getByTestId('language-toggle').click();
  });

  it("spaces the export buttons as antd's Space does: the final account's, the gap report's and the audit trail's", async () => {
    const page = await openPage(1280, 'demo-auditor');
    /** The horizontal space between each button and the next, of those named, in order. */
    const gaps = async (testIds: string[]) => {
      const boxes: ({ x: number; y: number; width: number } | null)[] = [];
      for (const id of testIds) {
        await page.getByTestId(id).waitFor({ timeout: 30_000 });
        boxes.push(await page.getByTestId(id).boundingBox());
      }
      return boxes.slice(1).map((box, i) => {
        const before = boxes[i];
        // on one line: the space between; wrapped onto the next, nothing to measure but the line
        return box && before && box.y === before.y ? Math.round(box.x - (before.x + before.width)) : 'wrapped';
      });
    };
    // antd's Space, size small (its default): 8 px between items
    await closedTargets(page);
    expect(await gaps(['download-final-xlsx', 'download-final-csv'])).toEqual([8]);
    await page.goto(`${suite.product.url}/progress/533423?period=2026Q3`);
    expect(await gaps(['print-gap-report', 'download-gap-xlsx', 'download-gap-csv'])).toEqual([8, 8]);
    await page.getByTestId('gap-report-export').screenshot({ path: path.join(OUTPUT, 'gap-report-export-zh.png') });
    await page.goto(`${suite.product.url}/audit`);
    expect(await gaps(['download-audit-xlsx', 'download-audit-csv'])).toEqual([8]);
  });

  it('tells an auditor whose workbook was cut off on its way, in words, and the next try gives it whole', async () => {
    const page = await openPage(1280, 'demo-auditor');
    // the first workbook's answer is cut after its first bytes, as a dropped connection cuts it
    await cutAnswers(page, { path: '/api/v1/gap-report', query: { format: 'xlsx' }, once: true });
    await closedTargets(page);
    await page.getByTestId('download-final-xlsx').click();
    const alert = page.getByTestId('action-error');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toBe('文件没有下载完整：传输途中连接断开了，请重试。');
    await shot(page, 'final-account-cut-zh-1280.png');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-final-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('tuowei-final-account-country-2026Q3.xlsx');
    // the whole workbook this time, which the reader opens
    const sheets = readSheetsByName(fs.readFileSync(await download.path()));
    expect((sheets.get('决算明细') ?? []).length).toBeGreaterThan(1);
    expect(await page.getByTestId('action-error').count()).toBe(0);
  });

  it('says in words that the overview did not arrive whole when every try of it is cut off on its way', async () => {
    const page = await openPage(1280);
    // each answer of the national overview is cut after its first bytes
    await cutAnswers(page, { path: '/api/v1/overview', query: { root: null }, keep: 16 });
    await page.goto(`${suite.product.url}${OVERVIEW}`);
    // asked three times (two more after the first, as any failure to reach the server is), then told
    await page.getByText('答复没有完整收到：传输途中连接断开了，请重试。').first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('Unexpected end of JSON input').count()).toBe(0);
    expect(await page.getByText('Failed to fetch').count()).toBe(0);
  });
});
