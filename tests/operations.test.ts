// Operations: a backup restored into a fresh database answers the same; 200 concurrent
// conflicting updates lose nothing; a stop signal lets requests in flight finish; logs are JSON
// lines with request ids and no secrets.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../apps/api/test/support/backends.ts';
import { freePort, ROOT, type RunningProduct, serveApi, signInDemo } from './support/product.ts';

const serve = (env: Record<string, string>) => serveApi({ LOG_LEVEL: 'info', ...env });
const signIn = signInDemo;

describe('a running server on real Postgres', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let restored: Awaited<ReturnType<typeof createTestDatabase>>;
  let product: RunningProduct;

  beforeAll(async () => {
    database = await createTestDatabase();
    restored = await createTestDatabase();
    product = await serve({
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      TUOWEI_DEMO: '1',
      TUOWEI_PUBLIC_READ: '1',
    });
  });

  afterAll(async () => {
    await product?.stop();
    await database?.drop();
    await restored?.drop();
  });

  it('applies exactly one of 200 concurrent conflicting updates per report, each audited once', async () => {
    const { cookie, csrfToken } = await signIn(product, 'demo-weixi-entry');
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const reports = ['2018Q1', '2018Q2', '2018Q3', '2018Q4'];
    for (const period of reports) {
      const created = await fetch(`${product.url}/api/v1/reports/533423/${period}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ places: 100, affordablePlaces: 50 }),
      });
      expect(created.status).toBe(201);
    }
    // 200 updates, 50 to each report, all started from version 1
    const attempts = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const period = reports[i % 4];
        const response = await fetch(`${product.url}/api/v1/reports/533423/${period}`, {
          method: 'PUT',
          headers: { ...headers, 'if-match': '"1"' },
          body: JSON.stringify({ places: 200 + i, affordablePlaces: 50 }),
        });
        return {
          period,
          status: response.status,
          places: response.status === 200 ? ((await response.json()) as { places: number }).places : null,
        };
      }),
    );
    expect(attempts.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    for (const period of reports) {
      const applied = attempts.filter((a) => a.period === period && a.status === 200);
      expect(applied).toHaveLength(1);
      const final = (await (await fetch(`${product.url}/api/v1/reports/533423/${period}`, { headers })).json()) as {
        places: number;
        version: number;
      };
      expect(final).toMatchObject({ places: applied[0].places, version: 2 });
      const history = (await (
        await fetch(`${product.url}/api/v1/reports/533423/${period}/history`, { headers })
      ).json()) as { action: string }[];
      expect(history.map((h) => h.action)).toEqual(['insert', 'update']);
    }
  });

  it('restores from pg_dump into a fresh database with the same answers', async () => {
    const dump = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-dump-')), 'tuowei.dump');
    // the steps README.md gives
    execFileSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, database.url]);
    execFileSync('pg_restore', ['--no-owner', '--no-privileges', `--dbname=${restored.url}`, dump]);
    const copy = await serve({
      PORT: String(await freePort()),
      DATABASE_URL: restored.url,
      TUOWEI_DEMO: '0',
      TUOWEI_PUBLIC_READ: '1',
    });
    try {
      for (const code of ['533423', '371503', '141000', '140000', '520000', '530000']) {
        for (const period of ['2024Q4', '2025Q4', '2018Q2']) {
          const url = `/api/v1/progress/${code}?period=${period}`;
          const [original, again] = await Promise.all([fetch(`${product.url}${url}`), fetch(`${copy.url}${url}`)]);
          expect(await again.json(), url).toEqual(await original.json());
        }
      }
      // the restored audit trail is still append-only, and its hash chain the same, intact
      expect(() => execFileSync('psql', [restored.url, '-c', 'delete from audit_log'], { stdio: 'pipe' })).toThrow(
        /append-only/,
      );
      const verify = (url: string) =>
        JSON.parse(
          execFileSync(process.execPath, [path.join(ROOT, 'apps/api/dist/audit-verify.mjs'), '--json'], {
            env: { ...process.env, DATABASE_URL: url },
          }).toString(),
        );
      const chain = verify(database.url);
      expect(chain).toMatchObject({ intact: true, firstBrokenId: null });
      expect(chain.rows).toBeGreaterThan(0);
      expect(verify(restored.url)).toEqual(chain);
    } finally {
      await copy.stop();
    }
  });

  it('logs JSON lines with request ids, and no password, cookie or token', async () => {
    const { password, cookie, csrfToken } = await signIn(product, 'demo-diqing-reviewer');
    const lines = product
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; level: number });
    expect(entries.filter((e) => e.reqId).length).toBeGreaterThan(10);
    const log = lines.join('\n');
    expect(log).not.toContain(password);
    expect(log).not.toContain(cookie.split('=')[1]);
    expect(log).not.toContain(csrfToken);
  });

  it('finishes requests in flight when told to stop', async () => {
    // a request that takes a while, then the stop signal while it runs
    const { cookie, csrfToken } = await signIn(product, 'demo-weixi-entry');
    await fetch(`${product.url}/api/v1/reports/533423/2019Q1`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ places: 1, affordablePlaces: 0 }),
    });
    // a leader's gap report of Yunnan, recomputed after that change
    const leader = await signIn(product, 'demo-yunnan-leader');
    const inFlight = fetch(`${product.url}/api/v1/gap-report?root=530000&period=2024Q4&format=json`, {
      headers: { cookie: leader.cookie },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exit = product.stop('SIGTERM');
    const response = await inFlight;
    const body = await response.text();
    expect(response.status, body).toBe(200);
    expect((JSON.parse(body) as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    expect(await exit).toBe(0);
  });
});
