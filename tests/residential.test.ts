// An entry user registers a new residential project in the browser and sees it flagged short of
// Weixi's norm (≥ 5 places per 1,000 residents): 3,000 residents need 15 places, 12 are planned.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswords, launchBrowser, type RunningProduct, startAsNewcomer } from './support/product.ts';

describe('new residential areas in the browser', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-residential-'));
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const username = 'demo-weixi-entry';
    await page.goto(`${product.url}/login`);
    await page.getByLabel(/用户名/).fill(username);
    await page.getByLabel(/密码/).fill(demoPasswords(product.output()).get(username) as string);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers a project from the menu and flags it, on the register and under the norm target', async () => {
    await page.getByTestId('nav-residential').first().click();
    await page.waitForURL((url) => url.pathname === '/residential');
    await page.getByTestId('add-project').click();
    await page.getByTestId('project-name').fill('维西新城一期');
    const date = page.getByTestId('project-approved-on');
    await date.click();
    await date.fill('2024-03-01');
    await date.press('Enter');
    await page.getByTestId('project-residents').fill('3000');
    await page.getByTestId('project-planned').fill('12');
    await page.getByTestId('project-save').click();

    const row = page.locator('[data-testid="project-row"][data-project="维西新城一期"]');
    await row.waitFor();
    // ⌈5 × 3,000 ÷ 1,000⌉ = 15 required, 12 planned: 3 short
    expect(await row.getByTestId('project-required').textContent()).toBe('15');
    expect(await row.getByTestId('project-shortfall').textContent()).toBe('3');
    expect(await row.getByTestId('project-compliance').textContent()).toBe('不达标');

    await page.goto(`${product.url}/progress/533423?period=2026Q3`);
    const norm = page.locator('[data-testid="target-row"][data-metric="new_residential_places_per_1000"]');
    await norm.getByTestId('short-project').waitFor();
    expect(await norm.getByTestId('short-project').textContent()).toBe('维西新城一期 缺 3 个（应配 15，规划 12）');
    expect(await norm.getByTestId('gap').textContent()).toBe('3');
  });
});
