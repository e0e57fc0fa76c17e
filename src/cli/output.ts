import { ApiError, CliError, EXIT, type ExitCode } from './errors.ts';

const MAX_CELL = 40;
/** Shown after the other columns, since they say little about the item. */
const LAST = ['createdAt', 'updatedAt', 'version'];

type Row = Record<string, unknown>;

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colours(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

function paint(stream: NodeJS.WriteStream, code: string, text: string): string {
  return colours(stream) ? `\x1b[${code}m${text}\x1b[0m` : text;
}

export const bold = (stream: NodeJS.WriteStream, text: string) => paint(stream, '1', text);
export const dim = (stream: NodeJS.WriteStream, text: string) => paint(stream, '2', text);
const red = (stream: NodeJS.WriteStream, text: string) => paint(stream, '31', text);

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Scalars, and lists of scalars (genres, roles), fit in a cell; objects and lists of objects do not. */
function fitsCell(value: unknown): boolean {
  return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}

function cell(value: unknown, limit = MAX_CELL): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (Array.isArray(value)) text = value.map((v) => cell(v, Number.POSITIVE_INFINITY)).join(', ');
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  text = text.replace(/\s+/g, ' ');
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function columnsOf(rows: Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) if (fitsCell(value)) seen.add(key);
  }
  const keys = [...seen];
  const first = keys.filter((k) => k === 'id');
  const last = LAST.filter((k) => seen.has(k));
  return [...first, ...keys.filter((k) => k !== 'id' && !LAST.includes(k)), ...last];
}

/** A table of the rows' scalar fields, id first, long cells cut. */
export function renderTable(rows: Row[], stream: NodeJS.WriteStream = process.stdout): string {
  const columns = columnsOf(rows);
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const numeric = columns.map((c) => rows.every((row) => row[c] === null || typeof row[c] === 'number'));
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const header = bold(stream, line(columns));
  return [header, ...cells.map(line)].join('\n');
}

/** One item: its fields one per line; nested lists of objects (a movie's cast) as a table below. */
export function renderItem(item: Row, stream: NodeJS.WriteStream = process.stdout): string {
  const keys = Object.keys(item);
  const flat = columnsOf([item]).filter((k) => keys.includes(k));
  const width = Math.max(0, ...flat.map((k) => k.length));
  const lines = flat.map((k) => `${bold(stream, k.padEnd(width))}  ${cell(item[k], 200)}`);
  for (const key of keys) {
    if (flat.includes(key)) continue;
    const value = item[key];
    lines.push('', bold(stream, `${key}:`));
    if (Array.isArray(value)) {
      lines.push(value.length === 0 ? dim(stream, '  (none)') : indent(renderTable(value as Row[], stream)));
    } else if (value && typeof value === 'object') {
      lines.push(indent(renderItem(value as Row, stream)));
    }
  }
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** Prints what the server answered: JSON as is with --json, else a table or an item view. */
export function show(body: unknown, json: boolean): void {
  if (json) printJson(body);
  else if (body === null || body === undefined) return;
  else if (Array.isArray(body)) {
    process.stdout.write(`${body.length === 0 ? 'No items.' : renderTable(body as Row[])}\n`);
  } else if (typeof body === 'object') {
    process.stdout.write(`${renderItem(body as Row)}\n`);
  } else {
    process.stdout.write(`${String(body)}\n`);
  }
}

/** A line for the user (not data): on stdout unless --json asked for data only. */
export function say(message: string, json = false): void {
  if (!json) process.stdout.write(`${message}\n`);
}

/** A progress line on stderr, only on a terminal; `done()` clears it. */
export function progress(label: string): { update(count: number): void; done(): void } {
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  return {
    update(count) {
      if (!tty) return;
      shown = true;
      process.stderr.write(`\r${label} ${count}…`);
    },
    done() {
      if (tty && shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** Prints the failure on stderr (the problem's detail, then each field error) and returns the exit code. */
export function report(error: unknown): ExitCode {
  const err = process.stderr;
  if (error instanceof ApiError) {
    err.write(`${red(err, 'backlot:')} ${error.message}\n`);
    for (const field of error.errors) err.write(`  ${field.path}: ${field.message}\n`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    err.write(`${red(err, 'backlot:')} ${error.message}\n`);
    return error.exitCode;
  }
  err.write(`${red(err, 'backlot:')} ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.failure;
}
