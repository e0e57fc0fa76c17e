import { type ChildProcess, fork, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import type { ChildMessage, ParentMessage } from '../servers/protocol.ts';

/** The `backlot` command as installed: what a user runs. */
export const BIN = new URL('../../bin/backlot.js', import.meta.url).pathname;

export interface ServerChild {
  name: string;
  pid: number;
  port: number;
  /** VmHWM (peak resident set) and VmRSS of the child now, in KiB, from /proc; undefined off Linux. */
  memory(): { hwmKiB: number; rssKiB: number } | undefined;
  /** Asks the child to close and exit; resolves with its peak RSS as it measured it (KiB). */
  stop(): Promise<{ maxRssKiB: number | undefined }>;
}

function procStatus(pid: number): { hwmKiB: number; rssKiB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { hwmKiB: field('VmHWM'), rssKiB: field('VmRSS') };
  } catch {
    return undefined;
  }
}

/** Forwards a child's output to our stderr, one prefixed line at a time, so stdout keeps only the report. */
export function forward(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line !== '') process.stderr.write(`[${name}] ${line}\n`);
    });
  }
}

/** Starts `script` in a child process of its own, with exactly `env` (plus PATH), and waits for its port. */
export function startServer(
  name: string,
  script: URL,
  env: Record<string, string>,
  execArgv: string[] = [],
): Promise<ServerChild> {
  const child = fork(script, [], {
    env: { PATH: process.env.PATH ?? '', ...env },
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  forward(child, name);
  let reported: ((maxRssKiB: number) => void) | undefined;
  return new Promise((resolve, reject) => {
    const early = (code: number | null) => reject(new Error(`${name} exited with ${code} before listening`));
    child.once('exit', early);
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'stopped') reported?.(message.maxRssKiB);
      if (message.type !== 'ready') return;
      child.off('exit', early);
      const pid = child.pid ?? 0;
      resolve({
        name,
        pid,
        port: message.port,
        memory: () => procStatus(pid),
        stop() {
          return new Promise((done) => {
            let maxRssKiB: number | undefined;
            reported = (value) => {
              maxRssKiB = value;
            };
            child.once('exit', () => done({ maxRssKiB }));
            child.send({ type: 'stop' } satisfies ParentMessage);
          });
        },
      });
    });
  });
}

/** A port that was free a moment ago (the system picks it; the server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200; rejects when the process exits first or after `timeoutMs`. */
async function until200(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export interface CommandChild extends ServerChild {
  /** From spawning the process to the first 200 from /readyz, in ms. */
  readyMs: number;
}

/**
 * Runs `backlot serve` as a user does (`node bin/backlot.js serve`; `bin`: another version's), with exactly `env`
 * (plus PATH and PORT), its standard output (the request log) going to `logFile`; resolves once /readyz answers 200.
 */
export async function startServe(
  name: string,
  env: Record<string, string>,
  logFile: string,
  execArgv: string[] = [],
  bin = BIN,
): Promise<CommandChild> {
  const port = await freePort();
  const out = openSync(logFile, 'a');
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...execArgv, bin, 'serve'], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', out, 'pipe'],
  });
  closeSync(out);
  forward(child, name);
  try {
    await until200(`http://127.0.0.1:${port}/readyz`, child, 180_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${name}: ${(error as Error).message}; its log: ${logFile}`);
  }
  const readyMs = performance.now() - startedAt;
  const pid = child.pid ?? 0;
  return {
    name,
    pid,
    port,
    readyMs,
    memory: () => procStatus(pid),
    stop() {
      return new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done({ maxRssKiB: undefined });
        child.once('exit', () => done({ maxRssKiB: undefined }));
        child.kill('SIGTERM');
      });
    },
  };
}

/** Runs the `backlot` command to its end; rejects with its output if it fails. */
export function runBacklot(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`backlot ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}
