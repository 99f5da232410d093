// Starts Tuowei as a newcomer would (the README's command) in its own process group, and
// finds a browser to drive it.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTPUT = path.join(ROOT, 'test-output');

/**
 * How long a browser test waits for the page to show something: until just before the test itself
 * times out (the e2e project's 180 s), so that a slow, loaded machine makes a test slower, never
 * red. How fast a step is is the benchmark's business; a page that never shows it still fails.
 */
export const PATIENCE_MS = 170_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProduct {
  url: string;
  output(): string;
  process: ChildProcess;
  /** Sends SIGTERM (or another signal) to the whole process group and waits for it to end. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string | undefined>;
  /** How long to wait for /api/v1/health to answer. */
  timeoutMs?: number;
}

/** Runs a command that serves Tuowei on env.PORT and waits until its health route answers. */
export async function startProduct(options: StartOptions): Promise<RunningProduct> {
  const port = Number(options.env.PORT);
  // as a person would run it: without the test runner's NODE_ENV=test (which would build React for tests)
  const { NODE_ENV: _testMode, ...inherited } = process.env;
  const child = spawn(options.command, options.args, {
    cwd: options.cwd ?? ROOT,
    env: { ...inherited, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const product: RunningProduct = {
    url,
    output: () => log,
    process: child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-(child.pid as number), signal);
        } catch {
          // already gone
        }
      }
      return exited;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the product exited with ${child.exitCode} before serving:\n${log}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return product;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await product.stop('SIGKILL');
  throw new Error(`the product did not answer on ${url} in time:\n${log}`);
}

const BROWSERS = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = BROWSERS.find((candidate) => candidate && fs.existsSync(candidate));
  if (!executablePath) {
    throw new Error(
      'The browser tests need Chromium with CJK fonts: `apt-get install -y chromium fonts-noto-cjk` (Debian/Ubuntu), ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The API alone, as the container runs it (its production bundle, in apps/api). */
export function serveApi(env: Record<string, string>): Promise<RunningProduct> {
  return startProduct({
    command: process.execPath,
    args: ['--enable-source-maps', 'dist/server.mjs'],
    cwd: path.join(ROOT, 'apps/api'),
    env: { LOG_LEVEL: 'warn', ...env },
  });
}

export interface DemoSession {
  cookie: string;
  csrfToken: string;
  password: string;
  /** fetch on the product with the session's cookie, CSRF token and a JSON content type. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

/**
 * Tuowei started as the README starts it, on a free port, keeping its data in dataDir: what
 * `npm start` runs once it has built (`pnpm --filter @tuowei/api start`: the API's bundle in
 * production mode, serving the web app), with the environment a newcomer has. The builds are the
 * e2e set-up's (build-api.ts), made once for every file; first-screen.test.ts runs `npm start` whole.
 */
export async function startAsNewcomer(dataDir: string): Promise<RunningProduct> {
  // An empty folder starts from the one a first start left (below): the same tree, plans, demo
  // reports and accounts, the accounts' passwords new on this start as on every start.
  if (fs.existsSync(NEWCOMER_DATA) && fs.readdirSync(dataDir).length === 0)
    fs.cpSync(NEWCOMER_DATA, dataDir, { recursive: true });
  return startProduct({
    command: process.execPath,
    args: ['--enable-source-maps', 'dist/server.mjs'],
    cwd: path.join(ROOT, 'apps/api'),
    env: { NODE_ENV: 'production', PORT: String(await freePort()), TUOWEI_DATA_DIR: dataDir },
  });
}

/**
 * What the first start of the shipped build leaves in its data folder, made once per e2e run by
 * its set-up (build-api.ts). A first start in an empty folder creates the embedded database,
 * migrates it and loads the tree, the plans and the demo (25 s at load average 13, against 10 s
 * for a start in a folder that has them), and sixteen files each made one; first-screen.test.ts
 * still makes the first start itself, by the README's command.
 */
export const NEWCOMER_DATA = path.join(OUTPUT, 'newcomer-data');

export async function makeNewcomerData(): Promise<void> {
  const building = `${NEWCOMER_DATA}.building`;
  for (const folder of [NEWCOMER_DATA, building]) fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  const product = await startAsNewcomer(building);
  const code = await product.stop();
  if (code !== 0) throw new Error(`the first start for the e2e tests' data exited with ${code}:\n${product.output()}`);
  fs.renameSync(building, NEWCOMER_DATA);
}

/** The demo accounts and their fresh passwords, as the start command prints them. */
export function demoPasswords(output: string): Map<string, string> {
  const accounts = new Map<string, string>();
  for (const match of output.matchAll(/^\s+(demo-[\w-]+)\s+(\S+)\s+\w+/gm)) accounts.set(match[1], match[2]);
  return accounts;
}

/** Signs in a demo account with the password its start printed. */
export async function signInDemo(product: RunningProduct, username: string): Promise<DemoSession> {
  const password = demoPasswords(product.output()).get(username);
  if (!password) throw new Error(`the start printed no password for ${username}`);
  const login = await fetch(`${product.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const answer = (await login.json()) as { csrfToken: string; user?: { username: string } };
  if (answer.user?.username !== username) throw new Error(`sign-in of ${username} answered ${JSON.stringify(answer)}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    cookie,
    csrfToken: answer.csrfToken,
    password,
    fetch: (url, init = {}) =>
      fetch(`${product.url}${url}`, {
        ...init,
        headers: {
          cookie,
          'x-csrf-token': answer.csrfToken,
          'content-type': 'application/json',
          ...(init.headers ?? {}),
        },
      }),
  };
}

/**
 * A browser test file's product, started as a newcomer's in a data folder of its own (`tuowei-<name>-…`),
 * and one browser: made before the file's tests, and gone after them with every context opened
 * through `newContext` and the folder.
 */
export function browserSuite(name: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tuowei-${name}-`));
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    product = await startAsNewcomer(dataDir);
    browser = await launchBrowser();
    fs.mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get product(): RunningProduct {
      if (!product) throw new Error('the product is started before the tests');
      return product;
    },
    async newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
      if (!browser) throw new Error('the browser is launched before the tests');
      const context = await browser.newContext(options);
      contexts.push(context);
      return context;
    },
  };
}
