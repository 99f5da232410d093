// Every audit row names who wrote it, in what role, in which request: the server's own writes at
// start-up (the first admin, the demo accounts) as role 'system' in request 'start-up', and
// every write through the API as the person signed in, in that request.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { BACKENDS, type Backend, createTestDatabase } from './support/backends.ts';

const API = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN = { username: 'first-admin', password: 'first admin password 1' };

interface Started {
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** `src/server.ts` in a process of its own, as `npm start` runs it, on a port it picks. */
async function startServer(env: Record<string, string>): Promise<Started> {
  const { DATABASE_URL: _url, TUOWEI_DATA_DIR: _dir, NODE_ENV: _mode, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      log += chunk;
      // the start-up lines end with the docs' address
      const found = /is running at (http:\/\/[^/\s]+)\/[\s\S]*API docs:/.exec(log);
      if (found) resolve(found[1]);
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    exited.then((code) => reject(new Error(`the server exited with ${code} before serving:\n${log}`)));
  });
  return {
    url,
    output: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Signs in over HTTP and returns a caller for writes as that person. */
async function signInOver(url: string, username: string, password: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}/api/v1${route}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
}

interface ActorRow {
  actor: string | null;
  actor_role: string | null;
  request_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
}

async function where(backend: Backend): Promise<{
  env: Record<string, string>;
  open: { databaseUrl: string | null; dataDir: string };
  drop(): Promise<void>;
}> {
  if (backend === 'postgres') {
    const created = await createTestDatabase();
    return { env: { DATABASE_URL: created.url }, open: { databaseUrl: created.url, dataDir: '' }, drop: created.drop };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-actor-'));
  return {
    env: { TUOWEI_DATA_DIR: dataDir },
    open: { databaseUrl: null, dataDir },
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

// Both backends at once: each has a database (or folder) and servers of its own, on ports they pick.
describe.concurrent.each(BACKENDS)('the actor of every audit row on %s', (backend) => {
  it('is named, with its role and request id, after a start with TUOWEI_ADMIN_USER, API writes, and a demo start', async () => {
    const place = await where(backend);
    try {
      const first = await startServer({
        ...place.env,
        TUOWEI_DEMO: '0',
        TUOWEI_ADMIN_USER: ADMIN.username,
        TUOWEI_ADMIN_PASSWORD: ADMIN.password,
      });
      try {
        expect(first.output()).toContain(`first admin created: ${ADMIN.username}`);
        const call = await signInOver(first.url, ADMIN.username, ADMIN.password);
        const writes = [
          await call('POST', '/users', {
            username: 'clerk-weixi',
            password: 'clerk password 123',
            role: 'entry',
            jurisdictionCode: '533423',
          }),
          await call('PUT', '/users/clerk-weixi', { displayName: '维西录入员' }),
          await call('PUT', '/jurisdictions/533499', {
            name: '试点县',
            nameEn: 'Pilot County',
            level: 'county',
            parentCode: '533400',
          }),
          await call('PUT', '/jurisdictions/533499/populations/2024', { population: 50_000, source: '统计年鉴' }),
          await call('PUT', '/settings', { counting: 'approved_only', reportDeadlineDays: 20 }),
          await call('POST', '/plans', {
            jurisdictionCode: '533499',
            documentNumber: null,
            title: '试点县托育规划',
            issuer: '试点县人民政府',
            issuedOn: null,
          }),
          await call('POST', '/auth/logout'),
        ];
        expect(writes.map((w) => w.status)).toEqual([201, 200, 201, 200, 200, 201, 204]);
      } finally {
        expect(await first.stop()).toBe(0);
      }
      // a demo start: seven demo accounts made by the system
      const demo = await startServer({ ...place.env, TUOWEI_DEMO: '1' });
      expect(await demo.stop()).toBe(0);

      const database = await openDatabase(place.open);
      try {
        const { rows } = await sql<ActorRow>`
          select actor, actor_role, request_id, action, entity, entity_id from audit_log order by id`.execute(
          database.db,
        );
        // the division tree's load (one row for the whole tree) + 1 first admin + 1 login + 7 API
        // writes (logout included) + 7 demo accounts
        expect(rows).toHaveLength(17);
        expect(rows.filter((row) => !row.actor || !row.actor_role || !row.request_id)).toEqual([]);
        expect(rows.shift()).toMatchObject({
          actor: 'system',
          actor_role: 'system',
          request_id: 'start-up',
          action: 'divisions.load',
          entity: 'jurisdiction',
          entity_id: 'nbs-2023',
        });
        expect(rows[0]).toMatchObject({
          actor: 'system',
          actor_role: 'system',
          request_id: 'start-up',
          action: 'insert',
          entity: 'user',
          entity_id: ADMIN.username,
        });
        const requests = rows.slice(1, 9);
        for (const row of requests) expect(row).toMatchObject({ actor: ADMIN.username, actor_role: 'admin' });
        // one request, one id: the server's own request ids, none shared between two writes
        expect(new Set(requests.map((row) => row.request_id)).size).toBe(requests.length);
        expect(rows.slice(9).map((row) => [row.actor, row.actor_role, row.request_id, row.entity])).toEqual(
          Array.from({ length: 7 }, () => ['system', 'system', 'start-up', 'user']),
        );
      } finally {
        await database.close();
      }
    } finally {
      await place.drop();
    }
  }, 180_000);
});
