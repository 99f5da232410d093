// The audit page as an auditor reads it: the administrator raises Weixi's places target from 4.5
// to 4.8 per 1,000 and moves its year, and the trail shows "4.5 → 4.8" and "2025 → 2026" under the
// fields' names in Chinese and in English, no raw keys, no record id; its export button hands over
// the same trail as a file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, saveDialog } from './support/antd.ts';
import { demoPasswords, launchBrowser, OUTPUT, type RunningProduct, startAsNewcomer } from './support/product.ts';

interface TargetView {
  id: string;
  metric: string;
  value: number;
  dueYear: number;
}

describe('the audit page after a target is edited', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-audit-page-'));
  let product: RunningProduct;
  let browser: Browser;
  let admin: Page;
  let weixiPlan: string;
  let target: TargetView;

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    browser = await launchBrowser();
    admin = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage();
    await admin.goto(`${product.url}/login`);
    await admin.getByTestId('login-username').fill('demo-admin');
    await admin.getByTestId('login-password').fill(demoPasswords(product.output()).get('demo-admin') as string);
    await admin.getByTestId('login-submit').click();
    await admin.waitForURL((url) => !url.pathname.startsWith('/login'));
    const plans = (await (await admin.request.get(`${product.url}/api/v1/plans`)).json()) as {
      id: string;
      jurisdictionCode: string;
      targets: TargetView[];
    }[];
    const weixi = plans.find((plan) => plan.jurisdictionCode === '533423');
    weixiPlan = weixi?.id as string;
    target = weixi?.targets.find(
      (one) => one.metric === 'places_per_1000' && one.value === 4.5 && one.dueYear === 2025,
    ) as TargetView;
    expect(target).toBeDefined();
    fs.mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function editTarget(fill: (page: Page) => Promise<void>) {
    await admin.goto(`${product.url}/admin/plans?plan=${weixiPlan}`);
    const row = admin.locator(`[data-testid="target-row"][data-target="${target.id}"]`);
    await row.getByTestId('edit-target').click({ timeout: 30_000 });
    await fill(admin);
    await saveDialog(admin);
  }

  /** The changes column of the newest target entry, one line per field. */
  async function newestTargetChanges(page: Page): Promise<string[]> {
    const row = page.locator('[data-testid="audit-row"][data-entity="target"]').first();
    await row.waitFor({ timeout: 30_000 });
    return row.getByTestId('field-change').allTextContents();
  }

  it('shows 4.5 → 4.8 under the field’s name in Chinese, nothing else changed, no keys', async () => {
    await editTarget((page) => page.getByTestId('target-value').fill('4.8'));
    const stored = (await (await admin.request.get(`${product.url}/api/v1/plans`)).json()) as {
      targets: TargetView[];
    }[];
    expect(stored.flatMap((plan) => plan.targets).find((one) => one.id === target.id)?.value).toBe(4.8);

    await admin.goto(`${product.url}/audit?entity=target`);
    // only the value changed: the metric, year, clause and scope the form sent again are not listed,
    // nor the target's own id (its entry names it)
    expect(await newestTargetChanges(admin)).toEqual(['目标值4.5 → 4.8']);
    const rowText = await admin.locator('[data-testid="audit-row"][data-entity="target"]').first().textContent();
    expect(rowText).toContain('修改');
    expect(rowText).not.toMatch(/\bvalue\b|\bid\b|（空）/);
    await admin.screenshot({ path: path.join(OUTPUT, 'audit-target-edit-zh.png'), fullPage: true });
  });

  it('writes a year without a separator and the change in English words', async () => {
    await editTarget((page) => page.getByTestId('target-due-year').fill('2026'));
    await admin.goto(`${product.url}/audit?entity=target`);
    expect(await newestTargetChanges(admin)).toEqual(['完成年份2025 → 2026']);

    await admin.getByTestId('language-toggle').click();
    await expect.poll(() => newestTargetChanges(admin)).toEqual(['Due year2025 → 2026']);
    const rows = admin.locator('[data-testid="audit-row"][data-entity="target"]');
    expect(await rows.nth(1).getByTestId('field-change').allTextContents()).toEqual(['Target value4.5 → 4.8']);
    // the record and what was done to it as English UI writes words that stand alone: capitalised
    const newest = (await rows.first().textContent()) ?? '';
    expect(newest).toContain('Changed');
    expect(newest).toMatch(/Target(?! value)/);
    expect(newest).not.toMatch(/\b(changed|target)\b/);
    await admin.screenshot({ path: path.join(OUTPUT, 'audit-target-edit-en.png'), fullPage: true });
    await admin.getByTestId('language-toggle').click();
  });

  it('names every field of a created record in words: a new target with its plan, comparator and scope', async () => {
    await admin.goto(`${product.url}/admin/plans?plan=${weixiPlan}`);
    await admin.getByTestId('add-target').click({ timeout: 30_000 });
    await chooseOption(admin, 'target-metric', '普惠托位占比');
    await admin.getByTestId('target-value').fill('57.5');
    await admin.getByTestId('target-due-year').fill('2027');
    await admin.getByTestId('target-clause').fill('三(一)');
    await saveDialog(admin);

    const plan = (await (await admin.request.get(`${product.url}/api/v1/plans`)).json()) as {
      id: string;
      title: string;
    }[];
    const title = plan.find((one) => one.id === weixiPlan)?.title as string;
    await admin.goto(`${product.url}/audit?entity=target`);
    // a share kept as 0.575 reads as the plan wrote it; the plan by its title, not its id (once
    // the plans have arrived beside the trail: until then the id is all the page has)
    await expect
      .poll(() => newestTargetChanges(admin))
      .toEqual([
        `所属方案${title}`,
        '指标普惠托位占比',
        '比较方式不低于',
        '目标值57.5%',
        '完成年份2027',
        '条款三(一)',
        '适用范围本级',
      ]);
    const lines = await newestTargetChanges(admin);
    expect(lines.join(' ')).not.toMatch(/at_least|self|affordable_share|planId|2,027/);
  });

  it('opens its date range within a phone’s screen, one month above the other', async () => {
    const phone = await admin.context().newPage();
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${product.url}/audit?entity=target`);
      await phone.locator('#audit-dates').click();
      const panels = phone.locator('.tuowei-range-popup .ant-picker-date-panel');
      await expect.poll(() => panels.count(), { timeout: 20_000 }).toBe(2);
      const boxes = await panels.evaluateAll((all) =>
        all.map((panel) => {
          const box = panel.getBoundingClientRect();
          return { left: box.left, right: box.right, top: box.top };
        }),
      );
      for (const box of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(390);
      }
      expect(boxes[1].top).toBeGreaterThan(boxes[0].top);
      // the sheet itself within the screen, its first month's header in view
      const sheet = await phone.locator('.tuowei-range-popup').evaluate((popup) => {
        const box = popup.getBoundingClientRect();
        return { top: box.top, bottom: box.bottom, left: box.left, right: box.right };
      });
      expect(sheet.top).toBeGreaterThanOrEqual(0);
      expect(sheet.bottom).toBeLessThanOrEqual(844);
      expect(sheet.right).toBeLessThanOrEqual(390);
      expect(boxes[0].top).toBeGreaterThanOrEqual(sheet.top);
      await phone.waitForTimeout(400);
      await phone.screenshot({ path: path.join(OUTPUT, 'audit-dates-phone.png') });
      // a range chosen in it is taken, as on a desk: a day of each month
      const dayIn = (panel: number) =>
        panels
          .nth(panel)
          .locator('td.ant-picker-cell-in-view')
          .nth(panel === 0 ? 2 : 9);
      const [from, to] = [await dayIn(0).getAttribute('title'), await dayIn(1).getAttribute('title')];
      await dayIn(0).click();
      await dayIn(1).click();
      await expect.poll(() => new URL(phone.url()).searchParams.get('to'), { timeout: 20_000 }).toBe(to);
      expect(new URL(phone.url()).searchParams.get('from')).toBe(from);
    } finally {
      await phone.close();
    }
  });

  it('hands over the trail it shows as a file from its export button', async () => {
    await admin.goto(`${product.url}/audit?entity=target`);
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByTestId('download-audit-csv').click({ timeout: 30_000 }),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tuowei-audit-all-start-now\.csv$/);
    const file = path.join(dataDir, 'audit.csv');
    await download.saveAs(file);
    const csv = fs.readFileSync(file, 'utf8');
    // the page's filter (targets only): the header, the two edits and the new target, the chain head
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.filter((line) => line.includes(`,update,target,${target.id},`))).toHaveLength(2);
    expect(csv).toContain('""value"":4.8');
  });
});
