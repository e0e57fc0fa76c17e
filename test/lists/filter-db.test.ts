import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { BadRequest } from '../../src/errors.ts';
import { type FieldMap, filterExpression } from '../../src/lists/filter.ts';
import { createItems, dropTable, type ItemsTable, type TestDB, testDatabases, uniqueTable } from './db.ts';

const ROWS: ItemsTable[] = [
  row(1, 'Alpha 100%', 'has a_b', 5, 7, 1, 'draft', '2024-01-01', '2024-01-01T10:00:00.000Z'),
  row(2, 'Beta_1', null, 3, null, 0, 'signed', '2024-06-15', '2024-06-15T11:59:59.999Z'),
  row(3, "O'Brien!", 'semi;colon -- drop', 8, 9, 1, 'signed', '2023-12-31', '2024-06-15T00:00:00.000Z'),
  row(4, 'back\\slash', '{"a":1}', 0, 7, 0, 'draft', '2024-06-16', '2024-06-15T13:00:00.000Z'),
  row(5, 'alphabet', null, -2, null, 1, 'archived', '2024-06-15', '2024-06-14T23:59:59.999Z'),
  row(6, 'Alpha100x', 'A_B', 1, 8, 0, 'draft', '2024-02-29', '2024-06-15T12:00:00.000Z'),
  row(7, 'BetaX1', 'axb', 4, 7, 1, 'signed', '2025-01-01', '2025-01-01T00:00:00.000Z'),
  row(8, 'Wow!', 'it\'s "quoted"', 10, null, 0, 'archived', '2024-06-14', '2024-06-16T00:00:00.000Z'),
  row(9, 'x!%y', '100%', 3, 9, 1, 'draft', '2024-06-15', '2023-01-01T00:00:00.000Z'),
  row(10, 'ÉTÉ été', null, 2, 8, 1, 'signed', '2024-07-01', '2024-06-15T12:00:00.001Z'),
];

function row(
  id: number,
  title: string,
  notes: string | null,
  rating: number,
  owner_id: number | null,
  active: number,
  status: string,
  release_date: string,
  created_at: string,
): ItemsTable {
  return { id, title, notes, rating, owner_id, active, status, release_date, created_at };
}

function fieldsOf(table: string): FieldMap {
  return {
    title: { column: `${table}.title`, type: 'string' },
    notes: { column: `${table}.notes`, type: 'text', nullable: true },
    rating: { column: `${table}.rating`, type: 'integer' },
    ownerId: { column: `${table}.owner_id`, type: 'integer', nullable: true },
    active: { column: `${table}.active`, type: 'boolean' },
    status: { column: `${table}.status`, type: 'enum', values: ['draft', 'signed', 'archived'] },
    releaseDate: { column: `${table}.release_date`, type: 'date' },
    createdAt: { column: `${table}.created_at`, type: 'datetime' },
  };
}

const ctx = { me: 7, now: new Date('2024-06-15T12:00:00.000Z') };

const all = ROWS.map((r) => r.id);
const CASES: [string, number[]][] = [
  // `~`: contains, ignoring case, with %, _, ! and \ taken literally
  ['title ~ alpha', [1, 5, 6]],
  ['title ~ ALPHA', [1, 5, 6]],
  ["title ~ '100%'", [1]],
  ["title ~ '%'", [1, 9]],
  ["notes ~ '100%'", [9]],
  ["title ~ '_'", [2]],
  ['title ~ a_1', [2]],
  ['notes ~ a_b', [1, 6]],
  ["title ~ '!'", [3, 8, 9]],
  ["title ~ '!%'", [9]],
  ['title ~ "!!"', []],
  ['title ~ k\\s', [4]],
  ["title ~ '\\'", [4]],
  ["title ~ 'o''b'", [3]],
  ['title ~ "o\'b"', [3]],
  ["notes ~ '-- drop'", [3]],
  ['notes ~ \'"quoted"\'', [8]],
  ['notes ~ "it\'s ""quoted"""', [8]],
  ["title ~ 'ÉTÉ'", [10]],
  ["title ~ ''", all],
  ['title = "O\'Brien!"', [3]],
  ['status ~ ARCH', [5, 8]],
  // integers, me
  ['rating > 3', [1, 3, 7, 8]],
  ['rating >= 3 and rating =< 5', [1, 2, 7, 9]],
  ['rating < 0 or rating => 10', [5, 8]],
  ['rating != 3', [1, 3, 4, 5, 6, 7, 8, 10]],
  ['rating <= -2', [5]],
  ['rating in (0, 1, 2)', [4, 6, 10]],
  ['not rating in (0,1,2)', [1, 2, 3, 5, 7, 8, 9]],
  ['ownerId = me', [1, 4, 7]],
  ['ownerId != me', [3, 6, 9, 10]],
  ['not (ownerId = me)', [3, 6, 9, 10]],
  ['ownerId is null', [2, 5, 8]],
  ['ownerId is not null', [1, 3, 4, 6, 7, 9, 10]],
  ['not ownerId is null', [1, 3, 4, 6, 7, 9, 10]],
  ['ownerId in (me, 9)', [1, 3, 4, 7, 9]],
  // booleans, enums
  ['active = true', [1, 3, 5, 7, 9, 10]],
  ['active != TRUE', [2, 4, 6, 8]],
  ['active = false', [2, 4, 6, 8]],
  ['active in (true, false)', all],
  ['status = draft', [1, 4, 6, 9]],
  ["status in (signed, 'archived')", [2, 3, 5, 7, 8, 10]],
  ['status > draft', [2, 3, 7, 10]],
  // precedence
  ['status = draft or status = signed and active = true', [1, 3, 4, 6, 7, 9, 10]],
  ['status = draft ou status = signed et active = true', [1, 3, 4, 6, 7, 9, 10]],
  ['(status = draft or status = signed) and active = true', [1, 3, 7, 9, 10]],
  ['not (status = draft or status = signed) and active = true', [5]],
  // dates: today is 2024-06-15
  ['releaseDate = today', [2, 5, 9]],
  ['releaseDate < today', [1, 3, 6, 8]],
  ['releaseDate > 2024-06-15', [4, 7, 10]],
  ['releaseDate >= now', [2, 4, 5, 7, 9, 10]],
  ["releaseDate in ('2024-02-29', 2023-12-31)", [3, 6]],
  // datetimes: now is 2024-06-15T12:00:00.000Z
  ['createdAt < now', [1, 2, 3, 5, 9]],
  ['createdAt >= today', [2, 3, 4, 6, 7, 8, 10]],
  ['createdAt = now', [6]],
  ['createdAt > 2024-06-15T14:00:00+02:00', [4, 7, 8, 10]],
  ["createdAt <= '2024-06-15 12:00'", [1, 2, 3, 5, 6, 9]],
  ['createdAt < 2024-01-01', [9]],
  // text fields
  ['notes is null', [2, 5, 10]],
  ['notes = \'{"a":1}\'', [4]],
  ["notes != '100%'", [1, 3, 4, 6, 7, 8]],
];

for (const database of testDatabases()) {
  describe(`filter on ${database.name}`, () => {
    let db: Kysely<TestDB>;
    const table = uniqueTable('lists_filter');
    const fields = fieldsOf(table);

    before(async () => {
      db = database.open();
      await createItems(db, table, ROWS);
    });
    after(async () => {
      await dropTable(db, table);
      await db.destroy();
    });

    const ids = async (filter: string): Promise<number[]> => {
      let q = db.selectFrom(table).select('id');
      const where = filterExpression(filter, fields, ctx);
      if (where) q = q.where(where);
      const rows = await q.orderBy('id').execute();
      return rows.map((r) => Number(r.id));
    };

    for (const [filter, expected] of CASES) {
      it(filter, async () => {
        assert.deepEqual(await ids(filter), expected);
      });
    }

    it('treats a blank filter as none', async () => {
      assert.equal(filterExpression('  ', fields, ctx), undefined);
      assert.equal(filterExpression(undefined, fields, ctx), undefined);
      assert.deepEqual(await ids(''), all);
    });

    it('refuses before touching the database', () => {
      assert.throws(() => filterExpression('nope = 1', fields, ctx), BadRequest);
      assert.throws(() => filterExpression('ownerId = me', fields, { me: null, now: ctx.now }), BadRequest);
    });

    it('keeps every value out of the SQL text', () => {
      const where = filterExpression("title = 'x''; drop table t; --' or notes ~ 'a%b_c!d'", fields, ctx)!;
      const compiled = db.selectFrom(table).select('id').where(where).compile();
      assert.ok(!compiled.sql.includes('drop'), compiled.sql);
      assert.ok(!compiled.sql.includes('a%b'), compiled.sql);
      assert.deepEqual(compiled.parameters, ["x'; drop table t; --", '%a!%b!_c!!d%']);
    });
  });
}
