// The dashboard as a leader uses it, on the product started by the README's command: Weixi's page
// answers "will it reach 4.5 per 1,000 by 2025, how many places, how many a quarter", a drill from
// Yunnan down to Weixi and back, Linfen's 17 counties listed, a province page and the picker
// fetching the tree a unit at a time, a chart's CSV, both
// languages, the overview asking for neither every jurisdiction nor every plan, and axe-core
// finding nothing serious on the overview, Weixi's page, the plans, the sign-in page and (signed
// in) the audit trail.
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, OUTPUT, signInDemo } from './support/product.ts';

const WEIXI = '/dashboard/533423?period=2024Q4';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('the dashboard', () => {
  const suite = browserSuite('dashboard');

  /** A fresh browser profile in Chinese (the default), watching for content-security-policy refusals. */
  async function openPage(
    options: { bypassCSP?: boolean; signedInAs?: string } = {},
  ): Promise<{ page: Page; violations: string[] }> {
    const context = await suite.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
      bypassCSP: options.bypassCSP ?? false,
    });
    if (options.signedInAs) {
      const session = await signInDemo(suite.product, options.signedInAs);
      const [name, value] = session.cookie.split('=');
      await context.addCookies([{ name, value, url: suite.product.url }]);
    }
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return { page, violations };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUTPUT, name), fullPage: true });

  /** A panel's chart, drawn once the reader scrolls it near the screen. */
  async function chartDrawn(page: Page, panel: string) {
    await page.getByTestId(`panel-${panel}`).scrollIntoViewIfNeeded();
    await page.locator(`[data-testid="panel-${panel}"] .recharts-surface`).first().waitFor({ timeout: 30_000 });
  }

  it("reads Weixi's binding target off the screen: 59 places still needed, 15 a quarter (14.75), on track", async () => {
    const { page, violations } = await openPage();
    await page.goto(`${suite.product.url}${WEIXI}`);
    const headline = page.getByTestId('binding-headline');
    await headline.waitFor({ timeout: 30_000 });
    // ⌈4.5 × 146,363 ÷ 1,000⌉ = 659; 659 − 600 = 59; 59 ÷ 4 quarters (2025Q1–Q4) = 14.75, planned as
    // 15 places a quarter (a pace needed is a minimum: rounded up), the exact figure on hover
    expect(await headline.getByTestId('headline-target').textContent()).toContain('4.5');
    expect(await headline.getByTestId('headline-target').textContent()).toContain('2025');
    expect(await headline.getByTestId('headline-gap-value').textContent()).toBe('59');
    expect(await headline.getByTestId('headline-pace-value').textContent()).toBe('15');
    expect(await headline.getByTestId('headline-pace-value').locator('[title]').getAttribute('title')).toBe(
      '确切值：14.75（向上取整显示）',
    );
    expect(await headline.getByTestId('headline-status-word').textContent()).toBe('进度正常');
    // the forecast that makes it "on track": 4.61 ≥ 4.5
    expect(await headline.getByTestId('headline-forecast').textContent()).toContain('4.61');
    // the plan's own schedule (656) falls 3 short of what 4.5 per 1,000 needs (659)
    const finding = page.getByTestId('schedule-finding');
    expect(await finding.textContent()).toMatch(/656[\s\S]*3[\s\S]*659/);
    // the source of the target, on hover
    await headline.getByTestId('target-source').hover();
    const source = page.getByTestId('target-source-details');
    await source.waitFor();
    expect(await source.textContent()).toContain('维发〔2023〕15号');
    expect(await source.textContent()).toContain('一(二)');
    // the places chart is drawn, and its table holds the same rows
    await chartDrawn(page, 'places');
    expect(await page.locator('body').textContent()).toContain('演示数据');
    await shot(page, 'dashboard-weixi-zh.png');

    await page.getByTestId('panel-places').getByText('表格', { exact: true }).click();
    const row = page.locator('[data-testid="places-table"] tr[data-row-key="2025Q4"]');
    await row.waitFor();
    // the due quarter: 659 needed by the ratio, 656 scheduled, the required pace arriving at 659
    // (600 at 2024Q4 + 4 quarters × 14.75)
    expect(await row.getByTestId('cell-neededByRatio').textContent()).toBe('659');
    expect(await row.getByTestId('cell-scheduled').textContent()).toBe('656');
    expect(await row.getByTestId('cell-requiredPace').textContent()).toBe('659');

    // the CSV holds exactly those rows: BOM, Chinese headings, unrounded numbers
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('places-csv').click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF季度,托位数,')).toBe(true);
    expect(csv).toContain('\r\n2024Q4,600,586,659,600,600,1\r\n');
    expect(csv).toContain('\r\n2025Q1,,,659,618.575,614.75,\r\n');
    expect(download.suggestedFilename()).toBe('tuowei-533423-places-2024Q4.csv');
    expect(violations).toEqual([]);
  });

  it('drills from Yunnan to Diqing to Weixi by the links on the page, and back by the breadcrumb', async () => {
    const { page } = await openPage();
    await page.goto(`${suite.product.url}/dashboard/530000?period=2024Q4`);
    // the province's figures say what they stand on: Weixi, the one of its 129 county-level units
    // (national tree) that reported 2024Q4, 146,363 of Yunnan's 46,730,000 residents (2023's figure
    // carried to 2024): 0.313 %, shown as 0.3 %
    const coverage = page.getByTestId('coverage-line').first();
    await coverage.waitFor({ timeout: 30_000 });
    expect(await coverage.textContent()).toBe('依据 129 个县级单位中已报的 1 个（2024 年第 4 季度），占常住人口 0.3%');
    await page.getByTestId('child-link-533400').click();
    await page.waitForURL(/\/dashboard\/533400\?period=2024Q4$/);
    await page.getByTestId('panel-gap-ranking').waitFor({ timeout: 30_000 });
    // Diqing's figures: Weixi, 1 of its 3 counties, 146,363 of its 387,511 residents (2020): 37.8 %
    const diqingCoverage = page.getByTestId('coverage-line').first();
    await diqingCoverage.waitFor({ timeout: 30_000 });
    expect(await diqingCoverage.textContent()).toBe(
      '依据 3 个县级单位中已报的 1 个（2024 年第 4 季度），占常住人口 37.8%',
    );
    // Diqing's only county with a report, ranked by places still needed (659 − 600), with its pace
    const ranked = page.locator('[data-testid="gap-ranking-table"] tr[data-row-key="533423"]');
    expect(await ranked.getByTestId('cell-placesNeeded').textContent()).toBe('59');
    expect(await ranked.locator('.tuowei-pace').textContent()).toBe('15');
    expect(await ranked.locator('.tuowei-pace').getAttribute('title')).toContain('14.75');
    await shot(page, 'dashboard-diqing-zh.png');
    await ranked.getByTestId('unit-link-533423').click();
    await page.waitForURL(/\/dashboard\/533423\?period=2024Q4$/);
    await page.getByTestId('binding-headline').waitFor();
    expect(await page.getByTestId('breadcrumb').textContent()).toMatch(
      /全国.*云南省.*迪庆藏族自治州.*维西傈僳族自治县/,
    );

    await page.getByTestId('breadcrumb-533400').click();
    await page.waitForURL(/\/dashboard\/533400\?period=2024Q4$/);
    await page.getByTestId('breadcrumb-530000').click();
    await page.waitForURL(/\/dashboard\/530000\?period=2024Q4$/);
    await page.locator('h1', { hasText: '云南省' }).waitFor();
    await page.getByTestId('breadcrumb-country').click();
    await page.waitForURL(/\/\?period=2024Q4$/);
    await page.getByTestId('provinces-table').waitFor();
  });

  it("lists Linfen's 17 county-level units against its every-county target, none of them known yet", async () => {
    const { page } = await openPage();
    await page.goto(`${suite.product.url}/dashboard/141000?period=2024Q4`);
    const cascade = page.locator('[data-testid="cascade"][data-kind="public_demonstration"]');
    const unknown = cascade.getByTestId('cascade-unknown');
    await unknown.waitFor({ timeout: 30_000 });
    // the national tree is loaded: no "not in the system" any more, but every unit listed, with no report
    expect(await page.getByTestId('cascade-no-units').count()).toBe(0);
    expect(await unknown.textContent()).toContain('（17 个）');
    expect(await unknown.locator('li').count()).toBe(17);
    expect(await unknown.textContent()).toContain('尧都区');
    expect(await unknown.textContent()).toContain('霍州市');
    await shot(page, 'dashboard-linfen-zh.png');
  });

  it("shows a province's prefectures from its own children, and the picker opens the tree one unit at a time", async () => {
    const { page } = await openPage();
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/v1/jurisdictions')) asked.push(`${url.pathname}${url.search}`);
    });
    const started = Date.now();
    await page.goto(`${suite.product.url}/dashboard/530000?period=2024Q4`);
    await page.getByTestId('child-link-533400').waitFor({ timeout: 30_000 });
    console.log(`province page (Yunnan) to its prefectures' links: ${Date.now() - started} ms`);
    // Yunnan's 16 prefecture-level units, from ?parent=530000
    expect(await page.locator('[data-testid="children-links"] a[data-testid^="child-link-"]').count()).toBe(16);
    expect(asked).toContain('/api/v1/jurisdictions?parent=530000');
    // the whole tree is never asked for: one unit, the provinces, one unit's children
    expect(asked.filter((url) => url === '/api/v1/jurisdictions' || url.includes('level=province,'))).toEqual([]);

    await page.locator('#dashboard-jurisdiction-picker').click();
    // the provinces, scrolled to the one in view (Yunnan); Guizhou, just above it, not yet opened
    const node = (title: string) => page.locator(`.ant-select-tree-node-content-wrapper[title="${title}"]`);
    await node('贵州省').waitFor({ timeout: 30_000 });
    expect(await node('贵阳市').count()).toBe(0);
    expect(asked).not.toContain('/api/v1/jurisdictions?parent=520000');
    await page
      .locator('.ant-select-tree-treenode', { has: node('贵州省') })
      .locator('.ant-select-tree-switcher')
      .click();
    await node('贵阳市').waitFor({ timeout: 30_000 });
    expect(asked).toContain('/api/v1/jurisdictions?parent=520000');
    await node('贵阳市').click();
    await page.waitForURL(/\/dashboard\/520100\?period=2024Q4$/);
    await page.getByTestId('child-link-520102').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('breadcrumb').textContent()).toMatch(/全国.*贵州省.*贵阳市/);
  });

  it('asks the API once for a name typed a character at a time, drops its matches when the text changes, and goes to the unit chosen', async () => {
    const { page } = await openPage();
    const searches: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      const q = url.searchParams.get('q');
      if (url.pathname === '/api/v1/jurisdictions' && q !== null) searches.push(q);
    });
    await page.goto(`${suite.product.url}/dashboard/530000?period=2024Q4`);
    await page.getByTestId('child-link-533400').waitFor({ timeout: 30_000 });
    await page.locator('#dashboard-jurisdiction-picker').click();
    // three characters, 60 ms apart: well inside the pause the picker waits for
    await page.locator('#dashboard-jurisdiction-picker').pressSequentially('维西傈', { delay: 60 });
    const match = page.locator('.ant-select-tree-node-content-wrapper[title="维西傈僳族自治县"]');
    await match.waitFor({ timeout: 30_000 });
    expect(searches).toEqual(['维西傈']);
    // the text replaced: the older text's match goes at once, not when the new search answers
    await page.locator('#dashboard-jurisdiction-picker').fill('贵阳');
    expect(await match.count()).toBe(0);
    const guiyang = page.locator('.ant-select-tree-node-content-wrapper[title="贵阳市"]');
    await guiyang.waitFor({ timeout: 30_000 });
    expect(searches).toEqual(['维西傈', '贵阳']);
    await guiyang.click();
    await page.waitForURL(/\/dashboard\/520100\?period=2024Q4$/);
    expect(await page.locator('h1').textContent()).toContain('贵阳市');
  });

  it('switches to English and back, numbers and words following, and remembers the choice', async () => {
    const { page } = await openPage();
    await page.goto(`${suite.product.url}${WEIXI}`);
    await page.getByTestId('binding-headline').waitFor({ timeout: 30_000 });
    await page.getByTestId('language-toggle').click();
    await page.getByText('On track', { exact: true }).first().waitFor();
    expect(await page.getByTestId('headline-status-word').textContent()).toBe('On track');
    expect(await page.locator('h1').textContent()).toContain('Weixi Lisu Autonomous County');
    expect(await page.getByTestId('headline-pace-value').textContent()).toBe('15');
    expect(await page.getByTestId('headline-pace-value').locator('[title]').getAttribute('title')).toBe(
      'Exactly 14.75 (shown rounded up)',
    );
    expect(await page.getByTestId('headline-sentence').textContent()).toContain('59 more places');
    await chartDrawn(page, 'places');
    await shot(page, 'dashboard-weixi-en.png');
    await page.reload();
    await page.getByTestId('binding-headline').waitFor();
    expect(await page.getByTestId('headline-status-word').textContent()).toBe('On track');

    await page.goto(`${suite.product.url}/?period=2024Q4`);
    await page.locator('[data-testid="provinces-table"] tr[data-row-key="140000"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('provinces-table').textContent()).toContain('Shanxi Province');
    await page
      .locator('[data-testid="headline-row"][data-plan="533423"] .ant-tag')
      .first()
      .waitFor({ timeout: 30_000 });
    await shot(page, 'dashboard-overview-en.png');

    await page.getByTestId('language-toggle').click();
    await page.getByText('托位总览').waitFor();
    expect(await page.getByTestId('provinces-table').textContent()).toContain('山西省');
  });

  it('shows every province and the headline targets on the overview, in Chinese by default', async () => {
    const { page } = await openPage();
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${suite.product.url}/`);
    // the quarter is written into the address
    await page.waitForURL(/\/\?period=\d{4}Q[1-4]$/);
    await page.goto(`${suite.product.url}/?period=2024Q4`);
    const shanxi = page.locator('[data-testid="provinces-table"] tr[data-row-key="140000"]');
    await shanxi.waitFor({ timeout: 30_000 });
    // Shanxi: 134,572 places for 34,659,900 people = 3.88 per 1,000 against 4.5, 55.0 % affordable
    const text = await shanxi.textContent();
    expect(text).toContain('134,572');
    expect(text).toContain('3.88');
    expect(text).toContain('4.5');
    expect(text).toContain('55.0%');
    expect(await page.getByTestId('demo-notice').textContent()).toContain('演示数据');
    const weixi = page.locator('[data-testid="headline-row"][data-plan="533423"][data-metric="places_per_1000"]');
    await weixi.locator('.ant-tag').waitFor({ timeout: 30_000 });
    // 659 places needed by 2025 (4.5 per 1,000), 600 there at 2024Q4
    expect(await weixi.getByTestId('headline-gap').textContent()).toBe('59');
    expect(await weixi.textContent()).toContain('进度正常');
    // the plan's jurisdiction is named, from the overview's own answer
    expect(await weixi.getByRole('link').first().textContent()).toBe('维西傈僳族自治县');
    await chartDrawn(page, 'province-ratio');
    await shot(page, 'dashboard-overview-zh.png');
    // the overview's answer carries what the page names and shows: no list of every jurisdiction
    // (townships will make it long) nor of every plan, nor each plan's progress one by one
    const api = asked.filter((pathname) => pathname.startsWith('/api/'));
    expect(api).toContain('/api/v1/overview');
    expect(api.filter((pathname) => /^\/api\/v1\/(jurisdictions|plans|progress)\b/.test(pathname))).toEqual([]);
  });

  /** axe-core's serious and critical findings on the page as it stands. */
  async function accessibilityViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axe.source });
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.run(document),
    )) as unknown as { violations: AxeViolation[] };
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
      );
  }

  it('has no serious or critical accessibility violation (axe-core) on the overview or on Weixi', async () => {
    // axe is injected as an inline script, which the product's content security policy refuses
    const { page } = await openPage({ bypassCSP: true });

    await page.goto(`${suite.product.url}/?period=2024Q4`);
    await page.locator('[data-testid="provinces-table"] tr[data-row-key="140000"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="headline-row"] .ant-tag').first().waitFor({ timeout: 30_000 });
    await chartDrawn(page, 'province-ratio');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${suite.product.url}${WEIXI}`);
    await page.getByTestId('binding-headline').waitFor({ timeout: 30_000 });
    await chartDrawn(page, 'affordable');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('has no serious or critical accessibility violation on the plans, the sign-in page and the audit trail', async () => {
    // the app's one theme gives links, secondary text and status words their contrast everywhere
    const { page } = await openPage({ bypassCSP: true });
    await page.goto(`${suite.product.url}/plans`);
    await page.getByText('维发〔2023〕15号').first().waitFor({ timeout: 30_000 });
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${suite.product.url}/login`);
    await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
    expect(await accessibilityViolations(page)).toEqual([]);

    const { page: auditor } = await openPage({ bypassCSP: true, signedInAs: 'demo-auditor' });
    await auditor.goto(`${suite.product.url}/audit`);
    await auditor.getByTestId('signed-in-user').waitFor({ timeout: 30_000 });
    await auditor.getByTestId('audit-row').first().waitFor({ timeout: 30_000 });
    expect(await accessibilityViolations(auditor)).toEqual([]);
    await shot(auditor, 'audit-zh.png');
  });
});
