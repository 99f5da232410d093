// Passwords are stored as argon2id hashes only.
import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

/**
 * The cost of a new hash: @node-rs/argon2's default (19 MiB, 2 passes: OWASP's minimum for
 * argon2id). Only the test suite lowers it, to the least the library takes (1 MiB, 1 pass), with
 * TUOWEI_TEST_PASSWORD_COST=low under NODE_ENV=test (vitest.config.ts sets both; a server started
 * by the tests runs without NODE_ENV=test and so at full cost): the suite's hundreds of accounts
 * and sign-ins then cost milliseconds, not minutes on a loaded 2-core machine. A hash records its
 * own cost, so verifying needs no setting.
 */
const COST =
  process.env.NODE_ENV === 'test' && process.env.TUOWEI_TEST_PASSWORD_COST === 'low'
    ? { memoryCost: 1024, timeCost: 1 }
    : {};

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...COST });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so that timing does not tell. */
export const NO_SUCH_USER_HASH = hashPassword('no such user: a fixed password that nobody has');
