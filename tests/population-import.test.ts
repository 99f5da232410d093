// An admin fills a data gap in the browser: the completeness page lists the units without a
// population for 2019 (the shipped figures start with the 2020 census), the admin imports Weixi's
// 2019 figure on the import page (dry run, then commit), and the list no longer names Weixi.
// With the national tree Yunnan's list is every one of its 146 units (1 + 16 prefectures + 129
// county-level units), of which the screen names the first 60 in code order and counts the other
// 86; Weixi 533423 is among those counted, so the admin reads Diqing's list (its four units).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../apps/api/test/support/backends.ts';
import { freePort, launchBrowser, OUTPUT, type RunningProduct, serveApi, signInDemo } from './support/product.ts';

describe('the population import in the browser', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-populations-')), '维西 2019.csv');

  beforeAll(async () => {
    database = await createTestDatabase();
    product = await serveApi({ PORT: String(await freePort()), DATABASE_URL: database.url, TUOWEI_DEMO: '1' });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const [name, value] = (await signInDemo(product, 'demo-admin')).cookie.split('=');
    await context.addCookies([{ name, value, url: product.url }]);
    page = await context.newPage();
    fs.writeFileSync(csv, '行政区划代码,年份,常住人口,来源\n533423,2019,145000,2019 年维西县统计公报\n');
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await database?.drop();
  });

  it('lists Weixi without a 2019 population, imports it, and then lists it no more', async () => {
    await page.goto(`${product.url}/completeness/530000?period=2019Q4`);
    const yunnan = page.getByTestId('population-gaps');
    await yunnan.waitFor({ timeout: 30_000 });
    const yunnanText = (await yunnan.textContent()) ?? '';
    expect(yunnanText).toContain('云南省（530000）、昆明市（530100）、五华区（530102）');
    expect(yunnanText.match(/（\d{6}）/g)).toHaveLength(60);
    expect(yunnanText).toContain('另有 86 个');
    expect(yunnanText).not.toContain('533423');

    await page.goto(`${product.url}/completeness/533400?period=2019Q4`);
    const gaps = page.getByTestId('population-gaps');
    await gaps.waitFor({ timeout: 30_000 });
    const diqing = (await gaps.textContent()) ?? '';
    expect(diqing).toContain(
      '迪庆藏族自治州（533400）、香格里拉市（533401）、德钦县（533422）、维西傈僳族自治县（533423）',
    );
    expect(diqing).not.toContain('另有');

    await page.getByRole('link', { name: '批量导入常住人口' }).click();
    await page.waitForURL((url) => url.pathname === '/import');
    await page.locator('[data-testid="population-import"] input[type="file"]').setInputFiles(csv);
    await page.getByTestId('population-dry-run').click();
    const result = page.getByTestId('population-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain('新建 1 个，修改 0 个，不变 0 个');
    const committed = page.waitForResponse((response) => response.url().includes('mode=commit'));
    await page.getByTestId('population-commit').click();
    const answer = await committed;
    expect(answer.status()).toBe(200);
    await page.screenshot({ path: path.join(OUTPUT, 'population-import.png'), fullPage: true });

    await page.goto(`${product.url}/completeness/533400?period=2019Q4`);
    await page.getByTestId('population-gaps').waitFor({ timeout: 30_000 });
    const after = await page.getByTestId('population-gaps').textContent();
    expect(after).toContain('迪庆藏族自治州（533400）、香格里拉市（533401）、德钦县（533422）');
    expect(after).not.toContain('533423');
  });
});
