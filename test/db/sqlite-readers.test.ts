/**
 * SQLite's readers (src/db/sqlite-readers.ts): a read that may go through many rows runs on a worker thread with its
 * own read-only connection, so that the event loop, and every other request, goes on meanwhile.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { SqliteReaders } from '../../src/db/sqlite-readers.ts';
import { Unavailable } from '../../src/errors.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

/** A statement that takes SQLite about a second of CPU and reads no table. */
const SLOW = sql<{ n: number }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 4000000)
  select count(*) as n from c`;

describe('SQLite readers', () => {
  let dir: string;
  let handle: DatabaseHandle;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backlot-readers-'));
    handle = openDatabase(`sqlite:${join(dir, 'readers.db')}`);
    await migrateToLatest(handle);
  });
  after(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('run a slow read off the event loop: the main connection and timers go on meanwhile', async () => {
    const finished: string[] = [];
    const slow = SLOW.execute(handle.reads).then(({ rows }) => {
      finished.push('slow read');
      return rows[0]?.n;
    });
    // Give the worker the statement before the main thread asks for anything.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sql`select 1`.execute(handle.db).then(() => finished.push('main connection'));
    await new Promise((resolve) => setTimeout(resolve, 1)).then(() => finished.push('timer'));
    assert.equal(await slow, 4_000_000);
    assert.deepEqual(finished, ['main connection', 'timer', 'slow read']);
  });

  it('see every change the main connection committed before the read', async () => {
    const at = new Date().toISOString();
    for (let i = 0; i < 20; i++) {
      await handle.db
        .insertInto('movies')
        .values({
          title: `Reader ${i}`,
          releaseDate: '2001-01-01',
          genres: '[]',
          priceCents: 0,
          stock: 0,
          createdAt: at,
          updatedAt: at,
          version: 1,
        })
        .execute();
      const seen = await handle.reads
        .selectFrom('movies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('title', 'like', 'Reader %')
        .executeTakeFirstOrThrow();
      assert.equal(Number(seen.n), i + 1);
    }
  });

  it('answer camel-cased rows, as the main connection does', async () => {
    const query = handle.db.selectFrom('movies').selectAll().orderBy('id').limit(3);
    const main = await query.execute();
    const read = await handle.reads.selectFrom('movies').selectAll().orderBy('id').limit(3).execute();
    assert.deepEqual(read, main);
    assert.ok(main.length > 0 && 'releaseDate' in main[0]!);
  });

  it("refuse writes, and keep SQLite's error codes", async () => {
    await assert.rejects(sql`delete from movies`.execute(handle.reads), /SELECTs only|readonly/i);
    await assert.rejects(sql`select x from nowhere`.execute(handle.reads), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'SQLITE_ERROR');
      assert.match(error.message, /no such table: nowhere/);
      return true;
    });
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.reads);
    assert.equal(rows[0]?.one, 1);
  });

  it('run several reads at once on separate workers', async () => {
    const before = handle.readers!.ran;
    const slow = [SLOW.execute(handle.reads), SLOW.execute(handle.reads)];
    // Both are running, each on a worker of its own (the second does not wait for the first).
    for (let i = 0; i < 400 && handle.readers!.stats().busy < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(handle.readers!.stats().busy, 2);
    assert.equal(handle.readers!.ran, before);
    // A third read waits for a worker; a quick one on the main connection does not.
    const third = sql<{ one: number }>`select 1 as one`.execute(handle.reads);
    await sql`select 1`.execute(handle.db);
    const answers = await Promise.all([...slow, third]);
    assert.deepEqual(
      answers.map(({ rows }) => Object.values(rows[0] as object)[0]),
      [4_000_000, 4_000_000, 1],
    );
    assert.equal(handle.readers!.ran, before + 3);
  });
});

describe('SQLite readers under the statement timeout', () => {
  let dir: string;
  let handle: DatabaseHandle;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'backlot-readers-'));
    handle = openDatabase(`sqlite:${join(dir, 'timeout.db')}`, {
      timeouts: { connectMs: 2000, statementMs: 200, readMs: 5000 },
    });
  });
  after(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answer a read that outlives it 503, and the next read runs on a fresh worker', async () => {
    await assert.rejects(SLOW.execute(handle.reads), (error) => error instanceof Unavailable && error.status === 503);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.reads);
    assert.equal(rows[0]?.one, 1);
  });
});

describe('SQLite readers given up at the timeout', () => {
  let dir: string;
  let readers: SqliteReaders;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backlot-readers-'));
    const handle = openDatabase(`sqlite:${join(dir, 'lingering.db')}`);
    await migrateToLatest(handle);
    await handle.close();
    readers = new SqliteReaders(join(dir, 'lingering.db'), { size: 1, timeoutMs: 100 });
  });
  after(async () => {
    await readers.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('count until their statement ends: slow statements asked again and again cannot pile up threads', async () => {
    const slower = `with recursive c(x) as (select 1 union all select x + 1 from c where x < 16000000) select count(*) from c`;
    const slow = [readers.run(slower, []), readers.run(slower, [])];
    const quick = readers.run('select 1 as one', []);
    await assert.rejects(slow[0]!, Unavailable);
    await assert.rejects(slow[1]!, Unavailable);
    // Both workers still run their statements (a pool of one, twice its size at most): the third waits for one to end.
    assert.deepEqual(readers.stats(), { workers: 0, busy: 0, queued: 1, lingering: 2 });
    assert.deepEqual(await quick, [{ one: 1 }]);
  });
});

const sqlite = dialects().find((dialect) => dialect.name === 'sqlite')!;

describe('lists on SQLite: which run on the readers', () => {
  let backlot: TestBacklot;
  let reader: { headers: Record<string, string> };
  let requester: { headers: Record<string, string> };
  before(async () => {
    backlot = await startBacklot(sqlite);
    reader = await backlot.as(['casting_assistant', 'sales']);
    requester = await backlot.as(['requester']);
    const producer = await backlot.as(['executive_producer']);
    for (const title of ['Alpha', 'Beta', 'Gamma']) {
      const created = await backlot.app.inject({
        method: 'POST',
        url: '/api/v1/movies',
        headers: producer.headers,
        payload: { title, releaseDate: '2001-01-01' },
      });
      assert.equal(created.statusCode, 201, created.body);
    }
  });
  after(() => backlot.stop());

  const ranFor = async (url: string, headers: Record<string, string>) => {
    const before = backlot.handle.readers!.ran;
    const response = await backlot.app.inject({ method: 'GET', url, headers });
    assert.equal(response.statusCode, 200, response.body);
    return backlot.handle.readers!.ran - before;
  };

  it('a page along the sort index runs on the main connection, with or without a cursor', async () => {
    const first = await backlot.app.inject({ method: 'GET', url: '/api/v1/movies?limit=1', headers: reader.headers });
    const cursor = (first.json() as { nextCursor: string }).nextCursor;
    assert.ok(cursor);
    assert.equal(await ranFor('/api/v1/movies?limit=5', reader.headers), 0);
    assert.equal(await ranFor(`/api/v1/movies?limit=1&cursor=${encodeURIComponent(cursor)}`, reader.headers), 0);
    assert.equal(await ranFor('/api/v1/clients?sort=-email', reader.headers), 0);
  });

  it('a filter or a q runs on a reader (the q with its match count)', async () => {
    assert.equal(await ranFor(`/api/v1/movies?filter=${encodeURIComponent('genres ~ noir')}`, reader.headers), 1);
    assert.equal(await ranFor(`/api/v1/clients?filter=${encodeURIComponent('phone = 123')}`, reader.headers), 1);
    assert.equal(await ranFor('/api/v1/movies?q=golden', reader.headers), 2);
  });

  it("a list narrowed to the caller's own rows runs on a reader", async () => {
    assert.equal(await ranFor('/api/v1/bookings', requester.headers), 1);
  });

  it('/metrics shows the readers', async () => {
    await ranFor(`/api/v1/movies?filter=${encodeURIComponent('stock > 1')}`, reader.headers);
    const metrics = await backlot.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /^backlot_sqlite_readers\{state="workers"\} [12]$/m);
    assert.match(metrics.body, /^backlot_sqlite_readers\{state="busy"\} 0$/m);
    assert.match(metrics.body, /^backlot_sqlite_readers\{state="queued"\} 0$/m);
    assert.match(metrics.body, /^backlot_sqlite_readers\{state="lingering"\} 0$/m);
  });

  it("the dashboard's counts and sums run on the readers", async () => {
    assert.ok((await ranFor('/api/v1/stats/overview', reader.headers)) >= 2);
  });
});
