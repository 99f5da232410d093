// The header on a phone (390 × 844), signed in as the admin, whose menu is the longest: the links
// fold into a menu that opens below the header, every entry inside the screen and followable, and
// no page scrolls sideways: the overview, a county's dashboard, the plans and the audit trail, in
// Chinese and in English. Screenshots in test-output/.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../apps/api/test/support/backends.ts';
import { freePort, launchBrowser, OUTPUT, type RunningProduct, serveApi, signInDemo } from './support/product.ts';

const PHONE = { width: 390, height: 844 };
const ADMIN_MENU = [
  'nav-overview',
  'nav-plans',
  'nav-progress',
  'nav-completeness',
  'nav-report',
  'nav-gap-report',
  'nav-audit',
  'nav-residential',
  'nav-admin',
];
/** Each page with what shows it has arrived. */
const PAGES = [
  { name: 'overview', address: '/?period=2024Q4', arrived: '[data-testid="headline-row"]' },
  { name: 'county', address: '/dashboard/533423?period=2024Q4', arrived: '[data-testid="binding-headline"]' },
  { name: 'plans', address: '/plans', arrived: 'main h1' },
  { name: 'audit', address: '/audit', arrived: '[data-testid="audit-row"]' },
];

describe('the header on a phone', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let product: RunningProduct;
  let browser: Browser;
  let cookie: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    product = await serveApi({ PORT: String(await freePort()), DATABASE_URL: database.url, TUOWEI_DEMO: '1' });
    browser = await launchBrowser();
    cookie = (await signInDemo(product, 'demo-admin')).cookie;
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await database?.drop();
  });

  async function phonePage(language: 'zh' | 'en'): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: product.url }]);
    await context.addInitScript((chosen) => window.localStorage.setItem('tuowei.language', chosen), language);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return page;
  }

  const scrollWidth = (page: Page) => page.evaluate(() => (document.scrollingElement as Element).scrollWidth);

  /** Where an element ends on the right and at the bottom, or infinity if it is not shown. */
  async function farEdges(page: Page, testId: string) {
    const box = await page.getByTestId(testId).boundingBox();
    return box
      ? { left: box.x, right: box.x + box.width, bottom: box.y + box.height }
      : { left: -1, right: Number.POSITIVE_INFINITY, bottom: Number.POSITIVE_INFINITY };
  }

  for (const language of ['zh', 'en'] as const) {
    it(`folds the admin's nine links into a menu, every one inside the screen, on four pages (${language})`, async () => {
      const page = await phonePage(language);
      for (const { name, address, arrived } of PAGES) {
        await page.goto(`${product.url}${address}`);
        await page.locator(arrived).first().waitFor({ timeout: 30_000 });
        expect(await page.locator('html').getAttribute('lang')).toMatch(language === 'zh' ? /^zh/ : /^en/);
        expect(await scrollWidth(page), `${name} scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
        // the links are folded: none of them is on the header's line
        for (const id of ADMIN_MENU) expect(await page.getByTestId(id).count(), id).toBe(0);
        for (const id of ['menu-toggle', 'language-toggle']) {
          const edges = await farEdges(page, id);
          expect(edges.right, `${id} on ${name}`).toBeLessThanOrEqual(PHONE.width);
        }
        if (name === 'plans') {
          // each plan's name whole, not cut short by an ellipsis beside its progress link
          const cut = await page
            .locator('.tuowei-plan-card .ant-card-head-title')
            .evaluateAll((headings) =>
              headings
                .filter((heading) => heading.scrollWidth > heading.clientWidth)
                .map((heading) => heading.textContent),
            );
          expect(cut).toEqual([]);
        }
        await page.screenshot({ path: path.join(OUTPUT, `phone-${name}-${language}.png`), fullPage: true });

        await page.getByTestId('menu-toggle').click();
        await page.getByTestId('menu-panel').waitFor();
        expect(await page.getByTestId('menu-toggle').getAttribute('aria-expanded')).toBe('true');
        for (const id of [...ADMIN_MENU, 'signed-in-user', 'sign-out']) {
          const edges = await farEdges(page, id);
          expect(edges.left, `${id} on ${name}`).toBeGreaterThanOrEqual(0);
          expect(edges.right, `${id} on ${name}`).toBeLessThanOrEqual(PHONE.width);
          expect(edges.bottom, `${id} on ${name}`).toBeLessThanOrEqual(PHONE.height);
        }
        expect(await scrollWidth(page), `${name} with the menu open`).toBeLessThanOrEqual(PHONE.width);
        if (name === 'overview') {
          await page.screenshot({ path: path.join(OUTPUT, `phone-menu-open-${language}.png`) });
        }
        // Escape closes it again
        await page.keyboard.press('Escape');
        await page.getByTestId('menu-panel').waitFor({ state: 'detached' });
      }
      await page.context().close();
    });
  }

  it('follows a link from the menu, which then closes', async () => {
    const page = await phonePage('zh');
    await page.goto(`${product.url}/?period=2024Q4`);
    await page.locator('[data-testid="headline-row"]').first().waitFor({ timeout: 30_000 });
    for (const [id, pathname] of [
      ['nav-plans', '/plans'],
      ['nav-audit', '/audit'],
      ['nav-admin', '/admin'],
    ]) {
      await page.getByTestId('menu-toggle').click();
      await page.getByTestId(id).click();
      await page.waitForURL((url) => url.pathname === pathname, { timeout: 30_000 });
      await page.getByTestId('menu-panel').waitFor({ state: 'detached' });
      expect(await page.getByTestId('menu-toggle').getAttribute('aria-expanded')).toBe('false');
    }
    await page.context().close();
  });

  it('stays open while the page arriving writes its quarter into the address, and closes on a link to this page', async () => {
    const page = await phonePage('zh');
    // the overview's code held back until the menu is open, as on a slow phone: the page then
    // arrives under the open menu and writes ?period= into the address
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/overview-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${product.url}/`);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('nav-admin').waitFor();
    release();
    await page.waitForURL((url) => url.searchParams.has('period'), { timeout: 30_000 });
    await page.locator('main h1').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('menu-toggle').getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('nav-admin').click();
    await page.waitForURL((url) => url.pathname === '/admin', { timeout: 30_000 });
    await page.getByTestId('menu-panel').waitFor({ state: 'detached' });

    // the link to the page already shown moves nowhere, and still closes the menu
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('menu-panel').waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.context().close();
  });

  async function laptopPage(language: 'zh' | 'en', width = 1280): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 800 } });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: product.url }]);
    await context.addInitScript((chosen) => window.localStorage.setItem('tuowei.language', chosen), language);
    const page = await context.newPage();
    await page.goto(`${product.url}/?period=2024Q4`);
    await page.locator('[data-testid="headline-row"]').first().waitFor({ timeout: 30_000 });
    return page;
  }

  /** The admin's links and the signed-in person on the header's line, inside the screen, none over another. */
  async function onOneLine(page: Page, width: number) {
    expect(await page.getByTestId('menu-toggle').count()).toBe(0);
    const boxes = [];
    for (const id of [...ADMIN_MENU, 'nav-budget', 'signed-in-user', 'sign-out', 'language-toggle']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box, id).not.toBeNull();
      const { x, y, width: w, height } = box as NonNullable<typeof box>;
      expect(x + w, id).toBeLessThanOrEqual(width);
      // on the header's line (64 px high)
      expect(y + height, id).toBeLessThanOrEqual(64);
      boxes.push({ id, left: x, right: x + w });
    }
    // none scrolled out of the links' own box: each shown whole
    const hidden = await page.locator('.tuowei-nav').evaluate((nav) => nav.scrollWidth - nav.clientWidth);
    expect(hidden).toBeLessThanOrEqual(0);
    // and none over another (the sign-out button is inside the signed-in person's box)
    const apart = boxes.filter((box) => box.id !== 'sign-out').sort((a, b) => a.left - b.left);
    for (const [i, box] of apart.slice(1).entries()) {
      expect(apart[i].right, `${apart[i].id} over ${box.id}`).toBeLessThanOrEqual(box.left + 0.5);
    }
  }

  it('keeps the links on one line where they fit: a laptop (1280 px) in Chinese', async () => {
    const page = await laptopPage('zh');
    await onOneLine(page, 1280);
    await page.screenshot({ path: path.join(OUTPUT, 'laptop-header-zh.png') });
    await page.context().close();
  });

  it("keeps the admin's ten links on one line at 1280 px in English too, no Menu", async () => {
    const page = await laptopPage('en');
    await onOneLine(page, 1280);
    expect(await page.getByTestId('nav-residential').textContent()).toBe('New housing');
    expect(await page.getByTestId('nav-audit').textContent()).toBe('Audit');
    await page.screenshot({ path: path.join(OUTPUT, 'laptop-header-en.png') });
    // the Chinese words unchanged, on one line
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.getByTestId('nav-residential').textContent(), { timeout: 20_000 }).toBe('新建居住区');
    await onOneLine(page, 1280);
    await page.context().close();
  });

  it("folds them where they are measured not to fit: the admin's English words at 1024 px, unfolded at 1280 px", async () => {
    const page = await laptopPage('en', 1024);
    await page.getByTestId('menu-toggle').click();
    for (const id of ADMIN_MENU) {
      const edges = await farEdges(page, id);
      expect(edges.right, id).toBeLessThanOrEqual(1024);
      expect(edges.bottom, id).toBeLessThanOrEqual(800);
    }
    await page.screenshot({ path: path.join(OUTPUT, 'tablet-header-en.png') });
    // the window widened: the links fit again, and unfold
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('nav-admin').waitFor();
    await onOneLine(page, 1280);
    await page.context().close();
  });
});
