import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type InsertQueryBuilder,
  type InsertResult,
  Kysely,
  MysqlDialect,
  PostgresDialect,
  SqliteDialect,
  sql,
} from 'kysely';
import type pg from 'pg';
import { FastCamelCasePlugin } from './camel-case.ts';
import { attachPageCache, PageCache } from './page-cache.ts';
import { loadPg } from './pg.ts';
import { type DatabaseTimeouts, guarded, guardedMysqlPool, guardedPostgresPool, within } from './resilience.ts';
import type { Database } from './schema.ts';
import { SessionCache } from './session-cache.ts';
import { readerKysely, SqliteReaders } from './sqlite-readers.ts';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /**
   * For reads that may go through many rows (a list whose filter no index serves): on a SQLite file, worker threads
   * with read-only connections, off the event loop (sqlite-readers.ts); elsewhere the same as `db`. SELECTs only.
   */
  reads: Db;
  /** SQLite file: the worker threads behind `reads`. */
  readers?: SqliteReaders;
  dialect: Dialect;
  /** How many connections the pool holds and how many wait (for /metrics). */
  poolStats(): { total: number; idle: number; waiting: number };
  /** This node's cache of the per-request session check (see session-cache.ts). */
  sessions: SessionCache;
  close(): Promise<void>;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every statement anew; preparing costs more than running a small query on SQLite. This keeps
 * the most recently used prepared statements (each is run to completion before the next query, so reuse is safe).
 * `wrote` is called before a statement that may write is handed out (Kysely runs it at once).
 */
function withStatementCache(sqlite: SqliteDatabase.Database, wrote: () => void) {
  const cache = new Map<string, { statement: SqliteDatabase.Statement; writes: boolean }>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let entry = cache.get(text);
      if (entry) {
        cache.delete(text);
      } else {
        const statement = sqlite.prepare(text);
        entry = { statement, writes: !statement.readonly };
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, entry);
      if (entry.writes) wrote();
      return entry.statement;
    },
  };
}

export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (/^(mysql|mariadb):\/\//.test(url)) return 'mysql';
  throw new Error('DATABASE_URL must start with sqlite:, postgres:// or mysql://');
}

export interface OpenOptions {
  poolSize?: number;
  /** A pooled connection broke (the server restarted, an administrator ended it): it is dropped, not a crash. */
  onConnectionError?: (error: Error) => void;
  /** Bounds on waiting for the database (the server's); none for administrative work such as migrations. */
  timeouts?: DatabaseTimeouts;
  /** Cache the per-request session check (see db/session-cache.ts): the serving handle only, never a tool's. */
  sessionCache?: boolean;
  /** PostgreSQL: prepare each statement once per connection (PG_PREPARED_STATEMENTS; see guardedPostgresPool). */
  preparedStatements?: boolean;
  /** SQLite: keep plain list pages until the database changes (LIST_CACHE; see db/page-cache.ts). */
  pageCache?: boolean;
}

/** Opens the database that DATABASE_URL names. */
export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  const { timeouts } = options;
  const onConnectionError = (error: Error) => options.onConnectionError?.(error);
  const cache = options.sessionCache ?? false;
  const dialect = dialectOf(url);
  const plugins = [new FastCamelCasePlugin()];
  const poolSize = options.poolSize ?? 10;
  if (dialect === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    const memory = file === ':memory:' || file === '';
    if (!memory) {
      // Like the JWT secret: the folder and the file are the owner's alone. SQLite gives its -wal and -shm files
      // the database file's mode.
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      closeSync(openSync(file, 'a', 0o600));
    }
    const sqlite = new SqliteDatabase(memory ? ':memory:' : file);
    if (!memory) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const dataVersion = sqlite.prepare('pragma data_version').pluck();
    const readVersion = () => dataVersion.get() as number;
    const pages = options.pageCache ? new PageCache(readVersion) : undefined;
    const database = withStatementCache(sqlite, () => pages?.wrote());
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), plugins });
    if (pages) attachPageCache(db, pages);
    const readers = memory ? undefined : new SqliteReaders(file, { timeoutMs: timeouts?.statementMs });
    const reads = readers ? readerKysely(readers, plugins) : db;
    const sessions = new SessionCache({ dialect, enabled: cache, dataVersion: readVersion });
    return {
      db,
      reads,
      ...(readers ? { readers } : {}),
      dialect,
      poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
      sessions,
      close: () => Promise.all([db.destroy(), readers?.close(), sessions.close()]).then(() => undefined),
    };
  }
  if (dialect === 'postgres') {
    const pool = new (loadPg().Pool)({
      connectionString: url,
      max: poolSize,
      keepAlive: true,
      ...(timeouts
        ? {
            connectionTimeoutMillis: timeouts.connectMs,
            statement_timeout: timeouts.statementMs,
            query_timeout: timeouts.readMs,
            idle_in_transaction_session_timeout: timeouts.readMs * 2,
          }
        : {}),
    });
    // A connection lost while idle in the pool is reported on the pool; one lost while lent out is reported on the
    // client, and an 'error' event nobody listens to ends the process: every client gets a listener for good.
    pool.on('error', onConnectionError);
    pool.on('connect', (client) => client.on('error', onConnectionError));
    const postgres = new PostgresDialect({
      pool: guardedPostgresPool(pool, options.preparedStatements ?? false) as unknown as pg.Pool,
    });
    const db = new Kysely<Database>({ dialect: guarded(postgres), plugins });
    const sessions = new SessionCache({ dialect, enabled: cache, url, onListenerError: onConnectionError });
    return {
      db,
      reads: db,
      dialect,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      sessions,
      close: () => Promise.all([db.destroy(), sessions.close()]).then(() => undefined),
    };
  }
  // Loaded only for MySQL/MariaDB: the driver alone adds about 0.2 s of CPU to every start.
  const { createPool: createMysqlPool } = createRequire(import.meta.url)('mysql2') as typeof import('mysql2');
  const pool = createMysqlPool({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    // Every text is UTF-8 with 4-byte characters (emoji, rarer CJK), whatever the server's default.
    charset: 'UTF8MB4_UNICODE_CI',
    connectionLimit: poolSize,
    timezone: 'Z',
    supportBigNumbers: true,
    decimalNumbers: true,
    enableKeepAlive: true,
    ...(timeouts ? { connectTimeout: timeouts.connectMs } : {}),
  });
  // mysql2 listens to a pooled connection's first error only; a second one (a write after it was killed) would end
  // the process. Every connection gets a listener for good, and MariaDB bounds statements on the server too.
  pool.on('connection', (connection) => {
    connection.on('error', onConnectionError);
    if (timeouts) {
      // MariaDB's limit in seconds; MySQL 8 has none of that name, and bounds SELECTs in milliseconds instead.
      connection.query(`set session max_statement_time = ${timeouts.statementMs / 1000}`, (error) => {
        if (error) connection.query(`set session max_execution_time = ${timeouts.statementMs}`, () => {});
      });
    }
  });
  const mysql = new MysqlDialect({ pool: guardedMysqlPool(pool, timeouts) as unknown as typeof pool });
  const db = new Kysely<Database>({ dialect: guarded(mysql), plugins });
  const internals = pool as unknown as {
    _allConnections?: unknown[];
    _freeConnections?: unknown[];
    _connectionQueue?: unknown[];
  };
  return {
    db,
    reads: db,
    dialect,
    poolStats: () => ({
      total: internals._allConnections?.length ?? 0,
      idle: internals._freeConnections?.length ?? 0,
      waiting: internals._connectionQueue?.length ?? 0,
    }),
    // No transactional notification on MySQL: the session check is not cached.
    sessions: new SessionCache({ dialect, enabled: false }),
    close: () => db.destroy(),
  };
}

/** The current instant as stored: ISO 8601 UTC with milliseconds. */
export function now(): string {
  return new Date().toISOString();
}

/** An auto-incrementing integer primary key, spelled the way each database wants it. */
export function withId<T extends string>(table: CreateTableBuilder<T>, dialect: Dialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** id, created_at, updated_at and version: what every item of the API has (SPEC §4). */
export function withItemColumns<T extends string>(table: CreateTableBuilder<T>, dialect: Dialect) {
  return withId(table, dialect)
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
}

/** Case- and accent-sensitive comparison on MySQL, as SQLite and PostgreSQL compare by default. */
export function exact(dialect: Dialect): ColumnBuilder {
  return (c) => (dialect === 'mysql' ? c.modifyEnd(sql`collate utf8mb4_bin`) : c);
}

export type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** Inserts one row and returns its generated id (MySQL has no RETURNING). */
export async function insertId<T extends keyof Database & string>(
  query: InsertQueryBuilder<Database, T, InsertResult>,
  dialect: Dialect,
): Promise<number> {
  if (dialect === 'mysql') return Number((await query.executeTakeFirstOrThrow()).insertId);
  const row = await query.returning(sql<number>`id`.as('id')).executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The tables whose rows are items written in turn (see src/modules/versioned-write.ts). */
export type LockableTable =
  | 'movies'
  | 'actors'
  | 'clients'
  | 'contracts'
  | 'events'
  | 'orders'
  | 'bookings'
  | 'users'
  | 'roles';

/**
 * Takes the write lock of one row until the transaction ends, so that concurrent writers of the same item take
 * turns instead of failing. SQLite runs one transaction at a time and needs none. Lock actors before movies.
 */
export async function lockRow(trx: Db, dialect: Dialect, table: LockableTable, id: number): Promise<void> {
  if (dialect === 'sqlite') return;
  await trx.selectFrom(table).select('id').where('id', '=', id).forUpdate().execute();
}

/**
 * MySQL/MariaDB: refuses a connection that does not speak utf8mb4 (a server that ignores the client's character set
 * and forces another), and makes utf8mb4 the database's default, so every table created from now on uses it even on
 * a server whose default is latin1. Migration 0008 converts the tables created before.
 */
export async function requireUtf8mb4(db: Db): Promise<void> {
  const { rows } = await sql<{ client: string; conn: string; results: string; dbset: string }>`
    select @@character_set_client as client, @@character_set_connection as conn,
      @@character_set_results as results, @@character_set_database as dbset`.execute(db);
  const [row] = rows;
  const wrong = row && [row.client, row.conn, row.results].find((charset) => charset !== 'utf8mb4');
  if (!row || wrong !== undefined) {
    throw new Error(`The MySQL connection uses the character set ${wrong ?? 'unknown'}, not utf8mb4.`);
  }
  if (row.dbset !== 'utf8mb4') await sql`alter database character set utf8mb4`.execute(db);
}

/**
 * After many rows came in at once (`db seed --scale`, `db restore`, `db copy`) and their audit trail was sealed: on
 * PostgreSQL, VACUUM (ANALYZE) now rather than at autovacuum's next round, which may be far off or never (autovacuum
 * can be off). ANALYZE gives the planner the new rows: without it PostgreSQL scanned whole tables rather than use the
 * text indexes. VACUUM removes the entries that sealing left in the index of unsealed entries (a million sealed made
 * a search of it that found nothing take 15 ms) and marks the new pages all-visible, for index-only scans; at a
 * million rows per table it took 5 s. MySQL/InnoDB keeps its statistics and purges by itself; SQLite needs neither.
 */
export async function tidyAfterBulkLoad(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === 'postgres') await sql`vacuum (analyze)`.execute(handle.db);
}

/** A cheap round trip to the database, for /readyz: 503 if there is no answer within `ms`. */
export async function ping(db: Db, ms = 1000): Promise<void> {
  await within(sql`select 1`.execute(db), ms);
}
