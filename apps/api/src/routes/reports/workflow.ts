// Writing a quarterly report and moving it through review, each step in one transaction with
// its audit row, guarded by the version the person started from (If-Match).
import { type ReportInput, type ReportView, reportWarnings, type Successions } from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import type { AuditActor } from '../../audit.ts';
import type { User } from '../../auth/users.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { REVIEW_FROM, requireVersion, reviewChanges, reviewStateError, type Transition } from '../review.ts';
import {
  changesInTrail,
  changesSinceApproval,
  findReport,
  findReportForWrite,
  insertDraft,
  institutionsOf,
  previousReport,
  replaceInstitutions,
  type StoredReport,
  sameInstitutions,
  snapshot,
  toView,
  updateReport,
} from './repository.ts';

export interface ReportKey {
  code: string;
  year: number;
  quarter: number;
  period: string;
}

export type { Transition };

export interface Actor {
  user: User;
  audit: AuditActor;
}

/** A refusal checked on the writer's first read, before anything else (the retired-code refusal). */
export type FirstReadGuard = (successions: Successions) => void;

export async function reportView(db: Kysely<DB> | Transaction<DB>, report: StoredReport): Promise<ReportView> {
  const [previous, changes] = await Promise.all([
    previousReport(db, report.code, report.year, report.quarter),
    changesSinceApproval(db, report.id),
  ]);
  return toView(report, previous, changes);
}

async function currentView(trx: Transaction<DB>, key: ReportKey): Promise<ReportView | null> {
  const report = await findReport(trx, key.code, key.year, key.quarter);
  return report && reportView(trx, report);
}

async function conflict(trx: Transaction<DB>, key: ReportKey, ifMatch: number | null): Promise<never> {
  const current = await currentView(trx, key);
  throw new ApiError(
    409,
    'version_conflict',
    API_WORDS.reports.versionConflict(key.code, key.period, ifMatch, current?.version),
    { current },
  );
}

const requireReportVersion = (ifMatch: number | null, key: ReportKey) =>
  requireVersion(ifMatch, API_WORDS.reports.ifMatchRequired(key.period));

const stateError = (report: StoredReport, key: ReportKey, attempted: string) =>
  reviewStateError(report.status, API_WORDS.reports.subject(key.period), 'report', attempted);

/*
 * Each statement of a write is a round trip while the report's row is locked, so a write reads
 * once (the report and the quarter before), takes what it wrote from the write's own returned row,
 * and reads the trail only where an answer can hold changes since an approval.
 */

/** PUT: creates the report as a draft, or replaces a draft or returned one (If-Match required). */
export async function saveDraft(
  db: Kysely<DB>,
  actor: Actor,
  key: ReportKey,
  input: ReportInput,
  ifMatch: number | null,
  guard: FirstReadGuard,
): Promise<{ created: boolean; view: ReportView }> {
  return db.transaction().execute(async (trx) => {
    const first = await findReportForWrite(trx, key.code, key.year, key.quarter);
    guard(first.successions);
    const { report: existing, previous } = first;
    const now = new Date();
    const fields = {
      places: input.places,
      affordable_places: input.affordablePlaces,
      children_enrolled: input.childrenEnrolled ?? null,
      second_child_months: input.secondChildMonths ?? null,
      third_child_months: input.thirdChildMonths ?? null,
      comment: input.comment ?? null,
      updated_by: actor.user.username,
      updated_at: now,
    };
    if (!existing) {
      if (ifMatch !== null) await conflict(trx, key, ifMatch);
      const report = await insertDraft(trx, key, fields, actor.user.username, input.institutions, {
        actor: actor.audit,
        action: 'insert',
      });
      // Someone else created it a moment ago: their version stands, this one is a conflict.
      if (report === null) return conflict(trx, key, ifMatch);
      // a report just created has no approval in its trail: no changes since one
      return { created: true, view: toView(report, previous, []) };
    }
    const version = requireReportVersion(ifMatch, key);
    if (existing.version !== version) await conflict(trx, key, version);
    if (existing.status === 'submitted' || existing.status === 'approved') throw stateError(existing, key, 'update');
    const institutions = institutionsOf(input.institutions);
    if (!sameInstitutions(institutions, existing.institutions)) {
      await replaceInstitutions(trx, existing.id, input.institutions);
    }
    const report = await updateReport(
      trx,
      existing,
      { ...fields, status: 'draft', version: existing.version + 1, demo: false },
      institutions,
      { actor: actor.audit, action: 'update', before: snapshot(existing) },
    );
    // read after the audit row: this update is one of the changes since an approval
    return { created: false, view: toView(report, previous, await changesSinceApproval(trx, report.id)) };
  });
}

/** Moves a report through review: submit (the reporter), approve or return (the level above). */
export async function transition(
  db: Kysely<DB>,
  actor: Actor,
  key: ReportKey,
  step: Transition,
  ifMatch: number | null,
  reason: string | null,
  guard: FirstReadGuard | null,
): Promise<ReportView> {
  return db.transaction().execute(async (trx) => {
    const first = await findReportForWrite(trx, key.code, key.year, key.quarter);
    guard?.(first.successions);
    const { report: existing, previous } = first;
    if (!existing) throw noReport(key);
    const version = requireReportVersion(ifMatch, key);
    if (existing.version !== version) await conflict(trx, key, version);
    if (!REVIEW_FROM[step].includes(existing.status)) throw stateError(existing, key, step);
    if (step === 'submit') {
      const warnings = reportWarnings(existing, previous);
      if (warnings.length > 0 && !existing.comment?.trim()) {
        throw new ApiError(
          400,
          'comment_required',
          API_WORDS.reports.commentRequired(warnings.map((w) => `${w.field}: ${w.previous} → ${w.current}`)),
          warnings.map((w) => ({
            field: w.field,
            message: 'comment_required',
            previous: w.previous,
            current: w.current,
          })),
        );
      }
    }
    const now = new Date();
    const by = actor.user.username;
    const changes = reviewChanges(step, by, now, reason);
    const report = await updateReport(
      trx,
      existing,
      { ...changes, version: existing.version + 1, updated_by: by, updated_at: now },
      existing.institutions,
      { actor: actor.audit, action: step, before: snapshot(existing), reason },
    );
    // an approval ends the changes since the last one; submit and return add none of their own,
    // so the trail as it was before this step tells them
    return toView(report, previous, step === 'approve' ? [] : changesInTrail(first.trail));
  });
}

export const noReport = (key: ReportKey) =>
  new ApiError(404, 'no_report', API_WORDS.reports.noReport(key.code, key.period));
