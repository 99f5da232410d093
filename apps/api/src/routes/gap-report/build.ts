// Everything in a gap report, computed from the same subtree context as progress and overview.
import {
  completeness,
  coverageOf,
  type DueYearApproval,
  type FigureProvenance,
  type FinalAccount,
  type FinalAccountRow,
  finalAccountRows,
  formatPeriod,
  type GapReport,
  type GapRow,
  gapRows,
  NO_SUCCESSIONS,
  parsePeriod,
  periodFromIndex,
  periodIndex,
  reportDeadline,
  type Settings,
  type Successions,
  type UnitNode,
} from '@tuowei/shared';
import type { Transaction } from 'kysely';
import type { FreshCache } from '../../cache.ts';
import type { DB } from '../../db/schema.ts';
import { quarterReports } from '../completeness/repository.ts';
import { provinceCodes } from '../jurisdictions/repository.ts';
import { loadSubtree, type SubtreeContext } from '../progress/repository.ts';
import { projectsIn, projectViews } from '../residential/repository.ts';
import { countedStatuses } from '../settings/repository.ts';
import { countedIndicatorRecords, countedReportApprovals, latestCountedReports } from './repository.ts';

export type { GapReport };

/** The root of a country-wide report. */
export const COUNTRY = { code: 'country', name: '全国', nameEn: 'The whole country' };

/** What one unit adds to a gap report: its rows, schedule findings and reconciliation. */
interface UnitPart {
  code: string;
  demo: boolean;
  rows: GapRow[];
  findings: GapReport['scheduleFindings'];
  reconciliation: GapReport['reconciliations'][number] | null;
}

/**
 * The gap report of a subtree, or of the whole country (root null). The country is computed
 * province by province, each province's context dropped before the next is read, so that the
 * figures of 40,000 townships at every quarter never sit in memory at once; the report is the one
 * a context of the whole country gives (its units in code order, as that context has them).
 */
export async function buildGapReport(
  trx: Transaction<DB>,
  root: string | null,
  index: number,
  settings: Settings,
  whole = false,
  cache?: FreshCache,
): Promise<GapReport | null> {
  return keepingRows((take) => gapReportInParts(trx, root, index, settings, whole, take, cache));
}

/** A report made in parts, its rows kept as they come and given with the rest. */
async function keepingRows<Report extends { rows: readonly unknown[] }>(
  inParts: (take: TakeRows<Report['rows'][number]>) => Promise<WithoutRows<Report> | null>,
): Promise<Report | null> {
  const rows: Report['rows'][number][] = [];
  const rest = await inParts((some) => {
    for (const row of some) rows.push(row);
  });
  return rest && withRows(rest, rows);
}

/** A report without its rows, and how many it has: what is known once they are all handed on. */
export type WithoutRows<Report extends { rows: readonly unknown[] }> = Omit<Report, 'rows'> & { rowCount: number };

/** Rows taken as they are made, a unit's at a time (the country's province after province): written out, or kept. */
export type TakeRows<Row> = (rows: readonly Row[]) => Promise<void> | void;

/** The report with its rows where its count stood: the JSON answer's keys keep their order. */
function withRows<Report extends { rows: readonly unknown[] }>(
  rest: WithoutRows<Report>,
  rows: Report['rows'],
): Report {
  return Object.fromEntries(
    Object.entries(rest).map(([key, value]) => (key === 'rowCount' ? ['rows', rows] : [key, value])),
  ) as Report;
}

/** Parts in code order for the country, province after province: a part out of order cannot be undone once written. */
function inCodeOrder<Part extends { code: string }>(parts: Part[], last: { code: string }): Part[] {
  parts.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (parts.length > 0 && parts[0].code <= last.code)
    throw new Error(`country report: unit ${parts[0].code} comes after ${last.code}, in another province`);
  if (parts.length > 0) last.code = parts[parts.length - 1].code;
  return parts;
}

/**
 * The contexts a report is made from, one after another: the root's, or for the country each
 * province's (or the whole country's at once, `whole`), each with its units in the rows' order (the
 * root first, then its units standing at the quarter: a retired code's figures are its successor's
 * row), and the scope's code (null: the whole country); null, once, for an unknown root.
 */
async function* reportScopes(
  trx: Transaction<DB>,
  root: string | null,
  index: number,
  settings: Settings,
  whole: boolean,
  cache: FreshCache | undefined,
): AsyncGenerator<{ scope: string | null; context: SubtreeContext; order: string[] } | null> {
  for (const scope of root || whole ? [root] : await provinceCodes(trx)) {
    const context = await loadSubtree(trx, scope, index, settings, cache);
    if (!context) {
      if (root) yield null;
      continue;
    }
    const standing = context.units
      .map((u) => u.code)
      .filter((code) => code !== root && context.subtree.successions.inForce(code, context.periodIndex));
    yield { scope, context, order: root ? [root, ...standing] : standing };
  }
}

/**
 * The gap report of a subtree or of the country, its rows handed to `take` unit by unit (in the
 * report's order) once each province's are made, and never all held here; the rest of the report
 * once they are.
 */
export async function gapReportInParts(
  trx: Transaction<DB>,
  root: string | null,
  index: number,
  settings: Settings,
  whole: boolean,
  take: TakeRows<GapRow>,
  /** The province's remembered branches and own rows, when given (a computation's transaction). */
  cache?: FreshCache,
): Promise<WithoutRows<GapReport> | null> {
  const period = periodFromIndex(index);
  // the latest counted report of each unit up to the period: who approved and last changed it
  const provenanceRows = await latestCountedReports(trx, root, index, countedStatuses(settings));
  const unitReports = await quarterReports(trx, root, period.year, period.quarter);
  const drafts = new Set([...unitReports].filter(([, r]) => r.status === 'draft').map(([code]) => code));
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  const provenance = new Map<string, FigureProvenance>(
    provenanceRows.map((row) => [
      row.jurisdiction_code,
      {
        approvedBy: row.approved_by,
        approvedAt: iso(row.approved_at),
        lastChangedBy: row.updated_by,
        lastChangedAt: iso(row.updated_at),
        draftPending: drafts.has(row.jurisdiction_code),
      },
    ]),
  );

  const scheduleFindings = new Map<string, GapReport['scheduleFindings'][number]>();
  const reconciliations: GapReport['reconciliations'] = [];
  let demo = false;
  let rowCount = 0;
  const last = { code: '' };
  const allUnits: UnitNode[] = [];
  let successions: Successions = NO_SUCCESSIONS;
  let rootUnit: { code: string; name: string; nameEn: string } = COUNTRY;
  for await (const part of reportScopes(trx, root, index, settings, whole, cache)) {
    if (!part) return null;
    const { scope, context, order } = part;
    const progressByUnit = order.map((code) => ({ code, progress: context.progressOf(code) }));
    // a yearly indicator's figure stands on that year's record, not on the quarter's report
    const indicatorYears = [
      ...new Set(
        progressByUnit.flatMap(({ progress }) => progress.targets.flatMap((t) => (t.year == null ? [] : [t.year]))),
      ),
    ];
    const indicatorRecords = new Map(
      (await countedIndicatorRecords(trx, scope, indicatorYears, countedStatuses(settings))).map((row) => [
        `${row.jurisdiction_code}|${row.year}`,
        {
          status: row.status,
          approvedBy: row.approved_by,
          approvedAt: iso(row.approved_at),
          lastChangedBy: row.updated_by,
          lastChangedAt: iso(row.updated_at),
          draftPending: false,
        },
      ]),
    );
    // each unit's rows made at once, so that its progress (and the province's figures) can go
    const parts: UnitPart[] = [];
    for (const { code, progress } of progressByUnit) {
      const reconciliation = progress.actual?.reconciliation;
      parts.push({
        code,
        demo: progress.demo,
        rows: gapRows(
          progress,
          provenance.get(code) ??
            (drafts.has(code)
              ? { approvedBy: null, approvedAt: null, lastChangedBy: null, lastChangedAt: null, draftPending: true }
              : undefined),
          (year) => indicatorRecords.get(`${code}|${year}`),
        ),
        findings: progress.scheduleFindings.map((finding) => ({
          ...finding,
          jurisdictionCode: context.plans.find((plan) => plan.id === finding.planId)?.jurisdictionCode ?? code,
        })),
        reconciliation: reconciliation
          ? {
              code,
              name: progress.name,
              own: progress.actual?.places ?? 0,
              children: reconciliation.childrenPlaces,
              difference: reconciliation.placesDifference,
              childrenReported: reconciliation.childrenReported,
              childrenTotal: reconciliation.childrenTotal,
            }
          : null,
      });
    }
    // in the order a context of the whole country has its units: by code
    for (const part of root || whole ? parts : inCodeOrder(parts, last)) {
      demo ||= part.demo;
      rowCount += part.rows.length;
      await take(part.rows);
      for (const finding of part.findings)
        scheduleFindings.set(`${finding.planId}|${finding.year}|${finding.scheduleMetric}`, finding);
      if (part.reconciliation) reconciliations.push(part.reconciliation);
    }
    allUnits.push(...context.units);
    successions = context.subtree.successions;
    if (root) rootUnit = context.units.find((u) => u.code === root) as (typeof context.units)[number];
  }
  if (!root && !whole) allUnits.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  return {
    root: { code: rootUnit.code, name: rootUnit.name, nameEn: rootUnit.nameEn },
    period: formatPeriod(period),
    counting: settings.counting,
    rowCount,
    scheduleFindings: [...scheduleFindings.values()],
    reconciliations,
    completeness: completeness(allUnits, unitReports, reportDeadline(period, settings.reportDeadlineDays), new Date(), {
      period,
      successions,
    }),
    demo,
    residentialProjects: await projectViews(trx, await projectsIn(trx, root)),
  };
}

/**
 * The final account of the targets closed by the period in view (`?account=final`): every unit's
 * closed targets with their due year's verdict, and who approved the report behind each value.
 * The country's is computed province by province, as the gap report's is: each province's context
 * (and the approvals of its due years) dropped before the next is read; its rows are those a
 * context of the whole country gives (`whole`: computed from that one context), its units in code order.
 */
export async function buildFinalAccount(
  trx: Transaction<DB>,
  root: string | null,
  index: number,
  settings: Settings,
  whole = false,
  cache?: FreshCache,
): Promise<FinalAccount | null> {
  return keepingRows((take) => finalAccountInParts(trx, root, index, settings, whole, take, cache));
}

/** The final account, its rows handed to `take` as each province's are made, as the gap report's are. */
export async function finalAccountInParts(
  trx: Transaction<DB>,
  root: string | null,
  index: number,
  settings: Settings,
  whole: boolean,
  take: TakeRows<FinalAccountRow>,
  /** The province's remembered branches and own rows, when given (a computation's transaction). */
  cache?: FreshCache,
): Promise<WithoutRows<FinalAccount> | null> {
  let rowCount = 0;
  const last = { code: '' };
  const dueYears = new Set<number>();
  let demo = false;
  let rootUnit: { code: string; name: string; nameEn: string } = COUNTRY;
  for await (const part of reportScopes(trx, root, index, settings, whole, cache)) {
    if (!part) return null;
    const { scope, context, order } = part;
    const progress = order.map((code) => context.progressOf(code));
    // the due years of this scope's closed targets: the only ones its rows look approvals up in
    const scopeDueYears = [
      ...new Set(progress.flatMap((p) => p.targets.filter((t) => t.closed && t.measured).map((t) => t.dueYear))),
    ];
    for (const year of scopeDueYears) dueYears.add(year);

    // who approved each unit's reports in the due years (a due year's value is one of its quarters)
    const approvalRows = await countedReportApprovals(trx, scope, scopeDueYears, countedStatuses(settings));
    // a yearly indicator's due year's value is that year's record, named by the year alone
    const indicatorApprovalRows = await countedIndicatorRecords(trx, scope, scopeDueYears, countedStatuses(settings));
    const approval = (row: { approved_by: string | null; approved_at: Date | null }): DueYearApproval => ({
      approvedBy: row.approved_by,
      approvedAt: row.approved_at ? new Date(row.approved_at).toISOString() : null,
    });
    const approvals = new Map<string, DueYearApproval>([
      ...approvalRows.map((row): [string, DueYearApproval] => [
        `${row.jurisdiction_code}|${formatPeriod({ year: row.year, quarter: row.quarter as 1 | 2 | 3 | 4 })}`,
        approval(row),
      ]),
      ...indicatorApprovalRows.map((row): [string, DueYearApproval] => [
        `${row.jurisdiction_code}|${row.year}`,
        approval(row),
      ]),
    ]);
    const parts: { code: string; rows: FinalAccountRow[] }[] = [];
    for (const p of progress) {
      parts.push({
        code: p.code,
        rows: finalAccountRows(
          p,
          (code, period) => approvals.get(`${code}|${period}`),
          // a yearly indicator's due value is named by its year, not a quarter: it has no quarter's coverage
          (code, period) => {
            const quarter = parsePeriod(period);
            return quarter ? coverageOf(context.subtree, code, periodIndex(quarter)) : null;
          },
        ),
      });
      demo ||= p.targets.some((t) => t.closed && t.dueYearValue?.demo);
    }
    // in the order a context of the whole country has its units: by code
    for (const part of root || whole ? parts : inCodeOrder(parts, last)) {
      rowCount += part.rows.length;
      await take(part.rows);
    }
    if (root) rootUnit = context.units.find((u) => u.code === root) as (typeof context.units)[number];
  }
  return {
    root: { code: rootUnit.code, name: rootUnit.name, nameEn: rootUnit.nameEn },
    period: formatPeriod(periodFromIndex(index)),
    counting: settings.counting,
    dueYears: [...dueYears].sort((a, b) => a - b),
    rowCount,
    demo,
  };
}
