// The import of a county office's own workbook (test/support/county-workbook.ts: title, merged
// two-level header, 序号, "1,205", subtotals, totals, footer, notes; 14 units) on real Postgres,
// through the API in-process: dry run and commit, each quarter afresh. `tsx bench/import-county.ts`
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { createAccounts, signIn } from '../test/support/accounts.ts';
import { openTestDatabase } from '../test/support/backends.ts';
import { CHIPING_UNITS, countyWorkbook } from '../test/support/county-workbook.ts';
import { ms } from './support.ts';

const RUNS = 8;
const test = await openTestDatabase('postgres');
try {
  for (const unit of CHIPING_UNITS) {
    await sql`insert into jurisdictions (code, name, name_en, level, parent_code)
              values (${unit.code}, ${unit.name}, ${unit.code}, 'township', '371503')`.execute(test.database.db);
  }
  await createAccounts(test.database.db, [{ username: 'bench-chiping', role: 'entry', jurisdictionCode: '371503' }]);
  const app = await buildApp({ database: test.database, webDist: null });
  const entry = await signIn(app, 'bench-chiping');
  const post = async (file: Buffer, mode: string) => {
    const started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/import?mode=${mode}`,
      headers: entry.headers({ 'content-type': XLSX_TYPE }),
      payload: file,
    });
    const elapsed = performance.now() - started;
    const body = response.json();
    if (response.statusCode !== 200 || !body.ok || body.created !== 14 || body.skipped.length !== 8)
      throw new Error(`import ${mode} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    return elapsed;
  };
  const times = { 'dry run': [] as number[], commit: [] as number[] };
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    // a quarter of its own each run, so that every commit creates its 14 reports
    const { file } = await countyWorkbook(`${2017 + Math.floor(run / 4)}Q${(run % 4) + 1}`);
    bytes = file.length;
    times['dry run'].push(await post(file, 'dry-run'));
    times.commit.push(await post(file, 'commit'));
  }
  await app.close();
  console.log(
    `county workbook: 26 rows (14 units, 8 skipped), ${(bytes / 1024).toFixed(1)} KiB xlsx, real Postgres, ${RUNS} runs:`,
  );
  for (const [name, values] of Object.entries(times)) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(8)} first ${ms(values[0])}  best ${ms(sorted[0])}  median ${ms(sorted[Math.floor(sorted.length / 2)])}`,
    );
  }
} finally {
  await test.destroy();
}
