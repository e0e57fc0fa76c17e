/**
 * MySQL/MariaDB on a server (here: a database) whose default character set is latin1: every table ends up utf8mb4,
 * the exact columns keep their binary collation, existing latin1 data survives the conversion, "北京 🎬" is stored
 * and read back, and a connection that does not speak utf8mb4 is refused.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { Kysely, MysqlDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { createPool } from 'mysql2';
import { createConnection as connect } from 'mysql2/promise';
import { openDatabase, requireUtf8mb4 } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { migrationProvider } from '../../src/db/migrations/index.ts';
import { createBacklot } from '../../src/server.ts';
import { testConfig } from '../support.ts';

const mysqlUrl = process.env.TEST_MYSQL_URL;
const TITLE = '北京 🎬 — Café';

/** A database created latin1, dropped after the file. */
async function latin1Database(drops: (() => Promise<void>)[]): Promise<string> {
  const name = `backlot_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await connect(mysqlUrl ?? '');
  await admin.query(`create database ${name} character set latin1 collate latin1_swedish_ci`);
  await admin.end();
  drops.push(async () => {
    const client = await connect(mysqlUrl ?? '');
    await client.query(`drop database if exists ${name}`);
    await client.end();
  });
  const url = new URL(mysqlUrl ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

interface ColumnCharset {
  table: string;
  column: string;
  charset: string;
  collation: string;
}

async function textColumns(url: string): Promise<ColumnCharset[]> {
  const client = await connect(url);
  try {
    const [rows] = await client.query(
      `select table_name as \`table\`, column_name as \`column\`, character_set_name as charset,
         collation_name as collation
       from information_schema.columns
       where table_schema = database() and character_set_name is not null and table_name not like 'kysely%'
       order by table_name, column_name`,
    );
    return rows as ColumnCharset[];
  } finally {
    await client.end();
  }
}

async function tableCollations(url: string): Promise<string[]> {
  const client = await connect(url);
  try {
    const [rows] = await client.query(
      `select distinct table_collation as collation from information_schema.tables
       where table_schema = database() and table_name not like 'kysely%'`,
    );
    return (rows as { collation: string }[]).map((row) => row.collation);
  } finally {
    await client.end();
  }
}

function assertUtf8mb4(columns: ColumnCharset[], collations: string[]): void {
  assert.ok(columns.length > 20, `${columns.length} text columns`);
  assert.deepEqual(
    columns.filter((c) => c.charset !== 'utf8mb4').map((c) => `${c.table}.${c.column} ${c.charset}`),
    [],
  );
  assert.ok(
    collations.every((collation) => collation.startsWith('utf8mb4')),
    collations.join(', '),
  );
  const exact = columns.filter((c) => c.collation === 'utf8mb4_bin').map((c) => `${c.table}.${c.column}`);
  assert.deepEqual(exact.sort(), [
    'clients.email',
    'external_identities.issuer',
    'external_identities.subject',
    'idempotency_keys.key',
    'saved_views.name',
    'users.email',
  ]);
}

/** Stores a movie titled with CJK and an emoji through the API and reads it back. */
async function roundTrip(url: string): Promise<void> {
  const backlot = await createBacklot(testConfig(url), false, { migrate: true });
  try {
    const id = await backlot.services.identity.createUserDirect({
      email: 'admin@charset.test',
      fullName: '管理者 🎬',
      password: 'correct horse battery',
      roles: ['admin'],
    });
    assert.ok(id > 0);
    const signIn = await backlot.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { email: 'admin@charset.test', password: 'correct horse battery' },
    });
    const headers = { authorization: `Bearer ${signIn.json().access_token}` };
    const created = await backlot.app.inject({
      method: 'POST',
      url: '/api/v1/movies',
      headers,
      payload: { title: TITLE, releaseDate: '2024-01-01', genres: ['纪录片'] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const read = await backlot.app.inject({ method: 'GET', url: `/api/v1/movies/${created.json().id}`, headers });
    assert.equal(read.json().title, TITLE);
    assert.deepEqual(read.json().genres, ['纪录片']);
    const found = await backlot.app.inject({
      method: 'GET',
      url: `/api/v1/movies?q=${encodeURIComponent('北京')}`,
      headers,
    });
    assert.deepEqual(
      found.json().items.map((movie: { title: string }) => movie.title),
      [TITLE],
    );
  } finally {
    await backlot.close();
  }
}

// Like every MySQL test, it runs when TEST_MYSQL_URL names a server.
if (mysqlUrl)
  describe('MySQL/MariaDB character set', () => {
    const drops: (() => Promise<void>)[] = [];
    after(async () => {
      for (const drop of drops) await drop();
    });

    it('a new database created latin1: db migrate makes every table utf8mb4, and "北京 🎬" is stored', async () => {
      const url = await latin1Database(drops);
      const handle = openDatabase(url);
      try {
        await migrateToLatest(handle);
      } finally {
        await handle.close();
      }
      assertUtf8mb4(await textColumns(url), await tableCollations(url));
      await roundTrip(url);
    });

    it('tables created latin1 before are converted, their data intact', async () => {
      const url = await latin1Database(drops);
      const handle = openDatabase(url);
      try {
        // The schema as an older Backlot left it on a latin1 server: every migration before the conversion.
        const migrator = new Migrator({ db: handle.db, provider: migrationProvider('mysql') });
        const { error } = await migrator.migrateTo('0005_bookings_store');
        assert.equal(error, undefined);
        const before = await textColumns(url);
        assert.ok(before.some((column) => column.table === 'movies' && column.charset === 'latin1'));
        await sql`insert into movies (title, release_date, genres, price_cents, stock, created_at, updated_at, version)
        values (${'Café Noir'}, '2001-01-01', '[]', 0, 0, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 1)`.execute(
          handle.db,
        );
        await migrateToLatest(handle);
        const rows = await handle.db.selectFrom('movies').select('title').execute();
        assert.deepEqual(
          rows.map((row) => row.title),
          ['Café Noir'],
        );
      } finally {
        await handle.close();
      }
      assertUtf8mb4(await textColumns(url), await tableCollations(url));
      await roundTrip(url);
    });

    it('refuses a connection that does not speak utf8mb4', async () => {
      const url = await latin1Database(drops);
      const pool = createPool({ uri: url, connectionLimit: 1, charset: 'LATIN1_SWEDISH_CI' });
      const db = new Kysely<never>({ dialect: new MysqlDialect({ pool }) });
      try {
        await assert.rejects(requireUtf8mb4(db as never), /character set latin1, not utf8mb4/);
      } finally {
        await db.destroy();
      }
      // The connections Backlot opens speak utf8mb4 on the same server.
      const handle = openDatabase(url);
      try {
        await requireUtf8mb4(handle.db);
      } finally {
        await handle.close();
      }
    });
  });
