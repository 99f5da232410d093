// Loads the national division tree (the edition in seed/divisions/, built by scripts/divisions-build.mjs)
// where missing: down to the counties, or to the townships when asked. One transaction, one audit
// row; a unit already there keeps its name, English name and populations.
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { systemActor, writeAudit } from '../audit.ts';
import type { DB } from '../db/schema.ts';

export type DivisionDepth = 'counties' | 'townships';

/** A unit of the edition: code, name, English name, parent code, level. */
type EditionUnit = [string, string, string, string | null, string];

interface EditionFile {
  edition: string;
  source: string;
  package: string;
  counts: Record<string, number>;
  units: EditionUnit[];
}

export const EDITION = 'nbs-2023';

// Beside this module in the source, beside the bundle in dist/ (apps/api/scripts/build.mjs copies it).
function readEdition(file: string): EditionFile {
  return JSON.parse(fs.readFileSync(new URL(`./divisions/${file}`, import.meta.url), 'utf8')) as EditionFile;
}

export interface DivisionsLoaded {
  edition: string;
  /** Units inserted by this call (0 when the tree was there already). */
  inserted: number;
  ms: number;
}

/**
 * English names an earlier build of the edition got wrong: the code, the wrong name, the right one.
 * A unit still carrying the wrong one (nobody has renamed it since) is corrected on start, with an
 * audit row; a name someone gave it is left as it is.
 */
export const CORRECTED_ENGLISH: readonly (readonly [code: string, wrong: string, right: string])[] = [
  // 陕西: pinyin alone gives Shanxi, the name of 山西 (140000)
  ['610000', 'Shanxi Province', 'Shaanxi Province'],
];

/** The corrections CORRECTED_ENGLISH lists, where a unit still needs them: how many were made. */
async function correctEnglishNames(db: Kysely<DB>): Promise<number> {
  const column = (i: 0 | 1 | 2) => sql.val(CORRECTED_ENGLISH.map((row) => row[i]));
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ code: string; wrong: string; right: string }>`
      update jurisdictions j set name_en = c.right_name
      from unnest(${column(0)}::text[], ${column(1)}::text[], ${column(2)}::text[]) as c(code, wrong_name, right_name)
      where j.code = c.code and j.name_en = c.wrong_name and j.division_edition = ${EDITION}
      returning j.code, c.wrong_name as wrong, c.right_name as right`.execute(trx);
    await writeAudit(
      trx,
      systemActor('start-up'),
      rows.map((row) => ({
        action: 'update',
        entity: 'jurisdiction' as const,
        entityId: row.code,
        jurisdictionCode: row.code,
        before: { nameEn: row.wrong },
        after: { nameEn: row.right },
        reason: `${EDITION}: English name corrected`,
      })),
    );
    return rows.length;
  });
}

/**
 * The edition's tree where missing, and its corrected English names. When the edition is recorded
 * at this depth already, two statements and nothing else, so that every later start costs nothing.
 */
export async function loadDivisions(db: Kysely<DB>, depth: DivisionDepth = 'counties'): Promise<DivisionsLoaded> {
  const started = performance.now();
  await correctEnglishNames(db);
  const recorded = await db
    .selectFrom('division_editions')
    .select(['townships'])
    .where('edition', '=', EDITION)
    .executeTakeFirst();
  if (recorded && (depth === 'counties' || recorded.townships > 0)) {
    return { edition: EDITION, inserted: 0, ms: performance.now() - started };
  }
  const tree = readEdition(`${EDITION}.json`);
  const townships = depth === 'townships' ? readEdition(`${EDITION}-townships.json`) : null;
  const units: EditionUnit[] = [
    ...tree.units,
    ...(townships?.units.map(([code, name, nameEn, parent]): EditionUnit => [code, name, nameEn, parent, 'township']) ??
      []),
  ];
  const count = (level: string) => units.filter((u) => u[4] === level).length;
  const counts = {
    provinces: count('province'),
    prefectures: count('prefecture'),
    counties: count('county'),
    townships: count('township'),
  };
  let inserted = 0;
  await db.transaction().execute(async (trx) => {
    // two servers starting on one database at once: the second waits, then finds the tree there
    await sql`select pg_advisory_xact_lock(hashtext('tuowei: division tree'))`.execute(trx);
    await trx
      .insertInto('division_editions')
      .values({ edition: EDITION, source: tree.source, ...counts })
      .onConflict((oc) => oc.column('edition').doUpdateSet({ ...counts, loaded_at: sql`now()` }))
      .execute();
    const column = (pick: (unit: EditionUnit) => string | null) => sql.val(units.map(pick));
    // in code order a parent comes before its children (a province's code is its prefectures' prefix, and so on)
    const result = await sql`
      insert into jurisdictions (code, name, name_en, level, parent_code, division_edition)
      select c, n, e, l, p, ${EDITION}
      from unnest(${column((u) => u[0])}::text[], ${column((u) => u[1])}::text[], ${column((u) => u[2])}::text[],
                  ${column((u) => u[4])}::text[], ${column((u) => u[3])}::text[]) as t(c, n, e, l, p)
      order by length(c), c
      on conflict (code) do nothing`.execute(trx);
    inserted = Number(result.numAffectedRows ?? 0);
    // a unit that was there before (the five plans') is the edition's too, its own names kept
    await sql`
      update jurisdictions set division_edition = ${EDITION}
      where division_edition is null and code = any(${column((u) => u[0])}::text[])`.execute(trx);
    await writeAudit(trx, systemActor('start-up'), {
      action: 'divisions.load',
      entity: 'jurisdiction',
      entityId: EDITION,
      after: { edition: EDITION, source: tree.source, package: tree.package, depth, ...counts, inserted },
    });
  });
  return { edition: EDITION, inserted, ms: performance.now() - started };
}
