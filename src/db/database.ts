import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CamelCasePlugin,
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
import { createPool as createMysqlPool } from 'mysql2';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** How many connections the pool holds and how many wait (for /metrics). */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back from pg as strings; our ids and counts fit in a double.
pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every statement anew; preparing costs more than running a small query on SQLite. This keeps
 * the most recently used prepared statements (each is run to completion before the next query, so reuse is safe).
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (/^(mysql|mariadb):\/\//.test(url)) return 'mysql';
  throw new Error('DATABASE_URL must start with sqlite:, postgres:// or mysql://');
}

/** Opens the database that DATABASE_URL names. */
export function openDatabase(
  url: string,
  options: { poolSize?: number; onIdleError?: (error: Error) => void } = {},
): DatabaseHandle {
  const dialect = dialectOf(url);
  const plugins = [new CamelCasePlugin()];
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
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
    return {
      db,
      dialect,
      poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
      close: () => db.destroy(),
    };
  }
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle connection lost (server restart, administrator kill) is dropped from the pool, not a crash.
    pool.on('error', (error) => options.onIdleError?.(error));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return {
      db,
      dialect,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => db.destroy(),
    };
  }
  const pool = createMysqlPool({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    connectionLimit: poolSize,
    timezone: 'Z',
    supportBigNumbers: true,
    decimalNumbers: true,
  });
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }), plugins });
  const internals = pool as unknown as {
    _allConnections?: unknown[];
    _freeConnections?: unknown[];
    _connectionQueue?: unknown[];
  };
  return {
    db,
    dialect,
    poolStats: () => ({
      total: internals._allConnections?.length ?? 0,
      idle: internals._freeConnections?.length ?? 0,
      waiting: internals._connectionQueue?.length ?? 0,
    }),
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

/**
 * Takes the write lock of one row until the transaction ends, so that concurrent writers of the same item take
 * turns instead of failing. SQLite runs one transaction at a time and needs none. Lock actors before movies.
 */
export async function lockRow(
  trx: Db,
  dialect: Dialect,
  table: 'movies' | 'actors' | 'clients' | 'contracts' | 'events' | 'orders' | 'bookings',
  id: number,
): Promise<void> {
  if (dialect === 'sqlite') return;
  await trx.selectFrom(table).select('id').where('id', '=', id).forUpdate().execute();
}

/** A cheap round trip to the database, for /readyz. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
