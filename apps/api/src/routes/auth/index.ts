// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me.
import { errorSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { notSignedIn } from '../../auth/access.ts';
import { purgeLoginThrottle, reserveAttempt, settleSuccess, throttleKeys } from '../../auth/login-throttle.ts';
import { NO_SUCH_USER_HASH, verifyPassword } from '../../auth/passwords.ts';
import { endSession, purgeExpiredSessions, SESSION_COOKIE, SESSION_HOURS, startSession } from '../../auth/sessions.ts';
import { findUserByName, ROLES, type Role } from '../../auth/users.ts';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';

const sessionAnswer = z.object({
  user: z.object({
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    jurisdictionCode: z.string().nullable(),
    demo: z.boolean(),
  }),
  csrfToken: z.string(),
});

/** How often expired sessions and spent throttle rows are swept away (sign-ins sweep too). */
const PURGE_EVERY_MS = 3600_000;

const tooManyLogins = (retryAfterSeconds: number) => {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ApiError(429, 'too_many_logins', API_WORDS.access.tooManyLogins(minutes));
};

const auth: FastifyPluginAsyncZod = async (app) => {
  // a database away for a while only delays the sweep: the next one catches up
  const purge = async () => {
    try {
      await purgeExpiredSessions(app.database.db);
      await purgeLoginThrottle(app.database.db, app.clock());
    } catch (error) {
      app.log.warn({ err: error }, 'purging expired sessions failed');
    }
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await purge();
    timer = setInterval(() => void purge(), PURGE_EVERY_MS).unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['writing'],
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: sessionAnswer, 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const db = app.database.db;
      const keys = throttleKeys(username, request.ip);
      const reservation = await reserveAttempt(db, [keys.account, keys.address], app.clock());
      if (!reservation.allowed) {
        request.log.warn({ username, ip: request.ip }, 'login refused: too many failures');
        reply.header('retry-after', String(reservation.retryAfterSeconds));
        throw tooManyLogins(reservation.retryAfterSeconds);
      }
      const user = await findUserByName(db, username);
      const valid = await verifyPassword(user?.password_hash ?? (await NO_SUCH_USER_HASH), password);
      if (!user || !valid || !user.active) {
        request.log.warn({ username, ip: request.ip }, 'failed login');
        throw new ApiError(401, 'bad_credentials', API_WORDS.access.badCredentials);
      }
      await settleSuccess(db, keys);
      // A new session on every login: a token planted before login is worth nothing after it.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await endSession(db, previous);
      await purgeExpiredSessions(db);
      const { token, csrfToken } = await startSession(db, user.id);
      await writeAudit(db, requestActor(request, { username: user.username, role: user.role as Role }), {
        action: 'login',
        entity: 'session',
        entityId: user.id,
        jurisdictionCode: user.jurisdiction_code,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        // over HTTPS, told by the connection or by a trusted proxy's X-Forwarded-Proto (TUOWEI_TRUST_PROXY)
        secure: request.protocol === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      return {
        user: {
          username: user.username,
          displayName: user.display_name,
          role: user.role as (typeof ROLES)[number],
          jurisdictionCode: user.jurisdiction_code,
          demo: user.demo,
        },
        csrfToken,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags: ['writing'], response: { 204: z.null(), 401: errorSchema, 403: errorSchema } },
      config: { access: { roles: ROLES, scope: 'none' } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      const session = request.session;
      if (!token || !session) throw notSignedIn();
      await endSession(app.database.db, token);
      await writeAudit(app.database.db, requestActor(request, session.user), {
        action: 'logout',
        entity: 'session',
        entityId: session.user.id,
        jurisdictionCode: session.user.jurisdictionCode,
      });
      reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: { tags: ['writing'], response: { 200: sessionAnswer, 401: errorSchema } },
      config: { access: { roles: ROLES, scope: 'none' } },
    },
    async (request) => {
      const session = request.session;
      if (!session) throw notSignedIn();
      const { username, displayName, role, jurisdictionCode, demo } = session.user;
      return { user: { username, displayName, role, jurisdictionCode, demo }, csrfToken: session.csrfToken };
    },
  );
};

export default auth;
