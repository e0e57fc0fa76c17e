/** The real `backlot serve`, as a child process on a free port, for the tests of what only a real process shows. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { JWT_SECRET } from './support.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Polls `probe` until it gives a value (a throw counts as not yet), for at most `seconds`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(200);
  }
}

export interface Served {
  child: ChildProcess;
  port: number;
  base: string;
  /** What the process wrote to its standard output and error. */
  output(): string;
}

/** Starts `backlot serve` over `databaseUrl` (no rate limit, errors logged) and waits until it is ready. */
export async function serveBinary(databaseUrl: string, env: Record<string, string> = {}): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/backlot.js', 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      JWT_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT: '0',
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  // Generous: on a busy machine the process may take a while to start.
  for (let i = 0; i < 1200 && child.exitCode === null; i++) {
    const ready = await fetch(`${base}/readyz`).catch(() => undefined);
    if (ready?.status === 200) return { child, port, base, output: () => output };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`backlot serve did not become ready:\n${output}`);
}
