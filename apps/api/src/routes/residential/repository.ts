// The register of new residential areas: its SQL, and each project with the norm it is held to.
import {
  applicableNorm,
  projectCompliance,
  type ResidentialProject,
  type ResidentialProjectInput,
  type ResidentialProjectView,
  residentialNorms,
} from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCodes } from '../jurisdictions/repository.ts';
import { listPlans } from '../plans/repository.ts';

type Reader = Kysely<DB> | Transaction<DB>;

interface ProjectRow {
  id: string;
  jurisdiction_code: string;
  name: string;
  approved_on: string;
  planned_residents: number;
  planned_places: number;
  delivered_places: number | null;
  version: number;
}

// approved_on as text: a date column read through pg would be a Date at local midnight
const PROJECT_COLUMNS = sql`
  p.id, p.jurisdiction_code, p.name, to_char(p.approved_on, 'YYYY-MM-DD') as approved_on,
  p.planned_residents, p.planned_places, p.delivered_places, p.version`;

const toProject = (row: ProjectRow): ResidentialProject => ({
  id: row.id,
  jurisdictionCode: row.jurisdiction_code,
  name: row.name,
  approvedOn: row.approved_on,
  plannedResidents: row.planned_residents,
  plannedPlaces: row.planned_places,
  deliveredPlaces: row.delivered_places,
  version: row.version,
});

/** The projects of a subtree (root null: the whole country), by jurisdiction and name. */
export async function projectsIn(db: Reader, root: string | null): Promise<ResidentialProject[]> {
  const { rows } = await sql<ProjectRow>`
    select ${PROJECT_COLUMNS} from residential_projects p
    where p.jurisdiction_code in (${scopeCodes(root)})
    order by p.jurisdiction_code, p.name`.execute(db);
  return rows.map(toProject);
}

/** A subtree's projects grouped by jurisdiction, as the progress computation reads them. */
export async function projectsByJurisdiction(
  db: Reader,
  root: string | null,
): Promise<Map<string, ResidentialProject[]>> {
  const result = new Map<string, ResidentialProject[]>();
  for (const project of await projectsIn(db, root)) {
    const list = result.get(project.jurisdictionCode) ?? [];
    list.push(project);
    result.set(project.jurisdictionCode, list);
  }
  return result;
}

/** One project; `forUpdate` locks its row for the rest of the transaction. */
export async function findProject(db: Reader, id: string, forUpdate = false): Promise<ResidentialProject | null> {
  const { rows } = await sql<ProjectRow>`
    select ${PROJECT_COLUMNS} from residential_projects p where p.id = ${id}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return rows[0] ? toProject(rows[0]) : null;
}

/** Whether another project of the jurisdiction has this name. */
export async function nameTaken(db: Reader, code: string, name: string, exceptId: string | null): Promise<boolean> {
  const { rows } = await sql`
    select 1 from residential_projects
    where jurisdiction_code = ${code} and name = ${name} and id is distinct from ${exceptId}::uuid`.execute(db);
  return rows.length > 0;
}

const fieldsOf = (input: ResidentialProjectInput, by: string) => ({
  jurisdiction_code: input.jurisdictionCode,
  name: input.name,
  approved_on: input.approvedOn,
  planned_residents: input.plannedResidents,
  planned_places: input.plannedPlaces,
  delivered_places: input.deliveredPlaces ?? null,
  updated_by: by,
});

export async function insertProject(trx: Transaction<DB>, input: ResidentialProjectInput, by: string): Promise<string> {
  const { id } = await trx
    .insertInto('residential_projects')
    .values({ ...fieldsOf(input, by), created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateProject(
  trx: Transaction<DB>,
  id: string,
  input: ResidentialProjectInput,
  by: string,
): Promise<void> {
  await trx
    .updateTable('residential_projects')
    .set({ ...fieldsOf(input, by), updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function deleteProject(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('residential_projects').where('id', '=', id).execute();
}

/** Each project's jurisdiction, then its parent, up to its province. */
async function lineages(db: Reader, codes: readonly string[]): Promise<Map<string, string[]>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<{ start: string; lineage: string[] }>`
    with recursive up as (
      select j.code as start, j.code, j.parent_code, 0 as depth from jurisdictions j
      where j.code = any(${sql.val([...codes])}::text[])
      union all
      select up.start, j.code, j.parent_code, up.depth + 1 from jurisdictions j join up on j.code = up.parent_code
    )
    select start, array_agg(code order by depth) as lineage from up group by start`.execute(db);
  return new Map(rows.map((row) => [row.start, row.lineage]));
}

/** Projects as the API answers them: each with the norm that covers it and what that norm requires. */
export async function projectViews(
  db: Reader,
  projects: readonly ResidentialProject[],
): Promise<ResidentialProjectView[]> {
  const byCode = await lineages(db, [...new Set(projects.map((project) => project.jurisdictionCode))]);
  const planCodes = [...new Set([...byCode.values()].flat())];
  const norms = residentialNorms(await listPlans(db, planCodes));
  return projects.map((project) => {
    const norm = applicableNorm(project, byCode.get(project.jurisdictionCode) ?? [], norms);
    const compliance = norm && projectCompliance(norm.target.value, project);
    return {
      ...project,
      norm: norm && {
        targetId: norm.target.id,
        documentNumber: norm.plan.documentNumber,
        clause: norm.target.clause,
        value: norm.target.value,
      },
      requiredPlaces: compliance?.requiredPlaces ?? null,
      shortfall: compliance?.shortfall ?? null,
      compliant: compliance?.compliant ?? null,
    };
  });
}

/** What the audit trail keeps of a project, before and after a change. */
export function snapshot(project: ResidentialProject) {
  return { ...project };
}
