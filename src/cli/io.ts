/** Where a run of the `backlot` client reads and writes: the process's own streams, or a test's. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Input extends AsyncIterable<string | Buffer> {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface Io {
  env: Record<string, string | undefined>;
  stdin: Input;
  stdout: Output;
  stderr: Output;
}

export function processIo(): Io {
  return { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/**
 * FORCE_COLOR decides when set (0 or false: never; else always), as for Node itself; then NO_COLOR
 * (https://no-color.org) means never, CLICOLOR_FORCE (other than 0) always, TERM=dumb never; else only on a terminal.
 */
export function colours(io: Io, stream: Output): boolean {
  const { FORCE_COLOR, CLICOLOR_FORCE, NO_COLOR, TERM } = io.env;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '') return FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  if (NO_COLOR) return false;
  if (CLICOLOR_FORCE && CLICOLOR_FORCE !== '0') return true;
  if (TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

/** A terminal that can redraw a line (progress); a dumb terminal cannot. */
export function liveTerminal(io: Io, stream: Output): boolean {
  return Boolean(stream.isTTY) && io.env.TERM !== 'dumb';
}

/** Prompts go to stderr so that stdout stays data. */
export function interactive(io: Io): boolean {
  return Boolean(io.stdin.isTTY && io.stderr.isTTY);
}

/** The width tables must fit: COLUMNS, else the terminal's, else none (a pipe or a file). */
export function outputWidth(io: Io): number {
  const fromEnv = Number(io.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (io.stdout.isTTY && io.stdout.columns) return io.stdout.columns;
  return Number.POSITIVE_INFINITY;
}

export function style(io: Io, stream: Output) {
  const on = colours(io, stream);
  const paint = (code: string) => (text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
  return { bold: paint('1'), dim: paint('2'), red: paint('31'), green: paint('32'), yellow: paint('33') };
}
