// Chiping's entry staff fill its 2025 health indicators in the browser, the Liaocheng reviewer above
// approves them, and the progress page shows each rate with its counts, the unstable mark and status.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswords, launchBrowser, OUTPUT, type RunningProduct, startAsNewcomer } from './support/product.ts';

describe('yearly health indicators in the browser', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-indicators-'));
  let product: RunningProduct;
  let browser: Browser;
  let passwords: Map<string, string>;
  const page = '/indicators/371503/2025';

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    passwords = demoPasswords(product.output());
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedIn(username: string): Promise<Page> {
    const tab = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await tab.goto(`${product.url}/login`);
    await tab.getByLabel(/用户名/).fill(username);
    await tab.getByLabel(/密码/).fill(passwords.get(username) as string);
    await tab.getByRole('button', { name: /登\s*录/ }).click();
    await tab.waitForURL((url) => !url.pathname.startsWith('/login'));
    return tab;
  }

  const status = (tab: Page) => tab.getByTestId('indicators-status').textContent();

  it('entry staff fill and submit Chiping’s 2025; an impossible count is named before it is sent', async () => {
    const staff = await signedIn('demo-chiping-entry');
    await staff.goto(`${product.url}${page}`);
    await staff.getByTestId('indicator-liveBirths').fill('3200');
    await staff.getByTestId('indicator-maternalDeaths').fill('3300');
    await expect
      .poll(() => staff.locator('body').textContent(), { timeout: 20_000 })
      .toContain('孕产妇死亡数不能大于活产数');
    expect(await staff.getByTestId('indicators-save').isDisabled()).toBe(true);
    await staff.getByTestId('indicator-maternalDeaths').fill('1');
    await staff.getByTestId('indicator-infantDeaths').fill('8');
    await staff.getByTestId('indicator-under5Deaths').fill('10');
    await staff.getByTestId('indicator-boysBorn').fill('1700');
    await staff.getByTestId('indicator-girlsBorn').fill('1500');
    await staff.getByTestId('indicators-save').click();
    await expect.poll(() => status(staff), { timeout: 20_000 }).toContain('草稿');
    await staff.getByTestId('indicators-submit').click();
    await expect.poll(() => status(staff), { timeout: 20_000 }).toContain('已提交');
  });

  it('the reviewer above approves them', async () => {
    const reviewer = await signedIn('demo-liaocheng-reviewer');
    await reviewer.goto(`${product.url}${page}`);
    await reviewer.getByTestId('indicators-approve').click();
    await expect.poll(() => status(reviewer), { timeout: 20_000 }).toContain('已审核');
    fs.mkdirSync(OUTPUT, { recursive: true });
    await reviewer.screenshot({ path: path.join(OUTPUT, 'indicators-approved.png'), fullPage: true });
  });

  it('the progress page shows each rate with its counts, the unstable mark and the verdict', async () => {
    const reader = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await reader.goto(`${product.url}/progress/371503`);
    const row = reader.locator('tr', { hasText: '孕产妇死亡率' }).first();
    // 1 × 100,000 ÷ 3,200 = 31.25 against < 8.2: missed; 3,200 births are fewer than 100,000
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('1 例 / 3,200 活产');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('31.25');
    expect(text).toContain('例数少');
    expect(text).toContain('未达标');
    // 8 × 1,000 ÷ 3,200 = 2.5 ‰ below 3.3: met, and 3,200 births are enough for a per-1,000 rate
    const infant = (await reader.locator('tr', { hasText: '婴儿死亡率' }).first().textContent()) ?? '';
    expect(infant).toContain('8 例 / 3,200 活产');
    expect(infant).toContain('已达标');
    expect(infant).not.toContain('例数少');
    await reader.screenshot({ path: path.join(OUTPUT, 'indicators-progress.png'), fullPage: true });
  });
});
