/**
 * The filter language of every list (SPEC §6): a tokenizer, a recursive-descent parser producing an AST, and a
 * compiler from that AST to a Kysely expression in which every user value is a bound parameter.
 *
 * Semantics, chosen to stay plain SQL on SQLite, PostgreSQL and MySQL alike:
 * - `!=`, `<`, `>`, … follow SQL: a NULL column matches none of them (`x != 3` does not return rows where x is null;
 *   write `x != 3 or x is null` for that).
 * - `~` is "contains, ignoring case": `lower(col) like lower('%value%') escape '!'`, with `!`, `%` and `_` of the value
 *   escaped; both sides go through the database's own `lower()` so they are folded the same way.
 * - Keywords (and/et, or/ou, not, is, null, in, me, today, now, true/false values) are case-insensitive; quoting a
 *   word ('me', "and") makes it plain text. Inside quotes the quote character is written twice: 'it''s'.
 * - `today` is the current UTC date (midnight UTC on a datetime field); `now` is the current instant.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { BadRequest } from '../errors.ts';
import { escapes, type TextCondition, textIndexOf } from './text-index.ts';

export type FieldType = 'string' | 'text' | 'integer' | 'boolean' | 'date' | 'datetime' | 'enum';

export interface FieldSpec {
  /** SQL column reference such as `movies.title`; trusted, never user input. */
  column: string;
  type: FieldType;
  /** Allowed values of an `enum` field. */
  values?: readonly string[];
  nullable?: boolean;
  /** An `integer` column that is 64-bit: accept values up to ±(2^53 − 1) instead of the 32-bit range. */
  bigint?: boolean;
}

/** Filterable fields, keyed by their JSON field name. */
export type FieldMap = Record<string, FieldSpec>;

export interface FilterContext {
  /** The caller's user id, or null when the caller is not a user (then `me` is refused). */
  me: number | null;
  now: Date;
  /** The database the query goes to: on SQLite, text search uses the FTS5 indexes (text-index.ts). */
  dialect?: Dialect;
  /** Every text condition of the plan (`~`, `q`) is added here, so its path can be chosen before the query is built. */
  texts?: TextCondition[];
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~';

/** A value as written: `word` is a bareword, `string` a quoted text; me/today/now are the keywords. */
export interface ValueNode {
  kind: 'word' | 'string' | 'me' | 'today' | 'now';
  text: string;
  /** 1-based column of the value in the filter text. */
  pos: number;
}

export type FilterNode =
  | { kind: 'and'; children: FilterNode[] }
  | { kind: 'or'; children: FilterNode[] }
  | { kind: 'not'; operand: FilterNode; pos: number }
  | { kind: 'compare'; field: string; pos: number; op: CompareOp; opPos: number; value: ValueNode }
  | { kind: 'null'; field: string; pos: number; negated: boolean }
  | { kind: 'in'; field: string; pos: number; values: ValueNode[] };

/** A filter ready for `query.where(…)` on any table of any database type. */
export type FilterFactory = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool>;

export const MAX_FILTER_LENGTH = 1000;
export const MAX_COMPARISONS = 32;
export const MAX_DEPTH = 64;
export const MAX_IN_VALUES = 100;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** A 400 about the filter, naming the 1-based column where the problem is. */
function filterError(pos: number, message: string): BadRequest {
  const detail = `at ${pos}: ${message}`;
  return new BadRequest(`Invalid filter ${detail}`, [{ path: 'filter', message: detail }]);
}

// ---------------------------------------------------------------------------------------------------------------
// Tokenizer

type Token =
  | { kind: 'word'; text: string; pos: number }
  | { kind: 'string'; text: string; pos: number }
  | { kind: 'op'; text: string; pos: number }
  | { kind: '(' | ')' | ',' | 'eof'; text: string; pos: number };

const OPERATORS: Record<string, CompareOp> = {
  '=': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '=<': '<=',
  '>': '>',
  '>=': '>=',
  '=>': '>=',
  '~': '~',
};
const OPERATOR_CHARS = '=!<>~';
/** Characters that end a bareword. */
const DELIMITERS = `()," '${OPERATOR_CHARS}`;

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

// NUL and other control characters would reach the database (PostgreSQL refuses NUL in text), so refuse them here.
function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (code < 0x20 && !isSpace(ch)) || code === 0x7f;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    const pos = i + 1;
    if (isSpace(ch)) {
      i++;
    } else if (isControl(ch)) {
      throw filterError(pos, 'control characters are not allowed');
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, pos });
      i++;
    } else if (OPERATOR_CHARS.includes(ch)) {
      let j = i;
      while (j < input.length && OPERATOR_CHARS.includes(input[j]!)) j++;
      const text = input.slice(i, j);
      if (!Object.hasOwn(OPERATORS, text)) throw filterError(pos, `unknown operator '${text}'`);
      tokens.push({ kind: 'op', text, pos });
      i = j;
    } else if (ch === "'" || ch === '"') {
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= input.length) throw filterError(pos, 'unterminated string');
        const c = input[j]!;
        if (c === ch) {
          // A doubled quote stands for one quote character inside the string.
          if (input[j + 1] === ch) {
            text += ch;
            j += 2;
            continue;
          }
          j++;
          break;
        }
        if (isControl(c)) throw filterError(j + 1, 'control characters are not allowed');
        text += c;
        j++;
      }
      tokens.push({ kind: 'string', text, pos });
      i = j;
    } else {
      let j = i;
      while (j < input.length && !DELIMITERS.includes(input[j]!) && !isSpace(input[j]!)) {
        if (isControl(input[j]!)) throw filterError(j + 1, 'control characters are not allowed');
        j++;
      }
      tokens.push({ kind: 'word', text: input.slice(i, j), pos });
      i = j;
    }
  }
  tokens.push({ kind: 'eof', text: '', pos: input.length + 1 });
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------------
// Parser

const KEYWORDS = new Set(['and', 'et', 'or', 'ou', 'not', 'is', 'null', 'in', 'me', 'today', 'now']);

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of filter';
    case 'string':
      return 'a quoted string';
    default:
      return `'${token.text}'`;
  }
}

class Parser {
  readonly tokens: Token[];
  index = 0;
  comparisons = 0;

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  peek(): Token {
    return this.tokens[this.index]!;
  }

  next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** Whether the next token is the bareword keyword `kw` (one of its spellings). */
  atKeyword(...kw: string[]): boolean {
    const token = this.peek();
    return token.kind === 'word' && kw.includes(token.text.toLowerCase());
  }

  expr(depth: number): FilterNode {
    const children = [this.term(depth)];
    while (this.atKeyword('or', 'ou')) {
      this.next();
      children.push(this.term(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  term(depth: number): FilterNode {
    const children = [this.factor(depth)];
    while (this.atKeyword('and', 'et')) {
      this.next();
      children.push(this.factor(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  factor(depth: number): FilterNode {
    const token = this.peek();
    const nests = token.kind === '(' || this.atKeyword('not');
    // Bounding the depth keeps `((((…` from exhausting the stack of this parser and of the SQL compiler.
    if (nests && depth >= MAX_DEPTH) throw filterError(token.pos, `nested more than ${MAX_DEPTH} levels deep`);
    if (this.atKeyword('not')) {
      this.next();
      return { kind: 'not', operand: this.factor(depth + 1), pos: token.pos };
    }
    if (token.kind === '(') {
      this.next();
      const inner = this.expr(depth + 1);
      const close = this.next();
      if (close.kind !== ')') throw filterError(close.pos, `expected ')', found ${describe(close)}`);
      return inner;
    }
    return this.comparison();
  }

  comparison(): FilterNode {
    const field = this.next();
    if (field.kind !== 'word' || KEYWORDS.has(field.text.toLowerCase())) {
      throw filterError(field.pos, `expected a field name, found ${describe(field)}`);
    }
    this.comparisons++;
    if (this.comparisons > MAX_COMPARISONS) {
      throw filterError(field.pos, `more than ${MAX_COMPARISONS} comparisons`);
    }
    const after = this.next();
    if (after.kind === 'op') {
      return {
        kind: 'compare',
        field: field.text,
        pos: field.pos,
        op: OPERATORS[after.text]!,
        opPos: after.pos,
        value: this.value(),
      };
    }
    const word = after.kind === 'word' ? after.text.toLowerCase() : '';
    if (word === 'is') {
      let negated = false;
      if (this.atKeyword('not')) {
        this.next();
        negated = true;
      }
      const nul = this.next();
      if (nul.kind !== 'word' || nul.text.toLowerCase() !== 'null') {
        throw filterError(nul.pos, `expected 'null', found ${describe(nul)}`);
      }
      return { kind: 'null', field: field.text, pos: field.pos, negated };
    }
    if (word === 'in') {
      const open = this.next();
      if (open.kind !== '(') throw filterError(open.pos, `expected '(', found ${describe(open)}`);
      const values = [this.value()];
      for (;;) {
        const sep = this.next();
        if (sep.kind === ')') break;
        if (sep.kind !== ',') throw filterError(sep.pos, `expected ',' or ')', found ${describe(sep)}`);
        if (values.length >= MAX_IN_VALUES) throw filterError(sep.pos, `more than ${MAX_IN_VALUES} values in a list`);
        values.push(this.value());
      }
      return { kind: 'in', field: field.text, pos: field.pos, values };
    }
    throw filterError(after.pos, `expected an operator, 'is' or 'in', found ${describe(after)}`);
  }

  value(): ValueNode {
    const token = this.next();
    if (token.kind === 'string') return { kind: 'string', text: token.text, pos: token.pos };
    if (token.kind === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'me' || lower === 'today' || lower === 'now')
        return { kind: lower, text: token.text, pos: token.pos };
      if (lower === 'null') throw filterError(token.pos, "use 'is null' or 'is not null' to test for null");
      if (KEYWORDS.has(lower))
        throw filterError(token.pos, `expected a value, found '${token.text}' (quote it to use it as text)`);
      return { kind: 'word', text: token.text, pos: token.pos };
    }
    throw filterError(token.pos, `expected a value, found ${describe(token)}`);
  }
}

/** Parses a filter into its AST; every problem is a BadRequest (path `filter`) naming the 1-based column. */
export function parseFilter(input: string): FilterNode {
  if (input.length > MAX_FILTER_LENGTH) {
    throw filterError(MAX_FILTER_LENGTH + 1, `the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  }
  const parser = new Parser(tokenize(input));
  const node = parser.expr(0);
  const rest = parser.peek();
  if (rest.kind !== 'eof') throw filterError(rest.pos, `unexpected ${describe(rest)}`);
  return node;
}

// ---------------------------------------------------------------------------------------------------------------
// Type checking and compilation

type SqlOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
type Scalar = string | number;

/** The filter after type checking: only trusted columns and already-typed values remain. */
type Checked =
  | { kind: 'and' | 'or'; children: Checked[] }
  | { kind: 'not'; operand: Checked }
  | { kind: 'cmp'; column: string; op: SqlOp; value: Scalar }
  | { kind: 'like'; text: TextCondition }
  | { kind: 'null'; column: string; negated: boolean }
  | { kind: 'in'; column: string; values: Scalar[] };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM-DD` if `text` is a real calendar date. */
export function parseDate(text: string): string | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? text : null;
}

/** The canonical UTC ISO form (`…T…sssZ`) of an ISO 8601 datetime, or null; no zone means UTC. */
export function parseDateTime(text: string): string | null {
  const m = DATETIME_RE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone = 'Z'] = m;
  if (!validDay(Number(y), Number(mo), Number(d))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  let offset = zone.toUpperCase();
  if (offset !== 'Z') {
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(-2));
    if (oh > 23 || om > 59) return null;
    offset = `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  }
  // Milliseconds are all the precision stored; extra fraction digits are cut so Date parses every form alike.
  const ms = frac.padEnd(3, '0').slice(0, 3);
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString();
}

/** Escapes `~` text for `like … escape '!'`; that escape character behaves the same on all three databases. */
function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, '!$&')}%`;
}

function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function checkValue(value: ValueNode, field: string, spec: FieldSpec, ctx: FilterContext): Scalar {
  const bad = (message: string): never => {
    throw filterError(value.pos, message);
  };
  const keyword = value.kind === 'me' || value.kind === 'today' || value.kind === 'now';
  switch (spec.type) {
    case 'integer': {
      if (value.kind === 'me') {
        if (ctx.me === null) bad("'me' needs a signed-in user");
        return ctx.me!;
      }
      if (keyword || !/^[+-]?\d+$/.test(value.text)) return bad(`${field} needs an integer, not '${value.text}'`);
      const n = Number(value.text);
      const ok = spec.bigint ? Number.isSafeInteger(n) : n >= INT32_MIN && n <= INT32_MAX;
      if (!ok) bad(`${field}: ${value.text} is out of range`);
      return n;
    }
    case 'boolean': {
      const lower = value.text.toLowerCase();
      if (!keyword && lower === 'true') return 1;
      if (!keyword && lower === 'false') return 0;
      return bad(`${field} needs true or false, not '${value.text}'`);
    }
    case 'date': {
      if (value.kind === 'today' || value.kind === 'now') return todayOf(ctx.now);
      const date = keyword ? null : parseDate(value.text);
      return date ?? bad(`${field} needs a date YYYY-MM-DD, 'today' or 'now', not '${value.text}'`);
    }
    case 'datetime': {
      if (value.kind === 'today') return `${todayOf(ctx.now)}T00:00:00.000Z`;
      if (value.kind === 'now') return ctx.now.toISOString();
      const date = keyword ? null : parseDate(value.text);
      if (date) return `${date}T00:00:00.000Z`;
      const datetime = keyword ? null : parseDateTime(value.text);
      return datetime ?? bad(`${field} needs an ISO 8601 date-time, 'today' or 'now', not '${value.text}'`);
    }
    case 'enum': {
      const values = spec.values ?? [];
      if (!keyword && values.includes(value.text)) return value.text;
      return bad(`${field} is one of ${values.join(', ')}, not '${value.text}'`);
    }
    default: {
      if (keyword) bad(`${field} needs text, not '${value.text}' (quote it to use it as text)`);
      return value.text;
    }
  }
}

function lookup(fields: FieldMap, name: string, pos: number): FieldSpec {
  // hasOwn keeps names such as `constructor` or `__proto__` from reaching Object.prototype.
  if (!Object.hasOwn(fields, name)) {
    const known = Object.keys(fields).join(', ');
    throw filterError(pos, `unknown field '${name}'${known ? ` (fields: ${known})` : ''}`);
  }
  return fields[name]!;
}

function check(node: FilterNode, fields: FieldMap, ctx: FilterContext): Checked {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((child) => check(child, fields, ctx)) };
    case 'not':
      return { kind: 'not', operand: check(node.operand, fields, ctx) };
    case 'null': {
      const spec = lookup(fields, node.field, node.pos);
      if (!spec.nullable) throw filterError(node.pos, `${node.field} is never null`);
      return { kind: 'null', column: spec.column, negated: node.negated };
    }
    case 'in': {
      const spec = lookup(fields, node.field, node.pos);
      if (spec.type === 'text') throw filterError(node.pos, `${node.field} supports only ~, =, != and is null`);
      return { kind: 'in', column: spec.column, values: node.values.map((v) => checkValue(v, node.field, spec, ctx)) };
    }
    case 'compare': {
      const spec = lookup(fields, node.field, node.pos);
      const { op } = node;
      if (op === '~') {
        if (spec.type !== 'string' && spec.type !== 'text' && spec.type !== 'enum') {
          throw filterError(node.opPos, `'~' works only on text fields, not on ${node.field}`);
        }
        if (node.value.kind !== 'word' && node.value.kind !== 'string') {
          throw filterError(node.value.pos, `'~' needs text, not '${node.value.text}' (quote it to use it as text)`);
        }
        return { kind: 'like', text: textCondition(spec.column, node.value.text, ctx) };
      }
      if (op !== '=' && op !== '!=' && (spec.type === 'boolean' || spec.type === 'text')) {
        throw filterError(node.opPos, `'${op}' does not apply to ${node.field}`);
      }
      return { kind: 'cmp', column: spec.column, op, value: checkValue(node.value, node.field, spec, ctx) };
    }
  }
}

function build<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  node: Checked,
  dialect: Dialect | undefined,
): Expression<SqlBool> {
  switch (node.kind) {
    case 'and':
      return eb.and(node.children.map((child) => build(eb, child, dialect)));
    case 'or':
      return eb.or(node.children.map((child) => build(eb, child, dialect)));
    case 'not':
      return eb.not(build(eb, node.operand, dialect));
    case 'cmp':
      return eb(sql.ref(node.column), node.op, node.value);
    case 'in':
      return eb(sql.ref(node.column), 'in', node.values);
    case 'null':
      return eb(sql.ref(node.column), node.negated ? 'is not' : 'is', null);
    case 'like':
      return containsExpression(node.text, dialect);
  }
}

/**
 * `lower(column) like lower(pattern) escape '!'`; the pattern is a bound parameter (see containsPattern). PostgreSQL
 * answers it from a trigram index on `lower(column)`. On SQLite a column with an FTS5 trigram index is searched
 * through it instead, with the same meaning (contains; ASCII letters in either case, as SQLite's LIKE and lower()).
 */
export function containsExpression(text: TextCondition, dialect?: Dialect): Expression<SqlBool> {
  const { column, pattern } = text;
  const index = dialect === 'sqlite' && !text.scan ? textIndexOf(column) : undefined;
  if (index) {
    // FTS5 uses its index for LIKE without ESCAPE only; a pattern with escaped characters is checked row by row.
    const escapeClause = escapes(pattern) ? sql` escape '!'` : sql``;
    return sql<SqlBool>`${sql.ref(index.id)} in (select rowid from ${sql.raw(index.table)} where ${sql.raw(index.column)} like ${pattern}${escapeClause})`;
  }
  // A common text on PostgreSQL: the same test written with `strpos`, which the trigram index cannot serve, so that the
  // list's order drives the query instead. The planner estimates it true for a third of the rows (what a common text
  // is), so it expects the page to fill soon and reads the order's index in one process; a LIKE on an expression it
  // has no statistics for is estimated rare, and was read by parallel workers that took 7–9 ms to start.
  if (text.scan && dialect === 'postgres')
    return sql<SqlBool>`strpos(lower(${sql.ref(column)}), lower(${text.text})) > 0`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${pattern}) escape '!'`;
}

/** A text condition of a plan, registered in the context so that chooseTextPaths can decide how to run it. */
export function textCondition(column: string, text: string, ctx: Pick<FilterContext, 'texts'>): TextCondition {
  const condition: TextCondition = { column, text, pattern: containsPattern(text), scan: false };
  ctx.texts?.push(condition);
  return condition;
}

/**
 * Type-checks a parsed filter against the resource's fields (throwing BadRequest now, not when the query is built)
 * and returns the callback to hand to `query.where(…)`.
 */
export function compileFilter(node: FilterNode, fields: FieldMap, ctx: FilterContext): FilterFactory {
  const checked = check(node, fields, ctx);
  return (eb) => build(eb, checked, ctx.dialect);
}

/** parseFilter + compileFilter; undefined when there is no filter (absent or blank). */
export function filterExpression(
  input: string | undefined,
  fields: FieldMap,
  ctx: FilterContext,
): FilterFactory | undefined {
  if (input === undefined || input.trim() === '') return undefined;
  return compileFilter(parseFilter(input), fields, ctx);
}
