// Who may call a route: each protected route declares `config.access` (roles, and where the
// jurisdiction in its :code must lie against the person's own); this plugin enforces it, and
// the route table it keeps lets tests check every route × role × jurisdiction.
import type { UnitNode } from '@tuowei/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { lineageOf } from '../db/lineage.ts';
import { ApiError, unknownJurisdiction } from '../errors.ts';
import { API_WORDS } from '../words.ts';
import { findSession, SESSION_COOKIE, type Session } from './sessions.ts';
import type { Role, User } from './users.ts';

export interface Access {
  roles: readonly Role[];
  /**
   * `within`: the :code jurisdiction is the person's own or below it; `below`: strictly below it
   * (a reviewer reviews the level under them); `country`: only people whose scope is the whole
   * country; `none`: the route names no jurisdiction.
   */
  scope: 'within' | 'below' | 'country' | 'none';
  /**
   * Where the route's jurisdiction comes from, when not the :code parameter (a plan's, a body
   * field); null means the whole country, which only country-wide accounts may touch.
   */
  scopeCode?: (request: FastifyRequest) => Promise<string | null> | string | null;
  /** Routes that need a session but no CSRF token (none that change anything). */
  csrf?: boolean;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** What anyone may call even when reading needs a session (TUOWEI_PUBLIC_READ=0). */
const ALWAYS_OPEN = new Set(['/api/v1/health', '/api/v1/auth/login']);

export interface AccessOptions {
  /** Whether the API's unguarded routes (dashboards, progress, plans…) answer without a session. */
  publicRead: boolean;
}

export const notSignedIn = () => new ApiError(401, 'not_signed_in', API_WORDS.access.notSignedIn);

/**
 * Whether a jurisdiction is within a person's scope (their own or below; strictly below when
 * asked), by its lineage: `known` when already read (with the session), else read now.
 */
export async function inScope(
  app: FastifyInstance,
  user: User,
  code: string,
  strictlyBelow: boolean,
  known?: UnitNode[],
): Promise<'yes' | 'no' | 'unknown'> {
  const lineage = known ?? (await lineageOf(app.database.db, code));
  if (lineage.length === 0) return 'unknown';
  if (user.jurisdictionCode === null) return 'yes'; // the whole country
  const index = lineage.findIndex((unit) => unit.code === user.jurisdictionCode);
  if (index < 0) return 'no';
  return strictlyBelow && index === 0 ? 'no' : 'yes';
}

/** The :code a route's scope is checked against, when its rule takes it from there. */
function scopeParam(request: FastifyRequest): string | undefined {
  const rule = request.routeOptions.config.access;
  if (!rule || rule.scopeCode || (rule.scope !== 'within' && rule.scope !== 'below')) return undefined;
  const code = (request.params as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function signedInUser(request: FastifyRequest): User {
  if (!request.session) throw notSignedIn();
  return request.session.user;
}

async function access(app: FastifyInstance, options: AccessOptions) {
  app.decorate('routeTable', [] as RouteEntry[]);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeTable.push({ method, url: route.url, access: route.config?.access ?? null });
    }
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    // the unit the route's scope is checked against is read with the session, in one statement
    if (token) request.session = await findSession(app.database.db, token, scopeParam(request));
  });

  // Before the body is validated: who you are and what your role allows.
  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config.access;
    if (!rule) {
      const url = request.routeOptions.url;
      if (!options.publicRead && !request.session && url?.startsWith('/api/') && !ALWAYS_OPEN.has(url)) {
        throw notSignedIn();
      }
      return;
    }
    const session = request.session;
    if (!session) throw notSignedIn();
    if (UNSAFE.has(request.method) && rule.csrf !== false && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new ApiError(403, 'csrf_token', API_WORDS.access.csrfToken);
    }
    if (!rule.roles.includes(session.user.role)) {
      throw new ApiError(403, 'role_forbidden', API_WORDS.access.roleForbidden(session.user.role));
    }
  });

  // After validation: where. Unknown jurisdictions are 404 for everyone.
  app.addHook('preHandler', async (request) => {
    const rule = request.routeOptions.config.access;
    if (!rule || rule.scope === 'none' || !request.session) return;
    const code =
      rule.scope === 'country'
        ? null
        : rule.scopeCode
          ? await rule.scopeCode(request)
          : (request.params as { code?: string }).code;
    if (code === undefined) return;
    if (code === null) {
      if (request.session.user.jurisdictionCode === null) return;
      throw new ApiError(403, 'out_of_scope', API_WORDS.access.countryOnly);
    }
    const known = request.session.lineage;
    const answer = await inScope(
      app,
      request.session.user,
      code,
      rule.scope === 'below',
      known?.code === code ? known.units : undefined,
    );
    if (answer === 'unknown') {
      throw unknownJurisdiction(code);
    }
    if (answer === 'no') {
      throw new ApiError(
        403,
        'out_of_scope',
        (rule.scope === 'below' ? API_WORDS.access.notReviewable : API_WORDS.access.outsideJurisdiction)(
          code,
          request.session.user.jurisdictionCode,
        ),
      );
    }
  });
}

export default fp(access, { name: 'access' });
