import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { BadRequest } from '../../src/errors.ts';
import { compileFilter, type FieldMap, parseFilter } from '../../src/lists/filter.ts';
import { createItems, dropTable, type TestDB, testDatabases, uniqueTable } from './db.ts';

const ctx = { me: 7, now: new Date('2024-06-15T12:00:00.000Z') };

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

/** Anything parseFilter/compileFilter throw must be a 400 on `filter` naming a column inside the input (or just past it). */
function assertOnlyBadRequest(input: string, fields: FieldMap): void {
  try {
    compileFilter(parseFilter(input), fields, ctx);
  } catch (error) {
    assert.ok(error instanceof BadRequest, `${JSON.stringify(input)} threw ${String(error)}`);
    const entry = error.errors?.[0];
    assert.equal(entry?.path, 'filter');
    const m = /^at (\d+): ./.exec(entry.message);
    assert.ok(m, entry.message);
    const column = Number(m[1]);
    assert.ok(
      column >= 1 && column <= Math.min(input.length, 1000) + 1,
      `${entry.message} for ${JSON.stringify(input)}`,
    );
  }
}

const TOKENS = [
  'and',
  'or',
  'et',
  'ou',
  'not',
  'NOT',
  'is',
  'null',
  'in',
  'me',
  'today',
  'now',
  '(',
  ')',
  ',',
  '=',
  '!=',
  '<',
  '<=',
  '=<',
  '>',
  '>=',
  '=>',
  '~',
  '!',
  '==',
  '<>',
  "'",
  '"',
  "'it''s'",
  '"x"',
  'title',
  'notes',
  'rating',
  'ownerId',
  'active',
  'status',
  'releaseDate',
  'createdAt',
  'constructor',
  '__proto__',
  'true',
  'false',
  'draft',
  '5',
  '-3',
  '99999999999',
  '1.5',
  '2024-06-15',
  '2024-02-30',
  '2024-06-15T10:00:00Z',
  '%',
  '_',
  '\\',
  '\u0000',
  ';',
  '--',
];

/** Values that have broken naive SQL builders. */
const NASTY = [
  "'",
  '"',
  "''",
  '""',
  ';',
  '--',
  '/*',
  '*/',
  '\\',
  "\\'",
  "' or 1=1 --",
  '"; drop table x; --',
  'DROP TABLE items',
  'select * from users',
  '%',
  '_',
  '!',
  '!%',
  '$1',
  '?',
  ':name',
  'and',
  'OR',
  'null',
  'NULL',
  'me',
  '\t\n',
  'é',
  '😀',
];

/** Drops the control characters the filter refuses (tab, newline and return are fine). */
function withoutRefusedControls(value: string): string {
  return [...value]
    .filter((ch) => (ch >= ' ' && ch !== '\u007f') || ch === '\t' || ch === '\n' || ch === '\r')
    .join('');
}

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  // any code point, short of the control characters the filter refuses
  fc.string({ unit: 'binary', maxLength: 8 }).map(withoutRefusedControls),
  fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')),
);

/** A filter as pieces: fixed syntax, and string values that are quoted when rendered. */
type Piece = string | { value: string };

const quote = (value: string, q: "'" | '"') => `${q}${value.replaceAll(q, q + q)}${q}`;
const quoteChar = fc.constantFrom<"'" | '"'>("'", '"');
const anyOp = fc.constantFrom('=', '!=', '<', '<=', '=<', '>', '>=', '=>');

const comparison: fc.Arbitrary<Piece[]> = fc.oneof(
  fc
    .tuple(fc.constantFrom('title', 'notes', 'status'), fc.constantFrom('=', '!=', '~'), text)
    .filter(([field, op]) => field !== 'status' || op === '~')
    .map(([field, op, value]) => [`${field} ${op} `, { value }]),
  fc.tuple(anyOp, text).map(([op, value]) => [`title ${op} `, { value }]),
  fc.array(text, { minLength: 1, maxLength: 5 }).map((values) => {
    const pieces: Piece[] = ['title in ('];
    for (const [i, value] of values.entries()) pieces.push(i ? ', ' : '', { value });
    return [...pieces, ')'];
  }),
  fc.tuple(anyOp, fc.integer({ min: -2147483648, max: 2147483647 })).map(([op, n]) => [`rating ${op} ${n}`]),
  fc.tuple(anyOp, fc.constantFrom('me', '7', '-1')).map(([op, v]) => [`ownerId ${op} ${v}`]),
  fc
    .tuple(fc.constantFrom('=', '!='), fc.constantFrom('true', 'FALSE', 'True'))
    .map(([op, v]) => [`active ${op} ${v}`]),
  fc.constantFrom('draft', 'signed', 'archived').map((v) => [`status = ${v}`]),
  fc
    .tuple(anyOp, fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }))
    .map(([op, d]) => [`createdAt ${op} ${d.toISOString()}`]),
  fc.tuple(anyOp, fc.constantFrom('today', 'now', '2024-02-29')).map(([op, v]) => [`releaseDate ${op} ${v}`]),
  fc.tuple(fc.constantFrom('ownerId', 'notes'), fc.boolean()).map(([f, not]) => [`${f} is ${not ? 'not ' : ''}null`]),
);

const filterTree: fc.Arbitrary<Piece[]> = fc.letrec<{ node: Piece[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc
      .tuple(tie('node'), fc.constantFrom(' and ', ' or ', ' ET ', ' ou '), tie('node'))
      .map(([a, op, b]) => [...a, op, ...b]),
    tie('node').map((a) => ['not ', ...a]),
    tie('node').map((a) => ['(', ...a, ')']),
  ),
})).node;

/** Pieces with their quote characters chosen once, so a filter renders the same apart from its values. */
const filterCase = filterTree.chain((pieces) =>
  fc
    .tuple(
      ...pieces.map((p) => (typeof p === 'string' ? fc.constant(p) : quoteChar.map((q) => ({ value: p.value, q })))),
    )
    .map((resolved) => resolved as (string | { value: string; q: "'" | '"' })[]),
);

function render(pieces: (string | { value: string; q: "'" | '"' })[], replace?: string): string {
  return pieces.map((p) => (typeof p === 'string' ? p : quote(replace ?? p.value, p.q))).join('');
}

describe('filter properties', () => {
  const fields = fieldsOf('t');

  it('arbitrary strings only ever give BadRequest', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (input) =>
        assertOnlyBadRequest(input, fields),
      ),
      { numRuns: 3000 },
    );
  });

  it('strings of grammar tokens only ever give BadRequest', () => {
    const tokens = fc.array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom('', ' ', '  ')), { maxLength: 40 });
    fc.assert(
      fc.property(tokens, (parts) => assertOnlyBadRequest(parts.map(([t, s]) => t + s).join(''), fields)),
      { numRuns: 5000 },
    );
  });

  it('very long and deeply nested inputs only ever give BadRequest', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('(', 'not ', '((a=1) or ', 'a=1 and ', "'"),
        fc.integer({ min: 1, max: 3000 }),
        (unit, n) => assertOnlyBadRequest(unit.repeat(n), fields),
      ),
      { numRuns: 300 },
    );
  });
});

for (const database of testDatabases()) {
  describe(`generated filters on ${database.name}`, () => {
    let db: Kysely<TestDB>;
    const table = uniqueTable('lists_prop');
    const fields = fieldsOf(table);

    before(async () => {
      db = database.open();
      await createItems(db, table, [
        {
          id: 1,
          title: "it's -- ; \\ %_!",
          notes: null,
          rating: 1,
          owner_id: 7,
          active: 1,
          status: 'draft',
          release_date: '2024-06-15',
          created_at: '2024-06-15T12:00:00.000Z',
        },
      ]);
    });
    after(async () => {
      await dropTable(db, table);
      await db.destroy();
    });

    it('values reach SQL only as parameters, and every generated filter runs', async () => {
      await fc.assert(
        fc.asyncProperty(filterCase, async (pieces) => {
          const input = render(pieces);
          fc.pre(input.length <= 1000);
          const values = pieces.flatMap((p) => (typeof p === 'string' ? [] : [p.value]));
          const query = (filter: string) =>
            db
              .selectFrom(table)
              .select('id')
              .where(compileFilter(parseFilter(filter), fields, ctx));
          const compiled = query(input).compile();
          // The SQL text is the same whatever the values are: they cannot have been spliced into it.
          const baseline = query(render(pieces, 'v')).compile();
          assert.equal(compiled.sql, baseline.sql);
          assert.equal(compiled.parameters.length, baseline.parameters.length);
          for (const value of values) {
            if (value.length >= 3 && !baseline.sql.includes(value)) assert.ok(!compiled.sql.includes(value), value);
          }
          await query(input).execute();
        }),
        { numRuns: database.name === 'sqlite' ? 500 : 100 },
      );
    });
  });
}
