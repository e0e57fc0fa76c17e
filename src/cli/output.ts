import { ApiError, CliError, EXIT, type ExitCode } from './errors.ts';
import { type Io, liveTerminal, type Output, outputWidth, style } from './io.ts';

type Row = Record<string, unknown>;

/** How a resource's items are shown: the default columns, most useful first, and the names of related items. */
export interface View {
  columns?: string[];
  /** Names of related items by field: `{clientId: {12: "Ann Client"}}`. */
  names?: Record<string, Record<string, string>>;
  /** Every column (--wide), or exactly these (--columns). */
  wide?: boolean;
  only?: string[];
}

const MAX_CELL = 40;
const MIN_CELL = 12;
/** Shown after the other columns, since they say little about the item. */
const LAST = ['createdAt', 'updatedAt', 'version'];

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Scalars, and lists of scalars (genres, roles), fit in a cell; objects and lists of objects do not. */
function fitsCell(value: unknown): boolean {
  return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}

/** `priceCents` is shown as `price`. */
export function label(field: string): string {
  return /.Cents$/.test(field) ? field.slice(0, -5) : field;
}

/** `7,750.00` for 775000 cents. */
export function money(cents: number): string {
  const units = Math.trunc(Math.abs(cents) / 100);
  const rest = String(Math.abs(cents) % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${rest}`;
}

// One formatter per time zone: making one is costly (ICU), and a table formats many instants.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let made = formatters.get(key);
  if (!made) {
    const options = { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' } as const;
    try {
      made = new Intl.DateTimeFormat('en-CA', { ...options, timeZone });
    } catch {
      made = new Intl.DateTimeFormat('en-CA', options); // an unknown TZ: the system's
    }
    formatters.set(key, made);
  }
  return made;
}

/** Short and in the local time zone (TZ): `2030-05-01 20:00`. */
function localTime(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  if (timeZone === process.env.TZ) {
    // The process's own zone: Date's getters, without loading Intl's time zone data (a tenth of a second).
    return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
  }
  const parts = formatter(timeZone).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** One value as text: money as money, instants short and local, lists joined, related items by name. */
export function text(field: string, value: unknown, io: Io, names?: Record<string, string>): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && /.Cents$/.test(field)) return money(value);
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return localTime(value, io.env.TZ);
  if (Array.isArray(value)) return value.map((v) => text(field, v, io)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  const name = names?.[String(value)];
  const plain = String(value).replace(/\s+/g, ' ');
  return name ? `${plain} ${name}` : plain;
}

function cut(value: string, width: number): string {
  return value.length > width ? `${value.slice(0, Math.max(1, width - 1))}…` : value;
}

function allColumns(rows: Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) if (fitsCell(value)) seen.add(key);
  }
  const keys = [...seen];
  const first = keys.filter((k) => k === 'id');
  const last = LAST.filter((k) => seen.has(k));
  return [...first, ...keys.filter((k) => k !== 'id' && !LAST.includes(k)), ...last];
}

/** The columns a view shows: --columns, else all with --wide, else the resource's defaults that the rows have. */
export function chooseColumns(rows: Row[], view: View): string[] {
  const all = allColumns(rows);
  if (view.only) return view.only;
  if (view.wide || !view.columns) return all;
  const chosen = view.columns.filter((c) => all.includes(c));
  return chosen.length > 0 ? chosen : all;
}

/**
 * A table that fits the output's width: long text cells are cut first, then the least useful columns (the last)
 * are left out (said on stderr). `--wide` shows every column, uncut.
 */
export function renderTable(rows: Row[], view: View, io: Io): { table: string; hidden: string[] } {
  const { bold } = style(io, io.stdout);
  let columns = chooseColumns(rows, view);
  const cells = (cs: string[]) => rows.map((row) => cs.map((c) => text(c, row[c], io, view.names?.[c])));
  const numeric = (c: string) =>
    !view.names?.[c] && rows.every((row) => row[c] === null || row[c] === undefined || typeof row[c] === 'number');
  // Numbers, dates and times are never cut: a cut one would mislead.
  const cuttable = (c: string) =>
    !numeric(c) &&
    !rows.every((row) => row[c] === null || (typeof row[c] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(row[c])));
  const available = view.wide ? Number.POSITIVE_INFINITY : outputWidth(io);
  const hidden: string[] = [];
  let body = cells(columns);
  let widths: number[] = [];
  for (;;) {
    const natural = columns.map((c, i) =>
      Math.max(label(c).length, ...body.map((r) => Math.min(r[i]!.length, view.wide ? Infinity : MAX_CELL))),
    );
    widths = [...natural];
    let total = widths.reduce((sum, w) => sum + w, 0) + 2 * (columns.length - 1);
    // Cut the widest text columns down, as far as MIN_CELL (or their header).
    const floor = (i: number) => Math.max(label(columns[i]!).length, Math.min(natural[i]!, MIN_CELL));
    while (total > available) {
      let widest = -1;
      for (const [i, c] of columns.entries()) {
        if (cuttable(c) && widths[i]! > floor(i) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
      }
      if (widest < 0) break;
      const second = Math.max(floor(widest), ...widths.filter((_, i) => i !== widest && cuttable(columns[i]!)));
      const cutBy = Math.max(
        1,
        Math.min(total - available, widths[widest]! - second || 1, widths[widest]! - floor(widest)),
      );
      widths[widest]! -= cutBy;
      total -= cutBy;
    }
    if (total <= available || columns.length <= 1 || view.only) break;
    hidden.unshift(columns.at(-1)!);
    columns = columns.slice(0, -1);
    body = cells(columns);
  }
  const line = (values: string[], header = false) =>
    values
      .map((v, i) => {
        const value = cut(v, widths[i]!);
        return !header && numeric(columns[i]!) ? value.padStart(widths[i]!) : value.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  const table = [bold(line(columns.map(label), true)), ...body.map((r) => line(r))].join('\n');
  return { table, hidden };
}

/** One item: its fields one per line; nested lists of objects (a movie's cast) as a table below. */
export function renderItem(item: Row, view: View, io: Io): string {
  const { bold, dim } = style(io, io.stdout);
  const keys = Object.keys(item);
  const flat = allColumns([item]);
  const width = Math.max(0, ...flat.map((k) => label(k).length));
  const lines = flat.map((k) => `${bold(label(k).padEnd(width))}  ${cut(text(k, item[k], io, view.names?.[k]), 400)}`);
  for (const key of keys) {
    if (flat.includes(key)) continue;
    const value = item[key];
    lines.push('', bold(`${key}:`));
    if (Array.isArray(value)) {
      lines.push(value.length === 0 ? dim('  (none)') : indent(renderTable(value as Row[], { wide: true }, io).table));
    } else if (value && typeof value === 'object') {
      lines.push(indent(renderItem(value as Row, {}, io)));
    }
  }
  return lines.join('\n');
}

function indent(value: string): string {
  return value
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints items or one item: a table, or an item view. */
export function show(io: Io, body: unknown, view: View = {}): void {
  if (body === null || body === undefined) return;
  if (Array.isArray(body)) {
    if (body.length === 0) {
      io.stdout.write('No items.\n');
      return;
    }
    const { table, hidden } = renderTable(body as Row[], view, io);
    io.stdout.write(`${table}\n`);
    if (hidden.length > 0 && io.stderr.isTTY) {
      io.stderr.write(
        `${style(io, io.stderr).dim(`Not shown for width: ${hidden.join(', ')} (--wide, --columns).`)}\n`,
      );
    }
  } else if (typeof body === 'object') {
    io.stdout.write(`${renderItem(body as Row, view, io)}\n`);
  } else {
    io.stdout.write(`${String(body)}\n`);
  }
}

/** A line for the user (not data): on stdout unless --json asked for data only. */
export function say(io: Io, message: string, json = false): void {
  if (!json) io.stdout.write(`${message}\n`);
}

/** A progress line on stderr, only on a terminal that can redraw it; `done()` clears it. */
export function progress(io: Io, title: string): { update(count: number): void; done(): void } {
  const live = liveTerminal(io, io.stderr);
  let shown = false;
  return {
    update(count) {
      if (!live) return;
      shown = true;
      io.stderr.write(`\r${title} ${count}…`);
    },
    done() {
      if (live && shown) io.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * Prints the failure on stderr and returns the exit code: the problem's detail, then each field error; a bad
 * filter once, with a caret under the place. With --json, the same as one JSON object.
 */
export function report(io: Io, error: unknown, json: boolean, filter?: string): ExitCode {
  const err: Output = io.stderr;
  const exitCode: ExitCode =
    error instanceof ApiError || error instanceof CliError ? error.exitCode : (EXIT.failure as ExitCode);
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    const body =
      error instanceof ApiError && error.body && typeof error.body === 'object'
        ? { ...(error.body as object), exitCode }
        : { detail: message, code: exitCode === EXIT.usage ? 'usage' : 'failure', exitCode };
    err.write(`${JSON.stringify(body)}\n`);
    return exitCode;
  }
  const { red, dim } = style(io, err);
  const prefix = red('backlot:');
  if (error instanceof ApiError) {
    const filterError = filter === undefined ? undefined : error.errors.find((e) => e.path === 'filter');
    const at = filterError ? /^at (\d+): ([\s\S]*)$/.exec(filterError.message) : null;
    if (at && filter !== undefined) {
      const position = Math.min(Math.max(Number(at[1]) - 1, 0), filter.length);
      err.write(`${prefix} the filter is not valid: ${at[2]}\n  ${filter}\n  ${' '.repeat(position)}^\n`);
      return exitCode;
    }
    err.write(`${prefix} ${message}\n`);
    for (const field of error.errors) err.write(`  ${field.path}: ${field.message}\n`);
    const permission = (error.body as { permission?: unknown } | null)?.permission;
    if (error.status === 403 && typeof permission === 'string' && !message.includes(permission)) {
      err.write(`${dim(`  (needs the permission ${permission})`)}\n`);
    }
    return exitCode;
  }
  err.write(`${prefix} ${message}\n`);
  return exitCode;
}
