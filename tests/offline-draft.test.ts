// A dropped connection while county staff save Weixi's 2026Q4 report: the page says at once that
// the connection is gone and keeps the draft in the browser; the draft outlives the tab, and when
// it goes out with the version it was entered against, a change made meanwhile comes back as the
// conflict panel, side by side, never overwritten; with nothing changed meanwhile it is just saved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutAnswers } from './support/cut-answers.ts';
import {
  type DemoSession,
  demoPasswords,
  launchBrowser,
  OUTPUT,
  type RunningProduct,
  signInDemo,
  startAsNewcomer,
} from './support/product.ts';

// the demo reports stop at 2026Q3: this quarter's report is the test's own
const REPORT = '/reports/533423/2026Q4';
const API = '/api/v1/reports/533423/2026Q4';
const DRAFT_KEY = 'tuowei.draft.533423.2026Q4';

interface Report {
  version: number;
  places: number;
  affordablePlaces: number;
}

describe('saving a report while the connection is gone', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-offline-'));
  let product: RunningProduct;
  let browser: Browser;
  let context: BrowserContext;
  let colleague: DemoSession;

  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'zh-CN' });
    colleague = await signInDemo(product, 'demo-weixi-entry');
    fs.mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const stored = async () => (await (await colleague.fetch(API)).json()) as Report;
  const keptDraft = (page: Page) => page.evaluate((key) => window.localStorage.getItem(key), DRAFT_KEY);

  async function openReport(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${product.url}${REPORT}`);
    await page.getByTestId('field-places').waitFor({ timeout: 30_000 });
    return page;
  }

  it('says at once that the connection is gone, keeps the draft across a closed tab, and shows the conflict', async () => {
    const page = await context.newPage();
    await page.goto(`${product.url}/login`);
    await page.getByTestId('login-username').fill('demo-weixi-entry');
    await page.getByTestId('login-password').fill(demoPasswords(product.output()).get('demo-weixi-entry') as string);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${product.url}${REPORT}`);
    await page.getByTestId('field-places').fill('700');
    await page.getByTestId('field-affordablePlaces').fill('420');
    await page.getByTestId('save-draft').click();
    await expect.poll(() => page.getByTestId('report-status').textContent(), { timeout: 20_000 }).toContain('草稿');
    expect((await stored()).version).toBe(1);

    await context.setOffline(true);
    await page.getByTestId('field-places').fill('710');
    await page.getByTestId('save-draft').click();
    // said while still offline: the save does not wait, paused, for the network to come back
    await page.getByTestId('offline-draft').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('offline-draft').textContent()).toContain('网络连接已断开');
    expect(JSON.parse((await keptDraft(page)) as string)).toMatchObject({
      input: { places: 710, affordablePlaces: 420 },
      version: 1,
    });
    await page.screenshot({ path: path.join(OUTPUT, 'offline-draft-kept.png'), fullPage: true });

    // meanwhile a colleague saves version 2 with other figures; the tab is closed while offline
    const changed = await colleague.fetch(API, {
      method: 'PUT',
      headers: { 'If-Match': '"1"' },
      body: JSON.stringify({ places: 705, affordablePlaces: 420 }),
    });
    expect(changed.status).toBe(200);
    await page.close();

    await context.setOffline(false);
    const reopened = await openReport();
    // the kept draft went out with If-Match 1 and came back 409: both figures side by side
    const panel = reopened.getByTestId('conflict-panel');
    await panel.waitFor({ timeout: 30_000 });
    expect(await reopened.getByTestId('conflict-mine-places').textContent()).toContain('710');
    expect(await reopened.getByTestId('conflict-saved-places').textContent()).toContain('705');
    expect(await stored()).toMatchObject({ version: 2, places: 705 });
    await reopened.screenshot({ path: path.join(OUTPUT, 'offline-draft-conflict.png'), fullPage: true });

    // keeping mine saves it over version 2, knowingly, and the browser lets the draft go
    await reopened.getByTestId('conflict-keep-mine').click();
    await expect.poll(async () => (await stored()).version, { timeout: 20_000 }).toBe(3);
    expect((await stored()).places).toBe(710);
    expect(await keptDraft(reopened)).toBeNull();
    await reopened.close();
  });

  it('sends the kept draft when the connection comes back to the open tab', async () => {
    const page = await openReport();
    await context.setOffline(true);
    await page.getByTestId('field-places').fill('720');
    await page.getByTestId('save-draft').click();
    await page.getByTestId('offline-draft').waitFor({ timeout: 20_000 });
    expect((await stored()).places).toBe(710);

    await context.setOffline(false);
    await expect.poll(async () => (await stored()).places, { timeout: 20_000 }).toBe(720);
    expect((await stored()).version).toBe(4);
    await page.getByTestId('offline-draft').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await keptDraft(page)).toBeNull();
    await page.close();
  });

  it('says a save whose answer was cut off on its way was carried out, keeps no draft, and reads the report again', async () => {
    const page = await context.newPage();
    // the next save's answer is cut after its first bytes, after the server has stored it
    await cutAnswers(page, { path: API, method: 'PUT', once: true, keep: 8 });
    await page.goto(`${product.url}${REPORT}`);
    await page.getByTestId('field-places').waitFor({ timeout: 30_000 });
    await page.getByTestId('field-places').fill('730');
    await page.getByTestId('save-draft').click();
    const alert = page.getByTestId('action-error');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toBe(
      '服务器已完成这次操作，但答复在传输途中断开了。页面已重新读取服务器上的数据，请核对，不要重复提交。',
    );
    // stored, not taken for a lost connection: no draft kept, no offline notice
    expect(await stored()).toMatchObject({ version: 5, places: 730 });
    expect(await keptDraft(page)).toBeNull();
    expect(await page.getByTestId('offline-draft').count()).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT, 'report-answer-cut.png'), fullPage: true });
    // the page read version 5 again: the next save goes out against it, with no conflict
    await page.getByTestId('field-places').fill('735');
    await page.getByTestId('save-draft').click();
    await expect.poll(async () => (await stored()).version, { timeout: 20_000 }).toBe(6);
    expect((await stored()).places).toBe(735);
    expect(await page.getByTestId('conflict-panel').count()).toBe(0);
    await page.close();
  });
});
