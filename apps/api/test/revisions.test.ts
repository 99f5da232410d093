// Plan revisions keep history, on real Postgres: Weixi's 4.5 per 1,000 due 2025 (维发〔2023〕15号)
// is superseded by 5.5 due 2030 from 2026-01-01. Progress at 2025Q4 evaluates 4.5; at 2026Q2 it
// evaluates 5.5 from the 2025 baseline, the 2025 target closed beside it and still in the final
// account; an edit stays an edit; If-Match, roles and every refusal as for the other admin writes.
import type { FinalAccount, PlanView, ProgressView, TargetProgress } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

const WEIXI = '533423';
/** Weixi's 2020 census population: every ratio below is places × 1,000 ÷ 146,363. */
const POPULATION = 146_363;

describe('revisions', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;
  let leader: Client;
  let oldId: string;
  let newId: string;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db, [ACCOUNTS.adminYunnan, ACCOUNTS.leaderYunnan]);
    app = await buildApp({ database: test.database, webDist: null });
    admin = await signIn(app, ACCOUNTS.adminYunnan.username);
    leader = await signIn(app, ACCOUNTS.leaderYunnan.username);
    await insertReports(
      test.database.db,
      [
        ['2025Q3', 640],
        ['2025Q4', 650],
        ['2026Q1', 670],
        ['2026Q2', 690],
      ].map(([period, places]) => ({
        code: WEIXI,
        period: period as string,
        places: places as number,
        affordablePlaces: 396,
      })),
    );
    const plans = (await app.inject({ method: 'GET', url: '/api/v1/plans' })).json() as PlanView[];
    const weixi = plans.find((plan) => plan.jurisdictionCode === WEIXI) as PlanView;
    oldId = (weixi.targets.find((t) => t.metric === 'places_per_1000') as PlanView['targets'][number]).id;
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const revision = {
    target: {
      metric: 'places_per_1000',
      comparator: 'at_least',
      value: 5.5,
      dueYear: 2030,
      clause: '一(二)（修订）',
      scope: 'self',
    },
    inForceFrom: '2026-01-01',
  };
  const revise = (client: Client, payload: unknown, ifMatch: string | null = '1', id = oldId) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/targets/${id}/revise`,
      headers: client.headers(ifMatch === null ? {} : { 'if-match': ifMatch }),
      payload: payload as object,
    });
  const ratioTargets = async (period: string): Promise<TargetProgress[]> => {
    const progress = (await app.inject({ method: 'GET', url: `/api/v1/progress/${WEIXI}?period=${period}` })).json();
    return (progress as ProgressView).targets.filter((t) => t.metric === 'places_per_1000');
  };
  const targetRows = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from targets`.execute(test.database.db)).rows[0].n);

  it('starts every shipped target in force from its document’s date, with no end and version 1', async () => {
    const plans = (await app.inject({ method: 'GET', url: '/api/v1/plans' })).json() as PlanView[];
    const weixi = plans.find((plan) => plan.jurisdictionCode === WEIXI) as PlanView;
    expect(weixi.targets.find((t) => t.id === oldId)).toMatchObject({
      inForceFrom: '2023-06-28',
      inForceUntil: null,
      supersedes: null,
      supersededBy: null,
      version: 1,
    });
  });

  it('refuses a revision without If-Match, with a stale one, or with bad fields, naming the field; nothing stored', async () => {
    const stored = await targetRows();
    expect((await revise(admin, revision, null)).statusCode).toBe(428);
    expect((await revise(admin, revision, '7')).json().error.code).toBe('version_conflict');
    const cases: [unknown, number, string][] = [
      [{ ...revision, inForceFrom: '2026-1-1' }, 400, 'body.inForceFrom'],
      [{ ...revision, inForceFrom: '2021-01-01' }, 400, 'body.inForceFrom'],
      [{ ...revision, target: { ...revision.target, value: -1 } }, 400, 'body.target.value'],
      [{ ...revision, target: { ...revision.target, dueYear: 1999 } }, 400, 'body.target.dueYear'],
      [{ ...revision, planId: 'not-a-plan' }, 400, 'body.planId'],
      [{ ...revision, planId: '00000000-0000-0000-0000-000000000000' }, 400, 'body.planId'],
      [{ ...revision, extra: 1 }, 400, 'body'],
    ];
    for (const [payload, status, field] of cases) {
      const answer = await revise(admin, payload);
      expect({ payload, status: answer.statusCode }).toEqual({ payload, status });
      expect(answer.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await revise(leader, revision)).statusCode).toBe(403);
    expect(await targetRows()).toBe(stored);
  });

  it('revises: the old target ends the day before, the new one supersedes it, and the next read sees it', async () => {
    // read once before, so that a stale cache would show
    expect((await ratioTargets('2026Q2')).map((t) => t.value)).toEqual([4.5]);
    const answer = await revise(admin, revision);
    expect(answer.statusCode, answer.body).toBe(201);
    const plan = answer.json() as PlanView;
    const next = plan.targets.find((t) => t.supersedes === oldId) as PlanView['targets'][number];
    newId = next.id;
    expect(next).toMatchObject({
      value: 5.5,
      dueYear: 2030,
      inForceFrom: '2026-01-01',
      inForceUntil: null,
      version: 1,
    });
    expect(plan.targets.find((t) => t.id === oldId)).toMatchObject({
      value: 4.5,
      supersededBy: newId,
      inForceUntil: '2025-12-31',
      version: 2,
    });
    expect((await ratioTargets('2026Q2')).map((t) => t.value)).toEqual([4.5, 5.5]);
  });

  it('evaluates 4.5 at 2025Q4: the revision is not in force before 2026', async () => {
    const targets = await ratioTargets('2025Q4');
    expect(targets.map((t) => [t.value, t.dueYear])).toEqual([[4.5, 2025]]);
    // due at 2025Q4: 650 places are 4.4410 per 1,000, short of ⌈4.5 × 146.363⌉ = 659 by 9
    expect(targets[0]).toMatchObject({ status: 'missed', gap: 9, closed: true, inForceUntil: '2025-12-31' });
  });

  it('evaluates 5.5 at 2026Q2 from the 2025 baseline, the 2025 target closed beside it', async () => {
    const [closed, next] = await ratioTargets('2026Q2');
    expect(closed).toMatchObject({ value: 4.5, closed: true, status: 'missed', supersededBy: newId });
    expect(next).toMatchObject({ value: 5.5, dueYear: 2030, closed: false, supersedes: oldId, binding: true });
    // baseline: 2025Q4's 650 places, 650,000 ÷ 146,363 = 4.4410 per 1,000
    expect(next.baseline).toEqual({ period: '2025Q4', value: 650_000 / POPULATION });
    // needed ⌈5.5 × 146,363 ÷ 1,000⌉ = ⌈804.9965⌉ = 805; 805 − 690 = 115 over the 18 quarters 2026Q3–2030Q4
    expect(next.current).toBe(690_000 / POPULATION);
    expect(next.gap).toBe(115);
    expect(next.requiredPerQuarter).toBeCloseTo(115 / 18, 10);
    // the line runs from the baseline: 650, 670, 690 (2025Q4–2026Q2), 20 a quarter, 670 at 2026Q1, so
    // 670 + 20 × 19 = 1,050 places at 2030Q4 = 7.1739 per 1,000 (2025Q3's 640 is the old target's, left out)
    expect(next.forecast).toBeCloseTo(1_050_000 / POPULATION, 9);
    expect(next.status).toBe('on_track');
  });

  it('draws the places chart’s forecast from the same baseline: 1,050 places at 2030Q4', async () => {
    const series = (await app.inject({ method: 'GET', url: `/api/v1/series/${WEIXI}?period=2026Q2` })).json();
    const rows = series.placesChart as { period: string; forecast: number | null; neededByRatio: number | null }[];
    const due = rows.find((row) => row.period === '2030Q4');
    // ⌈5.5 × 146.363⌉ = 805 places needed; the line through 650, 670, 690 reaches 1,050
    expect(due).toMatchObject({ neededByRatio: 805 });
    expect(due?.forecast).toBeCloseTo(1_050, 9);
  });

  it('keeps the superseded 2025 target in the 2025 final account', async () => {
    const answer = await app.inject({
      method: 'GET',
      url: `/api/v1/gap-report?root=${WEIXI}&period=2026Q2&format=json&account=final`,
      headers: admin.headers(),
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const account = answer.json() as FinalAccount;
    const row = account.rows.find((r) => r.code === WEIXI && r.metric === 'places_per_1000');
    expect(row).toMatchObject({ value: 4.5, dueYear: 2025, status: 'missed', dueYearValue: 650_000 / POPULATION });
    expect(account.rows.some((r) => r.dueYear === 2030)).toBe(false);
  });

  it('edits a typo in place: same id, same chain, version counted up; a stale If-Match is refused', async () => {
    const plans = (await app.inject({ method: 'GET', url: '/api/v1/plans' })).json() as PlanView[];
    const next = plans.flatMap((p) => p.targets).find((t) => t.id === newId) as PlanView['targets'][number];
    const edit = (ifMatch: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/targets/${newId}`,
        headers: admin.headers({ 'if-match': ifMatch }),
        // sent back as read, with the chain: read-only in an edit
        payload: { ...next, clause: '一(二)' },
      });
    expect((await edit('9')).statusCode).toBe(409);
    const edited = await edit('1');
    expect(edited.statusCode, edited.body).toBe(200);
    expect((edited.json() as PlanView).targets.find((t) => t.id === newId)).toMatchObject({
      clause: '一(二)',
      supersedes: oldId,
      inForceFrom: '2026-01-01',
      version: 2,
    });
  });

  it('refuses to revise a target already replaced, or to delete it before its successor', async () => {
    const again = await revise(admin, revision, '2');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'target_ended', details: [{ field: 'body.inForceFrom' }] });
    const removal = await app.inject({ method: 'DELETE', url: `/api/v1/targets/${oldId}`, headers: admin.headers() });
    expect(removal.json().error.code).toBe('target_superseded');
  });

  it('audits the revision as a revise of the old target and an insert of the new one', async () => {
    const { rows } = await sql<{ action: string; entity_id: string; after: Record<string, unknown> }>`
      select action, entity_id, after from audit_log where entity = 'target' order by id`.execute(test.database.db);
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['revise', oldId],
      ['insert', newId],
      ['update', newId],
    ]);
    expect(rows[0].after).toMatchObject({ inForceUntil: '2025-12-31', supersededBy: newId });
    expect(rows[1].after).toMatchObject({ supersedes: oldId, inForceFrom: '2026-01-01', value: 5.5 });
  });

  it('undoes the revision when its new target is deleted: the old one is in force again', async () => {
    const removal = await app.inject({ method: 'DELETE', url: `/api/v1/targets/${newId}`, headers: admin.headers() });
    expect(removal.statusCode).toBe(200);
    const old = (removal.json() as PlanView).targets.find((t) => t.id === oldId);
    expect(old).toMatchObject({ inForceUntil: null, supersededBy: null });
    expect((await ratioTargets('2026Q2')).map((t) => t.value)).toEqual([4.5]);
  });
});
