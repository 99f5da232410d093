// The administrator's jurisdictions page with the national tree (3,348 units) loaded: 维西 found by
// searching, renamed, and found again in its place in the tree; and the pages that name units
// (plans, audit) as well: no answer from /api/v1/jurisdictions is the whole tree, every one is small.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswords, launchBrowser, OUTPUT, type RunningProduct, startAsNewcomer } from './support/product.ts';

/** The whole tree to the counties is some 350 KB of JSON; an answer of a few units is a few KB. */
const TREE_SIZED_BYTES = 100 * 1024;

interface TreeAnswer {
  url: string;
  bytes: number;
}

describe('the admin jurisdictions page without the whole tree', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-jurisdiction-admin-'));
  let product: RunningProduct;
  let browser: Browser;
  let admin: Page;
  const answers: TreeAnswer[] = [];

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    browser = await launchBrowser();
    admin = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    admin.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    // every answer of the jurisdictions route, with the size of its JSON (as read, not as sent)
    admin.on('response', async (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/api/v1/jurisdictions')) return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      answers.push({ url: `${url.pathname}${url.search}`, bytes: body.length });
    });
    await admin.goto(`${product.url}/login`);
    await admin.getByTestId('login-username').fill('demo-admin');
    await admin.getByTestId('login-password').fill(demoPasswords(product.output()).get('demo-admin') as string);
    await admin.getByTestId('login-submit').click();
    await admin.waitForURL((url) => !url.pathname.startsWith('/login'));
    fs.mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const tree = () => admin.getByTestId('jurisdiction-tree');
  const found = () => admin.getByTestId('jurisdiction-search-results');

  it('finds 维西 by searching, renames it, and shows it in its place in the tree', async () => {
    await admin.goto(`${product.url}/admin/jurisdictions`);
    // the provinces, closed: their prefectures come only when one is opened
    await tree()
      .getByRole('treeitem', { name: /北京市/ })
      .waitFor({ timeout: 30_000 });
    expect(
      await tree()
        .getByRole('treeitem', { name: /迪庆藏族自治州/ })
        .count(),
    ).toBe(0);

    await admin.getByTestId('jurisdiction-search').locator('input').fill('维西');
    // the match under the units above it, as the search answered them
    const weixi = found().getByRole('treeitem', { name: /维西傈僳族自治县 · 533423/ });
    await weixi.waitFor({ timeout: 30_000 });
    expect(
      await found()
        .getByRole('treeitem', { name: /迪庆藏族自治州/ })
        .count(),
    ).toBe(1);
    expect(
      await found()
        .getByRole('treeitem', { name: /云南省/ })
        .count(),
    ).toBe(1);
    await weixi.click();
    const panel = admin.locator('[data-testid="jurisdiction-panel"][data-code="533423"]');
    await panel.waitFor({ timeout: 30_000 });
    // its parent named from its own answer, not from the tree
    expect(await panel.textContent()).toContain('迪庆藏族自治州');

    await admin.getByTestId('rename-jurisdiction').click();
    await admin.getByTestId('jurisdiction-name-en').fill('Weixi Lisu Autonomous County (Diqing)');
    await admin.getByTestId('jurisdiction-save').click();
    await expect
      .poll(() => panel.textContent(), { timeout: 30_000 })
      .toContain('Weixi Lisu Autonomous County (Diqing)');
    const stored = await (await admin.request.get(`${product.url}/api/v1/jurisdictions/533423`)).json();
    expect(stored).toMatchObject({
      code: '533423',
      name: '维西傈僳族自治县',
      nameEn: 'Weixi Lisu Autonomous County (Diqing)',
    });

    // the search cleared: the tree, opened down to the unit chosen
    await admin.getByTestId('jurisdiction-search').locator('input').fill('');
    await tree()
      .getByRole('treeitem', { name: /维西傈僳族自治县 · 533423/ })
      .waitFor({ timeout: 30_000 });
    expect(
      await tree()
        .getByRole('treeitem', { name: /德钦县/ })
        .count(),
    ).toBe(1);
    await admin.screenshot({ path: path.join(OUTPUT, 'admin-jurisdictions-search.png'), fullPage: true });
  });

  it('names the plans’ and the audit trail’s units without the tree', async () => {
    await admin.goto(`${product.url}/plans`);
    await admin.locator('.tuowei-plan-card', { hasText: '维西傈僳族自治县' }).first().waitFor({ timeout: 30_000 });
    await admin.goto(`${product.url}/audit`);
    // the rename above, its unit by name
    await admin
      .locator('[data-testid="audit-row"]', { hasText: '维西傈僳族自治县' })
      .first()
      .waitFor({ timeout: 30_000 });
  });

  it('never received the whole tree: every jurisdictions answer under 100 KB of JSON', () => {
    expect(answers.length).toBeGreaterThan(3);
    const large = answers.filter((answer) => answer.bytes > TREE_SIZED_BYTES);
    expect(large).toEqual([]);
    // nor asked for it: neither the bare list nor the levels down to the counties
    const whole = answers.filter(
      (answer) => answer.url === '/api/v1/jurisdictions' || answer.url.includes('level=province,'),
    );
    expect(whole).toEqual([]);
    // the search asked the API, within a limit
    expect(
      answers.some((answer) => answer.url.startsWith('/api/v1/jurisdictions?q=') && answer.url.includes('limit=50')),
    ).toBe(true);
    console.log(`jurisdictions answers: ${answers.length}, largest ${Math.max(...answers.map((a) => a.bytes))} bytes`);
  });
});
