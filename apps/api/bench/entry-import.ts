// Entry and import times on real Postgres (issue 13's closing figures), through the API in-process
// on the synthetic country: one indicators PUT + submit and one quarterly report PUT + submit
// (median of several, each on a unit of its own), and importing 1,000- and 3,000-row quarterly and
// indicators workbooks, dry run and commit. `tsx apps/api/bench/entry-import.ts [--runs N]`
import ExcelJS from 'exceljs';
import { buildApp } from '../src/app.ts';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { createAccounts, signIn } from '../test/support/accounts.ts';
import { ms, numberOption, syntheticDatabase } from './support.ts';

const runs = numberOption('runs', 5);
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

async function workbook(sheetName: string, header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const synthetic = await syntheticDatabase();
try {
  const db = synthetic.database.db;
  await createAccounts(db, [{ username: 'bench-entry', role: 'entry', jurisdictionCode: null }]);
  const app = await buildApp({ database: synthetic.database, webDist: null });
  const entry = await signIn(app, 'bench-entry');
  const counties = (
    await db
      .selectFrom('jurisdictions')
      .select('code')
      .where('level', '=', 'county')
      .where('synthetic', '=', true)
      .orderBy('code')
      .execute()
  ).map((row) => row.code);
  if (counties.length < 1_500 + 2 * runs) throw new Error(`only ${counties.length} synthetic counties`);

  const send = async (method: 'PUT' | 'POST', url: string, payload?: object, version?: number) => {
    const response = await app.inject({
      method,
      url,
      headers: entry.headers(version === undefined ? {} : { 'if-match': `"${version}"` }),
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
    return response.json() as { version: number };
  };
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };

  // one entry each: PUT then submit, on units no one has written (the last counties of the list)
  const entryTimes = { indicators: [] as number[], report: [] as number[] };
  for (let run = 0; run < runs; run++) {
    const code = counties[counties.length - 1 - run];
    entryTimes.indicators.push(
      await timed(async () => {
        const saved = await send('PUT', `/api/v1/indicators/${code}/2025`, {
          liveBirths: 3200,
          maternalDeaths: 1,
          infantDeaths: 8,
          under5Deaths: 10,
          boysBorn: 1700,
          girlsBorn: 1500,
          pregnantWomen: 3300,
          pregnantWomenScreened: 3100,
        });
        await send('POST', `/api/v1/indicators/${code}/2025/submit`, undefined, saved.version);
      }),
    );
    const other = counties[counties.length - 1 - runs - run];
    entryTimes.report.push(
      await timed(async () => {
        const saved = await send('PUT', `/api/v1/reports/${other}/2026Q3`, { places: 900, affordablePlaces: 500 });
        await send('POST', `/api/v1/reports/${other}/2026Q3/submit`, undefined, saved.version);
      }),
    );
  }

  // n rows: n counties for one period, or n / 2 counties for two (3,000 rows over 2,850 counties);
  // each size on periods of its own, after the synthetic reports (2020Q1–2025Q4), so that every row is created
  const units = (n: number) => {
    const periods = n > 1_500 ? 2 : 1;
    const codes = counties.slice(0, n / periods);
    return { codes, periods };
  };
  const quarterly = async (n: number) => {
    const { codes, periods } = units(n);
    const rows = Array.from({ length: periods }, (_, p) =>
      codes.map((code, i) => [code, n > 1_500 ? `2026Q${p + 2}` : '2026Q1', 900 + (i % 500), 500 + (i % 300)]),
    ).flat();
    return workbook('季报', ['行政区划代码', '季度', '托位数', '普惠托位数'], rows);
  };
  const indicators = async (n: number) => {
    const { codes, periods } = units(n);
    const rows = Array.from({ length: periods }, (_, p) =>
      codes.map((code, i) => [
        code,
        n > 1_500 ? 2022 + p : 2021,
        3000 + (i % 400),
        i % 2,
        8,
        10,
        1600,
        1500,
        3100,
        3000,
      ]),
    ).flat();
    return workbook(
      '健康指标',
      [
        '行政区划代码',
        '年份',
        '活产数',
        '孕产妇死亡数',
        '婴儿死亡数',
        '5 岁以下儿童死亡数',
        '出生男婴数',
        '出生女婴数',
        '孕产妇数',
        '产前筛查人数',
      ],
      rows,
    );
  };
  const upload = async (url: string, file: Buffer, mode: 'dry-run' | 'commit', rows: number) => {
    let created = 0;
    const elapsed = await timed(async () => {
      const response = await app.inject({
        method: 'POST',
        url: `${url}?mode=${mode}`,
        headers: entry.headers({ 'content-type': XLSX_TYPE }),
        payload: file,
      });
      if (response.statusCode !== 200)
        throw new Error(`${url} ${mode}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      created = response.json().created;
    });
    if (created !== rows) throw new Error(`${url} ${mode}: ${created} of ${rows} rows to create`);
    return elapsed;
  };

  const imports: { kind: string; rows: number; kib: number; dryRun: number; commit: number }[] = [];
  for (const rows of [1_000, 3_000]) {
    for (const [kind, url, make] of [
      ['quarterly', '/api/v1/import', quarterly],
      ['indicators', '/api/v1/import/indicators', indicators],
    ] as const) {
      const file = await make(rows);
      const dryRun = await upload(url, file, 'dry-run', rows);
      const commit = await upload(url, file, 'commit', rows);
      imports.push({ kind, rows, kib: file.length / 1024, dryRun, commit });
    }
  }
  await app.close();

  console.log(`synthetic country: ${JSON.stringify(synthetic.counts)} loaded in ${ms(synthetic.loadMs)}`);
  console.log(`entry through the API, real Postgres, median of ${runs}:`);
  console.log(`  indicators PUT + submit        ${ms(median(entryTimes.indicators))}`);
  console.log(`  quarterly report PUT + submit ${ms(median(entryTimes.report))}`);
  console.log('imports (all rows created), one run each:');
  for (const i of imports)
    console.log(
      `  ${i.kind.padEnd(10)} ${String(i.rows).padStart(5)} rows (${i.kib.toFixed(0)} KiB)  dry run ${ms(i.dryRun)}  commit ${ms(i.commit)}`,
    );
} finally {
  await synthetic.drop();
}
