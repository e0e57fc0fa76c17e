import { createHash } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import type { Caller } from '../access/authorize.ts';
import type { Db } from '../db/database.ts';
import { now } from '../db/database.ts';
import { isTimeout, isUniqueViolation } from '../db/errors.ts';
import { BadRequest, OutcomeUnknown, RuleViolation, Unavailable } from '../errors.ts';

/** What a request brings for idempotency: its key and a fingerprint of what it asks. */
export interface IdempotencyRequest {
  key: string;
  fingerprint: string;
}

export interface Outcome<T> {
  value: T;
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/** Reads the Idempotency-Key header; the fingerprint covers the method, the path and the body. */
export function idempotencyRequest(
  header: string | string[] | undefined,
  method: string,
  path: string,
  body: unknown,
): IdempotencyRequest | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || !KEY.test(key)) {
    throw new BadRequest('Idempotency-Key must be 1 to 255 visible ASCII characters.', [
      { path: 'idempotency-key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([method, path, body ?? null]))
    .digest('hex');
  return { key, fingerprint };
}

/**
 * Runs `work` in a transaction that also claims the key, so the change and its stored answer commit together.
 * A repeat with the same key returns the stored answer and changes nothing; the same key with another request is 422.
 * A concurrent repeat waits on the key's row and then gets the stored answer.
 */
export async function runIdempotent<T>(
  db: Db,
  actor: Caller,
  request: IdempotencyRequest | undefined,
  work: (trx: Db) => Promise<T>,
  statusCode = 201,
): Promise<Outcome<T>> {
  if (!request) return { value: await db.transaction().execute(work), replayed: false };
  const stored = await storedAnswer<T>(db, actor, request);
  if (stored) return stored;
  try {
    const value = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('idempotencyKeys')
        .values({
          userId: actor.userId,
          key: request.key,
          fingerprint: request.fingerprint,
          statusCode: 0,
          response: '',
          createdAt: now(),
        })
        .execute();
      const result = await work(trx);
      await trx
        .updateTable('idempotencyKeys')
        .set({ statusCode, response: JSON.stringify(result) })
        .where('userId', '=', actor.userId)
        .where('key', '=', request.key)
        .execute();
      return result;
    });
    return { value, replayed: false };
  } catch (error) {
    if (error instanceof OutcomeUnknown) return settle(db, actor, request, error);
    if (!isUniqueViolation(error)) throw error;
    const answer = await storedAnswer<T>(db, actor, request);
    if (answer) return answer;
    throw error;
  }
}

/**
 * The connection broke during COMMIT. The key's row commits with the change, so reading it on another connection
 * tells whether the change was made: if so its answer is the answer; if not, nothing was changed (503). That read is
 * tried again while the database is unavailable (about 0.6 s in all); if it never answers, or the commit timed out
 * (it may still be under way on a frozen server), the outcome stays unknown.
 */
async function settle<T>(
  db: Db,
  actor: Caller,
  request: IdempotencyRequest,
  error: OutcomeUnknown,
): Promise<Outcome<T>> {
  if (isTimeout(error.cause)) throw error;
  let answer: Outcome<T> | undefined;
  try {
    answer = await readRetrying(() => storedAnswer<T>(db, actor, request));
  } catch {
    throw error;
  }
  if (answer) return { value: answer.value, replayed: false };
  const unavailable = new Unavailable('The database connection broke; nothing was changed. Try again shortly.');
  unavailable.cause = error.cause;
  throw unavailable;
}

/**
 * Waits between the tries of the settling read. The connection that broke at COMMIT is often one of several (a
 * database restarting, an administrator ending every session), so the read on another one may break too.
 */
const SETTLE_RETRY_DELAYS_MS = [50, 150, 400];

/** Runs `read` again, after each delay in turn, for as long as it fails with the database unavailable. */
export async function readRetrying<T>(read: () => Promise<T>, delaysMs = SETTLE_RETRY_DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      const delay = delaysMs[attempt];
      if (!(error instanceof Unavailable) || delay === undefined) throw error;
      await setTimeout(delay);
    }
  }
}

async function storedAnswer<T>(db: Db, actor: Caller, request: IdempotencyRequest): Promise<Outcome<T> | undefined> {
  const row = await db
    .selectFrom('idempotencyKeys')
    .select(['fingerprint', 'response'])
    .where('userId', '=', actor.userId)
    .where('key', '=', request.key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.fingerprint !== request.fingerprint) {
    throw new RuleViolation('This Idempotency-Key was used for a different request.', 'idempotency_key_reused');
  }
  return { value: JSON.parse(row.response) as T, replayed: true };
}
