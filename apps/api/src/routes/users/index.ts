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
import { sql } from 'kysely';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { inScope, signedInUser } from '../../auth/access.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { createUser, findUserByName, type Role } from '../../auth/users.ts';
import { ApiError } from '../../errors.ts';
import { subtreeCodes } from '../jurisdictions/repository.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const usernameParams = z.object({ username: z.string().regex(USERNAME_PATTERN, { message: 'username' }) });

interface UserRow {
  username: string;
  display_name: string;
  role: string;
  jurisdiction_code: string | null;
  active: boolean;
  demo: boolean;
  created_at: Date;
}

const toView = (row: UserRow) => ({
  username: row.username,
  displayName: row.display_name,
  role: row.role as Role,
  jurisdictionCode: row.jurisdiction_code,
  active: row.active,
  demo: row.demo,
  createdAt: new Date(row.created_at).toISOString(),
});

const noUser = (username: string) =>
  new ApiError(404, 'no_user', { zh: `没有用户 ${username}。`, en: `There is no user ${username}.` });

const users: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  const userRow = async (username: string) => {
    const { rows } = await sql<UserRow>`
      select username, display_name, role, jurisdiction_code, active, demo, created_at
      from users where lower(username) = ${username.toLowerCase()}`.execute(db);
    if (!rows[0]) throw noUser(username);
    return rows[0];
  };

  app.get(
    '/users',
    {
      schema: { tags: ['admin'], response: { 200: z.array(userSchema), ...errors } },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (request) => {
      const root = signedInUser(request).jurisdictionCode;
      const { rows } = await sql<UserRow>`
        select username, display_name, role, jurisdiction_code, active, demo, created_at from users
        ${root ? sql`where jurisdiction_code in (${subtreeCodes(root)})` : sql``}
        order by jurisdiction_code nulls first, username`.execute(db);
      return rows.map(toView);
    },
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
      const actor = requestActor(request);
      if (await findUserByName(db, request.body.username)) {
        throw new ApiError(
          409,
          'duplicate_username',
          {
            zh: `用户名 ${request.body.username} 已被使用。`,
            en: `The user name ${request.body.username} is taken.`,
          },
          [{ field: 'body.username', message: 'duplicate' }],
        );
      }
      await createUser(db, request.body, actor);
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
      const change: UserUpdate = request.body;
      const before = await userRow(request.params.username);
      if (change.jurisdictionCode !== undefined && change.jurisdictionCode !== before.jurisdiction_code) {
        const allowed =
          change.jurisdictionCode === null
            ? admin.jurisdictionCode === null
            : (await inScope(app, admin, change.jurisdictionCode, false)) === 'yes';
        if (!allowed) {
          throw new ApiError(403, 'out_of_scope', {
            zh: `不能把账号移到您管辖范围以外的 ${change.jurisdictionCode ?? '全国'}。`,
            en: `You cannot move an account to ${change.jurisdictionCode ?? 'the whole country'}, outside your jurisdiction.`,
          });
        }
      }
      if (
        before.username.toLowerCase() === admin.username.toLowerCase() &&
        (change.role !== undefined || change.active === false)
      ) {
        throw new ApiError(409, 'own_account', {
          zh: '不能修改自己的角色或停用自己的账号；请另一位管理员操作。',
          en: 'You cannot change your own role or deactivate yourself; ask another admin.',
        });
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({
            ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
            ...(change.role !== undefined ? { role: change.role } : {}),
            ...(change.jurisdictionCode !== undefined ? { jurisdiction_code: change.jurisdictionCode } : {}),
            ...(change.active !== undefined ? { active: change.active } : {}),
            ...(change.password !== undefined ? { password_hash: await hashPassword(change.password) } : {}),
            updated_at: new Date(),
          })
          .where(sql`lower(username)`, '=', before.username.toLowerCase())
          .execute();
        // a changed password, role, scope or status ends the account's sessions (a new name does not)
        const ends =
          change.password !== undefined ||
          change.role !== undefined ||
          change.jurisdictionCode !== undefined ||
          change.active !== undefined;
        if (ends) {
          await trx
            .deleteFrom('sessions')
            .where(
              'user_id',
              '=',
              trx.selectFrom('users').select('id').where(sql`lower(username)`, '=', before.username.toLowerCase()),
            )
            .execute();
        }
        const { password, ...visible } = change;
        await writeAudit(trx, actor, {
          action: password !== undefined ? 'update_with_password' : 'update',
          entity: 'user',
          entityId: before.username,
          jurisdictionCode: change.jurisdictionCode ?? before.jurisdiction_code,
          before: toView(before),
          after: visible,
        });
      });
      return toView(await userRow(before.username));
    },
  );
};

export default users;
