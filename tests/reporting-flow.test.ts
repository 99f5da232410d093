// County staff fill and submit a quarter in the browser, the reviewer above returns it with a
// reason, staff fix it, the reviewer approves; the dashboard's figure follows each step. The
// running quarter may be drafted but not submitted, and a quarter not begun not reported at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod, periodFromIndex, periodIndex, runningPeriod } from '../packages/shared/src/period.ts';
import {
  demoPasswords,
  launchBrowser,
  OUTPUT,
  type RunningProduct,
  signInDemo,
  startAsNewcomer,
} from './support/product.ts';

describe('quarterly reporting in the browser', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-flow-'));
  let product: RunningProduct;
  let browser: Browser;
  let passwords: Map<string, string>;
  let staff: Page;
  let reviewer: Page;
  // The demo's last quarter, 2026Q3, ended and submitted; returned first (below), it is staff's to
  // fill again. A quarter still running could be saved but not submitted, one not begun not at all.
  const report = '/reports/533423/2026Q3';

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    passwords = demoPasswords(product.output());
    browser = await launchBrowser();
    staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    reviewer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const diqing = await signInDemo(product, 'demo-diqing-reviewer');
    const demo = (await (await diqing.fetch(`/api/v1${report}`)).json()) as { version: number; status: string };
    expect(demo.status).toBe('submitted');
    const returned = await diqing.fetch(`/api/v1${report}/return`, {
      method: 'POST',
      headers: { 'if-match': `"${demo.version}"` },
      body: JSON.stringify({ reason: '演示数据，请按实际重新填报' }),
    });
    expect(returned.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(page: Page, username: string) {
    await page.goto(`${product.url}/login`);
    await page.getByLabel(/用户名/).fill(username);
    await page.getByLabel(/密码/).fill(passwords.get(username) as string);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  const status = (page: Page) => page.getByTestId('report-status').textContent();

  /**
   * Places on the dashboard for Weixi at 2026Q3. While 2026Q3 is not counted, 2026Q2's demo figure:
   * 670 on the line from 650 (2025) to 690 (2026) at mid-year, less its wobble of 0.161 % = 669.
   */
  async function dashboardPlaces(): Promise<string> {
    const page = await browser.newPage();
    await page.goto(`${product.url}/progress/533423?period=2026Q3`);
    const text = (await page.getByTestId('actual-places').textContent()) ?? '';
    await page.close();
    return text.replace(/[^\d]/g, '');
  }

  it('prints demo accounts with passwords', () => {
    expect(passwords.get('demo-weixi-entry')).toMatch(/^\S{8,}$/);
    expect(passwords.get('demo-diqing-reviewer')).toMatch(/^\S{8,}$/);
  });

  it('lets county staff fill and submit the quarter', async () => {
    await signIn(staff, 'demo-weixi-entry');
    await staff.goto(`${product.url}${report}`);
    await staff.getByTestId('field-places').fill('700');
    await staff.getByTestId('field-affordablePlaces').fill('420');
    await staff.getByTestId('save-draft').click();
    await expect.poll(() => status(staff), { timeout: 20_000 }).toContain('草稿');
    // a draft is its author's own: the dashboard still shows 2026Q2's demo figure
    expect(await dashboardPlaces()).toBe('669');
    await staff.getByTestId('submit').click();
    await expect.poll(() => status(staff), { timeout: 20_000 }).toContain('已提交');
    expect(await dashboardPlaces()).toBe('700');
    fs.mkdirSync(OUTPUT, { recursive: true });
    await staff.screenshot({ path: path.join(OUTPUT, 'report-submitted.png'), fullPage: true });
  });

  it('lets the reviewer above return it with a reason', async () => {
    await signIn(reviewer, 'demo-diqing-reviewer');
    await reviewer.goto(`${product.url}${report}`);
    await reviewer.getByTestId('return').click();
    await reviewer.getByTestId('return-reason').fill('普惠托位数与备案不一致，请核对');
    await reviewer.getByTestId('return-confirm').click();
    await expect.poll(() => status(reviewer), { timeout: 20_000 }).toContain('已退回');
    expect(await dashboardPlaces()).toBe('669');
  });

  it('shows staff the reason; they fix and resubmit; the reviewer approves', async () => {
    await staff.reload();
    await expect
      .poll(() => staff.locator('body').textContent(), { timeout: 20_000 })
      .toContain('普惠托位数与备案不一致，请核对');
    await staff.getByTestId('field-affordablePlaces').fill('430');
    await staff.getByTestId('save-draft').click();
    await expect.poll(() => status(staff), { timeout: 20_000 }).toContain('草稿');
    await staff.getByTestId('submit').click();
    await expect.poll(() => status(staff), { timeout: 20_000 }).toContain('已提交');

    await reviewer.reload();
    await reviewer.getByTestId('approve').click();
    await expect.poll(() => status(reviewer), { timeout: 20_000 }).toContain('已审核');
    expect(await dashboardPlaces()).toBe('700');
    await reviewer.screenshot({ path: path.join(OUTPUT, 'report-approved.png'), fullPage: true });
  });

  it('lets staff save the running quarter as a draft but not submit it, and refuses a quarter not begun', async () => {
    // the server and the browser read the same clock as this test: today's quarter and the next
    const running = runningPeriod(new Date());
    const next = periodFromIndex(periodIndex(running) + 1);
    await staff.goto(`${product.url}/reports/533423/${formatPeriod(running)}`);
    await staff.getByTestId('field-places').fill('710');
    await staff.getByTestId('field-affordablePlaces').fill('430');
    await staff.getByTestId('save-draft').click();
    await expect.poll(() => status(staff), { timeout: 20_000 }).toContain('草稿');
    expect(await staff.getByTestId('submit').isDisabled()).toBe(true);
    expect(await staff.getByTestId('submit-refusal').textContent()).toContain(
      `${running.year} 年第 ${running.quarter} 季度（${formatPeriod(running)}）尚未结束`,
    );
    await staff.screenshot({ path: path.join(OUTPUT, 'report-running-quarter.png'), fullPage: true });

    await staff.goto(`${product.url}/reports/533423/${formatPeriod(next)}`);
    await expect
      .poll(() => staff.getByTestId('report-window').textContent(), { timeout: 20_000 })
      .toContain(`${next.year} 年第 ${next.quarter} 季度（${formatPeriod(next)}）尚未开始`);
    expect(await staff.getByTestId('save-draft').count()).toBe(0);
    expect(await staff.getByTestId('submit').count()).toBe(0);
  });
});
