import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequest } from '../../src/errors.ts';
import { compileFilter, type FieldMap, type FilterNode, parseDateTime, parseFilter } from '../../src/lists/filter.ts';

/** A compact rendering of the AST, so precedence is visible in one string. */
function show(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.children.map(show).join(` ${node.kind} `)})`;
    case 'not':
      return `not ${show(node.operand)}`;
    case 'compare':
      return `${node.field}${node.op}${node.value.kind === 'string' ? `'${node.value.text}'` : node.value.kind === 'word' ? node.value.text : `@${node.value.kind}`}`;
    case 'null':
      return `${node.field} is ${node.negated ? 'not ' : ''}null`;
    case 'in':
      return `${node.field} in [${node.values.map((v) => v.text).join('|')}]`;
  }
}

/** Asserts a 400 on the filter whose message starts with `at <column>:`. */
function assertFilterError(fn: () => unknown, column: number, includes?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof BadRequest, `expected BadRequest, got ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.errors?.length, 1);
    const entry = error.errors![0]!;
    assert.equal(entry.path, 'filter');
    assert.match(entry.message, new RegExp(`^at ${column}: `), entry.message);
    assert.ok(error.message.includes(`at ${column}:`), error.message);
    if (includes) assert.ok(entry.message.includes(includes), entry.message);
    return true;
  });
}

const fields: FieldMap = {
  title: { column: 't.title', type: 'string' },
  notes: { column: 't.notes', type: 'text', nullable: true },
  rating: { column: 't.rating', type: 'integer' },
  ownerId: { column: 't.owner_id', type: 'integer', nullable: true },
  active: { column: 't.active', type: 'boolean' },
  status: { column: 't.status', type: 'enum', values: ['draft', 'signed'] },
  releaseDate: { column: 't.release_date', type: 'date' },
  createdAt: { column: 't.created_at', type: 'datetime' },
};
const ctx = { me: 7, now: new Date('2024-06-15T12:00:00.000Z') };
const compile = (input: string, c: { me: number | null; now: Date } = ctx) =>
  compileFilter(parseFilter(input), fields, c);

describe('parseFilter', () => {
  it('binds and tighter than or', () => {
    assert.equal(show(parseFilter('a=1 or b=2 and c=3')), '(a=1 or (b=2 and c=3))');
    assert.equal(show(parseFilter('a=1 and b=2 or c=3')), '((a=1 and b=2) or c=3)');
    assert.equal(show(parseFilter('a=1 and b=2 and c=3 or d=4 or e=5')), '((a=1 and b=2 and c=3) or d=4 or e=5)');
  });

  it('accepts et/ou and keywords in any case', () => {
    assert.equal(show(parseFilter('a=1 ET b=2 Ou c=3')), '((a=1 and b=2) or c=3)');
    assert.equal(show(parseFilter('a=1 AND b=2 OR NOT c IS NOT NULL')), '((a=1 and b=2) or not c is not null)');
  });

  it('parses not and parentheses', () => {
    assert.equal(show(parseFilter('not a=1 and b=2')), '(not a=1 and b=2)');
    assert.equal(show(parseFilter('not (a=1 and b=2)')), 'not (a=1 and b=2)');
    assert.equal(show(parseFilter('(a=1 or b=2) and c=3')), '((a=1 or b=2) and c=3)');
    assert.equal(show(parseFilter('((((a=1))))')), 'a=1');
    assert.equal(show(parseFilter('not not a=1')), 'not not a=1');
  });

  it('parses in and is [not] null', () => {
    assert.equal(show(parseFilter('status in (draft, "signed",3)')), 'status in [draft|signed|3]');
    assert.equal(show(parseFilter('x in(1)')), 'x in [1]');
    assert.equal(show(parseFilter('x is null')), 'x is null');
    assert.equal(show(parseFilter('x is not null')), 'x is not null');
  });

  it('parses every operator, with or without spaces', () => {
    const cases: [string, string][] = [
      ['=', '='],
      ['!=', '!='],
      ['<', '<'],
      ['<=', '<='],
      ['=<', '<='],
      ['>', '>'],
      ['>=', '>='],
      ['=>', '>='],
      ['~', '~'],
    ];
    for (const [written, op] of cases) {
      assert.equal(show(parseFilter(`n${written}5`)), `n${op}5`);
      assert.equal(show(parseFilter(`n ${written} 5`)), `n${op}5`);
    }
  });

  it('reads quoted strings, doubled quotes and keywords as values', () => {
    assert.equal(show(parseFilter(`t = 'it''s'`)), `t='it's'`);
    assert.equal(show(parseFilter(`t = "say ""hi"""`)), `t='say "hi"'`);
    assert.equal(show(parseFilter(`t = "it's"`)), `t='it's'`);
    assert.equal(show(parseFilter(`t = 'a and b or (c)'`)), `t='a and b or (c)'`);
    assert.equal(show(parseFilter(`t = ''`)), `t=''`);
    assert.equal(show(parseFilter(`t = 'and'`)), `t='and'`);
    assert.equal(show(parseFilter('t = me')), 't=@me');
    assert.equal(show(parseFilter('t = TODAY and u < Now')), '(t=@today and u<@now)');
    assert.equal(show(parseFilter(`t = 'me'`)), `t='me'`);
    assert.equal(show(parseFilter('d >= 2024-01-31T10:00:00+02:00')), 'd>=2024-01-31T10:00:00+02:00');
    assert.equal(show(parseFilter('n = -5.5')), 'n=-5.5');
    assert.equal(show(parseFilter('e = a@b.example')), 'e=a@b.example');
  });

  it('names the column of each error', () => {
    assertFilterError(() => parseFilter(''), 1, 'expected a field name');
    assertFilterError(() => parseFilter('title = '), 9, 'expected a value, found end of filter');
    assertFilterError(() => parseFilter("title == 'x'"), 7, "unknown operator '=='");
    assertFilterError(() => parseFilter('title <> 1'), 7, "unknown operator '<>'");
    assertFilterError(() => parseFilter('a ! 1'), 3, "unknown operator '!'");
    assertFilterError(() => parseFilter("title = 'abc"), 9, 'unterminated string');
    assertFilterError(() => parseFilter('a = "x""'), 5, 'unterminated string');
    assertFilterError(() => parseFilter('(rating = 1'), 12, "expected ')'");
    assertFilterError(() => parseFilter('rating = 1 )'), 12, "unexpected ')'");
    assertFilterError(() => parseFilter('rating = 1 rating = 2'), 12, "unexpected 'rating'");
    assertFilterError(() => parseFilter('rating in ()'), 12, 'expected a value');
    assertFilterError(() => parseFilter('rating in (1 2)'), 14, "expected ',' or ')'");
    assertFilterError(() => parseFilter('rating in 1'), 11, "expected '('");
    assertFilterError(() => parseFilter('rating is nul'), 11, "expected 'null'");
    assertFilterError(() => parseFilter('rating = null'), 10, 'is null');
    assertFilterError(() => parseFilter('rating and'), 8, 'expected an operator');
    assertFilterError(() => parseFilter('a = 1 and or b = 2'), 11, 'expected a field name');
    assertFilterError(() => parseFilter('a = 1 and'), 10, 'expected a field name, found end of filter');
    assertFilterError(() => parseFilter("'a' = 1"), 1, 'expected a field name');
    assertFilterError(() => parseFilter('a = x\u0000y'), 6, 'control characters');
  });

  it('names the column of type errors', () => {
    assertFilterError(() => compile('foo = 1'), 1, "unknown field 'foo'");
    assertFilterError(() => compile('rating = 1 and constructor = 1'), 16, "unknown field 'constructor'");
    assertFilterError(() => compile('rating = abc'), 10, 'needs an integer');
    assertFilterError(() => compile('rating = 1.5'), 10, 'needs an integer');
    assertFilterError(() => compile('rating = 99999999999'), 10, 'out of range');
    assertFilterError(() => compile('rating ~ 1'), 8, "'~' works only on text");
    assertFilterError(() => compile('active < true'), 8, "'<' does not apply");
    assertFilterError(() => compile('notes > a'), 7, "'>' does not apply");
    assertFilterError(() => compile('notes in (a)'), 1, 'supports only');
    assertFilterError(() => compile('active = yes'), 10, 'true or false');
    assertFilterError(() => compile('status = archived'), 10, 'one of draft, signed');
    assertFilterError(() => compile('releaseDate = 2024-02-30'), 15, 'needs a date');
    assertFilterError(() => compile('createdAt > 2024-01-01T25:00:00Z'), 13, 'date-time');
    assertFilterError(() => compile('title is null'), 1, 'never null');
    assertFilterError(() => compile('title = me'), 9, 'quote it');
    assertFilterError(() => compile('title ~ today'), 9, 'quote it');
    assertFilterError(() => compile('rating = today'), 10, 'needs an integer');
    assertFilterError(() => compile('ownerId = me', { me: null, now: ctx.now }), 11, "'me' needs a signed-in user");
    assertFilterError(() => compile('ownerId in (1, me)', { me: null, now: ctx.now }), 16, "'me'");
  });

  it('accepts well-typed comparisons', () => {
    for (const input of [
      'title ~ x and title < m and title = "a b"',
      'notes ~ "{" or notes = x or notes is not null',
      'rating >= -3 and rating in (1, 2, +3) and ownerId = me and ownerId is null',
      'active = TRUE or active != false or active in (true)',
      'status in (draft, signed) and status ~ dra and status > draft',
      'releaseDate = today and releaseDate < now and releaseDate >= 2024-02-29',
      'createdAt < now and createdAt >= today and createdAt > 2024-01-01 and createdAt < "2024-01-01 10:00"',
    ]) {
      assert.equal(typeof compile(input), 'function', input);
    }
  });

  it('normalises datetimes to UTC ISO', () => {
    assert.equal(parseDateTime('2024-01-31T10:00:00+02:00'), '2024-01-31T08:00:00.000Z');
    assert.equal(parseDateTime('2024-01-31T10:00Z'), '2024-01-31T10:00:00.000Z');
    assert.equal(parseDateTime('2024-01-31 10:00:00.123456'), '2024-01-31T10:00:00.123Z');
    assert.equal(parseDateTime('2024-01-31T10:00:00-0530'), '2024-01-31T15:30:00.000Z');
    assert.equal(parseDateTime('2023-02-29T10:00:00Z'), null);
    assert.equal(parseDateTime('2024-01-31T10:60:00Z'), null);
    assert.equal(parseDateTime('yesterday'), null);
  });

  it('enforces the limits', () => {
    const comparisons = (n: number) => Array.from({ length: n }, (_, i) => `a${i}=1`).join(' or ');
    assert.doesNotThrow(() => parseFilter(comparisons(32)));
    const over = comparisons(33);
    assertFilterError(() => parseFilter(over), over.lastIndexOf('a32') + 1, 'more than 32 comparisons');
    const inList = (n: number) => `a in (${Array.from({ length: n }, (_, i) => i).join(',')})`;
    assert.doesNotThrow(() => parseFilter(inList(100)));
    assertFilterError(() => parseFilter(inList(101)), inList(100).length, 'more than 100 values');
    assert.doesNotThrow(() => parseFilter(`${'('.repeat(64)}a=1${')'.repeat(64)}`));
    assertFilterError(() => parseFilter(`${'('.repeat(65)}a=1${')'.repeat(65)}`), 65, 'nested');
    assertFilterError(() => parseFilter(`${'not '.repeat(200)}a=1`), 257, 'nested');
    assertFilterError(() => parseFilter('('.repeat(1000)), 65, 'nested');
    assert.doesNotThrow(() => parseFilter(`t = '${'x'.repeat(994)}'`));
    assertFilterError(() => parseFilter(`t = '${'x'.repeat(995)}'`), 1001, 'longer than 1000');
    assertFilterError(() => parseFilter('('.repeat(100_000)), 1001, 'longer than 1000');
  });
});
