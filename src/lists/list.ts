/**
 * Lists (SPEC §4): `limit`, opaque keyset `cursor`, `sort`, `filter` and `q`, applied to any Kysely select.
 * planList validates everything up front (one BadRequest naming every bad parameter), applyList adds the conditions,
 * ordering and `limit + 1` to the caller's query (listRows runs it, compiling a plain page's query once per shape),
 * and pageOf trims the extra row and makes the next cursor.
 */
import { type CompiledQuery, type SelectQueryBuilder, sql } from 'kysely';
import type { DatabaseHandle, Db } from '../db/database.ts';
import { pageCacheOf } from '../db/page-cache.ts';
import type { Database } from '../db/schema.ts';
import { BadRequest, type FieldError } from '../errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import {
  containsExpression,
  type FieldMap,
  type FilterContext,
  type FilterFactory,
  filterExpression,
  textCondition,
} from './filter.ts';
import { parseSort, type SortKey } from './sort.ts';
import { chooseTextPaths, type TextCondition } from './text-index.ts';

export interface ListParams {
  /** 1–200, default 50; a numeric string (straight from a query string) is accepted too. */
  limit?: number | string;
  cursor?: string;
  sort?: string;
  filter?: string;
  q?: string;
}

/** What a resource declares about its list. */
export interface ListSpec {
  /** Filterable fields (JSON name → column and type). */
  fields: FieldMap;
  /** Sortable fields (JSON name → column); those columns are never null. */
  sortable: Record<string, string>;
  /** Columns that `q` searches (contains, ignoring case); none means `q` is refused. */
  search?: readonly string[];
  /** The id column, appended as the final sort key so the order is total. */
  idColumn: string;
  /** JSON name of the id (default `id`); the key pageOf reads for the tie-breaker. */
  idField?: string;
  /** Sort used when `sort` is absent, e.g. `-createdAt`. */
  defaultSort: string;
}

/** The filterable fields every item has (SPEC §4), on the given table. */
export function itemFields(table: string) {
  return {
    id: { column: `${table}.id`, type: 'integer' },
    createdAt: { column: `${table}.createdAt`, type: 'datetime' },
    updatedAt: { column: `${table}.updatedAt`, type: 'datetime' },
  } as const;
}

export interface ListPlan {
  limit: number;
  keys: SortKey[];
  /** Filter, search and cursor conditions, all ANDed. */
  where: FilterFactory[];
  /** The cursor's values, one per sort key: where the next page starts. */
  after?: readonly (string | number)[];
  /** The text conditions among them (`q`, `~`), whose path chooseTextPaths decides before the query is built. */
  texts: TextCondition[];
  /**
   * No filter and no `q`: the query reads at most a page of rows along its sort index (a cursor is a seek on it).
   * Any other plan may read many rows to fill a page (listDb).
   */
  bounded: boolean;
}

export interface Page<R> {
  rows: R[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
export const MAX_Q_LENGTH = 200;

function parseLimit(limit: number | string | undefined): number {
  if (limit === undefined || limit === '') return DEFAULT_LIMIT;
  const n = typeof limit === 'number' ? limit : /^\d+$/.test(limit) ? Number(limit) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    const message = `must be an integer from 1 to ${MAX_LIMIT}`;
    throw new BadRequest(`Invalid limit: ${message}`, [{ path: 'limit', message }]);
  }
  return n;
}

function searchCondition(
  q: string | undefined,
  columns: readonly string[],
  ctx: FilterContext,
): FilterFactory | undefined {
  const text = q?.trim() ?? '';
  if (text === '') return undefined;
  const refuse = (message: string): never => {
    throw new BadRequest(`Invalid q: ${message}`, [{ path: 'q', message }]);
  };
  if (columns.length === 0) refuse('this list has no text search');
  if (text.length > MAX_Q_LENGTH) refuse(`longer than ${MAX_Q_LENGTH} characters`);
  // Control characters (NUL above all) are refused by PostgreSQL; nobody searches for them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) refuse('control characters are not allowed');
  const texts = columns.map((column) => textCondition(column, text, ctx));
  for (const text of texts) text.group = texts;
  return (eb) => eb.or(texts.map((condition) => containsExpression(condition, ctx.dialect)));
}

/** `(a > x) or (a = x and b > y) or …`, each key in its own direction, led by `a >= x` so an index on `a` helps. */
function keysetCondition(keys: readonly SortKey[], values: readonly (string | number)[]): FilterFactory {
  return (eb) => {
    const branches = keys.map((key, i) => {
      const equal = keys.slice(0, i).map((prev, j) => eb(sql.ref(prev.column), '=', values[j]!));
      return eb.and([...equal, eb(sql.ref(key.column), key.desc ? '<' : '>', values[i]!)]);
    });
    const first = keys[0]!;
    return eb.and([eb(sql.ref(first.column), first.desc ? '<=' : '>=', values[0]!), eb.or(branches)]);
  };
}

/** Validates the list parameters against the resource's spec; every problem goes into one BadRequest. */
export function planList(params: ListParams, spec: ListSpec, ctx: FilterContext): ListPlan {
  const errors: FieldError[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      errors.push(...(error.errors ?? [{ path: '', message: error.message }]));
      return undefined;
    }
  };
  const idField = spec.idField ?? 'id';
  const limit = attempt(() => parseLimit(params.limit));
  const keys = attempt(() => parseSort(params.sort, spec.sortable, spec.defaultSort, spec.idColumn, idField));
  for (const key of keys ?? []) {
    // A sort field that is also a filterable field on the same column tells the cursor what its values look like.
    const field = Object.hasOwn(spec.fields, key.field) ? spec.fields[key.field] : undefined;
    if (field && field.column === key.column) {
      key.type = field.type;
      if (field.bigint) key.bigint = true;
    }
  }
  const texts: TextCondition[] = [];
  const planning = { ...ctx, texts };
  const filter = attempt(() => filterExpression(params.filter, spec.fields, planning));
  const search = attempt(() => searchCondition(params.q, spec.search ?? [], planning));
  const cursor = params.cursor;
  const after = keys && cursor !== undefined && cursor !== '' ? attempt(() => decodeCursor(cursor, keys)) : undefined;
  if (errors.length > 0 || limit === undefined || keys === undefined) {
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new BadRequest(`Invalid list parameters: ${detail}`, errors);
  }
  const where: FilterFactory[] = [];
  if (filter) where.push(filter);
  if (search) where.push(search);
  if (after) where.push(keysetCondition(keys, after));
  return { limit, keys, where, after, texts, bounded: !filter && !search };
}

/**
 * The plan of a caller's list on `handle`: planList, then the path of each text condition chosen by counting its
 * matches (chooseTextPaths, on the handle's readers), so that no search costs more at a million rows than at ten
 * thousand.
 */
export async function planListOn(
  handle: DatabaseHandle,
  params: ListParams,
  spec: ListSpec,
  me: number | null,
): Promise<ListPlan> {
  const plan = planList(params, spec, { me, now: new Date(), dialect: handle.dialect });
  if (plan.texts.length > 0) await chooseTextPaths(handle.reads, handle.dialect, plan.texts);
  return plan;
}

/**
 * Where a list's query runs. A bounded plan (no filter, no `q`) of a list not narrowed to the caller's own rows reads
 * a page from its sort index: on the handle's own connection. Any other may read many rows before its page is full,
 * which on SQLite would hold up every other request meanwhile: it runs on the handle's readers, off the event loop.
 */
export function listDb(handle: DatabaseHandle, plan: ListPlan, scoped = false): Db {
  return plan.bounded && !scoped ? handle.db : handle.reads;
}

/** Adds the plan's conditions, ordering and `limit + 1` (the extra row tells whether there is a next page). */
export function applyList<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  plan: ListPlan,
): SelectQueryBuilder<DB, TB, O> {
  return ordered(query, plan.where, plan.keys, plan.limit + 1);
}

function ordered<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  where: readonly FilterFactory[],
  keys: readonly SortKey[],
  limit: number | Slot,
): SelectQueryBuilder<DB, TB, O> {
  let q = query;
  for (const condition of where) q = q.where(condition);
  for (const key of keys) q = q.orderBy(sql.ref(key.column), key.desc ? 'desc' : 'asc');
  // A slot is a value like any other to Kysely: it becomes a parameter.
  return q.limit(limit as number);
}

/** A list's base query: the table and its columns, from the database alone (module-level, so it can key a cache). */
// biome-ignore lint/suspicious/noExplicitAny: any table of the schema
export type ListBase<O> = (db: Db) => SelectQueryBuilder<Database, any, O>;

/** Stands for a value in a query compiled once: the index of the value it stands for. */
class Slot {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
}

interface Template {
  query: CompiledQuery;
  /** For each parameter of the query, the index of the value that goes there. */
  slots: number[];
}

/** Compiled bounded lists: by database, then base query, then shape (sort keys, and whether a cursor is given). */
const templates = new WeakMap<Db, WeakMap<ListBase<unknown>, Map<string, Template | null>>>();
const MAX_SHAPES = 200;

/**
 * The compiled query of a bounded plan, made once per shape: building and compiling it with Kysely costs more than
 * the rest of the plan's work. Its values (the cursor's, then the limit) are compiled as slots and put in place on
 * each call. A base whose query holds values of its own is never kept: they might differ from one call to the next.
 */
function templateOf<O>(db: Db, base: ListBase<O>, plan: ListPlan): Template | null {
  let byBase = templates.get(db);
  if (!byBase) {
    byBase = new WeakMap();
    templates.set(db, byBase);
  }
  let shapes = byBase.get(base);
  if (!shapes) {
    shapes = new Map();
    byBase.set(base, shapes);
  }
  const sorted = plan.keys.map((key) => `${key.desc ? '-' : ''}${key.column}`).join(',');
  const shape = plan.after ? `${sorted} after` : sorted;
  let template = shapes.get(shape);
  if (template === undefined) {
    // One slot for each cursor value, then the limit's.
    const slots = Array.from({ length: (plan.after?.length ?? 0) + 1 }, (_, i) => new Slot(i));
    const limit = slots.pop()!;
    const where = plan.after ? [keysetCondition(plan.keys, slots as never[])] : [];
    const query = ordered(base(db), where, plan.keys, limit).compile();
    const indexes = query.parameters.map((parameter) => (parameter instanceof Slot ? parameter.index : -1));
    template = indexes.includes(-1) ? null : { query, slots: indexes };
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(shape, template);
  }
  return template;
}

/**
 * The rows of a plan's page (one more than its limit): a bounded plan runs its shape's compiled query with this
 * call's values; any other plan is built for this call.
 */
export async function listRows<O>(db: Db, plan: ListPlan, base: ListBase<O>): Promise<O[]> {
  const template = plan.bounded ? templateOf(db, base, plan) : null;
  if (!template) return applyList(base(db), plan).execute();
  const values = [...(plan.after ?? []), plan.limit + 1];
  const parameters = template.slots.map((slot) => values[slot]);
  const read = async () => (await db.executeQuery<O>({ ...template.query, parameters })).rows;
  // Only a handle's own database has a cache: a transaction is another Kysely instance, and never has one.
  const cache = pageCacheOf(db);
  return cache ? cache.rows(template.query.sql, parameters, read) : read();
}

/**
 * Trims the fetched rows to the limit and makes the cursor of the next page from the last row. `read` gives a row's
 * values by sort field name (JSON names, plus the id field); by default the row itself is read that way.
 */
export function pageOf<R>(rows: readonly R[], plan: ListPlan, read?: (row: R) => Record<string, unknown>): Page<R> {
  if (rows.length <= plan.limit) return { rows: [...rows], nextCursor: null };
  const page = rows.slice(0, plan.limit);
  const last = page.at(-1)!;
  const record = read ? read(last) : (last as Record<string, unknown>);
  const values = plan.keys.map((key) => {
    if (!Object.hasOwn(record, key.field)) throw new Error(`list: the row has no value for sort field '${key.field}'`);
    return record[key.field];
  });
  return { rows: page, nextCursor: encodeCursor(values, plan.keys) };
}
