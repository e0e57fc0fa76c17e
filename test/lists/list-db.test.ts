import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { BadRequest } from '../../src/errors.ts';
import { decodeCursor, encodeCursor } from '../../src/lists/cursor.ts';
import {
  applyList,
  type ListBase,
  type ListParams,
  type ListPlan,
  type ListSpec,
  listRows,
  pageOf,
  planList,
} from '../../src/lists/list.ts';
import { parseSort } from '../../src/lists/sort.ts';
import { createItems, dropTable, type ItemsTable, type TestDB, testDatabases, uniqueTable } from './db.ts';

const TITLES = ['alpha', 'Beta', 'beta', 'gamma 50%', 'Delta_x', 'alpha'];
const STATUSES = ['draft', 'signed', 'archived'];

/** 57 rows with many duplicate titles, ratings and timestamps, so the id tie-breaker matters. */
const ROWS: ItemsTable[] = Array.from({ length: 57 }, (_, k) => {
  const id = k + 1;
  return {
    id,
    title: TITLES[id % TITLES.length]!,
    notes: id % 4 === 0 ? null : `note ${id}`,
    rating: id % 4,
    owner_id: id % 3 === 0 ? null : (id % 2) + 7,
    active: id % 2,
    status: STATUSES[id % 3]!,
    release_date: `2024-0${1 + (id % 9)}-15`,
    created_at: `2024-01-${String(1 + (id % 7)).padStart(2, '0')}T08:00:00.000Z`,
  };
});

function specOf(table: string): ListSpec {
  return {
    fields: {
      title: { column: `${table}.title`, type: 'string' },
      rating: { column: `${table}.rating`, type: 'integer' },
      ownerId: { column: `${table}.owner_id`, type: 'integer', nullable: true },
      active: { column: `${table}.active`, type: 'boolean' },
      status: { column: `${table}.status`, type: 'enum', values: STATUSES },
      createdAt: { column: `${table}.created_at`, type: 'datetime' },
      id: { column: `${table}.id`, type: 'integer' },
    },
    sortable: {
      title: `${table}.title`,
      rating: `${table}.rating`,
      createdAt: `${table}.created_at`,
      releaseDate: `${table}.release_date`,
      id: `${table}.id`,
    },
    search: [`${table}.title`, `${table}.notes`],
    idColumn: `${table}.id`,
    defaultSort: '-createdAt',
  };
}

const ctx = { me: 7, now: new Date('2024-06-15T12:00:00.000Z') };

function assertBadRequest(fn: () => unknown, paths: string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof BadRequest, String(error));
    assert.deepEqual(
      error.errors?.map((e) => e.path),
      paths,
    );
    return true;
  });
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('parseSort and cursors', () => {
  const sortable = { title: 't.title', createdAt: 't.created_at', id: 't.id' };
  it('parses directions and appends the id', () => {
    assert.deepEqual(parseSort('-createdAt, title', sortable, 'title', 't.id'), [
      { field: 'createdAt', column: 't.created_at', desc: true },
      { field: 'title', column: 't.title', desc: false },
      { field: 'id', column: 't.id', desc: false, type: 'integer' },
    ]);
    assert.deepEqual(
      parseSort(undefined, sortable, '-createdAt', 't.id').map((k) => [k.field, k.desc]),
      [
        ['createdAt', true],
        ['id', true],
      ],
    );
    assert.deepEqual(
      parseSort('-id,title', sortable, 'title', 't.id').map((k) => k.field),
      ['id', 'title'],
    );
  });
  it('refuses unknown, duplicate and empty fields', () => {
    for (const bad of ['nope', 'title,-title', 'title,', '-', 'constructor', '__proto__']) {
      assertBadRequest(() => parseSort(bad, sortable, 'title', 't.id'), ['sort']);
    }
  });
  it('round-trips a cursor and refuses tampered ones', () => {
    const keys = parseSort('-createdAt,title', sortable, 'title', 't.id');
    keys[0]!.type = 'datetime';
    const cursor = encodeCursor(['2024-01-02T08:00:00.000Z', "O'Brien", 12], keys);
    assert.deepEqual(decodeCursor(cursor, keys), ['2024-01-02T08:00:00.000Z', "O'Brien", 12]);
    const other = parseSort('createdAt,title', sortable, 'title', 't.id');
    const forged = (s: string, k: unknown[]) => b64(JSON.stringify({ s, k }));
    for (const bad of [
      '',
      'garbage!!',
      'a'.repeat(5000),
      b64('not json'),
      b64('[1,2,3]'),
      b64('null'),
      b64('{"s":"-createdAt,title,-id"}'),
      forged('-createdAt,title,-id', ['2024-01-02T08:00:00.000Z', 'x']),
      forged('-createdAt,title,-id', ['2024-01-02T08:00:00.000Z', 'x', 1, 2]),
      forged('-createdAt,title,-id', ['2024-01-02T08:00:00.000Z', 'x', '12']),
      forged('-createdAt,title,-id', ['2024-01-02T08:00:00.000Z', 'x', 1e12]),
      forged('-createdAt,title,-id', ['2024-01-02T08:00:00.000Z', 'x', 1.5]),
      forged('-createdAt,title,-id', ['2024-01-02T08:00:00.000Z', { a: 1 }, 1]),
      forged('-createdAt,title,-id', ['yesterday', 'x', 1]),
      forged('-createdAt,title,-id', [null, 'x', 1]),
      forged('-createdAt,title,-id', ['2024-01-02T08:00:00.000Z', 'x\u0000', 1]),
    ]) {
      assertBadRequest(() => decodeCursor(bad, keys), ['cursor']);
    }
    // a cursor made for one sort is refused by another
    assertBadRequest(() => decodeCursor(cursor, other), ['cursor']);
  });
});

for (const database of testDatabases()) {
  describe(`lists on ${database.name}`, () => {
    let db: Kysely<TestDB>;
    const table = uniqueTable('lists_page');
    const spec = specOf(table);

    before(async () => {
      db = database.open();
      await createItems(db, table, ROWS);
    });
    after(async () => {
      await dropTable(db, table);
      await db.destroy();
    });

    const items = (on: Kysely<TestDB>) =>
      on.selectFrom(table).select(['id', 'title', 'rating', 'created_at', 'release_date']);
    /** listRows as the repositories call it (the test's table is not in Backlot's schema). */
    const rowsOf = <O>(plan: ListPlan, base: (on: Kysely<TestDB>) => SelectQueryBuilder<TestDB, string, O>) =>
      listRows(db as unknown as Db, plan, base as unknown as ListBase<O>);

    /** Pages through the whole list (with a scope, built on every page, as a scoped list is); returns the ids. */
    const pageThrough = async (params: ListParams, scope?: number): Promise<{ ids: number[]; pages: number }> => {
      const ids: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const plan = planList({ ...params, cursor }, spec, ctx);
        const rows =
          scope === undefined
            ? await rowsOf(plan, items)
            : await applyList(items(db).where('owner_id', '=', scope), plan).execute();
        const page = pageOf(rows, plan, (r) => ({
          id: r.id,
          title: r.title,
          rating: r.rating,
          createdAt: r.created_at,
          releaseDate: r.release_date,
        }));
        assert.ok(page.rows.length <= plan.limit);
        ids.push(...page.rows.map((r) => Number(r.id)));
        cursor = page.nextCursor ?? undefined;
        pages++;
        assert.ok(pages < 100, 'pagination does not end');
      } while (cursor);
      return { ids, pages };
    };

    /** The same list in one query, in the database's own order (its collation decides how titles compare). */
    const fullOrder = async (sort: string, filter?: string): Promise<number[]> => {
      const plan = planList({ sort, filter, limit: 200 }, spec, ctx);
      const rows = await applyList(db.selectFrom(table).select('id'), plan).execute();
      return rows.map((r) => Number(r.id));
    };

    for (const sort of [
      'title',
      '-title',
      '-rating,title',
      'rating,-createdAt',
      '-createdAt',
      'releaseDate,-title',
      '-id',
    ]) {
      it(`pages through 57 rows sorted by ${sort}`, async () => {
        const { ids, pages } = await pageThrough({ sort, limit: 10 });
        assert.equal(pages, 6);
        assert.equal(ids.length, 57);
        assert.equal(new Set(ids).size, 57);
        assert.deepEqual(ids, await fullOrder(sort));
      });
    }

    it('compiles a plain page once per shape: sort, and whether a cursor is given', async () => {
      let built = 0;
      const counted = (on: Kysely<TestDB>) => {
        built++;
        return on.selectFrom(table).select(['id', 'title']);
      };
      const titles = async (params: ListParams) =>
        (await rowsOf(planList(params, spec, ctx), counted)).map((r) => Number(r.id));
      const first = await titles({ sort: 'title', limit: 5 });
      assert.deepEqual(await titles({ sort: 'title', limit: 9 }), (await fullOrder('title')).slice(0, 10));
      assert.deepEqual(first, (await fullOrder('title')).slice(0, 6));
      assert.equal(built, 1, 'one sort, no cursor: one query built');
      await titles({ sort: '-title', limit: 5 });
      assert.equal(built, 2, 'another direction is another shape');
      const keys = planList({ sort: 'title' }, spec, ctx).keys;
      const row = ROWS.find((r) => r.id === first[2])!;
      const cursor = encodeCursor([row.title, row.id], keys);
      const rest = (await fullOrder('title')).slice(3);
      assert.deepEqual(await titles({ sort: 'title', limit: 4, cursor }), rest.slice(0, 5));
      assert.equal(built, 3, 'a cursor is another shape');
      const other = ROWS.find((r) => r.id === rest[4])!;
      const later = encodeCursor([other.title, other.id], keys);
      assert.deepEqual(await titles({ sort: 'title', limit: 4, cursor: later }), rest.slice(5, 10));
      assert.equal(built, 3, "another cursor's values are put in the same query");
      await titles({ sort: 'title', limit: 4, filter: 'rating > 0' });
      assert.equal(built, 4, 'a filtered page is built for its call');
      await titles({ sort: 'title', limit: 4, filter: 'rating > 0' });
      assert.equal(built, 5);
    });

    it('builds a base that holds a value of its own on every call', async () => {
      let owner = 7;
      const owned = (on: Kysely<TestDB>) => on.selectFrom(table).select('id').where('owner_id', '=', owner);
      const ids = async () =>
        (await rowsOf(planList({ sort: 'id', limit: 200 }, spec, ctx), owned)).map((r) => Number(r.id));
      const expected = (of: number) => ROWS.filter((r) => r.owner_id === of).map((r) => r.id);
      assert.deepEqual(await ids(), expected(7));
      owner = 8;
      assert.deepEqual(await ids(), expected(8));
    });

    it('orders numbers and timestamps as asked, the id breaking ties', async () => {
      const { ids } = await pageThrough({ sort: '-rating,createdAt', limit: 7 });
      const byId = new Map(ROWS.map((r) => [r.id, r]));
      const expected = [...ROWS]
        .sort((a, b) => b.rating - a.rating || a.created_at.localeCompare(b.created_at) || a.id - b.id)
        .map((r) => r.id);
      assert.deepEqual(ids, expected);
      assert.ok(ids.every((id) => byId.has(id)));
    });

    it('pages with a filter, a search and a scope', async () => {
      const params = {
        sort: 'title',
        limit: 4,
        filter: 'rating != 2 and (status = draft or active = true)',
        q: 'ALPHA',
      };
      const { ids } = await pageThrough(params, 8);
      const expected = ROWS.filter(
        (r) =>
          r.owner_id === 8 &&
          r.rating !== 2 &&
          (r.status === 'draft' || r.active === 1) &&
          (r.title.toLowerCase().includes('alpha') || (r.notes ?? '').includes('alpha')),
      );
      assert.ok(expected.length > 4);
      assert.deepEqual(
        [...ids].sort((a, b) => a - b),
        expected.map((r) => r.id),
      );
    });

    it('searches q literally, ignoring case', async () => {
      const count = async (q: string) => (await pageThrough({ q, limit: 200 })).ids.length;
      assert.equal(await count('50%'), ROWS.filter((r) => r.title === 'gamma 50%').length);
      assert.equal(await count('a_x'), ROWS.filter((r) => r.title === 'Delta_x').length);
      assert.equal(await count('a%x'), 0);
      assert.equal(await count('NOTE 1'), ROWS.filter((r) => r.notes?.startsWith('note 1')).length);
      assert.equal(await count('  '), 57);
    });

    it('uses the default limit and sort', async () => {
      const plan = planList({}, spec, ctx);
      assert.equal(plan.limit, 50);
      assert.deepEqual(
        plan.keys.map((k) => `${k.desc ? '-' : ''}${k.field}`),
        ['-createdAt', '-id'],
      );
      const rows = await applyList(db.selectFrom(table).selectAll(), plan).execute();
      assert.equal(rows.length, 51);
      const page = pageOf(rows, plan, (r) => ({ createdAt: r.created_at, id: r.id }));
      assert.equal(page.rows.length, 50);
      assert.equal(typeof page.nextCursor, 'string');
      const last = pageOf(rows.slice(0, 50), plan, (r) => ({ createdAt: r.created_at, id: r.id }));
      assert.equal(last.nextCursor, null);
    });

    it('refuses bad parameters with 400s naming each one', async () => {
      for (const limit of [0, 201, 1.5, -1, 'abc', '10x', Number.NaN]) {
        assertBadRequest(() => planList({ limit }, spec, ctx), ['limit']);
      }
      assert.equal(planList({ limit: '20' }, spec, ctx).limit, 20);
      assertBadRequest(() => planList({ sort: 'notes' }, spec, ctx), ['sort']);
      assertBadRequest(() => planList({ filter: 'rating = x' }, spec, ctx), ['filter']);
      assertBadRequest(() => planList({ q: 'x'.repeat(201) }, spec, ctx), ['q']);
      assertBadRequest(() => planList({ cursor: 'garbage' }, spec, ctx), ['cursor']);
      assertBadRequest(
        () => planList({ limit: 0, sort: 'nope', filter: '(', q: 'a\u0000' }, spec, ctx),
        ['limit', 'sort', 'filter', 'q'],
      );
      const first = planList({ sort: 'title', limit: 5 }, spec, ctx);
      const rows = await applyList(db.selectFrom(table).selectAll(), first).execute();
      const { nextCursor } = pageOf(rows, first, (r) => ({ title: r.title, id: r.id }));
      assert.ok(nextCursor);
      assertBadRequest(() => planList({ sort: '-title', cursor: nextCursor }, spec, ctx), ['cursor']);
      const tampered = `${nextCursor.slice(0, -3)}xyz`;
      assert.throws(() => planList({ sort: 'title', cursor: tampered }, spec, ctx), BadRequest);
    });

    it('keeps the cursor values out of the SQL text', async () => {
      const keys = planList({ sort: 'title' }, spec, ctx).keys;
      const cursor = encodeCursor(["x' or 1=1 --", 3], keys);
      const plan = planList({ sort: 'title', cursor }, spec, ctx);
      const compiled = applyList(db.selectFrom(table).select('id'), plan).compile();
      assert.ok(!compiled.sql.includes('1=1'), compiled.sql);
      const rows = await applyList(db.selectFrom(table).select('id'), plan).execute();
      assert.ok(Array.isArray(rows));
    });
  });
}
