import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseFilter as serverParse } from '../../src/lists/filter.ts';
import { type FilterRow, OPERATORS, parseFilter, quote, rowOfError, toFilter } from '../../web/src/lib/filter.ts';

describe("the console's filter builder", () => {
  test('rows write the filter language', () => {
    const rows: FilterRow[] = [
      { field: 'releaseDate', op: '>=', value: '2020-01-01' },
      { field: 'genres', op: '~', value: 'drama' },
      { field: 'title', op: 'in', value: "Static, O'Brien" },
      { field: 'age', op: 'is null', value: '' },
      { field: 'title', op: '=', value: 'and' },
      { field: 'stock', op: '=', value: '' },
    ];
    assert.equal(
      toFilter(rows),
      "releaseDate>=2020-01-01 and genres~drama and title in (Static, 'O''Brien') and age is null and title='and'",
    );
  });

  test('the language reads back into rows (and, et, quotes, is not null, in)', () => {
    assert.deepEqual(parseFilter("title~'Low Tide' et stock<=3 and gender is not null and id in (1, '2')"), [
      { field: 'title', op: '~', value: 'Low Tide' },
      { field: 'stock', op: '<=', value: '3' },
      { field: 'gender', op: 'is not null', value: '' },
      { field: 'id', op: 'in', value: '1, 2' },
    ]);
    assert.deepEqual(parseFilter('stock=<3'), [{ field: 'stock', op: '<=', value: '3' }]);
    assert.deepEqual(parseFilter(''), []);
  });

  test('what the builder cannot show is left to the text field', () => {
    for (const text of ['a=1 or b=2', 'not a=1', '(a=1)', 'a=1 and', "a='open", 'a b']) {
      assert.equal(parseFilter(text), undefined, text);
    }
  });

  test('round trip: rows → language → rows, and the server parses what the builder writes', () => {
    const value = fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text.trim() === text && !text.includes(',')),
      fc.integer({ min: 0, max: 10_000 }).map(String),
      fc.constantFrom('2020-01-01', 'and', 'null', "O'Brien", 'a b'),
    );
    const row = fc.record({
      field: fc.constantFrom('title', 'releaseDate', 'genres', 'stock'),
      op: fc.constantFrom(...OPERATORS),
      value,
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        const written = toFilter(rows);
        const expected = rows.map((r) => ({
          field: r.field,
          op: r.op,
          value: r.op === 'is null' || r.op === 'is not null' ? '' : r.value,
        }));
        assert.deepEqual(parseFilter(written), expected);
        // The server's own parser reads whatever the builder writes.
        assert.doesNotThrow(() => serverParse(written), written);
      }),
    );
  });

  test("a server error's column points at its row", () => {
    const rows: FilterRow[] = [
      { field: 'title', op: '~', value: 'x' },
      { field: 'titel', op: '=', value: 'y' },
    ];
    // "title~x and titel=y": the second comparison starts at column 13.
    assert.equal(rowOfError(rows, "at 13: unknown field 'titel'"), 1);
    assert.equal(rowOfError(rows, 'at 1: something'), 0);
    assert.equal(rowOfError(rows, 'no column here'), undefined);
  });

  test('values are quoted only when they must be', () => {
    assert.equal(quote('2020-01-01'), '2020-01-01');
    assert.equal(quote('Low Tide'), "'Low Tide'");
    assert.equal(quote('OR'), "'OR'");
    assert.equal(quote("it's"), "'it''s'");
  });
});
