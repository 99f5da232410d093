// The product as it ships on a real Postgres, where reading needs a session (TUOWEI_PUBLIC_READ=0):
// an anonymous visitor to the overview or a county's dashboard is sent to the sign-in page, and
// once signed in comes back to the page asked for, its quarter kept, with its figures; a way
// back that leaves the app is not followed.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../apps/api/test/support/backends.ts';
import { demoPasswords, freePort, launchBrowser, OUTPUT, type RunningProduct, serveApi } from './support/product.ts';

describe('reading that needs a session', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    product = await serveApi({
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      TUOWEI_DEMO: '1',
      TUOWEI_PUBLIC_READ: '0',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await database?.drop();
  });

  async function anonymousPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    return context.newPage();
  }

  async function signIn(page: Page, username: string) {
    const password = demoPasswords(product.output()).get(username);
    if (!password) throw new Error(`the start printed no password for ${username}`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  /** Where the page is, as a path of the product. */
  const where = (page: Page) => {
    const url = new URL(page.url());
    return { origin: url.origin, path: `${url.pathname}${url.search}` };
  };

  it('answers an anonymous read with 401 not_signed_in', async () => {
    const answer = await fetch(`${product.url}/api/v1/overview?period=2024Q4`);
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('not_signed_in');
  });

  it("sends an anonymous visitor of a county's dashboard to sign in, then back to it with its figures", async () => {
    const page = await anonymousPage();
    await page.goto(`${product.url}/dashboard/533423?period=2024Q4`);
    await page.waitForURL((url) => url.pathname === '/login', { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('next')).toBe('/dashboard/533423?period=2024Q4');
    await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT, 'sign-in-to-read-login.png'), fullPage: true });

    await signIn(page, 'demo-yunnan-leader');
    await page.waitForURL((url) => url.pathname === '/dashboard/533423', { timeout: 30_000 });
    expect(where(page)).toEqual({ origin: product.url, path: '/dashboard/533423?period=2024Q4' });
    const headline = page.getByTestId('binding-headline');
    await headline.waitFor({ timeout: 30_000 });
    // ⌈4.5 × 146,363 ÷ 1,000⌉ − 600 = 59 places still needed at 2024Q4
    expect(await headline.getByTestId('headline-gap-value').textContent()).toBe('59');
    await page.context().close();
  });

  it('sends an anonymous visitor of the overview to sign in, then back to the overview with its paces', async () => {
    const page = await anonymousPage();
    await page.goto(`${product.url}/?period=2024Q4`);
    await page.waitForURL((url) => url.pathname === '/login', { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('next')).toBe('/?period=2024Q4');

    await signIn(page, 'demo-admin');
    await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
    expect(where(page)).toEqual({ origin: product.url, path: '/?period=2024Q4' });
    const weixi = page.locator('[data-testid="headline-row"][data-plan="533423"][data-metric="places_per_1000"]');
    await weixi.waitFor({ timeout: 30_000 });
    // 59 places in the 4 quarters to 2025Q4: 14.75 a quarter, planned as 15, the exact figure on hover
    const pace = weixi.getByTestId('headline-row-pace');
    expect(await pace.textContent()).toBe('15');
    expect(await pace.getAttribute('title')).toBe('确切值：14.75（向上取整显示）');
    await page.screenshot({ path: path.join(OUTPUT, 'sign-in-to-read-overview.png'), fullPage: true });
    await page.context().close();
  });

  it('goes to the overview, not to another site, when the way back leads elsewhere', async () => {
    for (const next of ['//evil.example/', '/\\evil.example/', 'https://evil.example/']) {
      const page = await anonymousPage();
      await page.goto(`${product.url}/login?${new URLSearchParams({ next })}`);
      await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
      await signIn(page, 'demo-admin');
      await page.waitForURL((url) => url.pathname === '/' && !url.search.includes('next'), { timeout: 30_000 });
      expect(new URL(page.url()).origin, next).toBe(product.url);
      await page.context().close();
    }
  });
});
