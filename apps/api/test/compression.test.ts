// Remembered answers go compressed to clients that accept it, decoded to the very same JSON; the
// compressed form is made once per answer and dropped with it. Each carries an entity tag: a
// client showing it back is told 304 while the answer stands, and sent the new one after a write.
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

describe('compressed answers', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const url = '/api/v1/progress/533423?period=2024Q4';

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await insertReports(test.database.db, [{ code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 }]);
    app = await buildApp({ database: test.database, webDist: null });
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const get = (path: string, acceptEncoding?: string) =>
    app.inject({ method: 'GET', url: path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends brotli or gzip as asked, decoding to the plain answer', async () => {
    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.json().actual.places).toBe(600);

    const br = await get(url, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    const brBody = zlib.brotliDecompressSync(br.rawPayload).toString('utf8');
    expect(brBody).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

    const gz = await get(url, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
    expect(gz.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('honours a refusal and an encoding it does not know', async () => {
    expect((await get(url, 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
    expect((await get(url, 'br;q=0, gzip;q=0.0')).headers['content-encoding']).toBeUndefined();
    expect((await get(url, 'deflate, zstd')).headers['content-encoding']).toBeUndefined();
  });

  it('weighs the q-values: the encoding the client prefers, brotli when it likes both alike', async () => {
    expect((await get(url, 'gzip;q=0.9, br;q=0.5')).headers['content-encoding']).toBe('gzip');
    expect((await get(url, 'br;q=0.2, gzip;q=0.3, identity;q=0.1')).headers['content-encoding']).toBe('gzip');
    expect((await get(url, 'identity, gzip;q=0.5')).headers['content-encoding']).toBeUndefined();
    expect((await get(url, 'gzip, br')).headers['content-encoding']).toBe('br');
    expect((await get(url, '*')).headers['content-encoding']).toBe('br');
    expect((await get(url, '*;q=0.5, br;q=0')).headers['content-encoding']).toBe('gzip');
  });

  it('sends short answers as they are', async () => {
    const missing = await get('/api/v1/progress/999999', 'br');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    const ping = await get('/api/v1/ping', 'br');
    expect(ping.headers['content-encoding']).toBeUndefined();
    expect(ping.json()).toEqual({ pong: true });
  });

  it('tags a remembered answer: 304 and no body while it stands, the new answer after a write', async () => {
    const first = await get(url, 'br');
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    // the same tag whatever the encoding (a weak tag: the same answer)
    expect((await get(url)).headers.etag).toBe(tag);
    expect((await get(url, 'gzip')).headers.etag).toBe(tag);
    const ask = (ifNoneMatch: string) =>
      app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': ifNoneMatch } });
    for (const shown of [tag, tag.slice(2), `W/"other", ${tag}`, '*']) {
      const again = await ask(shown);
      expect(again.statusCode, shown).toBe(304);
      expect(again.rawPayload.length).toBe(0);
      expect(again.headers.etag).toBe(tag);
    }
    expect((await ask('W/"other"')).statusCode).toBe(200);
    // a write: the tag shown is no longer the answer's, which comes whole
    await sql`update quarterly_reports set places = 650 where jurisdiction_code = '533423'`.execute(test.database.db);
    const after = await ask(tag);
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(tag);
    expect(JSON.parse(zlib.brotliDecompressSync(after.rawPayload).toString('utf8')).actual.places).toBe(650);
    expect((await ask(after.headers.etag as string)).statusCode).toBe(304);
  });

  it('compresses a remembered answer once, and a passing one each time', async () => {
    const remembered = await app.cache.json('compression-test', async () => ({ words: '托位'.repeat(2000) }));
    const first = app.cache.compressed(remembered, 'br');
    expect(app.cache.compressed(remembered, 'br')).toBe(first);
    expect(app.cache.compressed(remembered, 'gzip')).not.toBe(first);
    const passing = JSON.stringify({ words: '普惠'.repeat(2000) });
    expect(app.cache.compressed(passing, 'br')).not.toBe(app.cache.compressed(passing, 'br'));
    expect(JSON.parse(zlib.brotliDecompressSync(await first).toString('utf8')).words).toHaveLength(4000);
  });
});
