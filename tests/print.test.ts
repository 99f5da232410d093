// The gap report on paper: a Yunnan leader opens the print view for 2024Q4, Chromium prints it
// to an A4 PDF, and poppler (an independent reader) finds the title and header on every page,
// Weixi's document number, its places still needed and the page numbers, and no screen chrome.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswords, launchBrowser, OUTPUT, type RunningProduct, startAsNewcomer } from './support/product.ts';

describe('the printed gap report', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-print-'));
  let product: RunningProduct;
  let browser: Browser;
  let passwords: Map<string, string>;

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

  async function signIn(page: Page, username: string) {
    await page.goto(`${product.url}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(passwords.get(username) as string);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  it('prints Yunnan at 2024Q4 on A4 with Weixi’s figures, a header on every page and page numbers', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await signIn(page, 'demo-yunnan-leader');

    // reachable from the progress page
    await page.goto(`${product.url}/progress/530000?period=2024Q4`);
    await page.getByTestId('print-gap-report').click();
    await page.waitForURL((url) => url.pathname === '/print/gap-report');
    expect(new URL(page.url()).search).toBe('?root=530000&period=2024Q4');
    await page.getByTestId('print-title').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('print-title').textContent()).toBe('托位目标差距报告');
    // ⌈4.5 × 146,363 ÷ 1,000⌉ − 600 = 659 − 600 = 59 places; 59 ÷ 4 quarters left = 14.75, planned
    // as 15 a quarter (rounded up: the least to add), the exact figure on hover
    const weixi = page.locator(
      '[data-testid="print-gap-row"][data-code="533423"][data-metric="places_per_1000"][data-due-year="2025"]',
    );
    expect(await weixi.locator('[data-column="gap"]').textContent()).toBe('59');
    expect(await weixi.locator('[data-column="requiredPerQuarter"]').textContent()).toBe('15');
    expect(await weixi.locator('[data-column="requiredPerQuarter"] [title]').getAttribute('title')).toContain('14.75');
    expect(violations).toEqual([]);

    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'gap-report-print-screen.png'), fullPage: true });
    const pdf = path.join(OUTPUT, 'gap-report-530000-2024Q4.pdf');
    await page.pdf({ format: 'A4', printBackground: true, path: pdf });

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    // A4 portrait: poppler names the size (Chromium rounds it to 595.92 × 842.88 points)
    const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/.exec(info) ?? [];
    expect(Number(width)).toBeLessThan(Number(height));
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    // 13 Weixi target rows of two to three lines each fill the first page; the schedule conflict,
    // reconciliation and reporting sections follow, the last listing every one of Yunnan's 128
    // county-level units that sent nothing (the national tree). Chromium 156 with Noto CJK prints 7.
    expect(pages).toBe(7);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pageTexts = text.split('\f').filter((pageText) => pageText.trim() !== '');
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((pageText, index) => {
      // the page header on every page: title, jurisdiction, quarter, data-as-of time
      expect(pageText).toContain('托位目标差距报告');
      expect(pageText).toContain('云南省（530000）及下级单位');
      expect(pageText).toContain('2024 年第 4 季度');
      expect(pageText).toMatch(/数据截至\s+\d{4}年\d{1,2}月\d{1,2}日\s+\d{2}:\d{2}（北京时间）/);
      // page numbers from CSS counters in the page's bottom margin
      expect(pageText).toContain(`第 ${index + 1} 页，共 ${pages} 页`);
    });
    // the schedule conflict names the plan by its document number on one line
    expect(text).toContain('维发〔2023〕15号');
    // Weixi's places-per-1,000 row: target 4.5, current 4.10, gap 59, 15 a quarter, on track
    expect(text).toMatch(/每千人口托位数\s+≥ 4\.5 个\/千人\s+2025\s+4\.10\s+59\s+15\s+4\.61\s+进度正常/);
    // the plan's own 2025 schedule (656) falls 3 short of what 4.5 per 1,000 needs (659)
    expect(text).toMatch(/托位数 656\s.*146,363（2020）\s+659\s+3/);
    // no navigation, toolbar or sign-out on paper
    for (const chrome of ['返回进度', '下载 CSV', '退出', '规划目标']) expect(text).not.toContain(chrome);
    await page.close();
  });

  it('is in the menu for leaders, auditors and admins: their own unit and the last quarter ended, or a choice', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, 'demo-yunnan-leader');
    await page.getByTestId('nav-gap-report').click();
    await page.waitForURL((url) => url.pathname === '/print/gap-report' && url.searchParams.has('root'));
    const address = new URL(page.url()).searchParams;
    expect(address.get('root')).toBe('530000');
    expect(address.get('period')).toMatch(/^\d{4}Q[1-4]$/);
    await page.getByTestId('print-title').waitFor({ timeout: 30_000 });
    await page.context().close();

    // the auditor has the whole country: the page asks which unit
    const auditor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(auditor, 'demo-auditor');
    await auditor.getByTestId('nav-gap-report').click();
    await auditor.waitForURL((url) => url.pathname === '/print/gap-report');
    await expect
      .poll(() => auditor.locator('.tuowei-print-sheet').textContent())
      .toContain('请在上方选择行政区划和季度');
    await auditor.context().close();

    // an entry clerk's menu has no gap report
    const entry = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(entry, 'demo-weixi-entry');
    await entry.getByTestId('nav-report').waitFor();
    expect(await entry.getByTestId('nav-gap-report').count()).toBe(0);
    await entry.context().close();
  });
});
