// The built web app goes out as the build compressed it (.br, .gz beside each file), to browsers
// that accept it, and as it is to those that do not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

describe('the web app, precompressed', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-dist-'));
  const script = `console.log(${JSON.stringify('托位'.repeat(2000))});\n`;

  beforeAll(async () => {
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>托位</title>');
    fs.writeFileSync(path.join(dist, 'assets/app-1.js'), script);
    fs.writeFileSync(path.join(dist, 'assets/app-1.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(dist, 'assets/app-1.js.gz'), zlib.gzipSync(script));
    test = await openTestDatabase('postgres');
    app = await buildApp({ database: test.database, webDist: dist });
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends brotli, gzip or the file itself, each decoding to the same script', async () => {
    const br = await get('/assets/app-1.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(script);
    const gz = await get('/assets/app-1.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(script);
    const plain = await get('/assets/app-1.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 10);
  });

  it('lets browsers keep the hashed assets for good, and not the page that names them', async () => {
    expect((await get('/assets/app-1.js', 'br')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/app-1.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/index.html');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).not.toContain('immutable');
    const route = await get('/dashboard/533423');
    expect(route.headers['cache-control'] ?? '').not.toContain('immutable');
  });

  /** The security headers every answer carries: the same set whatever serves it. */
  const SECURITY_HEADERS = {
    'content-security-policy':
      "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';" +
      "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
      "style-src 'self' 'unsafe-inline';connect-src 'self'",
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };

  it('sends the same security headers with the page, an asset, an API answer and an error', async () => {
    for (const url of ['/', '/dashboard/533423', '/assets/app-1.js', '/api/v1/ping', '/api/v1/no-such-thing']) {
      const response = await get(url);
      const sent = Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, response.headers[name]]));
      expect(sent, url).toEqual(SECURITY_HEADERS);
      expect(response.headers['cross-origin-embedder-policy'], url).toBeUndefined();
    }
  });
});
