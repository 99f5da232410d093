// What quarterly reports and yearly indicators share on their way through review: the version a
// writer started from (If-Match, ETag), which step may follow which status, what each step
// changes, and the refusal of a step the status does not allow.
import { errorSchema, type ReportStatus, type Words } from '@tuowei/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import { API_WORDS } from '../words.ts';

/** If-Match: 3, "3" or W/"3"; null when absent. */
export function ifMatchOf(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(String(header));
  if (!match) {
    throw new ApiError(400, 'invalid_if_match', API_WORDS.reports.invalidIfMatch(String(header)));
  }
  return Number(match[1]);
}

/** The refusals every write of a reviewed record may answer with. */
export const REVIEW_ERRORS = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  428: errorSchema,
};

export const withVersion = (reply: FastifyReply, version: number) => reply.header('etag', `"${version}"`);

/** The version an update of an existing record must name (428 without it). */
export function requireVersion(ifMatch: number | null, words: Words): number {
  if (ifMatch === null) throw new ApiError(428, 'if_match_required', words);
  return ifMatch;
}

export type Transition = 'submit' | 'approve' | 'return';

/** The statuses each step may start from. */
export const REVIEW_FROM: Record<Transition, readonly ReportStatus[]> = {
  submit: ['draft', 'returned'],
  approve: ['submitted'],
  return: ['submitted', 'approved'],
};

/** What a step writes on the record (besides its version and who changed it when). */
export function reviewChanges(step: Transition, by: string, now: Date, reason: string | null) {
  return step === 'submit'
    ? { status: 'submitted' as const, submitted_by: by, submitted_at: now, return_reason: null }
    : step === 'approve'
      ? { status: 'approved' as const, approved_by: by, approved_at: now }
      : { status: 'returned' as const, return_reason: reason, approved_by: null, approved_at: null };
}

/**
 * 409 for a change the record's status does not allow; `subject` names the record as a sentence
 * begins ("2025Q1 季报", "The 2025Q1 report"), `code` prefixes the status (report_approved).
 */
export function reviewStateError(status: ReportStatus, subject: Words, code: string, attempted: string): ApiError {
  const { inState } = API_WORDS.review;
  const words: Record<ReportStatus, Words> = {
    approved: inState.approved(subject),
    submitted: inState.submitted(subject),
    draft: inState.draft(subject, attempted),
    returned: inState.returned(subject),
  };
  return new ApiError(409, `${code}_${status}`, words[status]);
}
