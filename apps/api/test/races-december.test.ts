// Twenty people pressing save at once on the routes added in December 2026 — yearly indicators
// (save, submit, approve), residential projects (register, edit), funding rules (add, edit,
// delete), successions, target revisions and the population import — on real Postgres and on the
// embedded default: exactly one of twenty conflicting writes wins (or all take turns), none
// answers 5xx, the audit holds exactly the winners, and what is stored is the winner's. Then the
// embedded default's one connection under fifty of these writes at once: none 5xx, and the server
// still answers afterwards (a frozen one would leave this file to its timeout).
import type { PlanView } from '@tuowei/shared';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { READ_LIMITS } from '../src/workbook/limits.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

const RACERS = 20;
const WEIXI = '533423';
const each = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
/** The statuses, sorted, as a multiset to compare whole. */
const multiset = (statuses: number[]) => [...statuses].sort((a, b) => a - b);
const times = (status: number, n: number) => each(n, () => status);

interface Answer {
  i: number;
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: an answer's JSON, read field by field below
  body: any;
}

interface AuditRow {
  action: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
}

/** Yearly indicators as Weixi's entry would type them: i makes each racer's figures its own. */
const indicators = (i: number) => ({
  liveBirths: 1500 + i,
  maternalDeaths: 1,
  infantDeaths: 5,
  under5Deaths: 6,
  boysBorn: 760,
  girlsBorn: 740 + i,
  pregnantWomen: 1600,
  pregnantWomenScreened: 1500,
});

async function populationWorkbook(population: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人口');
  sheet.addRow(['行政区划代码', '名称', '年份', '常住人口', '来源']);
  sheet.addRow(['533401', '香格里拉市', 2024, population, `竞速 ${population}`]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(BACKENDS)('twenty at once on the December routes, on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;
  let reviewer: Client;
  let admin: Client;
  let weixiPlan: PlanView;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.entryWeixi, ACCOUNTS.reviewerDiqing, ACCOUNTS.admin]);
    app = await buildApp({ database: test.database, webDist: null });
    entry = await signIn(app, ACCOUNTS.entryWeixi.username);
    reviewer = await signIn(app, ACCOUNTS.reviewerDiqing.username);
    admin = await signIn(app, ACCOUNTS.admin.username);
    const plans = (await app.inject({ method: 'GET', url: '/api/v1/plans' })).json() as PlanView[];
    weixiPlan = plans.find((plan) => plan.jurisdictionCode === WEIXI) as PlanView;
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  /** All at once: every request is in flight before any answers. */
  const race = async (
    n: number,
    make: (i: number) => {
      client: Client;
      method: 'PUT' | 'POST' | 'DELETE';
      url: string;
      payload?: object | Buffer;
      headers?: Record<string, string>;
    },
  ): Promise<Answer[]> => {
    const responses = await Promise.all(
      each(n, (i) => {
        const { client, method, url, payload, headers = {} } = make(i);
        return app.inject({ method, url, headers: client.headers(headers), ...(payload ? { payload } : {}) });
      }),
    );
    return responses.map((response, i) => ({
      i,
      status: response.statusCode,
      body: response.body ? response.json() : null,
    }));
  };
  const statuses = (answers: Answer[]) => multiset(answers.map((a) => a.status));
  const winners = (answers: Answer[], status: number) => answers.filter((a) => a.status === status);

  const auditOf = async (entity: string, entityId?: string) => {
    const { rows } = await sql<AuditRow>`
      select action, entity_id, before, after, request_id from audit_log
      where entity = ${entity} and (${entityId ?? null}::text is null or entity_id = ${entityId ?? null})
      order by id`.execute(test.database.db);
    return rows;
  };
  const plan = async (id: string) => {
    const plans = (await app.inject({ method: 'GET', url: '/api/v1/plans' })).json() as PlanView[];
    return plans.find((p) => p.id === id) as PlanView;
  };

  describe("Weixi's 2025 indicators", () => {
    const url = `/api/v1/indicators/${WEIXI}/2025`;
    const stored = async () => {
      const { rows } = await sql<{ id: string; version: number; status: string; live_births: number | null }>`
        select id::text as id, version, status, live_births from yearly_indicators
        where jurisdiction_code = ${WEIXI} and year = 2025`.execute(test.database.db);
      return rows;
    };

    it('are created once by twenty first saves; the nineteen others are told a version is needed', async () => {
      const answers = await race(RACERS, (i) => ({ client: entry, method: 'PUT', url, payload: indicators(i) }));
      expect(statuses(answers)).toEqual([201, ...times(428, RACERS - 1)]);
      const [winner] = winners(answers, 201);
      const rows = await stored();
      expect(rows).toEqual([{ id: rows[0].id, version: 1, status: 'draft', live_births: 1500 + winner.i }]);
      const audit = await auditOf('indicators', rows[0].id);
      expect(audit.map((row) => row.action)).toEqual(['insert']);
      expect(audit[0].after).toMatchObject({ liveBirths: 1500 + winner.i });
    });

    it('are replaced once by twenty saves from version 1; the others get 409 with the winner', async () => {
      const answers = await race(RACERS, (i) => ({
        client: entry,
        method: 'PUT',
        url,
        payload: indicators(100 + i),
        headers: { 'if-match': '"1"' },
      }));
      expect(statuses(answers)).toEqual([200, ...times(409, RACERS - 1)]);
      const [winner] = winners(answers, 200);
      for (const loser of winners(answers, 409)) {
        expect(loser.body.error).toMatchObject({
          code: 'version_conflict',
          details: { current: { version: 2, liveBirths: 1600 + winner.i } },
        });
      }
      const rows = await stored();
      expect(rows[0]).toMatchObject({ version: 2, status: 'draft', live_births: 1600 + winner.i });
      const audit = await auditOf('indicators', rows[0].id);
      expect(audit.map((row) => row.action)).toEqual(['insert', 'update']);
      expect(audit[1].before).toMatchObject({ liveBirths: (audit[0].after as { liveBirths: number }).liveBirths });
      expect(audit[1].after).toMatchObject({ liveBirths: 1600 + winner.i });
    });

    it('are submitted once and approved once of twenty each', async () => {
      const submits = await race(RACERS, () => ({
        client: entry,
        method: 'POST',
        url: `${url}/submit`,
        headers: { 'if-match': '"2"' },
      }));
      expect(statuses(submits)).toEqual([200, ...times(409, RACERS - 1)]);
      expect(winners(submits, 200)[0].body).toMatchObject({ status: 'submitted', version: 3 });
      const approvals = await race(RACERS, () => ({
        client: reviewer,
        method: 'POST',
        url: `${url}/approve`,
        headers: { 'if-match': '"3"' },
      }));
      expect(statuses(approvals)).toEqual([200, ...times(409, RACERS - 1)]);
      const rows = await stored();
      expect(rows[0]).toMatchObject({ version: 4, status: 'approved' });
      const audit = await auditOf('indicators', rows[0].id);
      expect(audit.map((row) => row.action)).toEqual(['insert', 'update', 'submit', 'approve']);
      // one request behind each row: the winners', and nobody else's
      expect(new Set(audit.map((row) => row.request_id)).size).toBe(4);
    });
  });

  describe('residential projects', () => {
    const project = (i: number, name = '竞速小区') => ({
      jurisdictionCode: WEIXI,
      name,
      approvedOn: '2024-03-01',
      plannedResidents: 3000,
      plannedPlaces: 10 + i,
    });
    let id: string;

    it('registers one of twenty of one name; the others are told the name is taken', async () => {
      const answers = await race(RACERS, (i) => ({
        client: entry,
        method: 'POST',
        url: '/api/v1/residential-projects',
        payload: project(i),
      }));
      expect(statuses(answers)).toEqual([201, ...times(409, RACERS - 1)]);
      const [winner] = winners(answers, 201);
      for (const loser of winners(answers, 409)) expect(loser.body.error.code).toBe('duplicate_project_name');
      id = winner.body.id;
      const { rows } = await sql<{ id: string; planned_places: number }>`
        select id::text as id, planned_places from residential_projects where name = '竞速小区'`.execute(
        test.database.db,
      );
      expect(rows).toEqual([{ id, planned_places: 10 + winner.i }]);
      expect((await auditOf('residential_project', id)).map((row) => row.action)).toEqual(['insert']);
    });

    it('registers twenty of twenty names, each once', async () => {
      const answers = await race(RACERS, (i) => ({
        client: entry,
        method: 'POST',
        url: '/api/v1/residential-projects',
        payload: project(i, `竞速小区 ${i} 期`),
      }));
      expect(statuses(answers)).toEqual(times(201, RACERS));
      const { rows } = await sql<{ n: string }>`
        select count(*)::text as n from residential_projects where name like '竞速小区 % 期'`.execute(test.database.db);
      expect(rows[0].n).toBe(String(RACERS));
      const inserts = (await auditOf('residential_project')).filter((row) => row.action === 'insert');
      expect(inserts).toHaveLength(RACERS + 1);
    });

    it('edits one of twenty saves from version 1; the others get 409', async () => {
      const answers = await race(RACERS, (i) => ({
        client: entry,
        method: 'PUT',
        url: `/api/v1/residential-projects/${id}`,
        payload: project(100 + i),
        headers: { 'if-match': '"1"' },
      }));
      expect(statuses(answers)).toEqual([200, ...times(409, RACERS - 1)]);
      const [winner] = winners(answers, 200);
      for (const loser of winners(answers, 409)) expect(loser.body.error.code).toBe('version_conflict');
      const { rows } = await sql<{ version: number; planned_places: number }>`
        select version, planned_places from residential_projects where id = ${id}`.execute(test.database.db);
      expect(rows).toEqual([{ version: 2, planned_places: 110 + winner.i }]);
      const audit = await auditOf('residential_project', id);
      expect(audit.map((row) => row.action)).toEqual(['insert', 'update']);
      expect(audit[1].after).toMatchObject({ plannedPlaces: 110 + winner.i, version: 2 });
    });
  });

  describe('funding rules', () => {
    const rule = (i: number) => ({
      kind: 'per_place_built',
      rate: 1000 + i,
      payer: 'province',
      condition: 'schedule_target_met',
      clause: `竞速 ${i}`,
      description: `竞速规则 ${i}`,
      birthOrder: null,
      institutionKind: null,
    });
    let ruleId: string;

    it('adds twenty rules to one plan at once, each placed after the others, none lost', async () => {
      const before = weixiPlan.fundingRules.length;
      const answers = await race(RACERS, (i) => ({
        client: admin,
        method: 'POST',
        url: `/api/v1/plans/${weixiPlan.id}/funding-rules`,
        payload: rule(i),
      }));
      expect(statuses(answers)).toEqual(times(201, RACERS));
      const after = await plan(weixiPlan.id);
      expect(after.fundingRules).toHaveLength(before + RACERS);
      const added = after.fundingRules.filter((r) => r.clause.startsWith('竞速 '));
      expect(new Set(added.map((r) => r.clause)).size).toBe(RACERS);
      // each answer is the plan as its own addition left it: one more rule than the answer before
      expect(multiset(answers.map((a) => a.body.fundingRules.length))).toEqual(each(RACERS, (i) => before + 1 + i));
      const audit = (await auditOf('funding_rule')).filter((row) => row.action === 'insert');
      expect(new Set(audit.map((row) => row.entity_id))).toEqual(new Set(added.map((r) => r.id)));
      ruleId = added[0].id;
    });

    it('edits one rule once of twenty saves from its version; the others get 409', async () => {
      const version = (await plan(weixiPlan.id)).fundingRules.find((r) => r.id === ruleId)?.version as number;
      const answers = await race(RACERS, (i) => ({
        client: admin,
        method: 'PUT',
        url: `/api/v1/funding-rules/${ruleId}`,
        payload: { ...rule(i), rate: 5000 + i },
        headers: { 'if-match': `"${version}"` },
      }));
      expect(statuses(answers)).toEqual([200, ...times(409, RACERS - 1)]);
      const [winner] = winners(answers, 200);
      for (const loser of winners(answers, 409)) expect(loser.body.error.code).toBe('stale_version');
      const stored = (await plan(weixiPlan.id)).fundingRules.find((r) => r.id === ruleId);
      expect(stored).toMatchObject({ rate: 5000 + winner.i, version: version + 1 });
      const audit = await auditOf('funding_rule', ruleId);
      expect(audit.map((row) => row.action)).toEqual(['insert', 'update']);
      expect(audit[1].after).toMatchObject({ rate: 5000 + winner.i });
    });

    it('deletes one rule once of twenty deletes; the others find nothing', async () => {
      const version = (await plan(weixiPlan.id)).fundingRules.find((r) => r.id === ruleId)?.version as number;
      const answers = await race(RACERS, () => ({
        client: admin,
        method: 'DELETE',
        url: `/api/v1/funding-rules/${ruleId}`,
        headers: { 'if-match': `"${version}"` },
      }));
      expect(statuses(answers)).toEqual([200, ...times(404, RACERS - 1)]);
      expect((await plan(weixiPlan.id)).fundingRules.some((r) => r.id === ruleId)).toBe(false);
      expect((await auditOf('funding_rule', ruleId)).map((row) => row.action)).toEqual(['insert', 'update', 'delete']);
    });
  });

  it('revises one target once of twenty revisions; the others are told it changed or ended', async () => {
    const target = weixiPlan.targets.find((t) => t.metric === 'places_per_1000') as PlanView['targets'][number];
    const answers = await race(RACERS, (i) => ({
      client: admin,
      method: 'POST',
      url: `/api/v1/targets/${target.id}/revise`,
      payload: {
        target: {
          metric: 'places_per_1000',
          comparator: 'at_least',
          value: 5 + i / 10,
          dueYear: 2030,
          clause: `修订 ${i}`,
          scope: 'self',
        },
        inForceFrom: '2026-01-01',
      },
      headers: { 'if-match': `"${target.version}"` },
    }));
    expect(statuses(answers)).toEqual([201, ...times(409, RACERS - 1)]);
    const [winner] = winners(answers, 201);
    const after = await plan(weixiPlan.id);
    const revisions = after.targets.filter((t) => t.supersedes === target.id);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ value: 5 + winner.i / 10, clause: `修订 ${winner.i}`, dueYear: 2030 });
    expect(after.targets.find((t) => t.id === target.id)).toMatchObject({
      supersededBy: revisions[0].id,
      inForceUntil: '2025-12-31',
    });
    const audit = await auditOf('target', target.id);
    expect(audit.map((row) => row.action)).toEqual(['revise']);
    expect((await auditOf('target', revisions[0].id)).map((row) => row.action)).toEqual(['insert']);
  });

  it('records one succession of twenty alike; the others are told the code has moved', async () => {
    // Deqin 533422 (no reports) becomes a district under a new code
    const answers = await race(RACERS, (i) => ({
      client: admin,
      method: 'POST',
      url: '/api/v1/successions',
      payload: {
        fromCode: '533422',
        toCode: '533427',
        effectiveOn: '2026-01-01',
        reason: `撤县设区（竞速 ${i}）`,
        kind: 'rename',
        newUnit: { name: '德钦区', nameEn: 'Deqin District' },
      },
    }));
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(statuses(answers)).toEqual([201, ...times(409, RACERS - 1)]);
    const [winner] = winners(answers, 201);
    expect(winner.body.successions).toEqual([
      expect.objectContaining({ fromCode: '533422', toCode: '533427', reason: `撤县设区（竞速 ${winner.i}）` }),
    ]);
    const { rows } = await sql<{ n: string }>`
      select count(*)::text as n from successions where from_code = '533422'`.execute(test.database.db);
    expect(rows[0].n).toBe('1');
    const audit = await auditOf('succession', '533422>533427');
    expect(audit.map((row) => row.action)).toEqual(['insert']);
    expect((await auditOf('jurisdiction', '533427')).map((row) => row.action)).toEqual(['insert']);
  });

  it('imports one population twenty times at once, in turn: one insert, then updates whose befores chain', async () => {
    const files = await Promise.all(each(RACERS, (i) => populationWorkbook(190_000 + i)));
    const answers = await race(RACERS, (i) => ({
      client: admin,
      method: 'POST',
      url: '/api/v1/import/populations?mode=commit',
      payload: files[i],
      headers: { 'content-type': XLSX_TYPE, 'x-file-name': encodeURIComponent('人口.xlsx') },
    }));
    // Files wait for the reader in a queue of READ_LIMITS.waiting; past it an upload is told to
    // retry shortly (429 import_busy) with nothing stored. Every other one is committed, in turn.
    const committed = winners(answers, 200);
    const busy = answers.filter((a) => a.status !== 200);
    expect(committed.length).toBeGreaterThanOrEqual(Math.min(RACERS, READ_LIMITS.waiting));
    for (const answer of busy)
      expect({ status: answer.status, code: answer.body.error.code }).toEqual({ status: 429, code: 'import_busy' });
    for (const answer of committed) expect(answer.body).toMatchObject({ committed: true });
    const audit = await auditOf('population', '533401/2024');
    expect(audit.map((row) => row.action)).toEqual(['insert', ...times(0, committed.length - 1).map(() => 'update')]);
    for (let i = 1; i < audit.length; i++) {
      expect(audit[i].before?.population).toEqual(audit[i - 1].after?.population);
    }
    // exactly the committed files' figures, each once
    expect(multiset(audit.map((row) => row.after?.population as number))).toEqual(
      multiset(committed.map((a) => 190_000 + a.i)),
    );
    const { rows } = await sql<{ population: string }>`
      select population::text as population from populations where jurisdiction_code = '533401' and year = 2024`.execute(
      test.database.db,
    );
    expect(rows.map((row) => Number(row.population))).toEqual([audit[audit.length - 1].after?.population]);
  });
});

describe('the embedded default under fifty of the December writes at once', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;
  let reviewer: Client;
  let admin: Client;
  let weixiPlan: PlanView;

  beforeAll(async () => {
    test = await openTestDatabase('embedded');
    await createAccounts(test.database.db, [ACCOUNTS.entryWeixi, ACCOUNTS.reviewerDiqing, ACCOUNTS.admin]);
    app = await buildApp({ database: test.database, webDist: null });
    entry = await signIn(app, ACCOUNTS.entryWeixi.username);
    reviewer = await signIn(app, ACCOUNTS.reviewerDiqing.username);
    admin = await signIn(app, ACCOUNTS.admin.username);
    const plans = (await app.inject({ method: 'GET', url: '/api/v1/plans' })).json() as PlanView[];
    weixiPlan = plans.find((plan) => plan.jurisdictionCode === WEIXI) as PlanView;
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  it('answers every one without a 5xx, and answers reads afterwards', async () => {
    const target = weixiPlan.targets.find((t) => t.metric === 'places_per_1000') as PlanView['targets'][number];
    const file = await populationWorkbook(191_000);
    // ten kinds of write, five of each, interleaved: fifty in flight at once
    const kinds: ((i: number) => Promise<LightMyRequestResponse>)[] = [
      (i) =>
        app.inject({
          method: 'PUT',
          url: `/api/v1/indicators/${WEIXI}/2024`,
          headers: entry.headers(),
          payload: indicators(i),
        }),
      () =>
        app.inject({
          method: 'POST',
          url: `/api/v1/indicators/${WEIXI}/2024/submit`,
          headers: entry.headers({ 'if-match': '"1"' }),
        }),
      () =>
        app.inject({
          method: 'POST',
          url: `/api/v1/indicators/${WEIXI}/2024/approve`,
          headers: reviewer.headers({ 'if-match': '"2"' }),
        }),
      (i) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/residential-projects',
          headers: entry.headers(),
          payload: {
            jurisdictionCode: WEIXI,
            name: `风暴 ${i}`,
            approvedOn: '2024-03-01',
            plannedResidents: 3000,
            plannedPlaces: 21,
          },
        }),
      (i) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/plans/${weixiPlan.id}/funding-rules`,
          headers: admin.headers(),
          payload: {
            kind: 'per_place_built',
            rate: 2000 + i,
            payer: 'province',
            condition: 'schedule_target_met',
            clause: `风暴 ${i}`,
            description: '风暴',
            birthOrder: null,
            institutionKind: null,
          },
        }),
      (i) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/targets/${target.id}/revise`,
          headers: admin.headers({ 'if-match': `"${target.version}"` }),
          payload: {
            target: {
              metric: 'places_per_1000',
              comparator: 'at_least',
              value: 6 + i,
              dueYear: 2030,
              clause: 'x',
              scope: 'self',
            },
            inForceFrom: '2026-01-01',
          },
        }),
      () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/successions',
          headers: admin.headers(),
          payload: {
            fromCode: '533422',
            toCode: '533428',
            effectiveOn: '2026-01-01',
            reason: '风暴',
            kind: 'rename',
            newUnit: { name: '德钦区', nameEn: 'Deqin District' },
          },
        }),
      () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/import/populations?mode=commit',
          headers: admin.headers({ 'content-type': XLSX_TYPE, 'x-file-name': encodeURIComponent('人口.xlsx') }),
          payload: file,
        }),
      () => app.inject({ method: 'GET', url: `/api/v1/progress/${WEIXI}?period=2025Q4` }),
      () => app.inject({ method: 'GET', url: '/api/v1/overview?root=530000&period=2025Q4' }),
    ];
    const answers = await Promise.all(each(50, (i) => kinds[i % kinds.length](Math.floor(i / kinds.length))));
    const failed = answers
      .map((answer, i) => ({ i, status: answer.statusCode, body: answer.body.slice(0, 300) }))
      .filter((answer) => answer.status >= 500);
    expect(failed).toEqual([]);
    // each conflicting kind had one winner (the indicators' five saves: one creation, four told to give a version)
    const statusesOf = (kind: number) =>
      multiset(answers.filter((_, i) => i % kinds.length === kind).map((a) => a.statusCode));
    expect(statusesOf(0)).toEqual([201, 428, 428, 428, 428]);
    expect(statusesOf(3)).toEqual(times(201, 5));
    expect(statusesOf(4)).toEqual(times(201, 5));
    expect(statusesOf(5)).toEqual([201, 409, 409, 409, 409]);
    expect(statusesOf(6)).toEqual([201, 409, 409, 409, 409]);
    expect(statusesOf(7)).toEqual(times(200, 5));
    expect(statusesOf(8)).toEqual(times(200, 5));
    expect(statusesOf(9)).toEqual(times(200, 5));
    // and the server is not frozen: a read and a write after the storm both answer
    expect((await app.inject({ method: 'GET', url: `/api/v1/progress/${WEIXI}?period=2025Q4` })).statusCode).toBe(200);
    const after = await app.inject({
      method: 'POST',
      url: '/api/v1/residential-projects',
      headers: entry.headers(),
      payload: {
        jurisdictionCode: WEIXI,
        name: '风暴之后',
        approvedOn: '2024-03-01',
        plannedResidents: 3000,
        plannedPlaces: 21,
      },
    });
    expect(after.statusCode).toBe(201);
  });
});
