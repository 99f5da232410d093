// The server's settings, read from the environment (names fixed by the API contract: docs/api.md "Settings").
import net from 'node:net';
import path from 'node:path';
import { MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from '@tuowei/shared';
import type { DivisionDepth } from './seed/divisions.ts';
import type { SyntheticScale } from './seed/synthetic.ts';

export interface Config {
  port: number;
  host: string;
  /** A real Postgres; null means the embedded one. */
  databaseUrl: string | null;
  /** Where the embedded Postgres keeps its files. */
  dataDir: string;
  demo: boolean;
  adminUser: string | null;
  adminPassword: string | null;
  production: boolean;
  logLevel: string;
  /** The role that serves requests (db/roles.ts); null: the default for the database. */
  servingRole: string | null;
  /** Its password; null: a fresh one on every start, where the owner may set it. */
  servingPassword: string | null;
  /**
   * TUOWEI_TRUST_PROXY, Fastify's `trustProxy`: false believes no X-Forwarded-* header; a list
   * believes them from the proxies at those addresses (and only them: Fastify 5 trusts no bare hop count).
   */
  trustProxy: false | string[];
  /** TUOWEI_PUBLIC_READ: whether dashboards and other reads answer without signing in. */
  publicRead: boolean;
  /** On a stop signal, how long answers still being sent may take before they are cut. */
  shutdownGraceSeconds: number;
  /** TUOWEI_SYNTHETIC: the synthetic country to load on start into an empty database, for measuring; null: none. */
  synthetic: SyntheticScale | null;
  /** TUOWEI_DIVISIONS: how deep the national division tree is loaded on start. */
  divisions: DivisionDepth;
  /** TUOWEI_PREPARED_STATEMENTS: whether statements sent again are named on a real Postgres (db/prepared.ts). */
  preparedStatements: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  const demoText = env.TUOWEI_DEMO ?? (databaseUrl ? '0' : '1');
  if (demoText !== '0' && demoText !== '1') {
    throw new ConfigError(`TUOWEI_DEMO must be 1 (load demo reports) or 0 (none), not "${demoText}"`);
  }
  const adminUser = env.TUOWEI_ADMIN_USER?.trim() || null;
  const adminPassword = env.TUOWEI_ADMIN_PASSWORD || null;
  if ((adminUser === null) !== (adminPassword === null)) {
    throw new ConfigError('TUOWEI_ADMIN_USER and TUOWEI_ADMIN_PASSWORD go together: set both, or neither');
  }
  if (adminPassword !== null && adminPassword.length < MIN_PASSWORD_LENGTH) {
    throw new ConfigError(`TUOWEI_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (adminUser !== null && !USERNAME_PATTERN.test(adminUser)) {
    throw new ConfigError('TUOWEI_ADMIN_USER must be 3 to 64 letters, digits, dots, dashes or underscores');
  }
  const servingRole = env.TUOWEI_SERVING_ROLE?.trim() || null;
  if (servingRole !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(servingRole)) {
    throw new ConfigError('TUOWEI_SERVING_ROLE must be 1 to 63 lower-case letters, digits or underscores');
  }
  const servingPassword = env.TUOWEI_SERVING_PASSWORD || null;
  if (servingPassword !== null && !/^[\x21-\x7e]{16,200}$/.test(servingPassword)) {
    throw new ConfigError('TUOWEI_SERVING_PASSWORD must be 16 to 200 printable ASCII characters, without spaces');
  }
  const trustProxy = parseTrustProxy(env.TUOWEI_TRUST_PROXY?.trim() ?? '');
  // open on the embedded demo one tries on a laptop; closed on a real database, which holds real figures
  const publicReadText = env.TUOWEI_PUBLIC_READ ?? (databaseUrl ? '0' : '1');
  if (publicReadText !== '0' && publicReadText !== '1') {
    throw new ConfigError(
      `TUOWEI_PUBLIC_READ must be 1 (anyone may read the dashboards) or 0 (sign in first), not "${publicReadText}"`,
    );
  }
  const graceText = env.TUOWEI_SHUTDOWN_GRACE_SECONDS?.trim() || '7';
  const shutdownGraceSeconds = Number(graceText);
  if (!/^\d+(\.\d+)?$/.test(graceText) || shutdownGraceSeconds > 600) {
    throw new ConfigError(
      `TUOWEI_SHUTDOWN_GRACE_SECONDS must be a number of seconds from 0 to 600, not "${graceText}"`,
    );
  }
  const syntheticText = env.TUOWEI_SYNTHETIC?.trim() || null;
  if (syntheticText !== null && syntheticText !== 'counties' && syntheticText !== 'townships') {
    throw new ConfigError(
      `TUOWEI_SYNTHETIC must be counties (2,850 counties) or townships (down to 40,000 townships), or unset, not "${syntheticText}"`,
    );
  }
  const divisionsText = env.TUOWEI_DIVISIONS?.trim() || 'counties';
  if (divisionsText !== 'counties' && divisionsText !== 'townships') {
    throw new ConfigError(
      `TUOWEI_DIVISIONS must be counties (the national tree down to its 2,978 county-level units) or townships (and their 41,352 townships), not "${divisionsText}"`,
    );
  }
  const preparedText = env.TUOWEI_PREPARED_STATEMENTS?.trim() || '1';
  if (preparedText !== '0' && preparedText !== '1') {
    throw new ConfigError(
      `TUOWEI_PREPARED_STATEMENTS must be 1 (statements sent again are prepared once per connection) or 0 (each is parsed anew, as a pooler in transaction mode needs), not "${preparedText}"`,
    );
  }
  // pnpm runs package scripts inside the package; a relative folder means where the command was typed.
  const base = env.INIT_CWD ?? process.cwd();
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(base, env.TUOWEI_DATA_DIR?.trim() || './data'),
    demo: demoText === '1',
    adminUser,
    adminPassword,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? 'info',
    servingRole,
    servingPassword,
    trustProxy,
    publicRead: publicReadText === '1',
    shutdownGraceSeconds,
    synthetic: syntheticText,
    divisions: divisionsText,
    preparedStatements: preparedText === '1',
  };
}

/** `0` or unset: no proxy; else the proxies' addresses or subnets, comma-separated. */
function parseTrustProxy(text: string): Config['trustProxy'] {
  if (text === '' || text === '0') return false;
  const entries = text.split(',').map((entry) => entry.trim());
  // an address (IPv4 or IPv6) with an optional prefix length, or a name proxy-addr knows for a range
  const valid = (entry: string) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
    const [address, prefix, ...rest] = entry.split('/');
    const family = net.isIP(address);
    if (family === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  };
  if (!entries.every(valid)) {
    throw new ConfigError(
      `TUOWEI_TRUST_PROXY must be 0 (no proxy) or the proxies' addresses, comma-separated (10.0.0.1,10.1.0.0/16,loopback), not "${text}"`,
    );
  }
  return entries;
}
