import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { dialects } from '../support.ts';

/** The statements prepared on the connection that runs `work`, as PostgreSQL lists them. */
async function preparedDuring(handle: DatabaseHandle, work: (db: DatabaseHandle['db']) => Promise<unknown>) {
  return handle.db.connection().execute(async (db) => {
    await work(db);
    const { rows } = await sql<{ name: string; statement: string }>`
      select name, statement from pg_prepared_statements`.execute(db);
    // The question itself is a statement too.
    return rows.filter((row) => !row.statement.includes('pg_prepared_statements'));
  });
}

// PostgreSQL only (with TEST_POSTGRES_URL): the other databases have no such setting.
for (const postgres of dialects().filter((dialect) => dialect.name === 'postgres')) {
  describe('PostgreSQL prepared statements (PG_PREPARED_STATEMENTS)', () => {
    let drop: () => Promise<void>;
    let url: string;
    before(async () => {
      const database = await postgres.fresh();
      url = database.url;
      drop = database.drop;
      const handle = openDatabase(url);
      await migrateToLatest(handle);
      await handle.close();
    });
    after(() => drop());

    test('on by default: a statement is prepared once per connection, then only run', async () => {
      assert.equal(loadConfig({ DATABASE_URL: url }).preparedStatements, true);
      assert.equal(loadConfig({ DATABASE_URL: url, PG_PREPARED_STATEMENTS: 'false' }).preparedStatements, false);
      const handle = openDatabase(url, { poolSize: 1, preparedStatements: true });
      try {
        const prepared = await preparedDuring(handle, async (db) => {
          for (let i = 0; i < 3; i++) await db.selectFrom('movies').selectAll().where('id', '=', i).execute();
          await db.transaction().execute((trx) => trx.selectFrom('actors').select('id').execute());
        });
        const movies = prepared.filter((row) => row.statement.includes('from "movies"'));
        assert.equal(movies.length, 1, JSON.stringify(prepared));
        assert.match(movies[0]!.name, /^backlot_\d+$/);
        // Transaction control is never prepared.
        assert.ok(
          !prepared.some((row) => /^\s*(begin|commit|rollback)/i.test(row.statement)),
          JSON.stringify(prepared),
        );
      } finally {
        await handle.close();
      }
    });

    test('a text search is not prepared: each is planned for its own pattern', async () => {
      const handle = openDatabase(url, { poolSize: 1, preparedStatements: true });
      try {
        const prepared = await preparedDuring(handle, (db) =>
          db.selectFrom('movies').selectAll().where(sql<boolean>`lower(title) like ${'%gold%'}`).execute(),
        );
        assert.deepEqual(prepared, []);
      } finally {
        await handle.close();
      }
    });

    test('off: nothing is prepared', async () => {
      const handle = openDatabase(url, { poolSize: 1, preparedStatements: false });
      try {
        const prepared = await preparedDuring(handle, (db) => db.selectFrom('movies').selectAll().execute());
        assert.deepEqual(prepared, []);
      } finally {
        await handle.close();
      }
    });

    test('a plan made stale by a schema change is run again unnamed, and its connection is not lent again', async () => {
      const handle = openDatabase(url, { poolSize: 1, preparedStatements: true });
      const other = openDatabase(url, { poolSize: 1 });
      try {
        const pid = async () =>
          (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0]!.pid;
        const list = () => handle.db.selectFrom('actors').selectAll().execute();
        await list();
        const before = await pid();
        // Another node migrates: `select *` of actors now answers another set of columns.
        await sql`alter table actors add column nickname text`.execute(other.db);
        const rows = await list();
        assert.ok(Array.isArray(rows));
        assert.notEqual(await pid(), before, 'the connection holding the stale plan is closed');
        // Afterwards the statement is prepared again on the new connection and answers the new columns.
        await sql`insert into actors (name, created_at, updated_at, version) values ('A', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 1)`.execute(
          other.db,
        );
        const [actor] = await list();
        assert.ok(actor && 'nickname' in actor, JSON.stringify(actor));
      } finally {
        await sql`alter table actors drop column nickname`.execute(other.db).catch(() => {});
        await handle.close();
        await other.close();
      }
    });
  });
}
