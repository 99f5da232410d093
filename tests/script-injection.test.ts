// Script injection: names, comments and reasons that carry markup are shown as text in the web
// app, never run (checked in Chromium on every page that shows them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchBrowser, type RunningProduct, serveApi, signInDemo } from './support/product.ts';

const NAME = '<img src=x onerror="window.__xss=1">德钦';
const NAME_EN = '<script>window.__xss=2</script>Deqin';
const COMMENT = '<script>window.__xss=3</script>一所机构停办';
const REASON = '<img src=x onerror=window.__xss=4>请核对';

describe('markup in what people type', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-xss-'));
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    product = await serveApi({ PORT: String(await freePort()), TUOWEI_DATA_DIR: dataDir });
    const admin = await signInDemo(product, 'demo-admin');
    const created = await admin.fetch('/api/v1/jurisdictions/533425', {
      method: 'PUT',
      body: JSON.stringify({ name: NAME, nameEn: NAME_EN, level: 'county', parentCode: '533400' }),
    });
    expect(created.status).toBe(201);
    const entry = await signInDemo(product, 'demo-weixi-entry');
    const url = '/api/v1/reports/533423/2020Q4';
    expect(
      (
        await entry.fetch(url, {
          method: 'PUT',
          body: JSON.stringify({ places: 700, affordablePlaces: 420, comment: COMMENT }),
        })
      ).status,
    ).toBe(201);
    const submitted = await entry.fetch(`${url}/submit`, { method: 'POST', headers: { 'if-match': '"1"' } });
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    const reviewer = await signInDemo(product, 'demo-diqing-reviewer');
    expect(
      (
        await reviewer.fetch(`${url}/return`, {
          method: 'POST',
          headers: { 'if-match': '"2"' },
          body: JSON.stringify({ reason: REASON }),
        })
      ).status,
    ).toBe(200);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['the progress page', '/progress/533425?period=2020Q4', NAME],
    ['the report with its comment and return reason', '/reports/533423/2020Q4', REASON],
    ['completeness', '/completeness/533400?period=2020Q4', NAME],
    ['the audit trail', '/audit', 'reviewer'],
  ])('shows markup as text on %s', async (_name, url, visible) => {
    const reviewer = await signInDemo(product, 'demo-auditor');
    const context = await browser.newContext({ locale: 'zh-CN' });
    const [name, value] = reviewer.cookie.split('=');
    await context.addCookies([{ name, value, url: product.url }]);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(`${product.url}${url}`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('body').textContent(), { timeout: 20_000 }).toContain(visible);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
