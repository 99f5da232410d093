// The one refusal every write path gives a code retired by a boundary change: figures about a day
// on or after the succession belong to the successor (packages/shared retiredCodeRefusal decides).
// Forms and API writes get a 409 naming the successor; imports get the same words as a row's reason.
import { type Language, type RetiredCode, retiredCodeRefusal, type Successions } from '@tuowei/shared';
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { readSuccessions } from '../../db/lineage.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError, say } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';

const wordsOf = (refusal: RetiredCode) =>
  API_WORDS.successions.retiredCode(refusal.code, refusal.successors, refusal.effectiveOn);

/**
 * Throws 409 `jurisdiction_retired` when `code` was retired on or before `day` (YYYY-MM-DD, the last
 * day the figures describe); `field` names the request field holding the code.
 */
export async function refuseRetiredCode(
  db: Kysely<DB> | Transaction<DB>,
  request: FastifyRequest,
  code: string,
  day: string,
  field: string,
): Promise<void> {
  refuseRetired(await readSuccessions(db), request, code, day, field);
}

/** refuseRetiredCode with the successions already read: at least those from `code` (a writer's first read). */
export function refuseRetired(
  successions: Successions,
  request: FastifyRequest,
  code: string,
  day: string,
  field: string,
): void {
  const refusal = retiredCodeRefusal(successions, code, day);
  if (refusal === null) return;
  const words = wordsOf(refusal);
  throw new ApiError(409, 'jurisdiction_retired', words, [
    { field, message: say(request, words), successors: refusal.successors, effectiveOn: refusal.effectiveOn },
  ]);
}

/** An import row's reason when its code was retired by its day, or null: the same rule, in the file's language. */
export function retiredRowReason(
  successions: Successions,
  code: string,
  day: string,
  language: Language,
): string | null {
  const refusal = retiredCodeRefusal(successions, code, day);
  return refusal === null ? null : wordsOf(refusal)[language];
}
