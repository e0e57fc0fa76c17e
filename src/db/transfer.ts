import { once } from 'node:events';
import { closeSync, createReadStream, createWriteStream, existsSync, openSync, readSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import SqliteDatabase from 'better-sqlite3';
import { type ControlledTransaction, type Kysely, type RawBuilder, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { sealPending } from '../audit/audit.ts';
import { type DatabaseHandle, type Dialect, openDatabase, tidyAfterBulkLoad } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { migrationProvider } from './migrations/index.ts';
import { resetDatabase } from './reset.ts';

/**
 * Moving Backlot's data between databases, and in and out of backups, whatever the tables: the tables, their
 * columns, primary keys and foreign keys are read from the migrated schema itself, and loaded parents first.
 *
 * A source reads every table inside one read-only snapshot transaction (a consistent copy while others write),
 * page by page along the primary key, and hands each page to a sink: a portable backup file (gzip'd JSON lines) or
 * another database. Nothing holds more than a page of rows in memory.
 */

type Raw = Kysely<Record<string, Record<string, unknown>>>;

export interface TableShape {
  name: string;
  columns: string[];
  /** The primary key's columns, in order: pages are read along it. */
  key: string[];
}

export interface TableData extends TableShape {
  rows: number;
}

/** What a copy or a backup holds, before its rows: also the first line of a portable backup. */
export interface Snapshot {
  format: 'backlot-data';
  version: 1;
  dialect: Dialect;
  takenAt: string;
  /** The migrations applied to the source: the target is migrated to the same point before loading. */
  migrations: string[];
  /** In dependency order: a table comes after every table it references. */
  tables: TableData[];
}

export interface Sink {
  begin(snapshot: Snapshot): Promise<void>;
  rows(table: TableData, rows: unknown[][]): Promise<void>;
  end(): Promise<void>;
  abort(): Promise<void>;
}

/** A refusal the user can lift (`--yes`) or must fix: not a failure of the program. */
export class TransferRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferRefused';
  }
}

const FORMAT = 'backlot-data';
const PAGE = 5000;
/** Bound parameters per statement each database accepts, with room to spare. */
const PARAMETERS: Record<Dialect, number> = { sqlite: 32000, postgres: 65000, mysql: 60000 };

function raw(handle: DatabaseHandle): Raw {
  return handle.db.withoutPlugins() as unknown as Raw;
}

async function column(db: Raw, query: RawBuilder<Record<string, unknown>>, name: string): Promise<string[]> {
  const { rows } = await query.execute(db);
  return rows.map((row) => String(row[name]));
}

function primaryKeyOf(db: Raw, dialect: Dialect, table: string): Promise<string[]> {
  if (dialect === 'sqlite')
    return column(db, sql`select name from pragma_table_info(${table}) where pk > 0 order by pk`, 'name');
  if (dialect === 'postgres') {
    return column(
      db,
      sql`select a.attname as name from pg_index i
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = ${table}::regclass and i.indisprimary
          order by array_position(i.indkey::int2[], a.attnum)`,
      'name',
    );
  }
  return column(
    db,
    sql`select column_name as name from information_schema.key_column_usage
        where table_schema = database() and table_name = ${table} and constraint_name = 'PRIMARY'
        order by ordinal_position`,
    'name',
  );
}

function referencesOf(db: Raw, dialect: Dialect, table: string): Promise<string[]> {
  if (dialect === 'sqlite') return column(db, sql`select "table" as ref from pragma_foreign_key_list(${table})`, 'ref');
  if (dialect === 'postgres') {
    return column(
      db,
      sql`select distinct confrelid::regclass::text as ref from pg_constraint
          where contype = 'f' and conrelid = ${table}::regclass`,
      'ref',
    );
  }
  return column(
    db,
    sql`select distinct referenced_table_name as ref from information_schema.key_column_usage
        where table_schema = database() and table_name = ${table} and referenced_table_name is not null`,
    'ref',
  );
}

/**
 * SQLite's full-text indexes (FTS5 virtual tables and their shadow tables) are derived from the tables they index and
 * kept in step by triggers: they are neither read nor written by a transfer.
 */
async function derivedTables(db: Raw, dialect: Dialect): Promise<(name: string) => boolean> {
  if (dialect !== 'sqlite') return () => false;
  const virtual = await column(
    db,
    sql`select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'`,
    'name',
  );
  return (name) => virtual.some((table) => name === table || name.startsWith(`${table}_`));
}

/** Every table of the migrated schema (not the migrator's own), each after the tables it references. */
export async function schemaTables(handle: DatabaseHandle): Promise<TableShape[]> {
  const db = raw(handle);
  const derived = await derivedTables(db, handle.dialect);
  const found = (await db.introspection.getTables()).filter((table) => !derived(table.name));
  const shapes = new Map<string, TableShape & { references: string[] }>();
  for (const table of found) {
    const key = await primaryKeyOf(db, handle.dialect, table.name);
    const columns = table.columns.map((c) => c.name);
    shapes.set(table.name, {
      name: table.name,
      columns,
      key: key.length > 0 ? key : columns,
      references: await referencesOf(db, handle.dialect, table.name),
    });
  }
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name)) return;
    if (visiting.has(name)) throw new Error(`the tables' foreign keys form a cycle through ${name}`);
    visiting.add(name);
    const shape = shapes.get(name);
    if (!shape) return;
    for (const ref of shape.references) if (ref !== name) place(ref);
    visiting.delete(name);
    placed.add(name);
    ordered.push({ name: shape.name, columns: shape.columns, key: shape.key });
  };
  for (const name of [...shapes.keys()].sort()) place(name);
  return ordered;
}

/** The condition "after this key" for keyset pages: (a > ?) or (a = ? and b > ?) … */
function after(key: string[], last: unknown[]): RawBuilder<unknown> {
  const alternatives = key.map((name, i) =>
    sql.join(
      [...key.slice(0, i).map((prior, j) => sql`${sql.ref(prior)} = ${last[j]}`), sql`${sql.ref(name)} > ${last[i]}`],
      sql` and `,
    ),
  );
  return sql.join(
    alternatives.map((part) => sql`(${part})`),
    sql` or `,
  );
}

/**
 * Reads every table of a database inside one snapshot and hands it to the sink, parents first, page by page.
 * The database must be migrated (its migrations are recorded so that the target matches them).
 */
export async function readDatabase(handle: DatabaseHandle, sink: Sink): Promise<Snapshot> {
  const shapes = await schemaTables(handle);
  let builder = raw(handle).startTransaction();
  if (handle.dialect !== 'sqlite') builder = builder.setIsolationLevel('repeatable read').setAccessMode('read only');
  const trx = await builder.execute();
  let begun = false;
  try {
    const migrations = await column(
      trx,
      sql`select name from ${sql.table('kysely_migration')} order by name`,
      'name',
    ).catch(() => [] as string[]);
    if (migrations.length === 0)
      throw new TransferRefused('the source database has no Backlot schema (run `backlot db migrate`)');
    const tables: TableData[] = [];
    for (const shape of shapes) {
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(shape.name)}`.execute(
        trx,
      );
      tables.push({ ...shape, rows: Number(rows[0]?.n ?? 0) });
    }
    const snapshot: Snapshot = {
      format: FORMAT,
      version: 1,
      dialect: handle.dialect,
      takenAt: new Date().toISOString(),
      migrations,
      tables,
    };
    begun = true;
    await sink.begin(snapshot);
    for (const table of tables) {
      const columns = sql.join(table.columns.map((c) => sql.ref(c)));
      const order = sql.join(table.key.map((c) => sql.ref(c)));
      const page = (last: unknown[] | undefined) =>
        sql<Record<string, unknown>>`select ${columns} from ${sql.table(table.name)}
          ${last ? sql`where ${after(table.key, last)}` : sql``}
          order by ${order} limit ${sql.lit(PAGE)}`.execute(trx);
      // The next page is read while the sink writes this one.
      let next = page(undefined);
      for (;;) {
        next.catch(() => undefined); // a failure is seen by the await below, or after the sink's own

        const { rows } = await next;
        const lastRow = rows[rows.length - 1];
        const more = rows.length === PAGE && lastRow !== undefined;
        if (more) next = page(table.key.map((c) => lastRow[c]));
        if (rows.length > 0)
          await sink.rows(
            table,
            rows.map((row) => table.columns.map((c) => row[c] ?? null)),
          );
        if (!more) break;
      }
    }
    await trx.commit().execute();
    await sink.end();
    return snapshot;
  } catch (error) {
    await trx
      .rollback()
      .execute()
      .catch(() => undefined);
    if (begun) await sink.abort();
    throw error;
  }
}

/** Whether the database holds anything a user made: a database without a single account is empty. */
export async function hasData(handle: DatabaseHandle): Promise<boolean> {
  const tables = await raw(handle).introspection.getTables();
  if (!tables.some((t) => t.name === 'users')) return false;
  const { rows } = await sql`select 1 as one from ${sql.table('users')} limit 1`.execute(raw(handle));
  return rows.length > 0;
}

export type Progress = (done: number, total: number) => void;

/**
 * Loads a snapshot into a database: refuses one that holds data unless told to replace it, then drops what is
 * there, migrates to the snapshot's migrations, loads every table in one transaction (ids, versions and hashes as
 * they were), moves id sequences past the highest id, and finally applies the migrations that came after.
 */
export function databaseSink(handle: DatabaseHandle, options: { replace?: boolean; progress?: Progress } = {}): Sink {
  const db = raw(handle);
  let trx: ControlledTransaction<Record<string, Record<string, unknown>>> | undefined;
  let total = 0;
  let done = 0;
  const loaded = new Map<string, number>();
  let expected: TableData[] = [];
  return {
    async begin(snapshot) {
      const known = Object.keys(await migrationProvider(handle.dialect).getMigrations());
      const unknown = snapshot.migrations.filter((name) => !known.includes(name));
      if (unknown.length > 0)
        throw new TransferRefused(`the data comes from a newer Backlot (unknown migrations: ${unknown.join(', ')})`);
      if (!options.replace && (await hasData(handle)))
        throw new TransferRefused('the target database is not empty: say --yes to replace everything in it');
      await resetDatabase(handle);
      const migrator = new Migrator({ db: handle.db, provider: migrationProvider(handle.dialect) });
      const { error } = await migrator.migrateTo(snapshot.migrations[snapshot.migrations.length - 1] as string);
      if (error) throw error instanceof Error ? error : new Error(String(error));
      const target = await schemaTables(handle);
      for (const table of snapshot.tables) {
        const there = target.find((t) => t.name === table.name);
        const missing = there ? table.columns.filter((c) => !there.columns.includes(c)) : [];
        if (!there || missing.length > 0)
          throw new TransferRefused(
            `the target's schema does not match the data (${there ? `${table.name}.${missing[0]}` : table.name})`,
          );
      }
      expected = snapshot.tables;
      total = snapshot.tables.reduce((sum, t) => sum + t.rows, 0);
      trx = await db.startTransaction().execute();
      // The rows the migrations wrote (built-in roles, the audit head) come back from the snapshot.
      for (const table of [...target].reverse()) await sql`delete from ${sql.table(table.name)}`.execute(trx);
      options.progress?.(0, total);
    },
    async rows(table, rows) {
      if (!trx) throw new Error('rows before begin');
      const perStatement = Math.max(1, Math.min(PAGE, Math.floor(PARAMETERS[handle.dialect] / table.columns.length)));
      const columns = sql.join(table.columns.map((c) => sql.ref(c)));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        await sql`insert into ${sql.table(table.name)} (${columns}) values ${sql.join(
          chunk.map((row) => sql`(${sql.join(row)})`),
        )}`.execute(trx);
      }
      loaded.set(table.name, (loaded.get(table.name) ?? 0) + rows.length);
      done += rows.length;
      options.progress?.(done, total);
    },
    async end() {
      if (!trx) throw new Error('end before begin');
      for (const table of expected) {
        const count = loaded.get(table.name) ?? 0;
        if (count !== table.rows)
          throw new TransferRefused(`${table.name}: ${count} rows loaded, ${table.rows} expected`);
      }
      if (handle.dialect === 'postgres') {
        for (const table of expected.filter((t) => t.columns.includes('id'))) {
          const [sequence] = await column(trx, sql`select pg_get_serial_sequence(${table.name}, 'id') as seq`, 'seq');
          if (sequence === undefined || sequence === 'null') continue;
          await sql`select setval(${sequence}, (select coalesce(max(id), 0) + 1 from ${sql.table(table.name)}), false)`.execute(
            trx,
          );
        }
      }
      await trx.commit().execute();
      trx = undefined;
      await migrateToLatest(handle);
      // Entries still pending at the source (their sealer had not reached them yet) are linked into the chain now.
      await sealPending(handle.db, handle.dialect);
      await tidyAfterBulkLoad(handle);
    },
    async abort() {
      await trx?.rollback().execute();
      trx = undefined;
    },
  };
}

/** Writes a portable backup: gzip'd JSON lines, the snapshot first, then `{"table","rows"}` pages, then an end mark. */
export function fileSink(path: string): Sink {
  const gzip = createGzip();
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  return {
    begin: (snapshot) => write(snapshot),
    rows: (table, rows) => write({ table: table.name, rows }),
    async end() {
      await write({ end: true });
      gzip.end();
      await finished(out);
    },
    async abort() {
      gzip.destroy();
      out.destroy();
    },
  };
}

/** Checks that every table's rows are all there, and keeps none of them. */
function checkingSink(): Sink {
  const counted = new Map<string, number>();
  let tables: TableData[] = [];
  return {
    async begin(snapshot) {
      tables = snapshot.tables;
    },
    async rows(table, rows) {
      counted.set(table.name, (counted.get(table.name) ?? 0) + rows.length);
    },
    async end() {
      for (const table of tables) {
        if ((counted.get(table.name) ?? 0) !== table.rows)
          throw new TransferRefused(
            `the backup is damaged: ${table.name} holds ${counted.get(table.name) ?? 0} of its ${table.rows} rows`,
          );
      }
    },
    async abort() {},
  };
}

/** Lines of a gzip'd file, read as they are consumed (the stream waits for the reader). */
async function* gzipLines(path: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(path).pipe(createGunzip())) {
    const text = rest + (chunk as Buffer).toString('utf8');
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line !== '') yield line;
  }
  if (rest !== '') yield rest;
}

/** Reads a portable backup into the sink; a file cut short is refused before anything is committed. */
export async function readBackupFile(path: string, sink: Sink): Promise<Snapshot> {
  let snapshot: Snapshot | undefined;
  let complete = false;
  try {
    for await (const line of gzipLines(path)) {
      const value = JSON.parse(line) as Record<string, unknown>;
      if (!snapshot) {
        if (value.format !== FORMAT || value.version !== 1)
          throw new TransferRefused(`${path} is not a Backlot backup`);
        snapshot = value as unknown as Snapshot;
        await sink.begin(snapshot);
      } else if (value.end === true) {
        complete = true;
      } else {
        const table = snapshot.tables.find((t) => t.name === value.table);
        if (!table || !Array.isArray(value.rows))
          throw new TransferRefused(`${path} is damaged (unknown table ${String(value.table)})`);
        await sink.rows(table, value.rows as unknown[][]);
      }
    }
    if (!snapshot) throw new TransferRefused(`${path} is empty`);
    if (!complete) throw new TransferRefused(`${path} is incomplete (no end mark): nothing was restored`);
    await sink.end();
    return snapshot;
  } catch (error) {
    if (snapshot) await sink.abort();
    if (String((error as { code?: unknown }).code).startsWith('Z_'))
      throw new TransferRefused(`${path} is damaged or cut short: nothing was restored`);
    throw error;
  }
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Whether a file is an SQLite database (a backup of an SQLite Backlot) rather than a portable backup. */
export function isSqliteFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    return read === 16 && head.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

export function sqliteFile(url: string): string | undefined {
  if (!url.startsWith('sqlite:')) return undefined;
  const file = url.slice('sqlite:'.length);
  return file === '' || file === ':memory:' ? undefined : file;
}

/**
 * Backs up the database that `url` names into `file`: an SQLite database through SQLite's online backup API (a
 * consistent copy while the server writes), any other in the portable format. Returns the format written.
 */
export async function backup(url: string, file: string): Promise<'sqlite' | 'portable'> {
  if (existsSync(file)) throw new TransferRefused(`${file} already exists`);
  const source = sqliteFile(url);
  if (source !== undefined) {
    if (!existsSync(source)) throw new TransferRefused(`there is no database at ${source}`);
    const sqlite = new SqliteDatabase(source, { fileMustExist: true });
    try {
      // All pages in one step: the copy is one snapshot, never restarted by the writers meanwhile.
      await sqlite.backup(file, { progress: () => 1 << 30 });
    } finally {
      sqlite.close();
    }
    return 'sqlite';
  }
  const handle = openDatabase(url, { poolSize: 1 });
  try {
    await readDatabase(handle, fileSink(file));
  } finally {
    await handle.close();
  }
  return 'portable';
}

/** Restores `file` (either kind of backup) into the database that `url` names. */
export async function restore(
  file: string,
  url: string,
  options: { replace?: boolean; progress?: Progress } = {},
): Promise<Snapshot> {
  if (!existsSync(file)) throw new TransferRefused(`there is no file ${file}`);
  if (isSqliteFile(file)) return copy(`sqlite:${file}`, url, options);
  // The whole file is read once before the database is touched: a damaged or cut backup changes nothing.
  await readBackupFile(file, checkingSink());
  const handle = openDatabase(url, { poolSize: 2 });
  try {
    return await readBackupFile(file, databaseSink(handle, options));
  } finally {
    await handle.close();
  }
}

/** Copies every row of one database into another (SQLite, PostgreSQL or MySQL, either way). */
export async function copy(
  from: string,
  to: string,
  options: { replace?: boolean; progress?: Progress } = {},
): Promise<Snapshot> {
  const source = sqliteFile(from);
  if (source !== undefined && !existsSync(source)) throw new TransferRefused(`there is no database at ${source}`);
  const sourceHandle = openDatabase(from, { poolSize: 2 });
  const targetHandle = openDatabase(to, { poolSize: 2 });
  try {
    return await readDatabase(sourceHandle, databaseSink(targetHandle, options));
  } finally {
    await sourceHandle.close();
    await targetHandle.close();
  }
}
