// Two thousand requests at once — report writes with If-Match, report reads, jurisdictions,
// progress, completeness and the overview — on real Postgres and on the embedded default: none
// fails and every answer is the one its own request asked for (issue 11: on the embedded default,
// one query could run with another's parameters). And the embedded default's one connection is
// replaced at once when it breaks.
import fs from 'node:fs';
import type { ReportView } from '@tuowei/shared';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { EMBEDDED_CONNECTIONS, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { JURISDICTIONS } from '../src/seed/five-plans.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, embeddedTemplateCopy, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

const WEIXI = '533423';
const YEARS = Array.from({ length: 25 }, (_, i) => 2001 + i);
/** Approved before the storm and never written during it: Q1 and Q3 of every year. */
const fixedPlaces = (year: number, quarter: number) => (year - 2000) * 10 + quarter;
/** Written during the storm as drafts, five versions each: Q2 and Q4, whose quarter before is fixed. */
const WRITTEN = YEARS.flatMap((year) => [2, 4].map((quarter) => ({ year, quarter, period: `${year}Q${quarter}` })));
/** Each version of each written quarter has places of its own, so an answer shows whose row it is. */
const writtenPlaces = (index: number, version: number) => 10_000 + index * 10 + version;
const FINAL_VERSION = 5;

interface Answer {
  status: number;
  body: unknown;
  etag: string | undefined;
}

describe.each(BACKENDS)('2,000 concurrent requests on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await insertReports(
      test.database.db,
      YEARS.flatMap((year) =>
        [1, 3].map((quarter) => ({
          code: WEIXI,
          period: `${year}Q${quarter}`,
          places: fixedPlaces(year, quarter),
          affordablePlaces: quarter,
        })),
      ),
    );
    await createAccounts(test.database.db, [ACCOUNTS.entryWeixi]);
    app = await buildApp({ database: test.database, webDist: null });
    entry = await signIn(app, ACCOUNTS.entryWeixi.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  // reports are read and written as Weixi's entry; the public reads go without a session
  const send = async (method: 'GET' | 'PUT', url: string, options: { payload?: object; ifMatch?: number } = {}) => {
    const signedIn = url.startsWith('/api/v1/reports/');
    const response = await app.inject({
      method,
      url,
      headers: signedIn
        ? entry.headers(options.ifMatch === undefined ? {} : { 'if-match': `"${options.ifMatch}"` })
        : {},
      ...(options.payload ? { payload: options.payload } : {}),
    });
    return { status: response.statusCode, body: response.json(), etag: response.headers.etag as string | undefined };
  };

  // bounded only against a frozen server: two thousand requests take 21–55 s on a loaded 2-core
  // machine, and how long they take is the benchmark's business, not a test's
  it('answers every one rightly, with nothing lost and nothing stored twice', { timeout: 600_000 }, async () => {
    // Reads whose answers no draft changes (progress counts submitted and approved reports;
    // completeness and the fixed quarters see no writes): answered one at a time first, then the
    // same requests in the storm must get the very same answers.
    // the five plans' units, of the national tree's 3,348
    const shipped = new Set(JURISDICTIONS.map((unit) => unit.code));
    const codes = ((await send('GET', '/api/v1/jurisdictions')).body as { code: string }[])
      .map((unit) => unit.code)
      .filter((code) => shipped.has(code));
    expect(codes).toHaveLength(9);
    expect(codes).toContain(WEIXI);
    const stable: string[] = [
      ...codes.map((code) => `/api/v1/jurisdictions/${code}`),
      ...['2024Q1', '2024Q3', '2025Q2', '2025Q4'].flatMap((period) => [
        `/api/v1/progress/${WEIXI}?period=${period}`,
        `/api/v1/progress/533400?period=${period}`,
        `/api/v1/completeness/${WEIXI}?period=${period.replace(/Q[24]$/, 'Q3')}`,
        `/api/v1/completeness/533400?period=${period.replace(/Q[24]$/, 'Q1')}`,
        `/api/v1/overview?root=533400&period=${period}`,
        `/api/v1/overview?root=530000&period=${period}`,
      ]),
    ];
    const expected = new Map<string, unknown>();
    for (const url of stable) {
      const answer = await send('GET', url);
      expect(answer.status, url).toBe(200);
      expected.set(url, answer.body);
    }
    // and by hand, so that the one-at-a-time answers are themselves right: Weixi's 2024Q3 is its
    // approved 2024Q3 (24 × 10 + 3); 2025Q2 has no approved report, so 2025Q1 (25 × 10 + 1) stands
    const progress = (period: string) => expected.get(`/api/v1/progress/${WEIXI}?period=${period}`) as never;
    expect(progress('2024Q3')).toMatchObject({ actual: { places: 243 } });
    expect(progress('2025Q2')).toMatchObject({ actual: { places: 251 } });

    const wrong: string[] = [];
    const failed: string[] = [];
    const check = (what: string, answer: Answer, expectation: (answer: Answer) => string | null) => {
      if (answer.status >= 500) failed.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
      else {
        const problem = expectation(answer);
        if (problem) wrong.push(`${what}: ${problem} (${answer.status} ${JSON.stringify(answer.body).slice(0, 300)})`);
      }
    };
    const inFlight: Promise<void>[] = [];
    let requests = 0;
    const fire = (what: string, request: Promise<Answer>, expectation: (answer: Answer) => string | null) => {
      requests++;
      inFlight.push(request.then((answer) => check(what, answer, expectation)));
    };

    // A report read once version `from` was written: a later version may have landed meanwhile,
    // but whichever it is, its places are that version's, and the quarter before is the fixed one.
    const readWritten = (index: number, from: number) => {
      const { year, quarter, period } = WRITTEN[index];
      fire(
        `GET report ${period} (after v${from})`,
        send('GET', `/api/v1/reports/${WEIXI}/${period}`),
        ({ status, body, etag }) => {
          const view = body as ReportView;
          if (status !== 200) return 'not 200';
          if (view.version < from || view.version > FINAL_VERSION) return `version ${view.version}`;
          if (etag !== `"${view.version}"`) return `etag ${etag}`;
          if (view.places !== writtenPlaces(index, view.version)) return `places ${view.places}`;
          if (view.previous?.places !== fixedPlaces(year, quarter - 1))
            return `previous ${JSON.stringify(view.previous)}`;
          return null;
        },
      );
    };

    // One writer per written quarter: created, updated to version 4, a stale save refused with the
    // current report, then version 5; each save read back twice while everything else runs.
    const writer = async (index: number) => {
      const { period } = WRITTEN[index];
      const url = `/api/v1/reports/${WEIXI}/${period}`;
      const save = async (version: number, ifMatch?: number) => {
        const answer = await send('PUT', url, {
          payload: { places: writtenPlaces(index, version), affordablePlaces: version },
          ifMatch,
        });
        requests++;
        check(`PUT ${period} v${version}`, answer, ({ status, body, etag }) => {
          const view = body as ReportView;
          if (status !== (version === 1 ? 201 : 200)) return 'status';
          if (view.version !== version || etag !== `"${version}"`) return `version ${view.version}`;
          if (view.places !== writtenPlaces(index, version)) return `places ${view.places}`;
          return null;
        });
        readWritten(index, version);
        readWritten(index, version);
      };
      await save(1);
      for (const version of [2, 3, 4]) await save(version, version - 1);
      const stale = await send('PUT', url, { payload: { places: 1, affordablePlaces: 0 }, ifMatch: 2 });
      requests++;
      check(`stale PUT ${period}`, stale, ({ status, body }) => {
        const { error } = body as { error?: { code: string; details?: { current?: ReportView } } };
        if (status !== 409 || error?.code !== 'version_conflict') return 'not a version conflict';
        const current = error.details?.current;
        return current?.version === 4 && current.places === writtenPlaces(index, 4) ? null : 'not the current report';
      });
      await save(5, 4);
    };

    // the fixed quarters' reports, beside a quarter before that is being written (or not yet)
    const readFixed = (year: number, quarter: number) => {
      const before =
        quarter === 1
          ? WRITTEN.findIndex((w) => w.year === year - 1 && w.quarter === 4)
          : WRITTEN.findIndex((w) => w.year === year && w.quarter === 2);
      fire(
        `GET report ${year}Q${quarter}`,
        send('GET', `/api/v1/reports/${WEIXI}/${year}Q${quarter}`),
        ({ status, body }) => {
          const view = body as ReportView;
          if (status !== 200 || view.status !== 'approved') return 'not the approved report';
          if (view.places !== fixedPlaces(year, quarter)) return `places ${view.places}`;
          const possible =
            before < 0 ? [] : Array.from({ length: FINAL_VERSION }, (_, v) => writtenPlaces(before, v + 1));
          if (view.previous !== null && !possible.includes(view.previous.places))
            return `previous ${JSON.stringify(view.previous)}`;
          return null;
        },
      );
    };

    const writers = WRITTEN.map((_, index) => writer(index));
    // 50 writers × (6 saves + 10 reads) = 800; 50 fixed reports; 1,150 stable reads: 2,000
    for (const year of YEARS) for (const quarter of [1, 3]) readFixed(year, quarter);
    for (let i = 0; i < 1150; i++) {
      const url = stable[(i * 7) % stable.length];
      fire(`GET ${url}`, send('GET', url), ({ status, body }) => {
        if (status !== 200) return 'not 200';
        return JSON.stringify(body) === JSON.stringify(expected.get(url)) ? null : 'not the answer it had alone';
      });
    }
    await Promise.all(writers);
    await Promise.all(inFlight);

    expect(requests).toBe(2000);
    expect(failed).toEqual([]);
    expect(wrong).toEqual([]);

    // stored: each written quarter at version 5 with its own places, one audit row per save that
    // was accepted (a creation and four updates, none for the refused one)
    const { rows } = await sql<{ period: string; version: number; places: number }>`
      select year || 'Q' || quarter as period, version, places from quarterly_reports
      where jurisdiction_code = ${WEIXI} and status = 'draft' order by year, quarter`.execute(test.database.db);
    expect(rows).toEqual(
      WRITTEN.map(({ period }, index) => ({
        period,
        version: FINAL_VERSION,
        places: writtenPlaces(index, FINAL_VERSION),
      })),
    );
    const { rows: audit } = await sql<{ action: string; n: string }>`
      select action, count(*) n from audit_log where entity = 'report' and actor = ${ACCOUNTS.entryWeixi.username}
      group by action order by action`.execute(test.database.db);
    expect(audit).toEqual([
      { action: 'insert', n: String(WRITTEN.length) },
      { action: 'update', n: String(WRITTEN.length * 4) },
    ]);
    // and one at a time afterwards, the stable answers are still the same (drafts do not count)
    for (const url of stable) expect((await send('GET', url)).body, url).toEqual(expected.get(url));
  });
});

describe('the embedded default’s connection', () => {
  it('is replaced at once when it breaks, before the server has seen the old one go', async () => {
    // the template's copy, not an empty folder: what is stored does not matter here, and an
    // empty folder's initdb took most of this test's 8 s
    const dataDir = await embeddedTemplateCopy();
    const embedded = await startEmbeddedPostgres(dataDir);
    const pool = new pg.Pool({
      host: embedded.socketDir,
      user: 'postgres',
      database: 'postgres',
      max: EMBEDDED_CONNECTIONS,
    });
    pool.on('error', () => {});
    try {
      const answers: number[] = [];
      for (let i = 0; i < 20; i++) {
        // the connection's socket closed under the pool, and the next query asked in the same turn
        const client = await pool.connect();
        (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
        client.release(true);
        answers.push((await pool.query<{ n: number }>('select $1::int as n', [i])).rows[0].n);
      }
      expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i));
    } finally {
      await pool.end();
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
