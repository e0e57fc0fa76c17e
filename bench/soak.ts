/**
 * A soak of the real `backlot serve` on SQLite: signed-in reads of the main lists and the dashboard, plus orders, from
 * SOAK_CONNECTIONS clients (10) for SOAK_SECONDS (180); prints the server's resident memory (RSS, from /proc) idle,
 * every 30 s, at the end, and after SOAK_IDLE seconds idle (30). SOAK_ENV adds `NAME=value,…` to the server's
 * environment (to compare settings such as MALLOC_ARENA_MAX); SOAK_MIX=list loads only the movie list.
 * Run: `node bench/soak.ts` (Linux: it reads /proc).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 10);
const IDLE = Number(process.env.SOAK_IDLE ?? 30);
// `mixed` (lists, dashboard, item, orders) or `list` (the movie list alone, as `npm run bench` loads it).
const MIX = process.env.SOAK_MIX ?? 'mixed';
const EXTRA = Object.fromEntries(
  (process.env.SOAK_ENV ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
);

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

const PORT = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'backlot-soak-'));
const env = {
  PATH: process.env.PATH,
  NODE_ENV: 'development',
  DATABASE_URL: `sqlite:${join(dir, 'backlot.db')}`,
  JWT_SECRET: 'soak-secret-soak-secret-soak-secret-0123',
  PORT: String(PORT),
  RATE_LIMIT: '0',
  LOG_LEVEL: 'warn',
  ...EXTRA,
};
const node = process.execPath;
execFileSync(node, ['bin/backlot.js', 'db', 'seed', '--demo'], { cwd: ROOT, env, stdio: 'ignore' });
const server = spawn(node, ['bin/backlot.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
const base = `http://127.0.0.1:${PORT}`;

function rssMiB(): number {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024);
}

try {
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200) break;
    await sleep(100);
  }
  const signIn = async (email: string) => {
    const response = await fetch(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'backlot-demo' }),
    });
    const { access_token } = (await response.json()) as { access_token: string };
    return { authorization: `Bearer ${access_token}` };
  };
  const reader = await signIn('admin@demo.backlot');
  const clerk = await signIn('store_clerk@demo.backlot');
  type Page = { items: { id: number }[] };
  const clients = (await (await fetch(`${base}/api/v1/clients?limit=1`, { headers: reader })).json()) as Page;
  const movies = (await (await fetch(`${base}/api/v1/movies?limit=5`, { headers: reader })).json()) as Page;
  // Plenty of stock, so that orders keep being placed for the whole soak.
  for (const movie of movies.items) {
    await fetch(`${base}/api/v1/movies/${movie.id}`, {
      method: 'PATCH',
      headers: { ...reader, 'content-type': 'application/json' },
      body: JSON.stringify({ stock: 1_000_000 }),
    });
  }
  const order = JSON.stringify({
    clientId: clients.items[0]?.id,
    items: [{ movieId: movies.items[0]?.id, quantity: 1 }],
  });
  await sleep(3000);
  const samples: [string, number][] = [['idle', rssMiB()]];
  const timer = setInterval(() => samples.push([`${samples.length * 30} s`, rssMiB()]), 30_000);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests:
      MIX === 'list'
        ? [{ method: 'GET', path: '/api/v1/movies?limit=50', headers: reader }]
        : [
            { method: 'GET', path: '/api/v1/movies?limit=50', headers: reader },
            { method: 'GET', path: '/api/v1/actors?limit=50&sort=-createdAt', headers: reader },
            { method: 'GET', path: '/api/v1/clients?limit=50', headers: reader },
            { method: 'GET', path: '/api/v1/stats/overview', headers: reader },
            { method: 'GET', path: `/api/v1/movies/${movies.items[1]?.id}`, headers: reader },
            {
              method: 'POST',
              path: '/api/v1/orders',
              headers: { ...clerk, 'content-type': 'application/json' },
              body: order,
            },
          ],
  });
  clearInterval(timer);
  samples.push(['end of load', rssMiB()]);
  await sleep(IDLE * 1000);
  samples.push([`${IDLE} s idle`, rssMiB()]);
  process.stdout.write(
    `${CONNECTIONS} connections, ${SECONDS} s, ${result.requests.total} requests (${Math.round(result.requests.average)}/s), ` +
      `${MIX} mix, ${result.errors} errors, ${result.non2xx} non-2xx, p99 ${result.latency.p99} ms; env ${JSON.stringify(EXTRA)}\n`,
  );
  for (const [when, mib] of samples) process.stdout.write(`  RSS ${when}: ${mib} MiB\n`);
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
