// The dashboards' endpoints under load beside the bare route (the ceiling), each one's first
// computation, the import of a quarter for every county, the gap report's exports, the national
// overview of the imported quarter (cold: the whole country computed anew) and the first reads
// after one report written through the API (issue 16's figure).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pageDownloads, WEB_DIST } from '../../../web/bench/first-download.ts';
import { XLSX_TYPE } from '../../src/routes/import/index.ts';
import { againstCeiling, type Bench, BROWSER, load, type Measured, printTable, settings } from '../harness.ts';
import { numberOption, quarterWorkbook, request } from '../support.ts';

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
    const response = await request(url, { headers: { ...BROWSER, ...headers } });
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
    const response = await request(`${base}/import?mode=${mode}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': XLSX_TYPE },
      body: file,
    });
    imports[mode] = performance.now() - t;
    if (!response.ok) throw new Error(`import ${mode}: ${response.status} ${response.body.toString().slice(0, 500)}`);
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
      const response = await request(`${base}/gap-report?${query}period=${period}&format=${format}`, {
        headers: { cookie: auditor.cookie },
      });
      const { body } = response;
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

  // a new period after the import of the whole country: every answer of that period computed cold
  const t = performance.now();
  await request(`${base}/overview?period=2026Q1`, { headers: BROWSER });
  const coldOverview = performance.now() - t;
  note('national overview of the imported quarter, cold');

  const afterWrites = await readsAfterWrites(bench);
  note('reads after one write');
  const results = {
    endpoints: rows,
    firstAnswerMs,
    import: {
      rows: allCounties.length,
      dryRunMs: Math.round(imports['dry-run']),
      commitMs: Math.round(imports.commit),
    },
    /** The national overview of a new quarter just imported for the whole country: a cold computation. */
    coldNationalOverviewMs: Math.round(coldOverview),
    afterWrites,
    gapReportExports: exports,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(`\n${bench.size}: ${bench.dataset.reports} reports, ${bench.dataset.plans} plans`);
  printTable(rows, { 'first ms': firstAnswerMs });
  console.log(
    `import of ${results.import.rows} rows: dry run ${results.import.dryRunMs} ms, commit ${results.import.commitMs} ms`,
  );
  console.log(
    `national overview of the quarter just imported for the whole country (cold, whole country): ${results.coldNationalOverviewMs} ms`,
  );
  printAfterWrites(afterWrites);
  for (const e of exports) {
    console.log(
      `gap report, ${e.scope}, ${e.format}: ${e.ms} ms, ${(e.bytes / 1024).toFixed(0)} KiB${e.rows ? `, ${e.rows} rows` : ''}`,
    );
  }
  return results;
}

/** Writes spread over the provinces, one at a time: after each, the first read of each answer. */
const AFTER_WRITES = numberOption('after-writes', 31);
/** An ended quarter neither the synthetic country (2020–2025), the rush nor the import writes. */
const AFTER_WRITE_PERIOD = '2026Q2';
/** The quarter before may be the one just imported: a change that large needs a word on it. */
const AFTER_WRITE_COMMENT = '基准测试写入 (bench write)';
const AFTER_WRITE_READS = ['national overview', 'province page', 'county progress'] as const;

/**
 * What issue 16 calls the first read after a write: one report written and submitted through the
 * API, then the national overview, the written unit's province page and its county's progress
 * each read once (they were read just before the write, so only the write made them stale); for
 * N writes one after another, each in the next province (its last reporting unit, which the rush
 * writes last if ever), the median and the max of each read.
 */
async function readsAfterWrites(bench: Bench) {
  const { base, entries } = bench;
  const [{ cookie, csrfToken }] = entries;
  // the last reporting units of each province (as many as needed), with its province and county
  // (itself, or a township's), taken province after province
  const { rows: units } = await sql<{ code: string; level: string; county: string; province: string }>`
    select code, level, county, province from (
      select j.code, j.level, case when j.level = 'township' then j.parent_code else j.code end as county,
             left(j.code, 2) || '0000' as province,
             row_number() over (partition by left(j.code, 2) order by j.code desc) as rank
      from jurisdictions j
      where j.synthetic and j.level in ('county', 'township')
        and not exists (select 1 from jurisdictions c where c.parent_code = j.code)
        and not exists (select 1 from quarterly_reports r where r.jurisdiction_code = j.code
                         and r.year = 2026 and r.quarter = 2)) as ranked
    order by rank, province
    limit ${AFTER_WRITES}`.execute(bench.db);
  const urls = (unit: (typeof units)[number]) => [
    `${base}/overview?period=${AFTER_WRITE_PERIOD}`,
    `${base}/overview?root=${unit.province}&period=${AFTER_WRITE_PERIOD}`,
    `${base}/progress/${unit.county}?period=${AFTER_WRITE_PERIOD}`,
  ];
  const read = async (url: string) => {
    const t = performance.now();
    const response = await fetch(url, { headers: BROWSER });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return performance.now() - t;
  };
  const taken: { code: string; level: string; writeMs: number; readMs: number[] }[] = [];
  for (const unit of units) {
    for (const url of urls(unit)) await read(url);
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const report = `${base}/reports/${unit.code}/${AFTER_WRITE_PERIOD}`;
    const t = performance.now();
    const put = await fetch(report, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ places: 1234, affordablePlaces: 600, comment: AFTER_WRITE_COMMENT }),
    });
    if (!put.ok) throw new Error(`PUT ${report}: ${put.status} ${await put.text()}`);
    await put.arrayBuffer();
    const version = String(put.headers.get('etag')).replaceAll('"', '');
    const submit = await fetch(`${report}/submit`, { method: 'POST', headers: { ...headers, 'if-match': version } });
    if (!submit.ok) throw new Error(`submit ${report}: ${submit.status} ${await submit.text()}`);
    await submit.arrayBuffer();
    const writeMs = performance.now() - t;
    const readMs: number[] = [];
    for (const url of urls(unit)) readMs.push(await read(url));
    taken.push({ code: unit.code, level: unit.level, writeMs, readMs });
  }
  if (taken.length === 0)
    throw new Error(`reads after a write: no reporting unit left without a report of ${AFTER_WRITE_PERIOD}`);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const summary = Object.fromEntries(
    AFTER_WRITE_READS.map((name, i) => {
      const values = taken.map((w) => w.readMs[i]);
      return [name, { median: round(median(values)), max: round(Math.max(...values)) }];
    }),
  ) as Record<(typeof AFTER_WRITE_READS)[number], { median: number; max: number }>;
  return {
    period: AFTER_WRITE_PERIOD,
    writes: taken.length,
    provinces: new Set(taken.map((w) => w.code.slice(0, 2))).size,
    levels: [...new Set(taken.map((w) => w.level))],
    writeMs: {
      median: round(median(taken.map((w) => w.writeMs))),
      max: round(Math.max(...taken.map((w) => w.writeMs))),
    },
    firstReadMs: summary,
    each: taken.map((w) => ({ ...w, writeMs: round(w.writeMs), readMs: w.readMs.map(round) })),
    loadAverage: os.loadavg(),
  };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function printAfterWrites(a: Awaited<ReturnType<typeof readsAfterWrites>>) {
  console.log(
    `first read after one write (${a.writes} ${a.levels.join('/')} reports of ${a.period} written and submitted in ${a.provinces} provinces, one at a time; write median ${a.writeMs.median} · max ${a.writeMs.max} ms; load ${a.loadAverage.map((l) => l.toFixed(2)).join(' ')}):`,
  );
  for (const [name, { median, max }] of Object.entries(a.firstReadMs))
    console.log(`  ${name.padEnd(20)} median ${String(median).padStart(7)} · max ${String(max).padStart(7)} ms`);
}

/** The dashboard's initial JavaScript, as the built web app's index.html loads it (null: not built). */
export function initialJavaScript(): { files: string[]; gzipBytes: number } | null {
  if (!fs.existsSync(path.join(WEB_DIST, '.vite/manifest.json'))) return null;
  return pageDownloads().entry;
}
