// A newcomer's first run: the README's start command serves API and web on the embedded
// Postgres with the five plans; a browser reads a Weixi target off the screen; a restart keeps
// what was stored, and a second start on the same folder refuses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchBrowser, OUTPUT, type RunningProduct, startProduct } from './support/product.ts';

describe("the README's start command", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-e2e-'));
  let product: RunningProduct;
  let browser: Browser;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    product = await startProduct({
      command: 'npm',
      args: ['start'],
      env: { PORT: String(port), TUOWEI_DATA_DIR: dataDir },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints where it serves and that demo data is loaded', () => {
    expect(product.output()).toContain(`http://127.0.0.1:${port}/`);
    expect(product.output()).toMatch(/demo reports: loaded \(\d+ new\)/);
  });

  it("shows Weixi's places still needed, the pace and the status at 2024Q4", async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    // the page must work under the server's content security policy
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${product.url}/progress/533423?period=2024Q4`);
    const row = page.locator(
      '[data-testid="target-row"][data-metric="places_per_1000"][data-due-year="2025"][data-plan="533423"]',
    );
    await row.waitFor({ timeout: 30_000 });
    // ⌈4.5 × 146,363 ÷ 1,000⌉ − 600 = 59; 59 ÷ 4 = 14.75, planned as 15; 600 ÷ 146.363 = 4.10
    expect(await row.locator('[data-testid="gap"]').textContent()).toBe('59');
    expect(await row.locator('[data-testid="required"]').textContent()).toBe('15');
    expect(await row.locator('[data-testid="required"]').getAttribute('title')).toContain('14.75');
    expect(await row.locator('[data-testid="current"]').textContent()).toContain('4.10');
    expect(await row.locator('[data-testid="status"]').textContent()).toContain('进度正常');
    expect(await page.locator('body').textContent()).toContain('演示数据');
    expect(violations).toEqual([]);
    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'weixi-2024Q4.png'), fullPage: true });
    await page.close();
  });

  it('refuses a second start on the same data folder, naming it', async () => {
    const otherPort = await freePort();
    await expect(
      startProduct({
        command: 'npm',
        args: ['start'],
        env: { PORT: String(otherPort), TUOWEI_DATA_DIR: dataDir },
        timeoutMs: 120_000,
      }),
    ).rejects.toThrow(new RegExp(`data folder ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use`));
  });

  it('keeps what was stored across a restart', async () => {
    const before = await (await fetch(`${product.url}/api/v1/progress/533423?period=2024Q4`)).json();
    await product.stop();
    // the server finishes its shutdown after npm and pnpm have gone: wait for it to let go of the folder
    for (let waited = 0; fs.existsSync(path.join(dataDir, 'tuowei.lock')) && waited < 20_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    product = await startProduct({
      command: 'npm',
      args: ['start'],
      env: { PORT: String(port), TUOWEI_DATA_DIR: dataDir },
    });
    // nothing is loaded twice, and the answer is the same
    expect(product.output()).toContain('demo reports: loaded (0 new)');
    const after = await (await fetch(`${product.url}/api/v1/progress/533423?period=2024Q4`)).json();
    expect(after).toEqual(before);
  });
});
