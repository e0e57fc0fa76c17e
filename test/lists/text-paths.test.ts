/**
 * A common text is looked up in the list's own order, a rare one through the text index (chooseTextPaths): the
 * choice is made by counting matches (on PostgreSQL, by its statistics when they are certain), and both paths answer
 * the same rows, in the same order, page after page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SqlBool, sql } from 'kysely';
import { now } from '../../src/db/database.ts';
import { planList, planListOn } from '../../src/lists/list.ts';
import { CERTAIN_ESTIMATE, COMMON_MATCHES, certainlyCommon } from '../../src/lists/text-index.ts';
import { MOVIE_LIST } from '../../src/modules/casting/repository.ts';
import { CLIENT_LIST } from '../../src/modules/relations/repository.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

const COMMON = COMMON_MATCHES + 150;
const titleOf = (i: number) =>
  i < COMMON ? `${['The Golden', 'golden', 'GOLDEN hour of'][i % 3]} ${String(i).padStart(5, '0')}` : `Other ${i}`;
const RARE = ['Zephyr at noon', 'the zephyr', 'ZEPHYRS'];
const MORE = 300;

for (const dialect of dialects()) {
  describe(`text conditions: the text index or the list's order (${dialect.name})`, () => {
    let backlot: TestBacklot;
    let token: string;

    before(async () => {
      backlot = await startBacklot(dialect);
      ({ token } = await backlot.as(['admin']));
      const at = now();
      const rows = [...Array.from({ length: COMMON + MORE }, (_, i) => titleOf(i)), ...RARE].map((title, i) => ({
        title,
        releaseDate: `${2000 + (i % 20)}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        genres: '[]',
        priceCents: 0,
        stock: 0,
        createdAt: at,
        updatedAt: at,
        version: 1,
      }));
      for (let from = 0; from < rows.length; from += 500) {
        await backlot.handle.db
          .insertInto('movies')
          .values(rows.slice(from, from + 500))
          .execute();
      }
    });
    after(() => backlot.stop());

    const plan = (params: { q?: string; filter?: string }) => planListOn(backlot.handle, params, MOVIE_LIST, null);

    it('counts the matches to choose: a common text is read in the list’s order, a rare one from the index', async () => {
      const indexed = dialect.name !== 'mysql';
      assert.deepEqual(
        (await plan({ q: 'golden' })).texts.map((text) => text.scan),
        [indexed],
      );
      assert.deepEqual(
        (await plan({ q: 'zephyr' })).texts.map((text) => text.scan),
        [false],
      );
      assert.deepEqual(
        (await plan({ filter: "title ~ golden and title ~ 'zephyr'" })).texts.map((text) => text.scan),
        [indexed, false],
      );
      assert.deepEqual((await plan({})).texts, []);
    });

    it('reads every column of a q in the list’s order when one of them is common', async () => {
      const at = now();
      const clients = Array.from({ length: COMMON }, (_, i) => ({
        fullName: `Ann Okafor ${i}`,
        email: `client${i}@paths.test`,
        phone: null,
        companyName: i % 2 ? 'Okafor Films' : null,
        salesContactId: null,
        lastContactAt: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      }));
      for (let from = 0; from < clients.length; from += 500) {
        await backlot.handle.db
          .insertInto('clients')
          .values(clients.slice(from, from + 500))
          .execute();
      }
      const indexed = dialect.name !== 'mysql';
      const common = await planListOn(backlot.handle, { q: 'okafor' }, CLIENT_LIST, null);
      assert.deepEqual(
        common.texts.map((text) => [text.column, text.scan]),
        CLIENT_LIST.search?.map((column) => [column, indexed]),
      );
      const rare = await planListOn(backlot.handle, { q: 'client7@' }, CLIENT_LIST, null);
      assert.deepEqual(
        rare.texts.map((text) => text.scan),
        [false, false, false],
      );
      const response = await backlot.request({ method: 'GET', url: '/api/v1/clients?limit=5&q=OKAFOR', token });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(
        response.json().items.map((client: { fullName: string }) => client.fullName),
        ['Ann Okafor 0', 'Ann Okafor 1', 'Ann Okafor 10', 'Ann Okafor 100', 'Ann Okafor 1000'],
      );
    });

    /** Every page of a list, following nextCursor. */
    async function everyPage(query: string): Promise<string[]> {
      const titles: string[] = [];
      let cursor: string | null = null;
      do {
        const url = `/api/v1/movies?limit=200&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response = await backlot.request({ method: 'GET', url, token });
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json() as { items: { title: string }[]; nextCursor: string | null };
        titles.push(...body.items.map((item) => item.title));
        cursor = body.nextCursor;
      } while (cursor);
      return titles;
    }

    /** The reference: every movie whose title contains `text`, row by row, in the list's order by the database. */
    async function matching(text: string, sort?: string): Promise<string[]> {
      const { keys } = planList({ sort }, MOVIE_LIST, { me: null, now: new Date() });
      let query = backlot.handle.db
        .selectFrom('movies')
        .select('title')
        .where(sql<SqlBool>`lower(title) like ${`%${text}%`}`);
      for (const key of keys) query = query.orderBy(sql.ref(key.column), key.desc ? 'desc' : 'asc');
      return (await query.execute()).map((row) => row.title);
    }

    for (const [label, query, text, sort] of [
      ['q, common, by title', 'q=golden', 'golden', undefined],
      ['q, common, newest first', 'q=golden&sort=-releaseDate', 'golden', '-releaseDate'],
      ['~, common, by title', `filter=${encodeURIComponent('title ~ GOLDEN')}`, 'golden', undefined],
      ['q, rare, by title', 'q=zephyr', 'zephyr', undefined],
      ['q, rare, newest first', 'q=Zephyr&sort=-releaseDate', 'zephyr', '-releaseDate'],
    ] as const) {
      it(`answers the same rows in the same order either way: ${label}`, async () => {
        const expected = await matching(text, sort);
        assert.ok(expected.length > 0);
        assert.deepEqual(await everyPage(query), expected);
      });
    }
  });

  if (dialect.name !== 'postgres') continue;

  describe('text conditions: what PostgreSQL’s statistics settle without counting', () => {
    let backlot: TestBacklot;

    before(async () => {
      backlot = await startBacklot(dialect);
      const at = now();
      await sql`insert into movies (title, release_date, genres, price_cents, stock, created_at, updated_at, version)
        select 'Aurora ' || n, '2001-01-01', '[]', 0, 0, ${at}, ${at}, 1
        from generate_series(1, ${CERTAIN_ESTIMATE + 5000}) as n`.execute(backlot.handle.db);
      await sql`analyze movies`.execute(backlot.handle.db);
    });
    after(() => backlot.stop());

    const plan = (q: string) => planListOn(backlot.handle, { q }, MOVIE_LIST, null);

    it('a text the statistics put in enough rows, and in a thousandth of the table, is common uncounted', async () => {
      assert.equal(certainlyCommon(CERTAIN_ESTIMATE, 1000 * CERTAIN_ESTIMATE), true);
      assert.equal(certainlyCommon(CERTAIN_ESTIMATE - 1, CERTAIN_ESTIMATE), false);
      assert.equal(certainlyCommon(CERTAIN_ESTIMATE, 1000 * CERTAIN_ESTIMATE + 1), false);
      assert.deepEqual(
        (await plan('aurora')).texts.map((text) => text.scan),
        [true],
      );
      assert.deepEqual(
        (await plan('zephyr')).texts.map((text) => text.scan),
        [false],
      );
    });

    it('statistics behind the rows decide until ANALYZE; the answer is right either way', async () => {
      const { token } = await backlot.as(['admin']);
      await sql`delete from movies where title like 'Aurora %'`.execute(backlot.handle.db);
      // The statistics still say that a tenth of the table holds the text: read in the list's order, uncounted…
      assert.deepEqual(
        (await plan('aurora')).texts.map((text) => text.scan),
        [true],
      );
      const stale = await backlot.request({ method: 'GET', url: '/api/v1/movies?q=aurora', token });
      assert.equal(stale.statusCode, 200, stale.body);
      assert.deepEqual(stale.json().items, []);
      // …and once ANALYZE has seen the rows go, the count decides again.
      await sql`analyze movies`.execute(backlot.handle.db);
      assert.deepEqual(
        (await plan('aurora')).texts.map((text) => text.scan),
        [false],
      );
    });
  });
}
