// Faults: the database goes away under reads and writes and comes back; the API is killed in the
// middle of an import; the embedded mode is killed and restarted. Nothing is lost or half-written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningProduct, serveApi, signInDemo } from './support/product.ts';
import { type SecondCluster, secondClusterUnavailable, startSecondCluster } from './support/second-cluster.ts';

const serve = serveApi;
const session = async (product: RunningProduct, username: string) => (await signInDemo(product, username)).fetch;

const unavailable = secondClusterUnavailable();

describe.skipIf(unavailable !== null)(
  `the database goes away and comes back${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let cluster: SecondCluster;
    let product: RunningProduct;

    beforeAll(async () => {
      cluster = startSecondCluster(await freePort());
      product = await serve({
        PORT: String(await freePort()),
        DATABASE_URL: cluster.url,
        TUOWEI_DEMO: '1',
        // read anonymously below, as the embedded default allows
        TUOWEI_PUBLIC_READ: '1',
      });
    });

    afterAll(async () => {
      await product?.stop();
      cluster?.destroy();
    });

    it('answers 503 in words while it is away, does not crash, and recovers within 5 s of its return', async () => {
      const write = await session(product, 'demo-weixi-entry');
      let quarter = 0;
      const put = () =>
        write(
          // quarters long ended, before the demo reports begin (2021Q1)
          `/api/v1/reports/533423/2010Q${(quarter++ % 4) + 1}`.replace('2010', String(2010 + Math.floor(quarter / 4))),
          {
            method: 'PUT',
            body: JSON.stringify({ places: 800, affordablePlaces: 400 }),
          },
        );
      expect((await put()).status).toBe(201);

      cluster.stop();
      const during = await Promise.all([
        fetch(`${product.url}/api/v1/health`),
        fetch(`${product.url}/api/v1/progress/533423?period=2024Q3`),
        put(),
      ]);
      expect(during.map((r) => r.status)).toEqual([503, 503, 503]);
      const body = (await during[2].json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('database_unavailable');
      expect(body.error.message).toContain('数据库暂时无法访问');
      expect(product.process.exitCode).toBeNull();

      cluster.start();
      const back = Date.now();
      let recoveredAfter = -1;
      while (Date.now() - back < 5000) {
        if ((await fetch(`${product.url}/api/v1/health`)).status === 200) {
          recoveredAfter = Date.now() - back;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recoveredAfter).toBeGreaterThanOrEqual(0);
      // a new sign-in is not needed: the session lives in the database that came back
      expect((await put()).status).toBe(201);

      // nothing half-written: every stored report has exactly its insert in the audit trail
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      const { rows } = await client.query(`
      select r.year, r.quarter, (select count(*) from audit_log a where a.entity_id = r.id::text and a.action = 'insert') as audited
      from quarterly_reports r where r.year between 2010 and 2019`);
      await client.end();
      expect(rows.length).toBe(2);
      expect(rows.every((row) => row.audited === '1')).toBe(true);
    });
  },
);

describe('the API killed in the middle of an import', () => {
  let cluster: SecondCluster | null = null;
  let product: RunningProduct;
  let url: string;

  beforeAll(async () => {
    // on the test's own cluster when it can have one; else a database on the shared server
    if (!unavailable) {
      cluster = startSecondCluster(await freePort());
      url = cluster.url;
    } else {
      url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    }
    product = await serve({ PORT: String(await freePort()), DATABASE_URL: url, TUOWEI_DEMO: '1' });
  });

  afterAll(async () => {
    await product?.stop('SIGKILL');
    cluster?.destroy();
  });

  it('stores nothing of it', async () => {
    const write = await session(product, 'demo-weixi-entry');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('季报');
    sheet.addRow(['行政区划代码', '季度', '托位数', '普惠托位数']);
    // every quarter before the demo reports begin (2021Q1): all ended, none stored
    for (let year = 2000; year <= 2020; year++)
      for (let q = 1; q <= 4; q++) sheet.addRow(['533423', `${year}Q${q}`, 900, 500]);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    // The import writes its reports, then its audit rows: holding the audit log makes it wait there,
    // in the middle of its transaction, for as long as the test needs to kill it.
    const holder = new pg.Client({ connectionString: url });
    // pg_stat_activity holds still within a transaction: another connection watches
    const watcher = new pg.Client({ connectionString: url });
    await holder.connect();
    await watcher.connect();
    await holder.query('begin');
    await holder.query('lock table audit_log in exclusive mode');
    const request = write('/api/v1/import?mode=commit', {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: file,
    }).catch((error: Error) => error);
    let waiting: number | null = null;
    for (let i = 0; i < 300 && waiting === null; i++) {
      const { rows } = await watcher.query<{ pid: number }>(
        `select pid from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%insert into audit_log%'`,
      );
      waiting = rows[0]?.pid ?? null;
      if (waiting === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(waiting).not.toBeNull();
    await product.stop('SIGKILL');
    await holder.query('rollback');
    const outcome = await request;
    expect(outcome).toBeInstanceOf(Error);
    // the import's backend finds its client gone and ends, its transaction never committed
    for (let i = 0; i < 200; i++) {
      const { rowCount } = await watcher.query('select 1 from pg_stat_activity where pid = $1', [waiting]);
      if (rowCount === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { rows } = await watcher.query('select count(*)::int as n from quarterly_reports where year <= 2020');
    await holder.end();
    await watcher.end();
    expect(rows[0].n).toBe(0);
  });
});

describe('the embedded mode killed and restarted', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-kill-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every write that was answered', async () => {
    const port = String(await freePort());
    let product = await serve({ PORT: port, TUOWEI_DATA_DIR: dataDir });
    let write = await session(product, 'demo-weixi-entry');
    const saved = await write('/api/v1/reports/533423/2019Q1', {
      method: 'PUT',
      body: JSON.stringify({ places: 777, affordablePlaces: 400 }),
    });
    expect(saved.status).toBe(201);
    await product.stop('SIGKILL');
    product = await serve({ PORT: port, TUOWEI_DATA_DIR: dataDir });
    try {
      write = await session(product, 'demo-weixi-entry');
      const report = await (await write('/api/v1/reports/533423/2019Q1')).json();
      expect(report).toMatchObject({ places: 777, version: 1, status: 'draft' });
    } finally {
      await product.stop();
    }
  });
});
