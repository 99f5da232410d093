// Chiping's entry staff import the district's 2025 health indicators from a workbook made with
// exceljs: they choose the kind, dry-run a file with an impossible count and read its row, column
// and reason, fix it, import it for review, and the progress page shows each rate with its counts.
// Then, from the residential register's link, the same page imports a new residential project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswords, launchBrowser, OUTPUT, type RunningProduct, startAsNewcomer } from './support/product.ts';

const HEADER = [
  '行政区划代码',
  '名称',
  '年份',
  '活产数',
  '孕产妇死亡数',
  '婴儿死亡数',
  '5 岁以下儿童死亡数',
  '出生男婴数',
  '出生女婴数',
  '孕产妇数',
  '产前筛查人数',
];

async function writeWorkbook(file: string, rows: (string | number | null)[][]): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('健康指标');
  for (const row of rows) sheet.addRow(row);
  await book.xlsx.writeFile(file);
}

describe('yearly health indicators imported in the browser', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-indicators-import-'));
  const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-indicators-files-'));
  let product: RunningProduct;
  let browser: Browser;
  let staff: Page;

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    const passwords = demoPasswords(product.output());
    browser = await launchBrowser();
    staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await staff.goto(`${product.url}/login`);
    await staff.getByLabel(/用户名/).fill('demo-chiping-entry');
    await staff.getByLabel(/密码/).fill(passwords.get('demo-chiping-entry') as string);
    await staff.getByRole('button', { name: /登\s*录/ }).click();
    await staff.waitForURL((url) => !url.pathname.startsWith('/login'));
    fs.mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(fileDir, { recursive: true, force: true });
  });

  const outcome = () => staff.getByTestId('import-outcome').getAttribute('data-outcome');
  const choose = async (name: string, rows: (string | number | null)[][]) => {
    const file = path.join(fileDir, name);
    await writeWorkbook(file, rows);
    await staff.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => staff.getByTestId('import-chosen').textContent()).toContain(name);
  };

  it('names the impossible count by row, column and reason, and writes nothing', async () => {
    await staff.getByTestId('nav-import').click();
    await staff.waitForURL((url) => url.pathname === '/import');
    await staff.getByTestId('import-kind').getByText('年度健康指标').click();
    await staff.waitForURL((url) => url.search === '?kind=indicators');
    await expect.poll(() => staff.locator('h1').textContent()).toBe('批量导入年度健康指标');
    // 3,300 maternal deaths in 3,200 live births cannot be
    await choose('茌平-2025.xlsx', [HEADER, ['371503', '茌平区', 2025, 3200, 3300, 8, 10, 1700, 1500, 3300, null]]);
    await staff.getByTestId('import-dry-run').click();
    await expect.poll(outcome, { timeout: 30_000 }).toBe('problems');
    const problem = staff.locator('[data-testid="problem-row"][data-row="2"]');
    expect(await problem.textContent()).toContain('孕产妇死亡数');
    expect(await problem.textContent()).toContain('3300');
    expect(await problem.textContent()).toContain('孕产妇死亡数不能大于活产数');
    expect(await staff.getByTestId('import-commit').isDisabled()).toBe(true);
    await staff.screenshot({ path: path.join(OUTPUT, 'indicators-import-problems.png'), fullPage: true });
    expect((await staff.request.get(`${product.url}/api/v1/indicators/371503/2025`)).status()).toBe(404);
  });

  it('imports the fixed file for review, and the progress page shows the rates with their counts', async () => {
    await choose('茌平-2025-改.xlsx', [HEADER, ['371503', '茌平区', 2025, 3200, 1, 8, 10, 1700, 1500, 3300, null]]);
    await staff.getByTestId('import-submit-option').check();
    await staff.getByTestId('import-dry-run').click();
    await expect.poll(outcome, { timeout: 30_000 }).toBe('clean');
    expect(await staff.locator('[data-testid="import-row"][data-action="create"]').count()).toBe(1);
    await expect.poll(() => staff.getByTestId('import-commit').isEnabled()).toBe(true);
    await staff.getByTestId('import-commit').click();
    await expect.poll(outcome, { timeout: 30_000 }).toBe('committed');
    expect(await staff.getByTestId('import-submitted').textContent()).toBe('1');
    await staff.screenshot({ path: path.join(OUTPUT, 'indicators-import-committed.png'), fullPage: true });

    const stored = await staff.request.get(`${product.url}/api/v1/indicators/371503/2025`);
    expect(await stored.json()).toMatchObject({ status: 'submitted', liveBirths: 3200, maternalDeaths: 1 });

    await staff.getByTestId('import-progress-link').click();
    await staff.waitForURL((url) => url.pathname === '/progress/371503');
    const maternal = staff.locator('tr', { hasText: '孕产妇死亡率' }).first();
    // 1 × 100,000 ÷ 3,200 = 31.25 per 100,000 against < 8.2: missed, on 1 death in 3,200 births
    await expect.poll(() => maternal.textContent(), { timeout: 20_000 }).toContain('1 例 / 3,200 活产');
    expect(await maternal.textContent()).toContain('31.25');
    expect(await maternal.textContent()).toContain('未达标');
    // 8 × 1,000 ÷ 3,200 = 2.5 per 1,000 against < 3.3: met
    const infant = (await staff.locator('tr', { hasText: '婴儿死亡率' }).first().textContent()) ?? '';
    expect(infant).toContain('8 例 / 3,200 活产');
    expect(infant).toContain('已达标');
    await staff.screenshot({ path: path.join(OUTPUT, 'indicators-import-progress.png'), fullPage: true });
  });

  it('imports the residential register from the link on its page, and the register shows the project', async () => {
    await staff.goto(`${product.url}/residential`);
    await staff.getByTestId('residential-import-link').click();
    await staff.waitForURL((url) => url.pathname === '/import' && url.search === '?kind=residential');
    await expect.poll(() => staff.locator('h1').textContent()).toBe('批量导入新建居住区项目');
    // 3,000 residents at Chiping's ≥ 7 per 1,000 need ⌈21⌉ = 21 places; 18 are planned: 3 short
    const file = path.join(fileDir, '新建居住区.csv');
    fs.writeFileSync(
      file,
      '行政区划代码,项目名称,批准日期,规划居住人口,规划托位数\n371503,振兴花园,2025-03-01,3000,18\n',
    );
    await staff.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => staff.getByTestId('import-chosen').textContent()).toContain('新建居住区.csv');
    expect(await staff.getByTestId('import-submit-option').count()).toBe(0);
    await staff.getByTestId('import-dry-run').click();
    await expect.poll(outcome, { timeout: 30_000 }).toBe('clean');
    await expect.poll(() => staff.getByTestId('import-commit').isEnabled()).toBe(true);
    await staff.getByTestId('import-commit').click();
    await expect.poll(outcome, { timeout: 30_000 }).toBe('committed');
    await staff.getByTestId('import-links').getByRole('link').click();
    await staff.waitForURL((url) => url.pathname === '/residential');
    const row = staff.locator('[data-testid="project-row"][data-project="振兴花园"]');
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getByTestId('project-required').textContent()).toBe('21');
    expect(await row.getByTestId('project-shortfall').textContent()).toBe('3');
  });
});
