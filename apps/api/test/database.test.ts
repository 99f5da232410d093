// The database refuses what can never be true; loading is idempotent; the embedded folder
// survives a restart and belongs to one process at a time.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DataFolderInUseError, lockDataFolder } from '../src/db/data-folder-lock.ts';
import { openDatabase } from '../src/db/database.ts';
import { demoReports, loadDemoReports } from '../src/seed/demo-reports.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

describe.each(BACKENDS)('database on %s', (backend) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await test?.destroy();
  });

  const report = (fields: Record<string, unknown>) =>
    sql`insert into quarterly_reports (jurisdiction_code, year, quarter, places, affordable_places)
        values (${fields.code ?? '533423'}, ${fields.year ?? 2024}, ${fields.quarter ?? 1},
                ${fields.places ?? 10}, ${fields.affordable ?? 5})`.execute(test.database.db);

  it.each([
    ['affordable places above total places', { places: 10, affordable: 11 }, 'check'],
    ['negative places', { places: -1, affordable: 0 }, 'check'],
    ['negative affordable places', { places: 1, affordable: -1 }, 'check'],
    ['a fifth quarter', { quarter: 5 }, 'check'],
    ['a quarter 0', { quarter: 0 }, 'check'],
    ['an unknown jurisdiction', { code: '999999' }, 'foreign key'],
  ])('refuses %s', async (_name, fields, kind) => {
    await expect(report(fields)).rejects.toThrow(kind === 'check' ? /check constraint/ : /foreign key/);
  });

  it('refuses two reports for one jurisdiction and quarter', async () => {
    await report({ year: 2019, quarter: 2 });
    await expect(report({ year: 2019, quarter: 2 })).rejects.toThrow(/unique/);
  });

  it('refuses a negative institution count and a share above 100 %', async () => {
    const { rows } = await sql<{ id: string }>`select id from quarterly_reports limit 1`.execute(test.database.db);
    await expect(
      sql`insert into report_institutions (report_id, kind, count) values (${rows[0].id}, 'public', -1)`.execute(
        test.database.db,
      ),
    ).rejects.toThrow(/check constraint/);
    const { rows: plans } = await sql<{ id: string }>`select id from plans limit 1`.execute(test.database.db);
    await expect(
      sql`insert into targets (plan_id, metric, comparator, value, due_year, clause, scope)
          values (${plans[0].id}, 'affordable_share', 'at_least', 60, 2025, 'x', 'self')`.execute(test.database.db),
    ).rejects.toThrow(/check constraint/);
  });

  it('loads the shipped plans only where missing', async () => {
    const count = async () => {
      const { rows } = await sql<{ j: string; p: string; pl: string; t: string }>`
        select (select count(*) from jurisdictions) j, (select count(*) from populations) p,
               (select count(*) from plans) pl, (select count(*) from targets) t`.execute(test.database.db);
      return rows[0];
    };
    const before = await count();
    // the national tree to the counties (31 + 342 + 2,975 units, the nine shipped ones among them)
    expect(before).toEqual({ j: '3348', p: '22', pl: '5', t: '29' });
    // a user's change survives the next start
    await sql`update populations set source = 'edited' where jurisdiction_code = '533423' and year = 2020`.execute(
      test.database.db,
    );
    await loadShippedPlans(test.database.db);
    expect(await count()).toEqual(before);
    const { rows } = await sql<{
      source: string;
    }>`select source from populations where jurisdiction_code = '533423'`.execute(test.database.db);
    expect(rows[0].source).toBe('edited');
  });

  it('loads demo reports once, marked as demo', async () => {
    const first = await loadDemoReports(test.database.db);
    // 5 demo units × 23 quarters (2021Q1–2026Q3), every one submitted by mid-October 2026
    expect(demoReports().length).toBe(115);
    expect(first).toBe(115);
    expect(await loadDemoReports(test.database.db)).toBe(0);
    const { rows } = await sql<{ demo: boolean; n: string }>`
      select demo, count(*) n from quarterly_reports where created_by = 'demo' group by demo`.execute(test.database.db);
    expect(rows).toEqual([{ demo: true, n: String(first) }]);
  });
});

describe('demo reports', () => {
  it('reproduce the Weixi example of docs/figures.md and are the same on every run', () => {
    const weixi2024 = demoReports().filter((r) => r.code === '533423' && r.year === 2024);
    expect(weixi2024.map((r) => [r.places, r.affordablePlaces])).toEqual([
      [544, 320],
      [563, 330],
      [581, 340],
      [600, 350],
    ]);
    expect(demoReports()).toEqual(demoReports());
    for (const r of demoReports()) expect(r.affordablePlaces).toBeLessThanOrEqual(r.places);
  });
});

describe('the embedded data folder', () => {
  let folder: TestDatabase;
  beforeAll(async () => {
    folder = await openTestDatabase('embedded');
  });
  afterAll(async () => {
    await folder?.destroy();
  });

  it('keeps what was stored across a restart', async () => {
    await sql`update populations set population = 150000 where jurisdiction_code = '533423' and year = 2020`.execute(
      folder.database.db,
    );
    await folder.close();
    const reopened = await openDatabase({ databaseUrl: null, dataDir: folder.location });
    try {
      const app = await buildApp({ database: reopened, webDist: null });
      const response = await app.inject({ method: 'GET', url: '/api/v1/jurisdictions/533423' });
      expect(response.json().populations[0].population).toBe(150_000);
      await app.close();
    } finally {
      await reopened.close();
    }
    folder.database = await openDatabase({ databaseUrl: null, dataDir: folder.location });
  });

  it('refuses a second process with a message naming the folder and the process', async () => {
    const dir = fs.mkdtempSync(path.join(folder.location, 'lock-'));
    // another live process holds the lock
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(
        path.join(dir, 'tuowei.lock'),
        JSON.stringify({ pid: other.pid, host: (await import('node:os')).hostname() }),
      );
      expect(() => lockDataFolder(dir)).toThrow(DataFolderInUseError);
      expect(() => lockDataFolder(dir)).toThrow(new RegExp(`pid ${other.pid}`));
    } finally {
      other.kill();
    }
    await new Promise((resolve) => other.once('exit', resolve));
    // once that process is gone, its stale lock is taken over
    const release = lockDataFolder(dir);
    release();
    expect(fs.existsSync(path.join(dir, 'tuowei.lock'))).toBe(false);
  });

  it('lets exactly one of four starters racing for a stale lock take it, in each of 30 folders', async () => {
    // a pid that is surely gone: a process that has exited
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    const host = (await import('node:os')).hostname();
    const folders = Array.from({ length: 30 }, () => {
      const dir = fs.mkdtempSync(path.join(folder.location, 'stale-'));
      fs.writeFileSync(path.join(dir, 'tuowei.lock'), JSON.stringify({ pid: gone.pid, host }));
      return dir;
    });
    // the starters need a moment to load; then all four try each folder at the same instant
    const startAt = Date.now() + 4000;
    const script = path.join(import.meta.dirname, 'support/take-lock.ts');
    const starters = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, String(startAt), '20', ...folders]);
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      return new Promise<string[]>((resolve, reject) =>
        child.once('exit', (code) =>
          code === 0 ? resolve(JSON.parse(output) as string[]) : reject(new Error(`a starter failed: ${output}`)),
        ),
      );
    });
    const outcomes = await Promise.all(starters);
    const takenPerFolder = folders.map((_, i) => outcomes.filter((o) => o[i] === 'taken').length);
    expect(takenPerFolder).toEqual(folders.map(() => 1));
    expect(outcomes.flat().filter((o) => o !== 'taken' && o !== 'in use')).toEqual([]);
    // what each takeover left: the winner's lock, and no claim or half-made file beside it
    for (const dir of folders) expect(fs.readdirSync(dir)).toEqual(['tuowei.lock']);
  }, 60_000);
});
