import { createHash } from 'node:crypto';
import { type CompiledQuery, sql } from 'kysely';
import type { Caller } from '../access/authorize.ts';
import type { Db, Dialect } from '../db/database.ts';
import { now } from '../db/database.ts';
import { type ListPlan, listRows } from '../lists/list.ts';

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

/**
 * Records one entry. Call it inside the transaction that makes the change: the entry commits or rolls back with it.
 * It is written unsealed (no place in the chain, empty hashes) and takes no shared lock, so concurrent writers never
 * wait for each other here; the sealer (sealer.ts) links it into the chain once it has committed.
 */
export async function recordAudit(trx: Db, _dialect: Dialect, actor: Caller | null, input: AuditInput): Promise<void> {
  await trx
    .insertInto('auditEntries')
    .values({
      at: now(),
      actorId: actor?.userId ?? null,
      action: input.action,
      entity: input.entity,
      entityId: String(input.entityId),
      changes: JSON.stringify(redact(input.changes)),
      requestId: actor?.requestId ?? null,
      seq: null,
      prevHash: '',
      hash: '',
    })
    .execute();
}

/**
 * A query that finds an entry waiting to be sealed, if there is one: above the floor sealBatch would use with
 * `window`, or anywhere without it. One read of the index that sealBatch searches, with no transaction and no lock;
 * compiled once, it is what an idle sealer's pass costs.
 */
export function unsealedProbe(db: Db, window?: number): CompiledQuery<{ id: number }> {
  return db
    .selectFrom('auditEntries')
    .select('auditEntries.id')
    .where('auditEntries.seq', 'is', null)
    .$if(window !== undefined, (q) =>
      q.where(({ eb, selectFrom }) =>
        eb(
          'auditEntries.id',
          '>',
          eb(selectFrom('auditHead').select('auditHead.lastId').where('auditHead.id', '=', 1), '-', window!),
        ),
      ),
    )
    .limit(1)
    .compile();
}

/** The most entries one sealing transaction links (each takes three parameters of one UPDATE). */
export const SEAL_BATCH = 500;

/**
 * Links the committed entries that have no place in the chain yet, in one transaction: each gets the next `seq`, the
 * previous entry's hash and its own, in id order, and the head moves to the last one. Returns how many were sealed.
 *
 * Which entries: all those visible as committed when the transaction reads them, whatever their id. An entry whose
 * transaction commits later, even with a lower id, is still unsealed then and is sealed by a later call, after the
 * ones sealed now: the chain's order is the order in which entries became visible to the sealer, so no entry is ever
 * skipped. The head row is read with a lock, so two sealers (which the election avoids anyway) take turns, and
 * `seq is null` in the update means that an entry is never sealed twice.
 *
 * `window`, if given, narrows the call to the entries whose id is above the last sealed one's less `window`. On
 * PostgreSQL the unsealed entries are found through a partial index (0016), which keeps an entry for each sealed one
 * until VACUUM removes it: a million sealed since the last VACUUM made a search that found nothing take 15 ms.
 * Searching above a floor reads only the end of that index. An entry below the floor (its transaction committed after
 * that many later entries were sealed) waits for a call without a window (AuditSealer makes one every FULL_PASS_MS).
 */
export async function sealBatch(db: Db, dialect: Dialect, window?: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const head = await trx
      .selectFrom('auditHead')
      .select(['lastSeq', 'lastId', 'lastHash'])
      .where('id', '=', 1)
      .$if(dialect !== 'sqlite', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const pending = await trx
      .selectFrom('auditEntries')
      .select(['id', 'at', 'actorId', 'action', 'entity', 'entityId', 'changes', 'requestId'])
      .where('seq', 'is', null)
      .$if(window !== undefined, (q) => q.where('id', '>', head.lastId - window!))
      .orderBy('id')
      .limit(SEAL_BATCH)
      .execute();
    if (pending.length === 0) return 0;
    let seq = Number(head.lastSeq);
    let prevHash = head.lastHash;
    const links = pending.map((entry) => {
      const hash = hashEntry({ ...entry, prevHash });
      const link = { id: entry.id, seq: ++seq, prevHash, hash };
      prevHash = hash;
      return link;
    });
    const ids = links.map((link) => link.id);
    // One UPDATE for the batch. The numbers are ours (ids read above, places counted here), so they are written as
    // literals: PostgreSQL would take untyped parameters in a CASE for text.
    const byId = <T>(column: 'seq' | 'prevHash' | 'hash') =>
      sql<T>`case ${sql.ref('id')} ${sql.join(
        links.map((link) =>
          column === 'seq'
            ? sql`when ${sql.lit(link.id)} then ${sql.lit(link.seq)}`
            : sql`when ${sql.lit(link.id)} then ${link[column]}`,
        ),
        sql` `,
      )} end`;
    const result = await trx
      .updateTable('auditEntries')
      .set({ seq: byId<number>('seq'), prevHash: byId<string>('prevHash'), hash: byId<string>('hash') })
      .where('id', 'in', ids)
      .where('seq', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== links.length) {
      throw new Error('audit entries were sealed by someone else meanwhile; nothing was sealed');
    }
    const last = links.at(-1)!;
    await trx
      .updateTable('auditHead')
      .set({ lastSeq: last.seq, lastId: last.id, lastHash: last.hash })
      .where('id', '=', 1)
      .execute();
    return links.length;
  });
}

/** Seals every entry committed so far (above the window's floor, if given), batch after batch; returns how many. */
export async function sealPending(db: Db, dialect: Dialect, window?: number): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await sealBatch(db, dialect, window);
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

/**
 * Appends many entries at once, in order, in multi-row INSERTs (for `db seed --scale`): unsealed, like recordAudit's,
 * for the sealer (or `sealPending`) to link into the chain. `progress` is told how many are in after each statement.
 */
export async function recordAuditBatch(
  trx: Db,
  _dialect: Dialect,
  inputs: (AuditInput & { actorId: number | null })[],
  progress: (done: number) => void = () => {},
): Promise<void> {
  const at = now();
  const perStatement = 1000;
  for (let from = 0; from < inputs.length; from += perStatement) {
    const rows = inputs.slice(from, from + perStatement).map((input) => ({
      at,
      actorId: input.actorId,
      action: input.action,
      entity: input.entity,
      entityId: String(input.entityId),
      changes: JSON.stringify(redact(input.changes)),
      requestId: null,
      seq: null,
      prevHash: '',
      hash: '',
    }));
    await trx.insertInto('auditEntries').values(rows).execute();
    progress(Math.min(inputs.length, from + perStatement));
  }
}

const allEntries = (db: Db) => db.selectFrom('auditEntries').selectAll();

/** One page of the trail, newest first unless sorted otherwise. */
export function listAuditEntries(db: Db, plan: ListPlan) {
  return listRows(db, plan, allEntries);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry that does not match the chain, and why. */
  brokenAt: { id: number; reason: string } | null;
}

/**
 * Re-computes the hash chain over every sealed entry, in chain order, up to the head. Unsealed entries (committed in
 * the last moments, or whose transaction is still open) are not part of the chain yet and are not checked.
 *
 * The head is read first: the sealer moves it in the transaction that seals its entries, so every entry up to the head
 * read is committed by then, and entries sealed while the check runs (past that head) are left for the next check.
 * Last, an entry past the head as it is then is one that no sealer put there.
 */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  const head = await db
    .selectFrom('auditHead')
    .select(['lastSeq', 'lastId', 'lastHash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  let prevHash = GENESIS;
  let lastSeq = 0;
  let lastId = 0;
  let checked = 0;
  const batch = 1000;
  for (;;) {
    const rows = await db
      .selectFrom('auditEntries')
      .selectAll()
      .where('seq', '>', lastSeq)
      .$if(head !== undefined, (q) => q.where('seq', '<=', Number(head?.lastSeq)))
      .orderBy('seq')
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
      lastSeq = Number(row.seq);
      lastId = row.id;
      checked++;
    }
    if (rows.length < batch) break;
  }
  if (!head) return { ok: true, checked, brokenAt: null };
  if (head.lastHash !== prevHash || Number(head.lastSeq) !== lastSeq || head.lastId !== lastId) {
    return { ok: false, checked, brokenAt: { id: head.lastId, reason: 'the latest entries were removed' } };
  }
  // An entry placed past the head that the sealer never moved there: asked in one statement, whose single view of
  // the tables holds every sealed entry at or below the head (the sealer moves both in one transaction).
  const beyond = await db
    .selectFrom('auditEntries')
    .select('id')
    .where('seq', '>', (eb) => eb.selectFrom('auditHead').select('lastSeq').where('id', '=', 1))
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (beyond) {
    return {
      ok: false,
      checked,
      brokenAt: { id: beyond.id, reason: 'the entry was added past the head of the chain' },
    };
  }
  return { ok: true, checked, brokenAt: null };
}
