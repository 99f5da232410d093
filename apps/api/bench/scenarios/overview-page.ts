// The national overview in headless Chromium, as a first visit loads it: what each page of the
// built web app downloads before it draws (JavaScript gzip, apps/web/bench/first-download.ts), and
// the time from navigation start to the first row of the provinces' table laid out, in a fresh
// browser context each load (nothing cached), the median of `--loads` (5) loads, with the CPU time
// the page's main thread took until then (which load on the machine does not inflate as it does
// the wall-clock time). The overview's
// answer is computed once before the loads: they measure the page, not the first computation.
import os from 'node:os';
import { launchBrowser } from '../../../../tests/support/product.ts';
import { OVERVIEW_BUDGET_BYTES, pageDownloads } from '../../../web/bench/first-download.ts';
import type { Bench } from '../harness.ts';
import { numberOption } from '../support.ts';

const FIRST_ROW = '[data-testid="provinces-table"] tbody tr';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
};

/** One load's milestones, in ms since navigation start, read in the page. */
interface Load {
  firstRowMs: number;
  htmlMs: number;
  domContentLoadedMs: number;
  /** When the overview's answer had arrived (the loader asks for it beside the page's code). */
  overviewAnswerMs: number | null;
  /** When the overview's answer was asked for (before the entry has run, on a first visit). */
  overviewAskedMs: number | null;
  /** When the last script the page had loaded by then had arrived. */
  lastScriptMs: number;
  /**
   * CPU time of the page's main thread up to the first row (Chromium's ThreadTime metric): what
   * the page costs, which a loaded machine stretches in time but does not add to.
   */
  mainThreadCpuMs: number;
}

export async function overviewPage(bench: Bench) {
  const { entry, pages } = pageDownloads();
  console.log(
    `\nfirst download per page, JavaScript gzip (the entry alone: ${(entry.gzipBytes / 1000).toFixed(1)} kB)`,
  );
  for (const [page, { gzipBytes }] of Object.entries(pages).sort(([a], [b]) => a.localeCompare(b)))
    console.log(`  ${page.padEnd(18)} ${(gzipBytes / 1000).toFixed(1).padStart(7)} kB`);
  console.log(`  (overview budget   ${(OVERVIEW_BUDGET_BYTES / 1000).toFixed(1).padStart(7)} kB)`);

  const loads = numberOption('loads', 5);
  const period = '2025Q4';
  const site = bench.base.replace(/\/api\/v1$/, '');
  await (await fetch(`${bench.base}/overview?period=${period}`)).arrayBuffer();
  const browser = await launchBrowser();
  const measured: Load[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const devtools = await context.newCDPSession(page);
      await devtools.send('Performance.enable');
      await page.goto(`${site}/?period=${period}`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        (selector) => {
          const row = document.querySelector(selector);
          if (!row || row.getBoundingClientRect().height === 0) return null;
          const at = performance.now();
          const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          const answer = resources.find((r) => r.name.includes('/api/v1/overview'));
          const scripts = resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
          return {
            firstRowMs: Math.round(at),
            htmlMs: Math.round(navigation.responseEnd),
            domContentLoadedMs: Math.round(navigation.domContentLoadedEventEnd),
            overviewAnswerMs: answer ? Math.round(answer.responseEnd) : null,
            overviewAskedMs: answer ? Math.round(answer.startTime) : null,
            lastScriptMs: Math.round(Math.max(0, ...scripts.map((r) => r.responseEnd))),
          };
        },
        FIRST_ROW,
        { polling: 'raf', timeout: 60_000 },
      );
      const { metrics } = await devtools.send('Performance.getMetrics');
      const threadTime = metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN;
      measured.push({
        ...((await handle.jsonValue()) as Omit<Load, 'mainThreadCpuMs'>),
        mainThreadCpuMs: Math.round(threadTime * 1000),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  bench.note('overview page');
  const firstRow = measured.map((load) => load.firstRowMs);
  const results = {
    entryGzipBytes: entry.gzipBytes,
    pageGzipBytes: Object.fromEntries(Object.entries(pages).map(([page, { gzipBytes }]) => [page, gzipBytes])),
    overviewBudgetBytes: OVERVIEW_BUDGET_BYTES,
    overviewLoads: measured,
    medianFirstRowMs: median(firstRow),
    medianMainThreadCpuMs: median(measured.map((load) => load.mainThreadCpuMs)),
    loadAverage: os.loadavg(),
  };
  console.log(
    `national overview, navigation start to the provinces' first row, ${loads} cold loads: median ${results.medianFirstRowMs} ms (${firstRow.join(', ')}); load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `  the page's main thread, CPU time to the first row: median ${results.medianMainThreadCpuMs} ms (${measured.map((load) => load.mainThreadCpuMs).join(', ')})`,
  );
  for (const load of measured)
    console.log(
      `  html ${load.htmlMs} · scripts ${load.lastScriptMs} · DOMContentLoaded ${load.domContentLoadedMs} · overview answer asked ${load.overviewAskedMs ?? '—'}, in ${load.overviewAnswerMs ?? '—'} · first row ${load.firstRowMs} ms`,
    );
  return results;
}
