// The import of one quarter for every county of the synthetic country (2,850 rows) on real
// Postgres: dry run and commit, through the API in-process. `tsx bench/import.ts`
import ExcelJS from 'exceljs';
import { buildApp } from '../src/app.ts';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { createAccounts, signIn } from '../test/support/accounts.ts';
import { ms, syntheticDatabase } from './support.ts';

export async function benchImport(runs = 3) {
  const synthetic = await syntheticDatabase();
  try {
    const db = synthetic.database.db;
    await createAccounts(db, [{ username: 'bench-entry', role: 'entry', jurisdictionCode: null }]);
    const app = await buildApp({ database: synthetic.database, webDist: null });
    const entry = await signIn(app, 'bench-entry');
    const counties = await db
      .selectFrom('jurisdictions')
      .select('code')
      .where('level', '=', 'county')
      .where('synthetic', '=', true)
      .orderBy('code')
      .execute();
    const sheet = async (period: string, scale: number) => {
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet('季报');
      ws.addRow(['行政区划代码', '季度', '托位数', '普惠托位数', '在托婴幼儿数', '示范性托育机构']);
      counties.forEach(({ code }, i) => {
        ws.addRow([code, period, Math.round((800 + (i % 900)) * scale), 400 + (i % 300), 300, i % 3]);
      });
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const post = async (file: Buffer, mode: string) => {
      const started = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/import?mode=${mode}`,
        headers: entry.headers({ 'content-type': XLSX_TYPE }),
        payload: file,
      });
      const elapsed = performance.now() - started;
      if (response.statusCode !== 200)
        throw new Error(`import ${mode} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      return { elapsed, result: response.json() };
    };
    const results: Record<string, number[]> = {
      'dry run (creates)': [],
      'commit (creates)': [],
      'dry run (updates)': [],
      'commit (updates)': [],
    };
    for (let run = 0; run < runs; run++) {
      const period = `2026Q${run + 1}`;
      const create = await sheet(period, 1);
      results['dry run (creates)'].push((await post(create, 'dry-run')).elapsed);
      const committed = await post(create, 'commit');
      if (committed.result.created !== counties.length) throw new Error(`expected ${counties.length} created`);
      results['commit (creates)'].push(committed.elapsed);
      const update = await sheet(period, 1.1);
      results['dry run (updates)'].push((await post(update, 'dry-run')).elapsed);
      results['commit (updates)'].push((await post(update, 'commit')).elapsed);
    }
    await app.close();
    return { rows: counties.length, fileBytes: (await sheet('2026Q4', 1)).length, results, load: synthetic };
  } finally {
    await synthetic.drop();
  }
}

if (process.argv[1]?.endsWith('import.ts')) {
  const { rows, fileBytes, results, load } = await benchImport();
  console.log(`synthetic country: ${JSON.stringify(load.counts)} loaded in ${ms(load.loadMs)}`);
  console.log(
    `import of ${rows} rows (${(fileBytes / 1024).toFixed(0)} KiB xlsx), real Postgres, best and median of ${results['commit (creates)'].length}:`,
  );
  for (const [name, times] of Object.entries(results)) {
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`  ${name.padEnd(20)} best ${ms(sorted[0])}  median ${ms(sorted[Math.floor(sorted.length / 2)])}`);
  }
}
