// The remembered answers are bounded by what they weigh, not only by how many they are: the least
// recently used go first once the bytes are spent, and an answer heavier than the whole bound is
// answered but not kept. Real Postgres (the cache reads the data versions there) and the embedded default.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FreshCache, weighEntry } from '../src/cache.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

describe('what a remembered answer weighs', () => {
  it('is two bytes a character for a text, and counts every string and field of a value', () => {
    expect(weighEntry('x'.repeat(1000))).toBe(2000);
    // an object (32) with two fields (8 each): a number (8) and a 3-character string (16 + 6)
    expect(weighEntry({ places: 600, name: '维西县' })).toBe(32 + 8 + 8 + 8 + 16 + 6);
    // an array (32) of the same object twice: counted once
    const row = { places: 600 };
    expect(weighEntry([row, row])).toBe(32 + (32 + 8 + 8));
  });
});

describe.each(BACKENDS)('the remembered answers bounded by bytes (%s)', (backend) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(backend);
  }, 120_000);
  afterAll(async () => {
    await test?.destroy();
  });

  it('drops the least recently used once they weigh more than the bound, and keeps none heavier than it', async () => {
    // 1,000 bytes in all: two texts of 200 characters (400 bytes each) fit, a third does not
    const cache = new FreshCache(test.database.db, 500, 1_500_000, 1000);
    const computed: string[] = [];
    const answer = (key: string, length: number) =>
      cache.json(
        key,
        async () => {
          computed.push(key);
          return 'x'.repeat(length - 2);
        },
        null,
      );
    await answer('a', 200);
    await answer('b', 200);
    await answer('a', 200); // remembered; now b is the least recently used
    expect(computed).toEqual(['a', 'b']);
    await answer('c', 200); // a + b + c would weigh 1,200: b goes
    await answer('a', 200);
    await answer('c', 200);
    expect(computed).toEqual(['a', 'b', 'c']);
    await answer('b', 200);
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
    // 600 characters weigh 1,200 bytes, more than the bound: answered every time, never kept
    expect(await answer('heavy', 600)).toBe(JSON.stringify('x'.repeat(598)));
    await answer('heavy', 600);
    expect(computed).toEqual(['a', 'b', 'c', 'b', 'heavy', 'heavy']);
  });

  it('keeps one version of an answer and of a piece: the newer replaces the older', async () => {
    // room for three texts of 200 characters
    const cache = new FreshCache(test.database.db, 500, 1_500_000, 1200);
    const computed: string[] = [];
    const answer = (key: string) =>
      cache.json(
        key,
        async () => {
          computed.push(key);
          return 'x'.repeat(198);
        },
        null,
      );
    await answer('b');
    await answer('a');
    // any write to the settings moves the global version
    await sql`insert into settings (key, value) values ('report_deadline_days', '15')
              on conflict (key) do update set value = excluded.value`.execute(test.database.db);
    await answer('a'); // a at the new version replaces a at the old one
    expect(cache.remembered()).toMatchObject({ answers: 2, answersBytes: 800 });
    await answer('b'); // and b, likewise
    expect(cache.remembered()).toMatchObject({ answers: 2, answersBytes: 800 });
    await answer('c');
    await answer('a'); // three answers fit: none went
    await answer('b');
    expect(computed).toEqual(['b', 'a', 'a', 'b', 'c']);
    // a piece at newer versions replaces it too: asked at the old versions again, it is read
    // again, and does not replace the newer one (a computation at an older snapshot)
    const read: number[] = [];
    const piece = (version: number) =>
      cache.piece(
        'branch|x',
        [7, version],
        async () => {
          read.push(version);
          return version;
        },
        () => 1,
      );
    expect(await piece(1)).toBe(1);
    expect(await piece(1)).toBe(1);
    expect(await piece(2)).toBe(2);
    expect(cache.remembered()).toMatchObject({ pieces: 1, piecesWeight: 1 });
    expect(await piece(1)).toBe(1);
    expect(await piece(2)).toBe(2);
    expect(read).toEqual([1, 2, 1]);
  });
});
