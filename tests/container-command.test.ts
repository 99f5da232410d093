// The production container's start command and health check (Dockerfile), run outside Docker
// against a real Postgres: no Docker engine runs here, so this is how the image's contract is tested.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../apps/api/test/support/backends.ts';
import { freePort, ROOT, type RunningProduct, startProduct } from './support/product.ts';

const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

/** The JSON-array form of a Dockerfile instruction (CMD, or HEALTHCHECK's CMD). */
function execForm(pattern: RegExp): string[] {
  const match = pattern.exec(dockerfile.replace(/\\\n/g, ' '));
  if (!match) throw new Error(`Dockerfile has no ${pattern}`);
  return JSON.parse(match[1]);
}

describe('the container start command, outside Docker', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let product: RunningProduct;
  let port: number;
  const workdir = /WORKDIR\s+\/app\/(\S+)\s*\n(?:(?!WORKDIR)[\s\S])*CMD/.exec(dockerfile)?.[1] ?? '';

  beforeAll(async () => {
    database = await createTestDatabase();
    port = await freePort();
    const [command, ...args] = execForm(/^CMD\s+(\[.*\])\s*$/m);
    product = await startProduct({
      command,
      args,
      cwd: path.join(ROOT, workdir),
      // the image's ENV, with this machine's port; no TUOWEI_DEMO, as in docker-compose's default
      env: {
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        PORT: String(port),
        DATABASE_URL: database.url,
        TUOWEI_DEMO: undefined,
        // as docker-compose may pass it (its role name, tuowei_app, is this database's default here)
        TUOWEI_SERVING_PASSWORD: 'a-fixed-serving-password',
        TUOWEI_ADMIN_USER: 'first-admin',
        TUOWEI_ADMIN_PASSWORD: 'a first admin password',
      },
    });
  });

  afterAll(async () => {
    await product?.stop();
    await database?.drop();
  });

  it('runs from the workdir the image sets', () => {
    expect(workdir).toBe('apps/api');
  });

  it("passes the image's health check", () => {
    const [command, ...args] = execForm(/HEALTHCHECK[^\n]*?CMD\s+(\[.*\])\s*$/m);
    expect(command).toBe('node');
    // exits 0 only on a 200 from /api/v1/health
    expect(() =>
      execFileSync(process.execPath, args.slice(0), { env: { ...process.env, PORT: String(port) } }),
    ).not.toThrow();
    expect(() => execFileSync(process.execPath, args, { env: { ...process.env, PORT: '1' } })).toThrow();
  });

  it('migrates and loads the five plans into the real Postgres, without demo reports', async () => {
    const health = await (await fetch(`${product.url}/api/v1/health`)).json();
    expect(health).toEqual({ status: 'ok', database: 'postgres' });
    // with DATABASE_URL, reading needs a session unless TUOWEI_PUBLIC_READ=1
    const anonymous = await fetch(`${product.url}/api/v1/plans`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('not_signed_in');
    const login = await fetch(`${product.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'first-admin', password: 'a first admin password' }),
    });
    expect(login.status).toBe(200);
    const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] };
    const plans = await (await fetch(`${product.url}/api/v1/plans`, { headers })).json();
    expect(plans).toHaveLength(5);
    const weixi = await (await fetch(`${product.url}/api/v1/progress/533423?period=2024Q4`, { headers })).json();
    expect(weixi.actual).toBeNull();
    expect(weixi.demo).toBe(false);
    expect(product.output()).not.toContain('demo reports');
    // migrated as DATABASE_URL's role, serving as the role it made
    expect(product.output()).toContain(
      `database role: ${database.name}_app (insert and select only on the audit trail; postgres migrated)`,
    );
  });

  it('logs structured JSON lines', () => {
    const lines = product
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[0])).toHaveProperty('level');
  });
});
