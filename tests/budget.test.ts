// The budget page: Weixi's 2024 money from its demo reports — 521 places at 2023Q4, 600 at 2024Q4,
// its 586 task met, so (600 − 521) × 2,000 = 158,000 yuan from provincial finance — in Chinese and
// English, on a desk (1280 px) and a phone (390 px).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, OUTPUT, signInDemo } from './support/product.ts';

describe('budget page', () => {
  const suite = browserSuite('budget');

  async function openPage(width: number): Promise<Page> {
    const context = await suite.newContext({
      locale: 'zh-CN',
      viewport: { width, height: 900 },
      ...(width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    return context.newPage();
  }

  for (const width of [1280, 390]) {
    it(`shows Weixi's 158,000 yuan for 2024, by payer, with the places behind it (${width} px)`, async () => {
      const page = await openPage(width);
      await page.goto(`${suite.product.url}/budget/533423?year=2024`);
      const row = page.locator('[data-testid="funding-row"][data-kind="per_place_built"]');
      await row.waitFor({ timeout: 30_000 });
      expect(await row.getByTestId('funding-amount').textContent()).toBe('158,000');
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('省级财政');
      expect(text).toContain('79 个新建托位');
      expect(text).toContain('2024 年第 4 季度 托位 600，上年末（2023 年第 4 季度）521');
      expect(text).toContain('当年任务 586 个托位');
      expect(text).toContain('条件已满足');
      expect(text).toContain('四(十二)');
      expect(await page.getByTestId('funding-total').textContent()).toBe('158,000 元');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(OUTPUT, `budget-weixi-${width}.png`), fullPage: true });

      await page.getByTestId('language-toggle').click();
      await page.locator('#budget-heading', { hasText: 'Weixi Lisu Autonomous County: funding for 2024' }).waitFor();
      const english = (await row.textContent()) ?? '';
      expect(english).toContain('provincial finance');
      expect(english).toContain('79 places built');
      expect(await page.getByTestId('funding-total').textContent()).toBe('158,000 yuan');
    });
  }

  it('shows 2023 with its 442 task met by 521 places: (521 − 327) × 2,000 = 388,000', async () => {
    const page = await openPage(1280);
    await page.goto(`${suite.product.url}/budget/533423?year=2023`);
    await page.getByTestId('funding-total').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('funding-total').textContent()).toBe('388,000 元');
    const text = (await page.locator('[data-testid="funding-row"]').textContent()) ?? '';
    expect(text).toContain('2023 年第 4 季度 托位 521，上年末（2022 年第 4 季度）327');
    expect(text).toContain('当年任务 442 个托位');
  });

  it('lets an admin change Weixi’s rate on the plan page, and the budget follows: 79 × 2,500 = 197,500', async () => {
    const page = await openPage(1280);
    const session = await signInDemo(suite.product, 'demo-admin');
    const [name, value] = session.cookie.split('=');
    await page.context().addCookies([{ name, value, url: suite.product.url }]);
    const plans = (await (await page.request.get(`${suite.product.url}/api/v1/plans`)).json()) as {
      id: string;
      jurisdictionCode: string;
    }[];
    const weixi = plans.find((plan) => plan.jurisdictionCode === '533423') as { id: string };
    await page.goto(`${suite.product.url}/admin/plans?plan=${weixi.id}`);
    await page.getByTestId('funding-rule-row').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('edit-funding-rule').click();
    // a rate of 0 is refused in the form, in the API's words
    await page.getByTestId('funding-rule-rate').fill('0');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('应大于 0');
    await page.getByTestId('funding-rule-rate').fill('2500');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect
      .poll(() => page.getByTestId('funding-rule-row').first().textContent(), { timeout: 20_000 })
      .toContain('2,500');
    await page.goto(`${suite.product.url}/budget/533423?year=2024`);
    await page.getByTestId('funding-total').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('funding-total').textContent()).toBe('197,500 元');
  });
});
