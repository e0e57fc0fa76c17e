/**
 * The text indexes behind `q` and the `~` filter operator, one per searched column (migration 0011):
 * PostgreSQL, a pg_trgm GIN index on `lower(column)`, which the planner uses for the same `lower(column) like …`
 * every database runs; SQLite, an FTS5 table with the trigram tokenizer per searched table, kept in step by
 * triggers, queried through its rowid; MySQL/MariaDB, none (FULLTEXT matches words, not substrings: `q` would change
 * meaning), so there a search reads rows until the page is full, bounded by the statement timeout.
 *
 * A text index answers a rare text at once, but hands back every row of a common one, which are then sorted: at a
 * million rows that is a whole second. Then the list's own order (its sort index) finds the page faster, reading rows
 * until it is full. chooseTextPaths decides, for each text condition of a plan, by counting its matches in the text
 * index up to COMMON_MATCHES: fewer, and the text index leads; as many, and the list's order does (on PostgreSQL the
 * planner's statistics are asked first, and settle a text they put in a large share of the table without the count:
 * commonByStatistics). Both paths give the same rows. What neither bounds: a common text whose matches all lie far
 * along the list's order (every title holding "golden" sorts under G), where the order reads the rows before them and
 * the index hands back every match (docs/performance.md).
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db, Dialect } from '../db/database.ts';

/** A `q` or `~` condition of a list plan: `scan` when the list's order, not the text index, should lead. */
export interface TextCondition {
  /** The list's column (`movies.title`, or `action` for the trail). */
  column: string;
  /** The text searched for, as given. */
  text: string;
  /** Its LIKE pattern, `%…%`, with `!` escaping `!`, `%` and `_`. */
  pattern: string;
  scan: boolean;
  /**
   * The conditions of one `q`, one per searched column, ORed: when one of them is common, the rows that match the
   * `q` are at least as many, so all of them are read in the list's order (and the others need not be counted).
   */
  group?: TextCondition[];
}

/** Matches counted at most, before a text is called common (see the module's comment). */
export const COMMON_MATCHES = 2000;

export interface TextIndex {
  /** The FTS5 table (SQLite), snake_case. */
  table: string;
  /** Its column holding the searched text, snake_case. */
  column: string;
  /** The id column of the searched table, as the list names it (camelCase, for sql.ref). */
  id: string;
}

/** Searched table (snake_case) → its id column as lists name it, the table's prefix in list columns, searched columns. */
export const TEXT_INDEXED: { table: string; prefix: string; columns: Record<string, string> }[] = [
  { table: 'movies', prefix: 'movies.', columns: { title: 'title' } },
  { table: 'actors', prefix: 'actors.', columns: { name: 'name' } },
  {
    table: 'clients',
    prefix: 'clients.',
    columns: { fullName: 'full_name', email: 'email', companyName: 'company_name' },
  },
  { table: 'events', prefix: 'events.', columns: { name: 'name', location: 'location' } },
  { table: 'bookings', prefix: 'bookings.', columns: { topic: 'topic', addressCity: 'address_city' } },
  // The trail's list names its columns without the table.
  { table: 'audit_entries', prefix: '', columns: { action: 'action', entity: 'entity' } },
];

/** The searched table and column (snake_case) of a list column, for the match count on PostgreSQL. */
const BASE_COLUMN = new Map<string, { table: string; column: string }>();

const BY_COLUMN = new Map<string, TextIndex>();
for (const { table, prefix, columns } of TEXT_INDEXED) {
  for (const [field, column] of Object.entries(columns)) {
    BY_COLUMN.set(`${prefix}${field}`, { table: `${table}_fts`, column, id: `${prefix}id` });
    BASE_COLUMN.set(`${prefix}${field}`, { table, column });
  }
}

/** The FTS5 index of a list column (`movies.title`, or `action` for the trail), if it has one. */
export function textIndexOf(column: string): TextIndex | undefined {
  return BY_COLUMN.get(column);
}

/** A pattern with escaped characters: FTS5 cannot use its index for it (LIKE … ESCAPE), so it reads every row. */
export const escapes = (pattern: string) => pattern.slice(1, -1).includes('!');

/**
 * On PostgreSQL, a text the planner's statistics put in at least this many rows is common without counting: counting
 * reads COMMON_MATCHES ÷ the text's share of the rows (20,000 rows, 5 ms, for a word in a tenth of a million).
 */
export const CERTAIN_ESTIMATE = 10 * COMMON_MATCHES;

/**
 * Whether an estimate of `rows` matches in a table of `total` is certain enough to skip the count: many rows, and at
 * least a thousandth of the table. The planner's estimate of a text its statistics never saw is a ten-thousandth of
 * the table (100 rows in a million), which in a table of 200 million would pass the first test alone.
 */
export function certainlyCommon(rows: number, total: number): boolean {
  return rows >= CERTAIN_ESTIMATE && rows * 1000 >= total;
}

/** `text` as PostgreSQL's trigram index on `lower(column)` of the searched table serves it. */
const likeOn = (column: string, text: TextCondition) =>
  sql`lower(${sql.raw(column)}) like lower(${text.pattern}) escape '!'`;

/** The planner's estimate of the rows a query returns (PostgreSQL). */
async function estimatedRows(db: Db, query: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{
    'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }];
  }>`explain (format json) ${query}`.execute(db);
  return Number(rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

/**
 * Whether PostgreSQL's statistics say for certain that the rows holding any of `texts` (the columns of one `q`, or
 * one `~`) are common (certainlyCommon): one EXPLAIN, and a second for the table's size when the first says many. The
 * estimate for a `lower(column) like` comes from the statistics ANALYZE keeps of the trigram index's expression,
 * within about a tenth of the truth at a million rows (`docs/performance.md`). Statistics behind the rows (after a
 * mass change, before autovacuum's ANALYZE) could call a text common that is no longer: the list then reads in its
 * order until its page is full, bounded by the statement timeout.
 */
export async function commonByStatistics(db: Db, texts: readonly TextCondition[]): Promise<boolean> {
  const bases = texts.map((text) => BASE_COLUMN.get(text.column));
  const table = bases[0]?.table;
  if (table === undefined || bases.some((base) => base?.table !== table)) return false;
  const matches = sql.join(
    texts.map((text, i) => likeOn(bases[i]!.column, text)),
    sql` or `,
  );
  const rows = await estimatedRows(db, sql`select 1 from ${sql.raw(table)} where ${matches}`);
  if (rows < CERTAIN_ESTIMATE) return false;
  return certainlyCommon(rows, await estimatedRows(db, sql`select 1 from ${sql.raw(table)}`));
}

/** How many rows `text` matches, counted up to `COMMON_MATCHES` through the text index; undefined where there is none. */
function countMatches(db: Db, dialect: Dialect, text: TextCondition) {
  const limit = sql.lit(COMMON_MATCHES);
  if (dialect === 'sqlite') {
    const index = textIndexOf(text.column);
    if (!index) return undefined;
    return sql<{
      n: number;
    }>`select count(*) as n from (select 1 from ${sql.raw(index.table)} where ${sql.raw(index.column)} like ${text.pattern} limit ${limit}) as matches`.execute(
      db,
    );
  }
  if (dialect === 'postgres') {
    const base = BASE_COLUMN.get(text.column);
    if (!base) return undefined;
    return sql<{
      n: number;
    }>`select count(*) as n from (select 1 from ${sql.raw(base.table)} where ${likeOn(base.column, text)} limit ${limit}) as matches`.execute(
      db,
    );
  }
  return undefined;
}

/** Decides, for each text condition, whether the text index or the list's order leads (see the module's comment). */
export async function chooseTextPaths(db: Db, dialect: Dialect, texts: readonly TextCondition[]): Promise<void> {
  const counted = new Map<string, boolean>();
  const common = async (text: TextCondition): Promise<boolean> => {
    const key = `${text.column}\u0000${text.pattern}`;
    let found = counted.get(key);
    if (found === undefined) {
      if (dialect === 'sqlite' && escapes(text.pattern)) {
        found = true;
      } else {
        const result = await countMatches(db, dialect, text);
        found = result !== undefined && Number(result.rows[0]?.n ?? 0) >= COMMON_MATCHES;
      }
      counted.set(key, found);
    }
    return found;
  };
  const decided = new Set<TextCondition>();
  for (const text of texts) {
    if (decided.has(text)) continue;
    const members = text.group ?? [text];
    let scan = dialect === 'postgres' && (await commonByStatistics(db, members));
    for (const member of members) {
      if (scan) break;
      scan = await common(member);
    }
    for (const member of members) {
      member.scan = scan;
      decided.add(member);
    }
  }
}
