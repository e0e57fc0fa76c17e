import { createHash } from 'node:crypto';
import type { Actor } from '../access/authorize.ts';
import type { Db } from '../db/database.ts';
import { now } from '../db/database.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { BadRequest, RuleViolation } from '../errors.ts';

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
  actor: Actor,
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
    if (!isUniqueViolation(error)) throw error;
    const answer = await storedAnswer<T>(db, actor, request);
    if (answer) return answer;
    throw error;
  }
}

async function storedAnswer<T>(db: Db, actor: Actor, request: IdempotencyRequest): Promise<Outcome<T> | undefined> {
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
