// Errors raised by Fastify and Node's HTTP parser before any route runs (a URL that does not
// decode, a body shorter than its Content-Length, bad JSON, a body too large, an unsupported
// content type, no such route) answer in the contract's shape, { error: { code, message } }, with
// a 4xx status and the message in the reader's language. The raw cases go over a real socket.
import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes bytes as they are to the server, ends its side, and reads the whole answer. */
function rawRequest(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split === -1) return reject(new Error(`no HTTP answer: ${JSON.stringify(text)}`));
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
    socket.end(bytes);
  });
}

const CHINESE = /[\u4e00-\u9fff]/;

/** The contract's error shape, and nothing else in it. */
function contractError(body: string): { code: string; message: string } {
  const parsed = JSON.parse(body) as { error: { code: string; message: string } };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(Object.keys(parsed.error).sort()).toEqual(['code', 'message']);
  expect(parsed.error.code).toMatch(/^[a-z_]+$/);
  return parsed.error;
}

describe("the framework's own errors", () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let port: number;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    app = await buildApp({ database: test.database, webDist: null });
    // a real deadlock: two transactions take two locks in opposite orders; Postgres rolls one back
    app.get('/api/v1/test-only/deadlock', async () => {
      const hold = (first: number, second: number) =>
        test.database.db.transaction().execute(async (trx) => {
          await sql`select pg_advisory_xact_lock(${first})`.execute(trx);
          await sql`select pg_sleep(0.3)`.execute(trx);
          await sql`select pg_advisory_xact_lock(${second})`.execute(trx);
        });
      await Promise.all([hold(917_001, 917_002), hold(917_002, 917_001)]);
      return {};
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  it('answers a URL that does not decode with 400 in the error shape, in Chinese or English', async () => {
    const request = (language: string) =>
      rawRequest(
        port,
        `GET /%c0%ae%c0%ae/etc/passwd HTTP/1.1\r\nHost: localhost\r\n${language}Connection: close\r\n\r\n`,
      );
    const chinese = await request('');
    expect(chinese.status).toBe(400);
    expect(chinese.headers['content-type']).toMatch(/^application\/json/);
    const zh = contractError(chinese.body);
    expect(zh.code).toBe('bad_url');
    expect(zh.message).toMatch(CHINESE);
    // q-values decide: English is preferred over Chinese here though it is not listed first
    const english = await request('Accept-Language: zh-CN;q=0.5, en-GB;q=0.9\r\n');
    expect(english.status).toBe(400);
    const en = contractError(english.body);
    expect(en).toEqual({ code: 'bad_url', message: expect.stringContaining('address') });
    expect(en.message).not.toMatch(CHINESE);
  });

  it('answers a body shorter than its Content-Length with 400 in the error shape', async () => {
    const body = '{"username":"x"}';
    const answer = await rawRequest(
      port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\n' +
        `Content-Type: application/json\r\nContent-Length: ${body.length + 20}\r\n\r\n${body}`,
    );
    expect(answer.status).toBe(400);
    const error = contractError(answer.body);
    expect(error.code).toBe('bad_request');
    expect(error.message).not.toMatch(CHINESE);
  });

  it('answers a request the HTTP parser cannot read (a Content-Length that is not a number) with 400', async () => {
    const answer = await rawRequest(
      port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ten\r\n\r\n{}',
    );
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const error = contractError(answer.body);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(CHINESE);
  });

  const post = (payload: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload });

  it('answers bad JSON with 400 in the error shape', async () => {
    const zh = await post('{"username": "x",', { 'content-type': 'application/json' });
    expect(zh.statusCode).toBe(400);
    expect(contractError(zh.body)).toEqual({ code: 'invalid_json', message: '请求内容不是有效的 JSON。' });
    const en = await post('{"username": "x",', { 'content-type': 'application/json', 'accept-language': 'en-US' });
    expect(contractError(en.body)).toEqual({ code: 'invalid_json', message: 'The request body is not valid JSON.' });
  });

  it('lists a schema’s problems as each language joins a list: “：” and “；” in Chinese, “: ” and “; ” in English', async () => {
    const body = JSON.stringify({ username: 1, password: 2 });
    const zh = await post(body, { 'content-type': 'application/json' });
    expect(zh.statusCode).toBe(400);
    const zhError = JSON.parse(zh.body).error as { message: string; details: { field: string }[] };
    expect(zhError.details.map((problem) => problem.field)).toEqual(['body.username', 'body.password']);
    expect(zhError.message).toMatch(/^请求有误：body\.username：[^；]+；body\.password：[^；]+$/);
    const en = await post(body, { 'content-type': 'application/json', 'accept-language': 'en' });
    const enError = JSON.parse(en.body).error as { message: string };
    expect(enError.message).toMatch(/^Invalid request: body\.username: [^;]+; body\.password: [^;]+$/);
    expect(enError.message).not.toMatch(/[：；、，。]/);
  });

  it('answers a body over 1 MB with 413 in the error shape', async () => {
    const huge = JSON.stringify({ username: 'x', password: 'y'.repeat(1024 * 1024) });
    const zh = await post(huge, { 'content-type': 'application/json' });
    expect(zh.statusCode).toBe(413);
    expect(contractError(zh.body).code).toBe('body_too_large');
    expect(contractError(zh.body).message).toContain('请求内容过大');
    const en = await post(huge, {
      'content-type': 'application/json',
      'accept-language': 'fr;q=1, en;q=0.8, zh;q=0.1',
    });
    expect(contractError(en.body).message).toContain('too large');
  });

  it('answers an unsupported content type with 415 in the error shape', async () => {
    const zh = await post('<login/>', { 'content-type': 'text/xml' });
    expect(zh.statusCode).toBe(415);
    expect(contractError(zh.body).code).toBe('unsupported_media_type');
    expect(contractError(zh.body).message).toMatch(CHINESE);
    const en = await post('<login/>', { 'content-type': 'text/xml', 'accept-language': 'en' });
    expect(contractError(en.body).message).toContain('Unsupported content type');
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const zh = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(zh.statusCode).toBe(404);
    expect(contractError(zh.body)).toEqual({ code: 'not_found', message: '没有这个地址：GET /api/v1/no-such-thing' });
    const en = await app.inject({
      method: 'DELETE',
      url: '/api/v1/no-such-thing',
      headers: { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.8' },
    });
    expect(contractError(en.body)).toEqual({
      code: 'not_found',
      message: 'No such route: DELETE /api/v1/no-such-thing',
    });
  });

  it('answers a write Postgres rolled back as a deadlock with 409, never a 500', async () => {
    const zh = await app.inject({ method: 'GET', url: '/api/v1/test-only/deadlock' });
    expect(zh.statusCode).toBe(409);
    expect(contractError(zh.body)).toEqual({
      code: 'write_collided',
      message: '这次保存与同时进行的另一次保存相互冲突，未保存任何内容。请重试。',
    });
    const en = await app.inject({
      method: 'GET',
      url: '/api/v1/test-only/deadlock',
      headers: { 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(409);
    expect(contractError(en.body).message).toBe(
      'This write collided with another made at the same moment; nothing was saved. Please try again.',
    );
  });
});
