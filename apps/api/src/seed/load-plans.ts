// Loads the shipped jurisdictions, populations and plans where missing; never overwrites what
// a user has changed since.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { JURISDICTIONS, PLANS, POPULATIONS } from './five-plans.ts';

export async function loadShippedPlans(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Parents come before their children in JURISDICTIONS.
    for (const j of JURISDICTIONS) {
      await trx
        .insertInto('jurisdictions')
        .values({ code: j.code, name: j.name, name_en: j.nameEn, level: j.level, parent_code: j.parentCode })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
    await trx
      .insertInto('populations')
      .values(
        POPULATIONS.map((p) => ({
          jurisdiction_code: p.code,
          year: p.year,
          population: p.population,
          source: p.source,
        })),
      )
      .onConflict((oc) => oc.columns(['jurisdiction_code', 'year']).doNothing())
      .execute();
    for (const plan of PLANS) {
      await trx
        .insertInto('plans')
        .values({
          seed_key: plan.key,
          jurisdiction_code: plan.jurisdictionCode,
          document_number: plan.documentNumber,
          title: plan.title,
          issuer: plan.issuer,
          issued_on: plan.issuedOn,
          source_file: plan.sourceFile,
        })
        .onConflict((oc) => oc.column('seed_key').doNothing())
        .execute();
      const { id } = await trx
        .selectFrom('plans')
        .select('id')
        .where('seed_key', '=', plan.key)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('targets')
        .values(
          plan.targets.map((t, index) => ({
            seed_key: `${plan.key}/${t.key}`,
            plan_id: id,
            metric: t.metric,
            comparator: t.comparator,
            value: t.value,
            due_year: t.dueYear,
            clause: t.clause,
            scope: t.scope,
            institution_kind: t.institutionKind ?? null,
            sort_order: index,
          })),
        )
        .onConflict((oc) => oc.column('seed_key').doNothing())
        .execute();
      const rules = plan.fundingRules ?? [];
      if (rules.length === 0) continue;
      await trx
        .insertInto('funding_rules')
        .values(
          rules.map((r, index) => ({
            seed_key: `${plan.key}/${r.key}`,
            plan_id: id,
            kind: r.kind,
            rate: r.rate,
            payer: r.payer,
            condition: r.condition,
            clause: r.clause,
            document_number: r.documentNumber ?? null,
            description: r.description,
            birth_order: r.birthOrder ?? null,
            institution_kind: r.institutionKind ?? null,
            sort_order: index,
          })),
        )
        .onConflict((oc) => oc.column('seed_key').doNothing())
        .execute();
    }
  });
}
