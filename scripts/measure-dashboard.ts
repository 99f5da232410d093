// How soon a leader sees the provinces on the national overview, at the scale of the country: the
// synthetic country (31 provinces, about 2,850 counties, six years of quarters; apps/api/bench) in
// a fresh database on the real Postgres, the API in production mode serving the built web, and
// headless Chromium with a cold cache each run. Prints the time from navigation start to the
// provinces table's first row being visible, for each run and the median.
//   pnpm exec tsx scripts/measure-dashboard.ts                 5 runs, 2,850 counties
//   pnpm exec tsx scripts/measure-dashboard.ts --runs 9 --counties 300 --no-build
//   pnpm exec tsx scripts/measure-dashboard.ts --trace     and what each run fetched, when, how big
//   pnpm exec tsx scripts/measure-dashboard.ts --townships 40000    with townships under the counties
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { type ServedApi, serveProduction, syntheticDatabase } from '../apps/api/bench/support.ts';
import { NATIONAL } from '../apps/api/src/seed/synthetic.ts';
import { freePort, launchBrowser } from '../tests/support/product.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const runs = option('runs', 5);
const counties = option('counties', NATIONAL.counties);
const townships = option('townships', 0);
const trace = args.includes('--trace');
/** The synthetic reports run to the end of 2025. */
const PERIOD = '2025Q4';
const TABLE_ROW = '[data-testid="provinces-table"] tr[data-row-key]';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  if (!args.includes('--no-build')) {
    console.log('building the web app and the API…');
    for (const app of ['@tuowei/web', '@tuowei/api']) {
      const build = spawnSync('pnpm', ['--filter', app, 'build'], { cwd: ROOT, stdio: 'ignore' });
      if (build.status !== 0) throw new Error(`the build failed: run \`pnpm --filter ${app} build\` to see why`);
    }
  }
  const units = `${counties} counties${townships > 0 ? `, ${townships} townships` : ''}`;
  console.log(`loading the synthetic country (${units}) into a fresh database…`);
  const synthetic = await syntheticDatabase({ ...NATIONAL, counties, townships });
  let server: ServedApi | null = null;
  let browser: Browser | null = null;
  try {
    // the API as it ships (its production bundle), serving the built web app
    server = await serveProduction(synthetic.url, await freePort());
    const url = server.url;
    browser = await launchBrowser();
    const times: number[] = [];
    for (let run = 1; run <= runs; run++) {
      // a new profile each run: nothing cached in the browser
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${url}/?period=${PERIOD}`, { waitUntil: 'commit' });
      // checked every frame in the page; performance.now() counts from the navigation's start
      const seen = await page.waitForFunction(
        (selector) => {
          const row = document.querySelector(selector);
          const box = row?.getBoundingClientRect();
          return box && box.width > 0 && box.height > 0 ? performance.now() : false;
        },
        TABLE_ROW,
        { polling: 'raf', timeout: 120_000 },
      );
      const elapsed = (await seen.jsonValue()) as number;
      const rows = await page.locator(TABLE_ROW).count();
      times.push(elapsed);
      console.log(`run ${run}: provinces table (${rows} rows) visible after ${elapsed.toFixed(0)} ms`);
      if (trace) await printTimeline(page, elapsed);
      await context.close();
    }
    console.log(
      `national overview, ${units}, ${PERIOD}: median ${median(times).toFixed(0)} ms over ${runs} runs` +
        ` (first run ${times[0].toFixed(0)} ms, with the API's cache cold)`,
    );
  } finally {
    await browser?.close();
    await server?.stop();
    await synthetic.drop();
  }
}

/**
 * What the page had fetched by the time the table showed, and what it went on to fetch: each
 * resource's start and end (ms from navigation start), its size on the wire and decoded, and the
 * first paints. Waits a moment so that what follows the table is listed too.
 */
async function printTimeline(page: Page, tableAt: number) {
  await page.waitForTimeout(3_000);
  const timeline = await page.evaluate(() => ({
    navigation: performance.getEntriesByType('navigation').map((entry) => {
      const navigation = entry as PerformanceNavigationTiming;
      return { response: navigation.responseEnd, domContentLoaded: navigation.domContentLoadedEventEnd };
    })[0],
    paints: performance.getEntriesByType('paint').map((entry) => ({ name: entry.name, at: entry.startTime })),
    resources: performance.getEntriesByType('resource').map((entry) => {
      const resource = entry as PerformanceResourceTiming;
      return {
        name: new URL(resource.name).pathname + new URL(resource.name).search,
        start: resource.startTime,
        end: resource.responseEnd,
        wire: resource.transferSize,
        decoded: resource.decodedBodySize,
      };
    }),
  }));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `  document ${timeline.navigation?.response.toFixed(0)} ms, DOMContentLoaded ${timeline.navigation?.domContentLoaded.toFixed(0)} ms; ` +
      timeline.paints.map((paint) => `${paint.name} ${paint.at.toFixed(0)} ms`).join(', '),
  );
  let wireBefore = 0;
  for (const resource of [...timeline.resources].sort((a, b) => a.start - b.start)) {
    const before = resource.end <= tableAt;
    if (before) wireBefore += resource.wire;
    console.log(
      `  ${before ? ' ' : '+'} ${resource.start.toFixed(0).padStart(5)}–${resource.end.toFixed(0).padEnd(5)} ms` +
        ` ${kb(resource.wire).padStart(9)} wire ${kb(resource.decoded).padStart(9)} decoded  ${resource.name}`,
    );
  }
  console.log(`  before the table: ${kb(wireBefore)} on the wire ('+': fetched after it)`);
}

await main();
