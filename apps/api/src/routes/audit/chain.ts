// The audit trail's hash chain checked from its first row to its last, a page at a time. Each hash
// is recomputed here, as migrations/2026-12-01-05-audit-chain.ts defines it, and not by the
// database's own function, which whoever controls the database could have replaced.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type ChainLink, type ChainRow, chainPage, firstIdAfter, recordedChainHead, storedHash } from './repository.ts';

/** What the first row links to. */
export const GENESIS_HASH = '0'.repeat(64);

const PAGE = 5000;

/** Rounds of catching up with rows written while the walk ran, before it settles for what it saw. */
const CATCH_UP_ROUNDS = 20;

export function chainHash(prevHash: string, row: ChainRow): string {
  const hash = crypto.createHash('sha256');
  const fields = [
    prevHash,
    row.id,
    row.prev_id,
    row.at,
    row.actor,
    row.actor_role,
    row.action,
    row.entity,
    row.entity_id,
    row.jurisdiction_code,
    row.before,
    row.after,
    row.reason,
    row.request_id,
  ];
  for (const field of fields) {
    if (field === null) hash.update('-');
    else hash.update(`${Buffer.byteLength(field)}:`).update(field);
  }
  return hash.digest('hex');
}

export interface ChainVerdict {
  /** Rows walked. */
  rows: number;
  /** The last row walked. */
  head: ChainLink | null;
  intact: boolean;
  /** Where the chain first breaks: the row changed, slipped in, or (deleted) the one missing. */
  firstBrokenId: number | null;
  /** An earlier head (from an export) asked about: whether that row still has that hash. */
  earlierHead?: ChainLink & { matches: boolean };
}

/**
 * Where a row that does not link to the row before it breaks the chain. It links further back:
 * when its hash holds over the row it names, the rows after that one were slipped in (the first
 * of them is named); otherwise the row itself is forged.
 */
async function slippedIn(db: Kysely<DB>, row: ChainRow, prevId: number | null): Promise<number> {
  const id = Number(row.id);
  if (prevId !== null && prevId >= id) return id;
  const prevHash = prevId === null ? GENESIS_HASH : await storedHash(db, prevId);
  if (prevHash === null || chainHash(prevHash, row) !== row.hash) return id;
  return (await firstIdAfter(db, prevId)) ?? id;
}

/**
 * Walks every row in id order, never holding more than a page. Besides each row's link and hash,
 * the end of the walk must be the head the trigger recorded: a row cut off the end, or appended
 * with the triggers off, breaks it too.
 */
export async function verifyAuditChain(db: Kysely<DB>, earlier?: ChainLink): Promise<ChainVerdict> {
  let last: ChainLink | null = null;
  let rows = 0;
  let broken: number | null = null;
  /** The hash the earlier head's row has now: undefined until the walk gets there, null if it is gone. */
  let earlierNow: string | null | undefined;
  for (let round = 0; ; round++) {
    for (;;) {
      const page = await chainPage(db, last?.id ?? null, PAGE);
      for (const row of page) {
        const id = Number(row.id);
        if (earlier && earlierNow === undefined && id >= earlier.id) earlierNow = id === earlier.id ? row.hash : null;
        if (broken === null) {
          const prevId = row.prev_id === null ? null : Number(row.prev_id);
          const lastId = last?.id ?? null;
          if (prevId === lastId) {
            if (row.hash !== chainHash(last?.hash ?? GENESIS_HASH, row)) broken = id;
          } else if (prevId !== null && prevId < id && (lastId === null || prevId > lastId)) {
            broken = prevId; // the row it follows is gone
          } else {
            broken = await slippedIn(db, row, prevId);
          }
        }
        rows++;
        last = { id, hash: row.hash ?? '' };
      }
      if (page.length < PAGE) break;
    }
    const recorded = await recordedChainHead(db);
    const lastId = last?.id ?? null;
    const recordedId = recorded?.id ?? null;
    if (recordedId === lastId) {
      if (recorded && recorded.hash !== last?.hash) broken ??= recorded.id;
      break;
    }
    if (lastId !== null && (recordedId === null || recordedId < lastId)) {
      // rows beyond the recorded head: written with the trigger off
      broken ??= (await firstIdAfter(db, recordedId)) ?? lastId;
      break;
    }
    // the recorded head is further on: rows written since the walk began, or the trail's end cut off
    if (recorded && (await storedHash(db, recorded.id)) === null) {
      broken ??= recorded.id;
      break;
    }
    if (round === CATCH_UP_ROUNDS) break;
  }

  const verdict: ChainVerdict = { rows, head: last, intact: broken === null, firstBrokenId: broken };
  if (earlier) {
    const matches = earlierNow === earlier.hash;
    verdict.earlierHead = { ...earlier, matches };
    if (!matches) {
      verdict.intact = false;
      verdict.firstBrokenId = Math.min(broken ?? earlier.id, earlier.id);
    }
  }
  return verdict;
}
