// The audit page as an auditor sees it, on the product as it ships, on real Postgres: the chain
// intact with its head, in Chinese; then a superuser deletes a row with the triggers off, and
// "check again" shows where the chain breaks, in both languages.
import path from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../apps/api/test/support/backends.ts';
import { freePort, launchBrowser, OUTPUT, type RunningProduct, serveApi, signInDemo } from './support/product.ts';

describe('the audit page', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    product = await serveApi({ PORT: String(await freePort()), DATABASE_URL: database.url, TUOWEI_DEMO: '1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await database?.drop();
  });

  it('shows the chain intact with its head, then the row where a superuser broke it', async () => {
    expect(product.output()).toMatch(/database role: tuowei_test_\w+_app \(insert and select only on the audit trail/);
    const session = await signInDemo(product, 'demo-auditor');
    const answer = (await (await session.fetch('/api/v1/audit/verify')).json()) as {
      rows: number;
      head: { id: number; hash: string };
    };
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    try {
      const [name, value] = session.cookie.split('=');
      await context.addCookies([{ name, value, url: product.url }]);
      const page = await context.newPage();
      await page.goto(`${product.url}/audit`);
      const chain = page.locator('[data-testid="audit-chain"][data-intact]');
      await chain.waitFor({ timeout: 30_000 });
      expect(await chain.getAttribute('data-intact')).toBe('true');
      expect(await chain.textContent()).toContain(`审计链完整：${answer.rows} 条记录逐条核对无误`);
      expect(await chain.textContent()).toContain(`链头：第 ${answer.head.id} 条`);
      expect(await page.getByTestId('audit-chain-hash').textContent()).toContain(answer.head.hash);
      await page.screenshot({ path: path.join(OUTPUT, 'audit-chain-intact-zh.png'), fullPage: true });

      const superuser = new pg.Client({ connectionString: database.url });
      await superuser.connect();
      try {
        await superuser.query('alter table audit_log disable trigger audit_log_no_update_or_delete');
        await superuser.query('delete from audit_log where id = 3');
        await superuser.query('alter table audit_log enable trigger audit_log_no_update_or_delete');
      } finally {
        await superuser.end();
      }
      await page.getByRole('button', { name: '重新校验' }).click();
      await page.locator('[data-testid="audit-chain"][data-intact="false"]').waitFor({ timeout: 30_000 });
      expect(await chain.textContent()).toContain('审计链自第 3 条记录起断裂');
      await page.getByTestId('language-toggle').click();
      await page.getByText('The audit chain is broken from entry 3 on').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(OUTPUT, 'audit-chain-broken-en.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
