import { createHash } from 'node:crypto';
import type { Actor } from '../access/authorize.ts';
import type { Db, Dialect } from '../db/database.ts';
import { insertId, now } from '../db/database.ts';
import { applyList, type ListPlan } from '../lists/list.ts';

/** `{ field: [before, after] }`; a created item has `null` befores, a deleted one `null` afters. */
export type Changes = Record<string, [unknown, unknown]>;

export interface AuditInput {
  action: string;
  entity: string;
  entityId: number | string;
  changes: Changes;
}

export const GENESIS = '0'.repeat(64);

/** Field names whose values never enter the trail. */
const SECRET_FIELDS = /password|token|secret|hash/i;

export function hashEntry(entry: {
  prevHash: string;
  at: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string;
  changes: string;
  requestId: string | null;
}): string {
  const canonical = JSON.stringify([
    entry.prevHash,
    entry.at,
    entry.actorId,
    entry.action,
    entry.entity,
    entry.entityId,
    entry.changes,
    entry.requestId,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function redact(changes: Changes): Changes {
  const safe: Changes = {};
  for (const [field, pair] of Object.entries(changes)) {
    safe[field] = SECRET_FIELDS.test(field) ? ['[redacted]', '[redacted]'] : pair;
  }
  return safe;
}

/** The fields whose values differ between two versions of an item, as audit changes. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const field of Object.keys(after)) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field] = [a, b];
  }
  return changes;
}

/** Every field of a new item as audit changes. */
export function created(item: Record<string, unknown>): Changes {
  return Object.fromEntries(Object.entries(item).map(([field, value]) => [field, [null, value ?? null]]));
}

/** Every field of a removed item as audit changes. */
export function removed(item: Record<string, unknown>): Changes {
  return Object.fromEntries(Object.entries(item).map(([field, value]) => [field, [value ?? null, null]]));
}

/** Takes the head row's lock until the transaction ends, and reads the chain's last hash. */
async function lockHead(trx: Db, dialect: Dialect): Promise<{ lastId: number; lastHash: string }> {
  // A no-op update takes the head row's write lock first, before anyone reads the last hash.
  await trx
    .updateTable('auditHead')
    .set((eb) => ({ lastId: eb.ref('lastId') }))
    .where('id', '=', 1)
    .execute();
  // A locking read, not a plain one: under MySQL's REPEATABLE READ a plain SELECT answers from the transaction's
  // snapshot, taken at its first read, which may predate the hash the previous writer committed.
  return trx
    .selectFrom('auditHead')
    .select(['lastId', 'lastHash'])
    .where('id', '=', 1)
    .$if(dialect !== 'sqlite', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction that makes the change:
 * the entry commits or rolls back with it. Locking the head row serialises writers, so the
 * chain stays one line under concurrent transactions.
 */
export async function recordAudit(trx: Db, dialect: Dialect, actor: Actor | null, input: AuditInput): Promise<void> {
  const current = await lockHead(trx, dialect);
  const entry = {
    at: now(),
    actorId: actor?.userId ?? null,
    action: input.action,
    entity: input.entity,
    entityId: String(input.entityId),
    changes: JSON.stringify(redact(input.changes)),
    requestId: actor?.requestId ?? null,
    prevHash: current.lastHash,
  };
  const hash = hashEntry(entry);
  const id = await insertId(trx.insertInto('auditEntries').values({ ...entry, hash }), dialect);
  await trx.updateTable('auditHead').set({ lastId: id, lastHash: hash }).where('id', '=', 1).execute();
}

/**
 * Appends many entries at once, in order, in multi-row INSERTs (for `db seed --scale`); same lock and chain as
 * recordAudit. `progress` is told how many entries are in after each statement.
 */
export async function recordAuditBatch(
  trx: Db,
  dialect: Dialect,
  inputs: (AuditInput & { actorId: number | null })[],
  progress: (done: number) => void = () => {},
): Promise<void> {
  if (inputs.length === 0) return;
  let prevHash = (await lockHead(trx, dialect)).lastHash;
  const at = now();
  const perStatement = 1000;
  for (let from = 0; from < inputs.length; from += perStatement) {
    const rows = inputs.slice(from, from + perStatement).map((input) => {
      const entry = {
        at,
        actorId: input.actorId,
        action: input.action,
        entity: input.entity,
        entityId: String(input.entityId),
        changes: JSON.stringify(redact(input.changes)),
        requestId: null,
        prevHash,
      };
      prevHash = hashEntry(entry);
      return { ...entry, hash: prevHash };
    });
    await trx.insertInto('auditEntries').values(rows).execute();
    progress(Math.min(inputs.length, from + perStatement));
  }
  // Writers of the trail take turns on the head row, so the newest id is the last entry inserted here.
  const last = await trx
    .selectFrom('auditEntries')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('auditHead')
    .set({ lastId: Number(last.id), lastHash: prevHash })
    .where('id', '=', 1)
    .execute();
}

/** One page of the trail, newest first unless sorted otherwise. */
export function listAuditEntries(db: Db, plan: ListPlan) {
  return applyList(db.selectFrom('auditEntries').selectAll(), plan).execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry that does not match the chain, and why. */
  brokenAt: { id: number; reason: string } | null;
}

/** Re-computes the hash chain from the first entry to the head. */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let lastId = 0;
  let checked = 0;
  const batch = 1000;
  for (;;) {
    const rows = await db
      .selectFrom('auditEntries')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batch)
      .execute();
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, brokenAt: { id: row.id, reason: 'the entry before it was changed or removed' } };
      }
      if (hashEntry(row) !== row.hash) {
        return { ok: false, checked, brokenAt: { id: row.id, reason: 'the entry was changed' } };
      }
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
    if (rows.length < batch) break;
  }
  const head = await db.selectFrom('auditHead').select(['lastId', 'lastHash']).where('id', '=', 1).executeTakeFirst();
  if (head && (head.lastHash !== prevHash || head.lastId !== lastId)) {
    return { ok: false, checked, brokenAt: { id: head.lastId, reason: 'the latest entries were removed' } };
  }
  return { ok: true, checked, brokenAt: null };
}
