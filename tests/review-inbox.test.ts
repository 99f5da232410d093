// The review flow for yearly indicators and a parent's budget, in a real Chromium: entry staff
// reach their indicators from the menu; Chiping's 2025 indicators, once submitted, wait in the
// Liaocheng reviewer's inbox beside the quarter's reports and open the indicators form; the
// reporting page counts who has sent them; Diqing's 2024 budget is Weixi's rule summed, with the
// unit named; a target with nothing sent yet says what it waits for. Desk (1280 px) and phone (390 px), Chinese and English; screenshots in
// test-output/review/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, OUTPUT, signInDemo } from './support/product.ts';

const SHOTS = path.join(OUTPUT, 'review');

describe('indicators in the review flow, and a parent’s budget', () => {
  const suite = browserSuite('review');

  beforeAll(() => {
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  async function openPage(width: number, username?: string): Promise<Page> {
    const context = await suite.newContext({
      locale: 'zh-CN',
      viewport: { width, height: 900 },
      ...(width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    if (username) {
      const session = await signInDemo(suite.product, username);
      const [name, value] = session.cookie.split('=');
      await context.addCookies([{ name, value, url: suite.product.url }]);
    }
    return context.newPage();
  }

  /** The menu's link; on a phone (below 600 px) behind the folded menu, opened first. */
  async function navLink(page: Page, testId: string, width: number) {
    const link = page.getByTestId(testId).first();
    if (width >= 600) return link;
    // the role's links come with the session: the menu opened, and looked in until the link is there
    const toggle = page.getByTestId('menu-toggle');
    await expect
      .poll(
        async () => {
          if (await link.isVisible()) return true;
          if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
          return link.isVisible();
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    return link;
  }

  it('entry staff reach their last year’s indicators from the menu, and submit 2025’s', async () => {
    const page = await openPage(1280, 'demo-chiping-entry');
    await page.goto(`${suite.product.url}/`);
    await (await navLink(page, 'nav-indicators', 1280)).click();
    await page.waitForURL(/\/indicators\/371503\/\d{4}$/, { timeout: 30_000 });
    // the last year ended is the one to enter (the product runs in its own year)
    const lastYear = Number(page.url().slice(-4));
    expect(lastYear).toBe(new Date().getUTCFullYear() - 1);

    const entry = await signInDemo(suite.product, 'demo-chiping-entry');
    const saved = await entry.fetch('/api/v1/indicators/371503/2025', {
      method: 'PUT',
      body: JSON.stringify({
        liveBirths: 3200,
        maternalDeaths: 1,
        infantDeaths: 8,
        under5Deaths: 10,
        boysBorn: 1700,
        girlsBorn: 1500,
        pregnantWomen: 3300,
        pregnantWomenScreened: 3000,
      }),
    });
    expect(saved.status).toBeLessThan(300);
    const { version } = (await saved.json()) as { version: number };
    const submitted = await entry.fetch('/api/v1/indicators/371503/2025/submit', {
      method: 'POST',
      headers: { 'if-match': String(version) },
    });
    expect(submitted.status).toBe(200);
  });

  for (const width of [1280, 390]) {
    it(`the Liaocheng reviewer’s inbox lists Chiping’s 2025 indicators and opens them (${width} px)`, async () => {
      const page = await openPage(width, 'demo-liaocheng-reviewer');
      await page.goto(`${suite.product.url}/`);
      await (await navLink(page, 'nav-review', width)).click();
      const inbox = page.getByTestId('inbox-indicators');
      const row = inbox.locator('[data-testid="unit-row"][data-code="371503"]');
      await row.waitFor({ timeout: 30_000 });
      expect(await inbox.getByRole('heading').textContent()).toBe('待审核的 2025 年健康指标');
      expect(await row.getAttribute('data-state')).toBe('submitted');
      expect(await row.getByTestId('open-report').getAttribute('href')).toBe('/indicators/371503/2025');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SHOTS, `inbox-zh-${width}.png`), fullPage: true });

      await page.getByTestId('language-toggle').click();
      await inbox.getByRole('heading', { name: 'Health indicators for 2025 waiting for review' }).waitFor();
      expect(await row.getByTestId('open-report').textContent()).toBe('Open indicators');
      await page.screenshot({ path: path.join(SHOTS, `inbox-en-${width}.png`), fullPage: true });

      await row.getByTestId('open-report').click();
      await page.waitForURL(/\/indicators\/371503\/2025$/);
      await page.getByTestId('indicators-approve').waitFor({ timeout: 30_000 });
    });
  }

  it('the reporting page offers who has sent 2025’s indicators', async () => {
    const page = await openPage(1280, 'demo-liaocheng-reviewer');
    await page.goto(`${suite.product.url}/completeness/371500?period=2025Q4`);
    await page.getByTestId('completeness-record').getByText('年度健康指标').click();
    await page.waitForURL(/record=indicators&year=\d{4}/);
    await page.getByTestId('completeness-year').click();
    await page.locator('.ant-select-item-option', { hasText: '2025' }).click();
    await page.waitForURL(/year=2025/);
    await page.locator('#completeness-heading', { hasText: '2025 年健康指标报送情况' }).waitFor({ timeout: 30_000 });
    const row = page.locator('[data-testid="unit-row"][data-code="371503"]');
    expect(await row.getAttribute('data-state')).toBe('submitted');
    // no quarter is asked for: the year is
    expect(await page.locator('#completeness-quarter-picker').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'completeness-indicators-zh-1280.png'), fullPage: true });
  });

  it('a target whose figures are not sent yet says which, for which year, and whose staff send them', async () => {
    const page = await openPage(1280);
    await page.goto(`${suite.product.url}/progress/533423`);
    const row = page.locator('tr', { hasText: '产前筛查率' }).first();
    const note = row.getByTestId('awaiting');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.textContent()).toBe(
      '尚未报送 2025 年健康指标中的产前筛查人数、孕产妇数，应由维西傈僳族自治县的填报人员报送。',
    );
    await page.getByTestId('language-toggle').click();
    const english = page.locator('tr', { hasText: 'Prenatal screening rate' }).first().getByTestId('awaiting');
    await expect
      .poll(() => english.textContent(), { timeout: 30_000 })
      .toBe(
        "Not yet sent: 2025's health indicators (pregnant women screened, pregnant women); Weixi Lisu Autonomous County's entry staff send them.",
      );
    await page.screenshot({ path: path.join(SHOTS, 'progress-awaiting-en-1280.png'), fullPage: true });
  });

  for (const width of [1280, 390]) {
    it(`Diqing’s 2024 budget sums Weixi’s rule: 79 × 2,000 = 158,000 yuan, Weixi named (${width} px)`, async () => {
      const page = await openPage(width);
      await page.goto(`${suite.product.url}/budget/533400?year=2024`);
      const row = page.locator('[data-testid="funding-row"][data-unit="533423"]');
      await row.waitFor({ timeout: 30_000 });
      expect(await row.getByTestId('funding-amount').textContent()).toBe('158,000');
      await expect.poll(async () => (await row.textContent()) ?? '').toContain('维西傈僳族自治县');
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('上年末（2023 年第 4 季度）521；当年任务 586 个托位');
      expect(await page.getByTestId('funding-total').textContent()).toBe('158,000 元');
      expect(await page.getByTestId('funding-incomplete').count()).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SHOTS, `budget-diqing-zh-${width}.png`), fullPage: true });

      await page.getByTestId('language-toggle').click();
      await page.locator('#budget-heading', { hasText: 'funding for 2024' }).waitFor();
      const english = (await row.textContent()) ?? '';
      expect(english).toContain('Weixi');
      // the figures behind joined as English joins them, with no Chinese marks
      expect(english).toContain("; the year's task: 586 places");
      expect(english).not.toMatch(/[；、：，]/);
      expect(await page.getByTestId('funding-total').textContent()).toBe('158,000 yuan');
      await page.screenshot({ path: path.join(SHOTS, `budget-diqing-en-${width}.png`), fullPage: true });
    });
  }
});
