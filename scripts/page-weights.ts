// What each screen costs a cold browser with the national tree loaded: the time from navigation to
// its content on screen, the bytes it transferred (compressed, as sent) and its largest answer from
// /api/v1/jurisdictions. Serves the built product (apps/api/dist, apps/web/dist) on a fresh database
// of the local Postgres with the demo data, signed in as the demo admin; `--townships` loads the
// townships too. Run: `pnpm --filter @tuowei/web build && pnpm --filter @tuowei/api build &&
// tsx scripts/page-weights.ts [--townships] [--runs 3]`. Prints a table (median of the runs).

import pg from 'pg';
import type { Browser } from 'playwright-core';
import { ADMIN_URL, urlForDatabase } from '../apps/api/test/support/backends.ts';
import { freePort, launchBrowser, serveApi, signInDemo } from '../tests/support/product.ts';

interface Screen {
  name: string;
  path: string;
  /** What is on screen once the page shows its content. */
  ready: string;
}

const SCREENS: Screen[] = [
  {
    name: 'admin jurisdictions',
    path: '/admin/jurisdictions',
    ready: '[data-testid="jurisdiction-tree"] .ant-tree-treenode >> text=北京市',
  },
  { name: 'plans', path: '/plans', ready: '.tuowei-plan-card >> text=维西傈僳族自治县' },
  { name: 'audit', path: '/audit', ready: '[data-testid="audit-row"] >> text=维西傈僳族自治县' },
  { name: 'national overview', path: '/?period=2024Q4', ready: '[data-testid="unit-link-530000"]' },
  { name: 'province (Yunnan)', path: '/dashboard/530000?period=2024Q4', ready: '[data-testid="unit-link-533400"]' },
];

const townships = process.argv.includes('--townships');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;

async function measure(browser: Browser, url: string, cookie: string, screen: Screen) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map<string, string>();
  let bytes = 0;
  let largestTree = 0;
  let largestTreeRaw = 0;
  const raw = new Map<string, number>();
  cdp.on('Network.responseReceived', (event) => urls.set(event.requestId, event.response.url));
  cdp.on('Network.dataReceived', (event) =>
    raw.set(event.requestId, (raw.get(event.requestId) ?? 0) + event.dataLength),
  );
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    const answered = urls.get(event.requestId) ?? '';
    if (answered.includes('/api/v1/jurisdictions')) {
      largestTree = Math.max(largestTree, event.encodedDataLength);
      largestTreeRaw = Math.max(largestTreeRaw, raw.get(event.requestId) ?? 0);
    }
  });
  const started = performance.now();
  await page.goto(`${url}${screen.path}`);
  await page.locator(screen.ready).first().waitFor({ timeout: 120_000 });
  const ms = performance.now() - started;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, bytes, largestTree, largestTreeRaw };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const database = `tuowei_page_weights_${townships ? 'townships' : 'counties'}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.query(`create database ${database}`);
  await admin.end();
  const product = await serveApi({
    PORT: String(await freePort()),
    DATABASE_URL: urlForDatabase(database),
    TUOWEI_DEMO: '1',
    TUOWEI_DIVISIONS: townships ? 'townships' : 'counties',
    NODE_ENV: 'production',
  });
  const browser = await launchBrowser();
  try {
    const session = await signInDemo(product, 'demo-admin');
    const rows: string[] = [];
    for (const screen of SCREENS) {
      const results = [];
      // one warm-up run, so that the server's first computation of an answer is not the page's
      await measure(browser, product.url, session.cookie, screen);
      for (let run = 0; run < runs; run += 1) results.push(await measure(browser, product.url, session.cookie, screen));
      rows.push(
        `| ${screen.name} | ${median(results.map((r) => r.ms)).toFixed(0)} ms | ${(median(results.map((r) => r.bytes)) / 1024).toFixed(1)} KB | ${(Math.max(...results.map((r) => r.largestTree)) / 1024).toFixed(1)} KB (${(Math.max(...results.map((r) => r.largestTreeRaw)) / 1024).toFixed(1)} KB JSON) |`,
      );
    }
    console.log(`\n${townships ? 'townships (≈44,700 units)' : 'counties (3,348 units)'}, median of ${runs}`);
    console.log('| page | content visible | transferred | largest /jurisdictions answer, as sent (JSON) |');
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    await browser.close();
    await product.stop();
    const cleanup = new pg.Client({ connectionString: ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${database} with (force)`);
    await cleanup.end();
  }
}

await main();
