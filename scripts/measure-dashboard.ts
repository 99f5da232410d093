// How soon a leader sees the provinces on the national overview, at the scale of the country: the
// synthetic country (31 provinces, about 2,850 counties, six years of quarters; apps/api/bench) in
// a fresh database on the real Postgres, the API in production mode serving the built web, and
// headless Chromium with a cold cache each run. Prints the time from navigation start to the
// provinces table's first row being visible, for each run and the median.
//   pnpm exec tsx scripts/measure-dashboard.ts                 5 runs, 2,850 counties
//   pnpm exec tsx scripts/measure-dashboard.ts --runs 9 --counties 300 --no-build
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticDatabase } from '../apps/api/bench/support.ts';
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
    console.log('building the web app…');
    const build = spawnSync('pnpm', ['--filter', '@tuowei/web', 'build'], { cwd: ROOT, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('the web build failed: run `pnpm --filter @tuowei/web build` to see why');
  }
  console.log(`loading the synthetic country (${counties} counties) into a fresh database…`);
  const synthetic = await syntheticDatabase({ ...NATIONAL, counties });
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.join(ROOT, 'apps/api'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: synthetic.url,
      TUOWEI_DEMO: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const browser = await launchBrowser();
  try {
    for (let i = 0; i < 300 && !(await fetch(`${url}/api/v1/health`).catch(() => null))?.ok; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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
      await context.close();
    }
    console.log(
      `national overview, ${counties} counties, ${PERIOD}: median ${median(times).toFixed(0)} ms over ${runs} runs` +
        ` (first run ${times[0].toFixed(0)} ms, with the API's cache cold)`,
    );
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await synthetic.drop();
  }
}

await main();
