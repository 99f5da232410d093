// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me.
import { errorSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { notSignedIn } from '../../auth/access.ts';
import { NO_SUCH_USER_HASH, verifyPassword } from '../../auth/passwords.ts';
import { endSession, SESSION_COOKIE, SESSION_HOURS, startSession } from '../../auth/sessions.ts';
import { findUserByName, ROLES, type Role } from '../../auth/users.ts';
import { ApiError } from '../../errors.ts';

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

/** Login attempts allowed per address and user name in the window. */
export const LOGIN_ATTEMPTS = 10;

const auth: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['writing'],
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: sessionAnswer, 401: errorSchema, 429: errorSchema },
      },
      config: {
        rateLimit: {
          max: LOGIN_ATTEMPTS,
          timeWindow: '5 minutes',
          // after the body is parsed, so that the key can name the user
          hook: 'preValidation',
          errorResponseBuilder: (_request, context) =>
            new ApiError(429, 'too_many_logins', {
              zh: `登录尝试过多，请 ${context.after} 后再试。`,
              en: `Too many sign-in attempts; try again in ${context.after}.`,
            }),
          keyGenerator: (request) =>
            `${request.ip}|${String((request.body as { username?: unknown })?.username ?? '').toLowerCase()}`,
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await findUserByName(app.database.db, username);
      const valid = await verifyPassword(user?.password_hash ?? (await NO_SUCH_USER_HASH), password);
      if (!user || !valid || !user.active) {
        request.log.warn({ username }, 'failed login');
        throw new ApiError(401, 'bad_credentials', {
          zh: '用户名或密码不正确。',
          en: 'The user name or password is not right.',
        });
      }
      // A new session on every login: a token planted before login is worth nothing after it.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await endSession(app.database.db, previous);
      const { token, csrfToken } = await startSession(app.database.db, user.id);
      await writeAudit(app.database.db, requestActor(request, { username: user.username, role: user.role as Role }), {
        action: 'login',
        entity: 'session',
        entityId: user.id,
        jurisdictionCode: user.jurisdiction_code,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
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
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
