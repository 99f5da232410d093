// An administrator adds a new county (白马县 533425, not in the national tree) under Diqing with its population and a plan with a 60 %
// affordable-share target, and an entry account for Diqing, all in the browser; that person signs
// in, downloads the template, uploads a CSV with a bad row, reads which row and column are wrong,
// fixes the file, dry-runs it clean and imports it for review; the API then has the reports. A
// county office's own workbook (title, two-level header, 合计, footer) dry-runs clean too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, dialogSave } from './support/antd.ts';
import {
  demoPasswords,
  launchBrowser,
  OUTPUT,
  PATIENCE_MS,
  type RunningProduct,
  startAsNewcomer,
} from './support/product.ts';

const ENTRY = 'diqing-import';
const ENTRY_PASSWORD = 'Baima-2026-import';
// the demo reports run from 2021Q1 to 2026Q3: neither county has a report for this quarter, long ended
// (a quarter still running could be imported as drafts but not for review)
const PERIOD = '2020Q4';
const HEADER = '行政区划代码,名称,季度,托位数,普惠托位数';

describe('administration and bulk import in the browser', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-admin-'));
  const csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-csv-'));
  let product: RunningProduct;
  let browser: Browser;
  let passwords: Map<string, string>;
  let admin: Page;
  let entry: Page;

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    passwords = demoPasswords(product.output());
    browser = await launchBrowser();
    admin = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    entry = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage();
    // under load a step may take long; only the test's own timeout ends a wait
    for (const page of [admin, entry]) page.setDefaultTimeout(PATIENCE_MS);
    fs.mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(csvDir, { recursive: true, force: true });
  });

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${product.url}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  /** Reads the API with the page's own session. */
  async function api<T>(page: Page, url: string): Promise<T> {
    const response = await page.request.get(`${product.url}${url}`);
    expect(response.status(), url).toBe(200);
    return (await response.json()) as T;
  }

  /**
   * Chooses a jurisdiction in the tree picker by searching for its name, and waits until the field
   * shows it chosen: under load the search's answer can redraw the list under the click, which is
   * then lost (the field stays empty, as a person would see and click again).
   */
  async function chooseJurisdiction(page: Page, id: string, name: string) {
    const chosen = page.locator(`.ant-select-content[title="${name}"]:has(#${id})`);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await page.locator(`#${id}`).click();
      await page.locator(`#${id}`).fill(name);
      // bounded, so that a list closed or redrawn under the search is opened and searched again
      // within the test's time (with the page's patience, one lost list took all of it: CI, once)
      const clicked = await page
        .locator(`.ant-select-tree-node-content-wrapper[title="${name}"]`)
        .click({ timeout: 20_000 })
        .then(
          () => true,
          () => false,
        );
      if (!clicked) continue;
      const shown = await chosen.waitFor({ timeout: 20_000 }).then(
        () => true,
        () => false,
      );
      if (shown) return;
    }
    throw new Error(`${name} could not be chosen in #${id}`);
  }

  it('lets the administrator add Baima county under Diqing with its population', async () => {
    await signIn(admin, 'demo-admin', passwords.get('demo-admin') as string);
    await admin.getByTestId('nav-admin').click();
    await admin.waitForURL((url) => url.pathname === '/admin');
    // the country's 3,348 units: found by searching, then chosen
    await admin.locator('input[aria-label="按名称或代码查找"]').fill('迪庆');
    await admin.getByRole('treeitem', { name: /迪庆藏族自治州/ }).click();
    await admin.locator('[data-testid="jurisdiction-panel"][data-code="533400"]').waitFor();

    await admin.getByTestId('add-child').click();
    // the level follows the parent: below a prefecture comes a county
    expect(await admin.getByTestId('jurisdiction-level').textContent()).toContain('县（区）');
    // a code in use would rename that unit: refused before anything is sent
    await admin.getByTestId('jurisdiction-code').fill('533423');
    await admin.getByTestId('jurisdiction-name').fill('白马县');
    await admin.getByTestId('jurisdiction-name-en').fill('Baima County');
    await admin.getByTestId('jurisdiction-save').click();
    await expect
      .poll(() => admin.getByRole('dialog').textContent(), { timeout: PATIENCE_MS })
      .toContain('代码 533423 已是维西傈僳族自治县的代码');
    await admin.getByTestId('jurisdiction-code').fill('533425');
    await admin.getByTestId('jurisdiction-save').click();
    await admin.locator('[data-testid="jurisdiction-panel"][data-code="533425"]').waitFor({ timeout: PATIENCE_MS });

    await admin.getByTestId('add-population').click();
    await admin.getByTestId('population-year').fill('2020');
    // the API's own rule, in its words, before anything is sent
    await admin.getByTestId('population-value-input').fill('-5');
    await admin.getByTestId('population-source').fill('第七次全国人口普查（2020年11月1日）');
    await dialogSave(admin).click();
    await expect.poll(() => admin.getByRole('dialog').textContent(), { timeout: PATIENCE_MS }).toContain('应至少为 1');
    await admin.getByTestId('population-value-input').fill('66589');
    await dialogSave(admin).click();
    await expect
      .poll(() => admin.getByTestId('population-value').first().textContent(), { timeout: PATIENCE_MS })
      .toBe('66,589 人');

    const baima = await api<{ level: string; parentCode: string; populations: unknown[] }>(
      admin,
      '/api/v1/jurisdictions/533425',
    );
    expect(baima).toMatchObject({
      level: 'county',
      parentCode: '533400',
      populations: [{ year: 2020, population: 66589, source: '第七次全国人口普查（2020年11月1日）' }],
    });
    await admin.screenshot({ path: path.join(OUTPUT, 'admin-jurisdictions.png'), fullPage: true });
  });

  it('lets the administrator give Baima a plan with a share target typed in percent', async () => {
    await admin.getByRole('tab', { name: '规划与目标' }).click();
    await admin.getByTestId('add-plan').click();
    await chooseJurisdiction(admin, 'plan-jurisdiction', '白马县');
    await admin.getByTestId('plan-document-number').fill('德政办发〔2024〕3号');
    await admin.getByTestId('plan-title').fill('白马县托育服务发展实施方案');
    await admin.getByTestId('plan-issuer').fill('白马县人民政府办公室');
    await dialogSave(admin).click();
    await admin.getByTestId('target-admin').waitFor({ timeout: PATIENCE_MS });

    await admin.getByTestId('add-target').click();
    await chooseOption(admin, 'target-metric', '普惠托位占比');
    await admin.getByTestId('target-value').fill('60');
    // 60 % goes to the API as the fraction 0.6, and the form says so
    await expect
      .poll(() => admin.getByTestId('target-fraction').textContent(), { timeout: PATIENCE_MS })
      .toContain('0.6');
    await admin.getByTestId('target-clause').fill('二(三)');
    await dialogSave(admin).click();
    await expect
      .poll(() => admin.locator('[data-testid="target-row"]').first().textContent(), { timeout: PATIENCE_MS })
      .toContain('≥ 60%');

    const plans = await api<{ jurisdictionCode: string; documentNumber: string; targets: unknown[] }[]>(
      admin,
      '/api/v1/plans',
    );
    // due, unless the administrator changes it, at the end of the five-year cycle the year falls in (2030 in 2026)
    expect(plans.find((plan) => plan.jurisdictionCode === '533425')).toMatchObject({
      documentNumber: '德政办发〔2024〕3号',
      targets: [{ metric: 'affordable_share', comparator: 'at_least', value: 0.6, dueYear: 2030, clause: '二(三)' }],
    });
    await admin.screenshot({ path: path.join(OUTPUT, 'admin-plans.png'), fullPage: true });
  });

  it('lets the administrator create an entry account for Diqing', async () => {
    await admin.getByRole('tab', { name: '账号' }).click();
    await admin.getByTestId('add-account').click();
    await admin.getByTestId('account-username-input').fill(ENTRY);
    await admin.getByTestId('account-display-name').fill('迪庆州批量填报');
    await chooseJurisdiction(admin, 'account-jurisdiction', '迪庆藏族自治州');
    await admin.getByTestId('account-password').fill('too-short');
    await dialogSave(admin).click();
    await expect
      .poll(() => admin.getByRole('dialog').textContent(), { timeout: PATIENCE_MS })
      .toContain('密码至少 10 个字符');
    await admin.getByTestId('account-password').fill(ENTRY_PASSWORD);
    await admin.getByTestId('account-password-repeat').fill(ENTRY_PASSWORD);
    await dialogSave(admin).click();
    const row = admin.locator(`[data-testid="account-row"][data-username="${ENTRY}"]`);
    await row.waitFor({ timeout: PATIENCE_MS });
    expect(await row.textContent()).toContain('填报员');
    expect(await row.textContent()).toContain('迪庆藏族自治州');
    await admin.screenshot({ path: path.join(OUTPUT, 'admin-accounts.png'), fullPage: true });
  });

  it("gives that person the template with Diqing's county-level units", async () => {
    await signIn(entry, ENTRY, ENTRY_PASSWORD);
    await entry.getByTestId('nav-import').click();
    await entry.waitForURL((url) => url.pathname === '/import');
    const [download] = await Promise.all([
      entry.waitForEvent('download'),
      entry.getByTestId('download-template').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tuowei-import-533400-\d{4}Q[1-4]\.xlsx$/);
    const file = path.join(csvDir, 'template.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const codes: string[] = [];
    workbook.worksheets[0].eachRow((row, number) => {
      if (number > 1) codes.push(String(row.getCell(1).value));
    });
    // Diqing's county-level units of the national tree, and the one the admin added
    expect(codes).toEqual(['533401', '533422', '533423', '533425']);
  });

  it('names the bad row and column, writes nothing, then imports the fixed file for review', async () => {
    const upload = async (name: string, lines: string[]) => {
      const file = path.join(csvDir, name);
      fs.writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
      await entry.locator('input[type="file"]').setInputFiles(file);
      await expect
        .poll(() => entry.getByTestId('import-chosen').textContent(), { timeout: PATIENCE_MS })
        .toContain(name);
    };
    const outcome = () => entry.getByTestId('import-outcome').getAttribute('data-outcome');

    await upload(`diqing-${PERIOD}.csv`, [
      `533425,白马县,${PERIOD},120,80`,
      `533423,维西傈僳族自治县,${PERIOD},七百,430`,
    ]);
    expect(await entry.getByTestId('import-commit').isDisabled()).toBe(true);
    await entry.getByTestId('import-dry-run').click();
    await expect.poll(outcome, { timeout: PATIENCE_MS }).toBe('problems');
    const problem = entry.locator('[data-testid="problem-row"][data-row="3"]');
    expect(await problem.textContent()).toContain('托位数');
    expect(await problem.textContent()).toContain('七百');
    expect(await problem.textContent()).toContain('应为整数');
    expect(await entry.locator('[data-testid="problem-row"]').count()).toBe(1);
    expect(await entry.getByTestId('import-commit').isDisabled()).toBe(true);
    await entry.screenshot({ path: path.join(OUTPUT, 'import-problems.png'), fullPage: true });
    // a dry run writes nothing
    expect((await entry.request.get(`${product.url}/api/v1/reports/533425/${PERIOD}`)).status()).toBe(404);

    await upload(`diqing-${PERIOD}-fixed.csv`, [
      `533425,白马县,${PERIOD},120,80`,
      `533423,维西傈僳族自治县,${PERIOD},700,430`,
    ]);
    // a new file needs its own dry run
    expect(await entry.getByTestId('import-commit').isDisabled()).toBe(true);
    await entry.getByTestId('import-submit-option').check();
    await entry.getByTestId('import-dry-run').click();
    await expect.poll(outcome, { timeout: PATIENCE_MS }).toBe('clean');
    expect(await entry.locator('[data-testid="import-row"][data-action="create"]').count()).toBe(2);
    expect(await entry.getByTestId('import-created').textContent()).toBe('2');
    await expect.poll(() => entry.getByTestId('import-commit').isEnabled(), { timeout: PATIENCE_MS }).toBe(true);
    await entry.screenshot({ path: path.join(OUTPUT, 'import-clean.png'), fullPage: true });

    await entry.getByTestId('import-commit').click();
    await expect.poll(outcome, { timeout: PATIENCE_MS }).toBe('committed');
    expect(await entry.getByTestId('import-submitted').textContent()).toBe('2');
    await entry.screenshot({ path: path.join(OUTPUT, 'import-committed.png'), fullPage: true });

    const baima = await api<{ status: string; places: number; affordablePlaces: number }>(
      entry,
      `/api/v1/reports/533425/${PERIOD}`,
    );
    expect(baima).toMatchObject({ status: 'submitted', places: 120, affordablePlaces: 80 });
    const weixi = await api<{ status: string; places: number; affordablePlaces: number }>(
      entry,
      `/api/v1/reports/533423/${PERIOD}`,
    );
    expect(weixi).toMatchObject({ status: 'submitted', places: 700, affordablePlaces: 430 });

    // and the reporting page the import links to shows both as submitted
    await entry.getByTestId('import-completeness-link').click();
    await entry.waitForURL((url) => url.pathname === '/completeness/533400');
    const baimaRow = entry.locator('[data-testid="unit-row"][data-code="533425"]');
    await baimaRow.waitFor({ timeout: PATIENCE_MS });
    expect(await baimaRow.getAttribute('data-state')).toBe('submitted');
  });
  it("dry-runs a county office's own workbook clean and says which rows it skips and why", async () => {
    // a title, a merged two-level header, 序号, "1,205" typed as text, a 合计 row and the footer
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('托育统计');
    sheet.addRow(['迪庆州2026年第三季度托育服务统计表']);
    sheet.mergeCells('A1:H1');
    sheet.addRow(['序号', '行政区划代码', '名称', '季度', '托位数（个）', '其中：普惠托位数', '机构数', null]);
    sheet.addRow([null, null, null, null, null, null, '公办', '社区托育点']);
    for (const column of 'ABCDEF') sheet.mergeCells(`${column}2:${column}3`);
    sheet.mergeCells('G2:H2');
    sheet.addRow([1, '533425', '白马县', '2026Q3', '1,205', '700', 2, 1]);
    sheet.addRow(['合计', null, null, null, 1205, 700, 2, 1]);
    sheet.mergeCells('A5:D5');
    sheet.addRow(['填表人：王春燕', null, null, '审核人：李建国', null, '填报日期：2026年10月9日']);
    const file = path.join(csvDir, 'diqing-2026Q3-county.xlsx');
    await book.xlsx.writeFile(file);

    await entry.goto(`${product.url}/import`);
    await entry.locator('input[type="file"]').setInputFiles(file);
    await expect
      .poll(() => entry.getByTestId('import-chosen').textContent(), { timeout: PATIENCE_MS })
      .toContain('diqing-2026Q3-county.xlsx');
    await entry.getByTestId('import-dry-run').click();
    await expect
      .poll(() => entry.getByTestId('import-outcome').getAttribute('data-outcome'), { timeout: PATIENCE_MS })
      .toBe('clean');
    expect(await entry.getByTestId('import-skipped').textContent()).toBe('2');
    expect(await entry.getByTestId('import-skipped-rows').textContent()).toBe(
      '跳过的行：第 5 行（合计行“合计”）、第 6 行（表尾“填表人：王春燕”）',
    );
    const row = entry.locator('[data-testid="import-row"][data-code="533425"]');
    expect(await row.textContent()).toContain('1,205');
    await entry.screenshot({ path: path.join(OUTPUT, 'import-county-workbook.png'), fullPage: true });
  });
});
