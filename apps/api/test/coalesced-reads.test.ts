// One computation of an answer at a time (cache.ts `value`): readers arriving while one runs queue
// behind it instead of starting computations of their own at newer versions, and none of them is
// ever served an answer from a snapshot older than its arrival. The answer here is the sum of the
// data versions its snapshot saw: versions only grow, so a larger sum is a later snapshot.
import { type Kysely, sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FreshCache } from '../src/cache.ts';
import type { DB } from '../src/db/schema.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

const WEIXI = '533423';

async function versionSum(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  const { rows } = await sql<{ sum: string }>`select sum(version) as sum from data_versions`.execute(db);
  return Number(rows[0].sum);
}

describe.each(BACKENDS)('coalesced computations of one answer (%s)', (backend) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await insertReports(test.database.db, [{ code: WEIXI, period: '2024Q4', places: 600, affordablePlaces: 350 }]);
  });

  afterAll(async () => {
    await test?.destroy();
  });

  const write = () =>
    sql`update quarterly_reports set places = places + 1 where jurisdiction_code = ${WEIXI}`.execute(test.database.db);

  it('serves every reader, amid writes, an answer no older than its arrival', async () => {
    const cache = new FreshCache(test.database.db);
    let computations = 0;
    const compute = async (trx: Transaction<DB>) => {
      computations += 1;
      return versionSum(trx);
    };
    const reads: Promise<void>[] = [];
    for (let round = 0; round < 20; round++) {
      // the versions as they stand when the readers arrive: their answers must hold at least these
      const atArrival = await versionSum(test.database.db);
      for (let reader = 0; reader < 5; reader++)
        reads.push(
          cache.value('sum', compute).then((sum) => {
            expect(sum).toBeGreaterThanOrEqual(atArrival);
          }),
        );
      if (round % 2 === 0) await write();
    }
    await Promise.all(reads);
    // 100 readers over 10 writes: computations shared, never one per reader
    expect(computations).toBeGreaterThan(0);
    expect(computations).toBeLessThan(100);
    // and the next reader, with no write since, is answered from memory at the newest versions
    const before = computations;
    expect(await cache.value('sum', compute)).toBe(await versionSum(test.database.db));
    expect(computations).toBe(before);
  });

  it.runIf(backend === 'postgres')(
    'runs one computation of an answer at a time: readers after a write wait for the next one',
    async () => {
      const cache = new FreshCache(test.database.db);
      let running = 0;
      let mostAtOnce = 0;
      const started: number[] = [];
      const gates: (() => void)[] = [];
      let opened = false;
      const compute = async (trx: Transaction<DB>) => {
        const sum = await versionSum(trx);
        started.push(sum);
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        if (!opened) await new Promise<void>((open) => gates.push(open));
        running -= 1;
        return sum;
      };
      const settle = async () => {
        // a few round trips to Postgres: long enough for a reader to start a transaction of its own
        for (let i = 0; i < 5; i++) await sql`select pg_sleep(0.02)`.execute(test.database.db);
      };
      try {
        const first = cache.value('held', compute);
        while (gates.length === 0) await settle();
        const v0 = started[0];
        // a reader at the same versions shares the running computation
        const same = cache.value('held', compute);
        await write();
        const v1 = await versionSum(test.database.db);
        // two readers after the write: the running computation is older than they are
        const later = [cache.value('held', compute), cache.value('held', compute)];
        await settle();
        expect(started).toEqual([v0]);
        gates[0]();
        expect(await first).toBe(v0);
        expect(await same).toBe(v0);
        // the next computation starts when the first ends, at the newest versions, for both readers
        while (gates.length < 2) await settle();
        expect(started).toEqual([v0, v1]);
        gates[1]();
        expect(await Promise.all(later)).toEqual([v1, v1]);
        expect(mostAtOnce).toBe(1);
        expect(gates).toHaveLength(2);
      } finally {
        // a failed expectation must not leave transactions held open
        opened = true;
        for (const open of gates) open();
      }
    },
  );

  it('gives the answer computed, and tells of its transaction failing after it (its commit)', async () => {
    const cache = new FreshCache(test.database.db);
    let told: { error: unknown; key: string } | undefined;
    cache.onLateFailure = (error, key) => {
      told = { error, key };
    };
    const answer = await cache.value('late', async (trx) => {
      // a row its commit refuses: a deferred foreign key checked only then
      await sql`create temp table late_check (id int primary key,
                  parent int references late_check (id) deferrable initially deferred) on commit drop`.execute(trx);
      await sql`insert into late_check values (1, 2)`.execute(trx);
      return 42;
    });
    expect(answer).toBe(42);
    // the commit is sent after the answer is given
    await vi.waitFor(() => expect(told).toBeDefined(), { timeout: 10_000 });
    expect(told?.key).toBe('late');
    // foreign_key_violation, from the commit
    expect((told?.error as { code?: string } | undefined)?.code).toBe('23503');

    // a listener that throws (a logger whose stream has gone) is no unhandled rejection
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let calls = 0;
      cache.onLateFailure = () => {
        calls++;
        throw new Error('the log is gone');
      };
      expect(
        await cache.value('late again', async (trx) => {
          await sql`create temp table late_check (id int primary key,
                      parent int references late_check (id) deferrable initially deferred) on commit drop`.execute(trx);
          await sql`insert into late_check values (1, 2)`.execute(trx);
          return 43;
        }),
      ).toBe(43);
      await vi.waitFor(() => expect(calls).toBe(1), { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
