// Admins manage accounts within their jurisdiction: list, create, change role, scope, password,
// or deactivate; every write audited, no password ever returned or logged.
import {
  errorSchema,
  USERNAME_PATTERN,
  type UserUpdate,
  userInputSchema,
  userSchema,
  userUpdateSchema,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { inScope, signedInUser } from '../../auth/access.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { createUser, type Role } from '../../auth/users.ts';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { findUserRow, listUsers, type UserRow, updateUser } from './repository.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const usernameParams = z.object({ username: z.string().regex(USERNAME_PATTERN, { message: 'username' }) });

const toView = (row: UserRow) => ({
  username: row.username,
  displayName: row.display_name,
  role: row.role as Role,
  jurisdictionCode: row.jurisdiction_code,
  active: row.active,
  demo: row.demo,
  createdAt: new Date(row.created_at).toISOString(),
});

const noUser = (username: string) => new ApiError(404, 'no_user', API_WORDS.users.noUser(username));

const users: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  const userRow = async (username: string) => {
    const row = await findUserRow(db, username);
    if (!row) throw noUser(username);
    return row;
  };

  app.get(
    '/users',
    {
      schema: { tags: ['admin'], response: { 200: z.array(userSchema), ...errors } },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (request) => (await listUsers(db, signedInUser(request).jurisdictionCode)).map(toView),
  );

  app.post(
    '/users',
    {
      schema: { tags: ['admin'], body: userInputSchema, response: { 201: userSchema, ...errors } },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => (request.body as { jurisdictionCode: string | null }).jurisdictionCode,
        },
      },
    },
    async (request, reply) => {
      // one of any number of concurrent creations of a name gets it; the others are told it is taken
      const created = await createUser(db, request.body, requestActor(request));
      if (created === null) {
        throw new ApiError(409, 'duplicate_username', API_WORDS.users.duplicateUsername(request.body.username), [
          { field: 'body.username', message: 'duplicate' },
        ]);
      }
      return reply.status(201).send(toView(await userRow(request.body.username)));
    },
  );

  app.put(
    '/users/:username',
    {
      schema: {
        tags: ['admin'],
        params: usernameParams,
        body: userUpdateSchema,
        response: { 200: userSchema, ...errors },
      },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: async (request) =>
            (await userRow((request.params as { username: string }).username)).jurisdiction_code,
        },
      },
    },
    async (request) => {
      const admin = signedInUser(request);
      const actor = requestActor(request);
      const { password, ...change }: UserUpdate = request.body;
      // the scope check reads through the pool, so it comes before the transaction
      const target = change.jurisdictionCode;
      const allowedTarget =
        target === undefined ||
        (target === null ? admin.jurisdictionCode === null : (await inScope(app, admin, target, false)) === 'yes');
      const passwordHash = password !== undefined ? await hashPassword(password) : undefined;
      const username = await db.transaction().execute(async (trx) => {
        // the row locked before it is read, so that the audit's before is what this write replaces
        const before = await findUserRow(trx, request.params.username, true);
        if (!before) throw noUser(request.params.username);
        if (target !== undefined && target !== before.jurisdiction_code && !allowedTarget) {
          throw new ApiError(403, 'out_of_scope', API_WORDS.users.moveOutOfScope(target ?? null));
        }
        if (
          before.username.toLowerCase() === admin.username.toLowerCase() &&
          (change.role !== undefined || change.active === false)
        ) {
          throw new ApiError(409, 'own_account', API_WORDS.users.ownAccount);
        }
        await updateUser(trx, before.username, change, passwordHash);
        await writeAudit(trx, actor, {
          action: password !== undefined ? 'update_with_password' : 'update',
          entity: 'user',
          entityId: before.username,
          jurisdictionCode: change.jurisdictionCode ?? before.jurisdiction_code,
          before: toView(before),
          after: change,
        });
        return before.username;
      });
      return toView(await userRow(username));
    },
  );
};

export default users;
