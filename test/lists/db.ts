/** Test databases for the list tests: SQLite in memory always, PostgreSQL and MySQL when their URLs are set. */
import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';

export interface ItemsTable {
  id: number;
  title: string;
  notes: string | null;
  rating: number;
  owner_id: number | null;
  active: number;
  status: string;
  release_date: string;
  created_at: string;
}

/** The table name is chosen at run time, so any name maps to the items table. */
export type TestDB = Record<string, ItemsTable>;

export interface TestDatabase {
  name: string;
  open(): Kysely<TestDB>;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: 'sqlite',
      open: () => new Kysely<TestDB>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) }),
    },
  ];
  const pgUrl = process.env.TEST_POSTGRES_URL;
  if (pgUrl) {
    list.push({
      name: 'postgres',
      open: () =>
        new Kysely<TestDB>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: pgUrl, max: 2 }) }),
        }),
    });
  }
  const mysqlUrl = process.env.TEST_MYSQL_URL;
  if (mysqlUrl) {
    list.push({
      name: 'mysql',
      open: () =>
        new Kysely<TestDB>({ dialect: new MysqlDialect({ pool: createPool({ uri: mysqlUrl, connectionLimit: 2 }) }) }),
    });
  }
  return list;
}

/** A table name no concurrent test run uses. */
export function uniqueTable(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function createItems(db: Kysely<TestDB>, table: string, rows: ItemsTable[]): Promise<void> {
  await db.schema
    .createTable(table)
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('release_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  if (rows.length > 0) await db.insertInto(table).values(rows).execute();
}

export async function dropTable(db: Kysely<TestDB>, table: string): Promise<void> {
  await db.schema.dropTable(table).ifExists().execute();
}
