// The dashboards' endpoints under load beside the bare route (the ceiling), each one's first
// computation, the import of a quarter for every county, the gap report's exports and the first
// national overview after a write.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { pageDownloads, WEB_DIST } from '../../../web/bench/first-download.ts';
import { XLSX_TYPE } from '../../src/routes/import/index.ts';
import { againstCeiling, type Bench, BROWSER, load, type Measured, printTable, settings } from '../harness.ts';
import { quarterWorkbook } from '../support.ts';

export type EndpointResults = Awaited<ReturnType<typeof endpoints>>;

export async function endpoints(bench: Bench) {
  const { base, province, county, auditor, note } = bench;
  const period = '2025Q4';
  const started = Date.now();
  console.log(`endpoints: ${settings.connections} connections, ${settings.duration} s each…`);
  const list: [string, string, Record<string, string>?][] = [
    ['bare route (ceiling)', `${base}/ping`],
    ['national overview', `${base}/overview?period=${period}`],
    ['province page', `${base}/overview?root=${province}&period=${period}`],
    ['county progress', `${base}/progress/${county}?period=${period}`],
    ['province progress', `${base}/progress/${province}?period=${period}`],
    [
      'province gap report xlsx',
      `${base}/gap-report?root=${province}&period=${period}&format=xlsx`,
      { cookie: auditor.cookie },
    ],
  ];
  // each answer once before the load, alone: what its first computation costs
  const firstAnswerMs: Record<string, number> = {};
  for (const [name, url, headers] of list) {
    const t = performance.now();
    const response = await fetch(url, { headers: { ...BROWSER, ...headers } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${name}: ${response.status}`);
    firstAnswerMs[name] = Math.round(performance.now() - t);
  }
  note('first answers');
  const rows: Measured[] = [];
  for (const [name, url, headers] of list) {
    rows.push(await load(name, url, headers));
    note(name);
  }
  againstCeiling(rows);

  // the import of one quarter for every county, through HTTP: dry run, then commit
  const [{ cookie, csrfToken }] = bench.entries;
  const { rows: allCounties } = await sql<{ code: string }>`
    select code from jurisdictions where synthetic and level = 'county' order by code`.execute(bench.db);
  const file = await quarterWorkbook(
    allCounties.map(({ code }) => code),
    '2026Q1',
  );
  const imports: Record<string, number> = {};
  for (const mode of ['dry-run', 'commit']) {
    const t = performance.now();
    const response = await fetch(`${base}/import?mode=${mode}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': XLSX_TYPE },
      body: file,
    });
    imports[mode] = performance.now() - t;
    if (!response.ok) throw new Error(`import ${mode}: ${response.status} ${await response.text()}`);
    note(`import ${mode}`);
  }
  // the gap report of the whole country, and of one province, in each format: time and size; then
  // the final account of the targets closed by the period (all of them at 2025Q4), likewise
  const exports: { scope: string; format: string; ms: number; bytes: number; rows?: number }[] = [];
  for (const [scope, query] of [
    ['country', ''],
    [`province ${province}`, `root=${province}&`],
    ['final account, country', 'account=final&'],
    [`final account, province ${province}`, `account=final&root=${province}&`],
  ]) {
    for (const format of ['xlsx', 'csv']) {
      const t0 = performance.now();
      const response = await fetch(`${base}/gap-report?${query}period=${period}&format=${format}`, {
        headers: { cookie: auditor.cookie },
      });
      const body = Buffer.from(await response.arrayBuffer());
      if (!response.ok)
        throw new Error(`gap report ${scope} ${format}: ${response.status} ${body.toString().slice(0, 200)}`);
      exports.push({
        scope,
        format,
        ms: Math.round(performance.now() - t0),
        bytes: body.length,
        ...(format === 'csv' ? { rows: body.toString('utf8').trim().split('\r\n').length - 1 } : {}),
      });
      note(`gap report ${scope} ${format}`);
    }
  }

  // after a write every cached answer is recomputed: the first read's cost
  const t = performance.now();
  await fetch(`${base}/overview?period=2026Q1`);
  const coldOverview = performance.now() - t;
  note('first national overview after a write');

  const results = {
    endpoints: rows,
    firstAnswerMs,
    import: {
      rows: allCounties.length,
      dryRunMs: Math.round(imports['dry-run']),
      commitMs: Math.round(imports.commit),
    },
    coldNationalOverviewMs: Math.round(coldOverview),
    gapReportExports: exports,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(`\n${bench.size}: ${bench.dataset.reports} reports, ${bench.dataset.plans} plans`);
  printTable(rows, { 'first ms': firstAnswerMs });
  console.log(
    `import of ${results.import.rows} rows: dry run ${results.import.dryRunMs} ms, commit ${results.import.commitMs} ms`,
  );
  console.log(`first national overview after a write: ${results.coldNationalOverviewMs} ms`);
  for (const e of exports) {
    console.log(
      `gap report, ${e.scope}, ${e.format}: ${e.ms} ms, ${(e.bytes / 1024).toFixed(0)} KiB${e.rows ? `, ${e.rows} rows` : ''}`,
    );
  }
  return results;
}

/** The dashboard's initial JavaScript, as the built web app's index.html loads it (null: not built). */
export function initialJavaScript(): { files: string[]; gzipBytes: number } | null {
  if (!fs.existsSync(path.join(WEB_DIST, '.vite/manifest.json'))) return null;
  return pageDownloads().entry;
}
