// The version a writer started from, read from its If-Match header, for every versioned record.
import type { FastifyRequest } from 'fastify';
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
