/**
 * The filter builder's rows ↔ the filter language (docs/api.md). The builder handles a conjunction of comparisons
 * (`a=1 and b~'x' and c is null`); anything richer (or, not, parentheses) is edited as text only.
 */
export const OPERATORS = ['=', '!=', '<', '<=', '>', '>=', '~', 'in', 'is null', 'is not null'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface FilterRow {
  field: string;
  op: Operator;
  value: string;
}

const KEYWORDS = new Set(['and', 'et', 'or', 'ou', 'not', 'is', 'null', 'in']);
const BARE = /^[A-Za-z0-9_.:+-]+$/;

/** A value as the language writes it: bare when it can be, else single-quoted with quotes doubled. */
export function quote(value: string): string {
  if (BARE.test(value) && !KEYWORDS.has(value.toLowerCase())) return value;
  return `'${value.replaceAll("'", "''")}'`;
}

function comparison(row: FilterRow): string {
  if (row.op === 'is null' || row.op === 'is not null') return `${row.field} ${row.op}`;
  if (row.op === 'in') {
    const values = row.value
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== '');
    return `${row.field} in (${values.map(quote).join(', ')})`;
  }
  return `${row.field}${row.op}${quote(row.value)}`;
}

/** Whether a row is complete enough to be written. */
export function isComplete(row: FilterRow): boolean {
  if (!row.field) return false;
  return row.op === 'is null' || row.op === 'is not null' || row.value.trim() !== '';
}

/** The rows as one filter: their comparisons joined with `and`. */
export function toFilter(rows: readonly FilterRow[]): string {
  return rows.filter(isComplete).map(comparison).join(' and ');
}

/** The 1-based column span of each complete row in `toFilter(rows)`, to place a server error on its row. */
export function rowSpans(rows: readonly FilterRow[]): { row: number; from: number; to: number }[] {
  const spans: { row: number; from: number; to: number }[] = [];
  let at = 1;
  rows.forEach((row, index) => {
    if (!isComplete(row)) return;
    const text = comparison(row);
    spans.push({ row: index, from: at, to: at + text.length - 1 });
    at += text.length + ' and '.length;
  });
  return spans;
}

interface Token {
  kind: 'word' | 'string' | 'op' | 'punct';
  text: string;
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === c) {
          if (text[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: 'string', text: value });
    } else if ('()'.includes(c) || c === ',') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if ('=!<>~'.includes(c)) {
      const two = text.slice(i, i + 2);
      const op = ['!=', '<=', '>=', '=<', '=>'].includes(two) ? two : c;
      if (op === '!') return undefined;
      tokens.push({ kind: 'op', text: op === '=<' ? '<=' : op === '=>' ? '>=' : op });
      i += op.length;
    } else {
      const match = /^[^\s()'",=!<>~]+/.exec(text.slice(i));
      if (!match) return undefined;
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

/** The rows of a filter the builder can show, or undefined when it is more than a conjunction of comparisons. */
export function parseFilter(text: string): FilterRow[] | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const rows: FilterRow[] = [];
  let i = 0;
  const word = (lower: string) => tokens[i]?.kind === 'word' && tokens[i]?.text.toLowerCase() === lower;
  while (i < tokens.length) {
    const field = tokens[i];
    if (field?.kind !== 'word' || KEYWORDS.has(field.text.toLowerCase())) return undefined;
    i++;
    if (word('is')) {
      i++;
      const negated = word('not');
      if (negated) i++;
      if (!word('null')) return undefined;
      i++;
      rows.push({ field: field.text, op: negated ? 'is not null' : 'is null', value: '' });
    } else if (word('in')) {
      i++;
      if (tokens[i]?.text !== '(' || tokens[i]?.kind !== 'punct') return undefined;
      i++;
      const values: string[] = [];
      for (;;) {
        const value = tokens[i];
        if (!value || (value.kind !== 'word' && value.kind !== 'string')) return undefined;
        values.push(value.text);
        i++;
        if (tokens[i]?.text === ',') {
          i++;
          continue;
        }
        if (tokens[i]?.text === ')') {
          i++;
          break;
        }
        return undefined;
      }
      rows.push({ field: field.text, op: 'in', value: values.join(', ') });
    } else {
      const op = tokens[i];
      const value = tokens[i + 1];
      if (op?.kind !== 'op' || !value || (value.kind !== 'word' && value.kind !== 'string')) return undefined;
      rows.push({ field: field.text, op: op.text as Operator, value: value.text });
      i += 2;
    }
    if (i < tokens.length) {
      if (!word('and') && !word('et')) return undefined;
      i++;
      if (i >= tokens.length) return undefined;
    }
  }
  return rows;
}

/** The 1-based column a filter error names (`at 7: unknown field 'titel'`), if any. */
export function errorColumn(message: string): number | undefined {
  const match = /\bat (\d+):/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** The index of the builder row a server error about `toFilter(rows)` points at. */
export function rowOfError(rows: readonly FilterRow[], message: string): number | undefined {
  const column = errorColumn(message);
  if (column === undefined) return undefined;
  const spans = rowSpans(rows);
  const span = spans.find((candidate) => column >= candidate.from && column <= candidate.to + 4);
  return span?.row ?? spans.at(-1)?.row;
}
