/**
 * Plain list pages kept on SQLite until the database changes (src/db/page-cache.ts): a kept page is never served
 * after a change, whichever connection made it, and access is checked as for any other request.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { PageCache, pageCacheOf } from '../../src/db/page-cache.ts';
import { planList } from '../../src/lists/list.ts';
import { CastingRepository, MOVIE_LIST } from '../../src/modules/casting/repository.ts';
import { type Backlot, createBacklot } from '../../src/server.ts';
import { dialects, PASSWORD, SYSTEM, testConfig } from '../support.ts';

describe('plain list pages kept on SQLite', () => {
  let folder: string;
  let a: Backlot;
  let b: Backlot;
  let url: string;
  let counter = 0;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'backlot-pages-'));
    url = `sqlite:${join(folder, 'shared.db')}`;
    // Two nodes on one file, as two processes on one machine would be.
    a = await createBacklot(testConfig(url), false, { migrate: true });
    b = await createBacklot(testConfig(url), false, { migrate: false });
  });

  after(async () => {
    await a?.close();
    await b?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function tokenFor(roles: string[]): Promise<string> {
    const email = `pages${++counter}@test.backlot`;
    await a.services.identity.createUserDirect({ email, fullName: 'Page test', password: PASSWORD, roles });
    const response = await a.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { email, password: PASSWORD },
    });
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { access_token: string }).access_token;
  }

  const get = (node: Backlot, token: string, path: string) =>
    node.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });

  async function titles(node: Backlot, token: string, path = '/api/v1/movies?limit=100'): Promise<string[]> {
    const response = await get(node, token, path);
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { items: { title: string }[] }).items.map((movie) => movie.title);
  }

  function cacheOf(node: Backlot): PageCache {
    const cache = pageCacheOf(node.handle.db);
    assert.ok(cache, 'a SQLite node keeps plain pages');
    return cache;
  }

  it('answers the same page again from the cache, and only a plain page', async () => {
    const token = await tokenFor(['casting_assistant']);
    await a.services.casting.createMovie(SYSTEM, { title: 'Kept once', releaseDate: '2020-01-01' });
    const cache = cacheOf(a);
    const first = await get(a, token, '/api/v1/movies?limit=10&sort=title');
    const { hits, misses } = cache;
    const second = await get(a, token, '/api/v1/movies?limit=10&sort=title');
    assert.equal(second.body, first.body);
    assert.deepEqual([cache.hits, cache.misses], [hits + 1, misses]);
    // A filter or a search is read every time (and not through this cache).
    await get(a, token, '/api/v1/movies?limit=10&q=Kept');
    await get(a, token, '/api/v1/movies?limit=10&q=Kept');
    assert.deepEqual([cache.hits, cache.misses], [hits + 1, misses]);
  });

  it("shows the node's own change on its next read: created, edited, deleted", async () => {
    const assistant = await tokenFor(['casting_assistant']);
    const producer = await tokenFor(['executive_producer']);
    const before = await titles(a, assistant);
    await titles(a, assistant);
    const created = await a.app.inject({
      method: 'POST',
      url: '/api/v1/movies',
      headers: { authorization: `Bearer ${producer}` },
      payload: { title: 'Aardvark Rising', releaseDate: '2021-05-01' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = (created.json() as { id: number }).id;
    assert.deepEqual(await titles(a, assistant), [...before, 'Aardvark Rising'].sort(byTitle));

    const edited = await a.app.inject({
      method: 'PATCH',
      url: `/api/v1/movies/${id}`,
      headers: { authorization: `Bearer ${producer}` },
      payload: { title: 'Aardvark Returns' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.ok((await titles(a, assistant)).includes('Aardvark Returns'));

    const deleted = await a.app.inject({
      method: 'DELETE',
      url: `/api/v1/movies/${id}`,
      headers: { authorization: `Bearer ${producer}` },
    });
    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.deepEqual(await titles(a, assistant), before);
  });

  it("shows another node's change on the next read (PRAGMA data_version)", async () => {
    const token = await tokenFor(['casting_assistant']);
    await titles(a, token);
    const kept = await titles(a, token);
    await b.services.casting.createMovie(SYSTEM, { title: 'Abacus From Elsewhere', releaseDate: '2022-02-02' });
    const after = await titles(a, token);
    assert.deepEqual(after, [...kept, 'Abacus From Elsewhere'].sort(byTitle));
  });

  it('shows a committed transaction, and nothing of one rolled back', async () => {
    const token = await tokenFor(['casting_assistant']);
    const start = await titles(a, token);
    await assert.rejects(
      a.handle.db.transaction().execute(async (trx) => {
        await trx.updateTable('movies').set({ title: 'Never Seen' }).execute();
        // Read inside the transaction: the change is there, and the page is not kept for anyone else.
        const cache = cacheOf(a);
        const { hits, misses } = cache;
        const plan = planList({ limit: 100 }, MOVIE_LIST, { me: null, now: new Date(), dialect: 'sqlite' });
        for (let i = 0; i < 2; i++) {
          const inside = await new CastingRepository('sqlite').listMovies(trx, plan);
          assert.ok(inside.items.every((movie) => movie.title === 'Never Seen'));
        }
        assert.deepEqual([cache.hits, cache.misses], [hits, misses]);
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.deepEqual(await titles(a, token), start);
    await a.handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('movies').set({ title: sql`title || ' (restored)'` }).execute();
    });
    assert.deepEqual(
      await titles(a, token),
      start.map((title) => `${title} (restored)`),
    );
  });

  it('never keeps the rows of a read that a write overtook', async () => {
    let version = 1;
    const cache = new PageCache(() => version);
    const reads: string[] = [];
    const read = (value: string) => async () => {
      reads.push(value);
      return [{ value }];
    };
    // A write on this node while the read was under way.
    await cache.rows('select', [1], async () => {
      cache.wrote();
      return read('old')();
    });
    assert.deepEqual(await cache.rows('select', [1], read('new')), [{ value: 'new' }]);
    // Another connection's commit seen meanwhile (by another request).
    await cache.rows('select', [2], async () => {
      version = 2;
      await cache.rows('other', [], read('other'));
      return read('old')();
    });
    assert.deepEqual(await cache.rows('select', [2], read('newer')), [{ value: 'newer' }]);
    // Kept when nothing happened, per SQL text and values.
    assert.deepEqual(await cache.rows('select', [2], read('unused')), [{ value: 'newer' }]);
    assert.deepEqual(await cache.rows('select', [3], read('three')), [{ value: 'three' }]);
    assert.deepEqual(reads, ['old', 'new', 'other', 'old', 'newer', 'three']);
  });

  it('keeps at most 5,000 rows, the oldest pages going first', async () => {
    const cache = new PageCache(() => 1);
    const page = (n: number) => async () => Array.from({ length: 2_000 }, (_, i) => ({ n, i }));
    for (const n of [1, 2, 3]) await cache.rows('select', [n], page(n));
    const { misses } = cache;
    await cache.rows('select', [3], page(3));
    await cache.rows('select', [2], page(2));
    assert.equal(cache.misses, misses);
    await cache.rows('select', [1], page(1));
    assert.equal(cache.misses, misses + 1);
  });

  it('keeps at most 4 million characters of text, and never a page longer than that', async () => {
    const cache = new PageCache(() => 1);
    const long = 'x'.repeat(1_500_000);
    const page =
      (n: number, text = long) =>
      async () => [{ n, text }];
    for (const n of [1, 2]) await cache.rows('select', [n], page(n));
    const { misses } = cache;
    await cache.rows('select', [2], page(2));
    await cache.rows('select', [1], page(1));
    assert.equal(cache.misses, misses, 'two pages of 1.5 million characters are kept');
    await cache.rows('select', [3], page(3));
    await cache.rows('select', [1], page(1));
    assert.equal(cache.misses, misses + 2, 'a third made room by dropping the oldest');
    const huge = 'x'.repeat(4_000_001);
    await cache.rows('select', [4], page(4, huge));
    await cache.rows('select', [4], page(4, huge));
    assert.equal(cache.misses, misses + 4, 'a page of more than 4 million characters is never kept');
  });

  it('hands out kept rows frozen: no caller can change another one', async () => {
    const cache = new PageCache(() => 1);
    const rows = await cache.rows('select', [], async () => [{ title: 'original' }]);
    assert.throws(() => {
      (rows[0] as { title: string }).title = 'changed';
    }, TypeError);
    assert.throws(() => rows.push({ title: 'more' }), TypeError);
  });

  it('checks access before any page, kept or not', async () => {
    const assistant = await tokenFor(['casting_assistant']);
    const support = await tokenFor(['support']);
    await titles(a, assistant);
    await titles(a, assistant);
    const refused = await get(a, support, '/api/v1/movies?limit=100');
    assert.equal(refused.statusCode, 403, refused.body);
  });

  it('is off with LIST_CACHE=false, and on no other database', async () => {
    const off = openDatabase(url, { pageCache: false });
    try {
      assert.equal(pageCacheOf(off.db), undefined);
    } finally {
      await off.close();
    }
    for (const dialect of dialects().filter((d) => d.name !== 'sqlite')) {
      const database = await dialect.fresh();
      const handle = openDatabase(database.url, { pageCache: true });
      try {
        assert.equal(pageCacheOf(handle.db), undefined, dialect.name);
      } finally {
        await handle.close();
        await database.drop();
      }
    }
  });
});

function byTitle(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
