import type { Caller } from '../access/authorize.ts';
import { type Changes, recordAudit } from '../audit/audit.ts';
import { type Db, type Dialect, type LockableTable, lockRow } from '../db/database.ts';
import { Forbidden, NotFound, PreconditionFailed } from '../errors.ts';

/** `:own` access: the caller, and who owns an item. The write carries the same condition in its statement. */
export interface OwnScope<T> {
  userId: number;
  ownerOf(item: T): number | null;
}

/** One change of one stored item, as every module writes it. */
interface VersionedWrite<T extends { version: number }> {
  /** The item's table (also the entity of its audit entry) and id. */
  table: LockableTable;
  id: number;
  /** How a refusal names the item: `movie 3`. */
  what: string;
  /** The version an `If-Match` requires, if one was sent. */
  expectedVersion: number | undefined;
  /** Reads the item as the caller may see it (a read scoped to the caller answers undefined for another's: 404). */
  read(trx: Db): Promise<T | undefined>;
  /** The caller's `:own` scope, when their permission is only for their own items. */
  scope?: OwnScope<T> | undefined;
  /** Rules on the item as stored (wrong state 409, business rules 422, field rights 403); throws the refusal. */
  check?(trx: Db, before: T): void | Promise<void>;
  /**
   * The write: one statement conditioned on `id`, `version` and the `:own` scope (then any follow-up writes);
   * false when that statement matched no row.
   */
  write(trx: Db, version: number, before: T): Promise<boolean>;
}

/** The audit entry's action and changes, or none when nothing was changed. */
type AuditEntry = { action: string; changes: Changes } | undefined;

export interface ItemUpdate<T extends { version: number }> extends VersionedWrite<T> {
  audit(before: T, after: T): AuditEntry;
}

export interface ItemRemoval<T extends { version: number }> extends VersionedWrite<T> {
  audit(before: T): AuditEntry;
}

export interface Writer {
  trx: Db;
  dialect: Dialect;
  actor: Caller;
}

/**
 * lock → read → check → version → scoped write → explain a refusal → audit, inside the caller's transaction.
 * The row lock makes concurrent writers of one item take turns, so requests without `If-Match` all apply; the
 * checks run on the locked row in the order HTTP wants them (404, 403, the item's own rules, then 412); the write's
 * statement still carries the version and the `:own` condition, and when it touches nothing, the item is read
 * again to say why.
 */
async function apply<T extends { version: number }>({ trx, dialect }: Writer, spec: VersionedWrite<T>): Promise<T> {
  await lockRow(trx, dialect, spec.table, spec.id);
  const before = await spec.read(trx);
  if (before === undefined) throw new NotFound(`There is no ${spec.what}.`);
  if (spec.scope && spec.scope.ownerOf(before) !== spec.scope.userId) throw notYours(spec.what);
  await spec.check?.(trx, before);
  if (spec.expectedVersion !== undefined && before.version !== spec.expectedVersion) {
    throw stale(spec.what, before.version, spec.expectedVersion);
  }
  if (!(await spec.write(trx, before.version, before))) throw await refusal(trx, spec);
  return before;
}

function record({ trx, dialect, actor }: Writer, spec: VersionedWrite<{ version: number }>, entry: AuditEntry) {
  return entry && recordAudit(trx, dialect, actor, { ...entry, entity: spec.table, entityId: spec.id });
}

/** Why the write's statement touched no row, read after it: gone (404), not the caller's (403), or moved on (412). */
async function refusal<T extends { version: number }>(trx: Db, spec: VersionedWrite<T>): Promise<Error> {
  const now = await spec.read(trx);
  if (now === undefined) return new NotFound(`There is no ${spec.what}.`);
  if (spec.scope && spec.scope.ownerOf(now) !== spec.scope.userId) return notYours(spec.what);
  return new PreconditionFailed(`The ${spec.what} was changed by someone else meanwhile: read it again.`);
}

function notYours(what: string): Forbidden {
  return new Forbidden(`The ${what} is not yours.`);
}

function stale(what: string, version: number, expected: number): PreconditionFailed {
  return new PreconditionFailed(`The ${what} is at version ${version}, not ${expected}: read it again.`);
}

/** Changes an item; returns it before and after. */
export async function updateItem<T extends { version: number }>(
  writer: Writer,
  spec: ItemUpdate<T>,
): Promise<{ before: T; after: T }> {
  const before = await apply(writer, spec);
  const after = await spec.read(writer.trx);
  if (after === undefined) throw new NotFound(`There is no ${spec.what}.`);
  await record(writer, spec, spec.audit(before, after));
  return { before, after };
}

/** Removes (or retires) an item; returns it as it was. */
export async function removeItem<T extends { version: number }>(writer: Writer, spec: ItemRemoval<T>): Promise<T> {
  const before = await apply(writer, spec);
  await record(writer, spec, spec.audit(before));
  return before;
}
