/**
 * On PostgreSQL and MySQL/MariaDB no statement runs longer than the serving timeout: the database itself ends it
 * (statement_timeout, max_statement_time) and the request is answered 503, never held. SQLite runs in the process:
 * its long reads run on worker threads, under the same bound (test/db/sqlite-readers.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { Unavailable } from '../../src/errors.ts';
import { dialects } from '../support.ts';

for (const dialect of dialects().filter((candidate) => candidate.name !== 'sqlite')) {
  describe(`a statement longer than the timeout is ended by the database (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let drop: () => Promise<void>;
    before(async () => {
      const database = await dialect.fresh();
      drop = database.drop;
      handle = openDatabase(database.url, { timeouts: { connectMs: 2000, statementMs: 300, readMs: 5000 } });
    });
    after(async () => {
      await handle.close();
      await drop();
    });

    it('ends a slow statement with 503 Unavailable, and the next statement runs', async () => {
      const slow = dialect.name === 'postgres' ? sql`select pg_sleep(3)` : sql`select sleep(3)`;
      const started = Date.now();
      await assert.rejects(slow.execute(handle.db), (error) => error instanceof Unavailable && error.status === 503);
      // Ended by the server's own limit (300 ms), not by the client's (5 s) nor by the statement's end (3 s).
      assert.ok(Date.now() - started < 2500, `took ${Date.now() - started} ms`);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      assert.equal(Number(rows[0]?.one), 1);
    });
  });
}
