// Every reason a request is refused is written in the reader's language, including the reasons
// no schema spelt out itself (a field left out, an unknown key, a value not among those allowed,
// a number out of range): zod's own English ("Invalid input: expected string, received
// undefined", "Unrecognized key") never reaches a reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

const ZOD_ENGLISH = /Invalid input|Unrecognized|Too (small|big)|expected (string|number|boolean|object)|Invalid option/;

describe('refusals in the reader’s words', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;
  let admin: Client;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db, [ACCOUNTS.entryWeixi, ACCOUNTS.admin]);
    app = await buildApp({ database: test.database, webDist: null });
    entry = await signIn(app, ACCOUNTS.entryWeixi.username);
    admin = await signIn(app, ACCOUNTS.admin.username);
  });
  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  type Case = [string, () => Client | null, 'POST' | 'PUT', string, unknown, string, { zh: string; en: string }];
  const cases: Case[] = [
    [
      'sign-in without a password',
      () => null,
      'POST',
      '/api/v1/auth/login',
      { username: 'someone' },
      'body.password',
      { zh: '必填', en: 'is required' },
    ],
    [
      'a report without affordable places',
      () => entry,
      'PUT',
      '/api/v1/reports/533423/2020Q1',
      { places: 10 },
      'body.affordablePlaces',
      { zh: '必填', en: 'is required' },
    ],
    [
      'a report with an unknown kind of institution',
      () => entry,
      'PUT',
      '/api/v1/reports/533423/2020Q1',
      { places: 10, affordablePlaces: 0, institutions: { castles: 1 } },
      'body.institutions',
      { zh: '含有不认识的项目：castles', en: 'holds items that are not known: castles' },
    ],
    [
      'settings with a counting rule not offered',
      () => admin,
      'PUT',
      '/api/v1/settings',
      { counting: 'everything', reportDeadlineDays: 15 },
      'body.counting',
      {
        zh: '不是可选的值之一（submitted_and_approved, approved_only）',
        en: 'is not one of the values allowed (submitted_and_approved, approved_only)',
      },
    ],
    [
      'settings with a deadline past 120 days',
      () => admin,
      'PUT',
      '/api/v1/settings',
      { counting: 'approved_only', reportDeadlineDays: 500 },
      'body.reportDeadlineDays',
      { zh: '应不大于 120', en: 'must be at most 120' },
    ],
  ];

  it.each(cases)('refuses %s in Chinese and in English', async (_name, who, method, url, payload, field, words) => {
    for (const language of ['zh', 'en'] as const) {
      const client = who();
      const answer = await app.inject({
        method,
        url,
        payload: payload as object,
        headers: { ...(client ? client.headers() : {}), 'accept-language': language === 'en' ? 'en' : 'zh-CN' },
      });
      expect(answer.statusCode, answer.body).toBe(400);
      const body = answer.json();
      const problem = body.error.details.find((d: { field: string }) => d.field === field);
      expect(problem, answer.body).toBeDefined();
      expect(problem.message).toBe(words[language]);
      expect(body.error.message).not.toMatch(ZOD_ENGLISH);
    }
  });
});
