// An admin records a boundary change in the browser and reads it on the unit's page; a newer
// edition of the division codes, loaded from a file, proposes 富民县 → 富民区 as one rename (撤县设区)
// in the dry run, and the ticked proposal is recorded on confirm. Refusals are shown on the field
// they are about, in the reader's language. On the product as `npm start` serves it, in Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswords, launchBrowser, OUTPUT, type RunningProduct, startAsNewcomer } from './support/product.ts';

describe('boundary changes in the browser', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-successions-'));
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const username = 'demo-admin';
    await page.goto(`${product.url}/login`);
    await page.getByLabel(/用户名/).fill(username);
    await page.getByLabel(/密码/).fill(demoPasswords(product.output()).get(username) as string);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    fs.mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const fieldError = (label: RegExp) =>
    page
      .locator('.ant-form-item')
      .filter({ has: page.locator('label', { hasText: label }) })
      .locator('.ant-form-item-explain-error');

  it('records Deqin becoming a district from the administration page, names the field it refuses, and shows it on Deqin’s page', async () => {
    // from the administration page, whose header links already fill a laptop's line
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-successions-link').click();
    await page.waitForURL((url) => url.pathname === '/successions');
    await page.goto(`${product.url}/successions?unit=533422`);
    await page.getByTestId('succession-record').click();

    // a five-digit code: the shared schema's own words, under the field, before anything is sent
    await page.getByTestId('succession-to').fill('53342');
    await page.getByTestId('succession-create-new').check();
    await page.getByTestId('succession-new-name').fill('德钦区');
    await page.getByTestId('succession-new-name-en').fill('Deqin District');
    const date = page.getByTestId('succession-effective-on');
    await date.click();
    await date.fill('2026-10-01');
    await date.press('Enter');
    await page.getByTestId('succession-reason').fill('国务院批复撤销德钦县，设立德钦区（测试）');
    await page.getByTestId('succession-save').click();
    await fieldError(/新代码/)
      .first()
      .waitFor();
    expect(
      await fieldError(/新代码/)
        .first()
        .textContent(),
    ).toMatch(/代码/);

    // Shangri-La's code exists already: the API's refusal, marked on the new code's field
    await page.getByTestId('succession-to').fill('533401');
    await page.getByTestId('succession-save').click();
    await page.getByTestId('action-error').waitFor();
    await expect
      .poll(async () => fieldError(/新代码/).allTextContents())
      .toContainEqual(expect.stringContaining('533401 已存在'));

    await page.getByTestId('succession-to').fill('533426');
    await page.getByTestId('succession-save').click();
    const row = page.locator('[data-testid="succession-row"][data-from="533422"][data-to="533426"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('德钦区（533426）');
    expect(await row.textContent()).toContain('2026-10-01');
    await page.screenshot({ path: path.join(OUTPUT, 'successions-recorded.png'), fullPage: true });

    // on a phone (390 px) the list is one card a change, and nothing runs off the side
    const phone = await page.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${product.url}/successions?unit=533400`);
    const card = phone.locator('dl[data-testid="succession-row"][data-from="533422"]');
    await card.waitFor();
    expect(await card.textContent()).toContain('德钦区（533426）');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(OUTPUT, 'successions-phone.png'), fullPage: true });
    await phone.close();

    await page.goto(`${product.url}/dashboard/533422?period=2026Q3`);
    const note = page.getByTestId('succession-note');
    await note.waitFor();
    await expect.poll(async () => note.textContent()).toContain('自 2026-10-01 起由 德钦区（533426）承继');
  });

  it('shows a newer edition’s 富民县 → 富民区 as one proposed rename, and records it once ticked', async () => {
    await page.goto(`${product.url}/successions`);
    // the newer edition as a county's admin would have it: Kunming with 富民县 under a district's code
    // (530116 is free in the 2023 codes); every unit left out is simply not compared
    const file = path.join(dataDir, '新版区划代码.csv');
    fs.writeFileSync(file, '\uFEFF代码,名称,上级代码\n530000,云南省,\n530100,昆明市,530000\n530116,富民区,530100\n');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('edition-file-read').waitFor();
    const date = page.getByTestId('edition-effective-on');
    await date.click();
    await date.fill('2026-11-01');
    await date.press('Enter');
    await page.getByTestId('edition-reason').fill('新版统计用区划代码（测试）');
    await page.getByTestId('edition-compare').click();

    const proposal = page.locator('[data-testid="edition-proposal"][data-from="530124"][data-to="530116"]');
    await proposal.waitFor();
    expect(await page.getByTestId('edition-proposal').count()).toBe(1);
    expect(await proposal.textContent()).toContain('富民县（530124）');
    expect(await proposal.textContent()).toContain('富民区（530116）');
    expect(await proposal.textContent()).toContain('撤县设区');
    await page.screenshot({ path: path.join(OUTPUT, 'successions-edition-dry-run.png'), fullPage: true });

    await proposal.locator('input[type="checkbox"]').check();
    await page.getByTestId('edition-confirm').click();
    await page.getByText('已记录 1 项承继。').waitFor();
    await page.goto(`${product.url}/successions?unit=530100`);
    const recorded = page.locator('[data-testid="succession-row"][data-from="530124"][data-to="530116"]');
    await recorded.waitFor();
    expect(await recorded.textContent()).toContain('富民区（530116）');
  });
});
