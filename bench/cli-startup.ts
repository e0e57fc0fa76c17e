/**
 * `npm run bench:cli`: how long `backlot movies list` takes end to end (start, sign-in state, one request, a table),
 * against `node -e 0` on the same machine, in interleaved runs. The ratio is what holds on a busy machine.
 * Settings (environment): BENCH_RUNS (15), BENCH_BIN (the `backlot` to measure: bin/backlot.js).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BIN = process.env.BENCH_BIN ?? fileURLToPath(new URL('../bin/backlot.js', import.meta.url));
const SERVE = fileURLToPath(new URL('../bin/backlot.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'backlot-cli-bench-'));
const port = String(31000 + Math.floor(Math.random() * 2000));
const env = {
  ...process.env,
  DATABASE_URL: `sqlite:${join(folder, 'b.db')}`,
  PORT: port,
  LOG_LEVEL: 'warn',
  XDG_CONFIG_HOME: join(folder, 'config'),
  XDG_CACHE_HOME: join(folder, 'cache'),
  BACKLOT_URL: `http://127.0.0.1:${port}`,
};

execFileSync(process.execPath, [SERVE, 'db', 'seed', '--demo'], { env, stdio: 'ignore' });
const server = spawn(process.execPath, [SERVE, 'serve'], { env, stdio: 'ignore' });
try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${env.BACKLOT_URL}/healthz`).catch(() => null))?.ok) break;
    if (i > 900) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  execFileSync(process.execPath, [BIN, 'login', '--email', 'casting_assistant@demo.backlot', '--password-stdin'], {
    env,
    input: 'backlot-demo\n',
    stdio: ['pipe', 'ignore', 'inherit'],
  });

  const time = (args: string[]): number => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  time([BIN, 'movies', 'list']); // the first run fills the compile cache
  const node: number[] = [];
  const list: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(time(['-e', '0']));
    list.push(time([BIN, 'movies', 'list']));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const row = (name: string, values: number[]) =>
    `| ${name} | ${Math.min(...values).toFixed(0)} | ${median(values).toFixed(0)} |`;
  console.log(`${RUNS} interleaved runs of each (ms):\n`);
  console.log('| command | min | median |\n|---|---|---|');
  console.log(row('node -e 0', node));
  console.log(row('backlot movies list', list));
  console.log(`\nbacklot movies list / node -e 0 (medians): ${(median(list) / median(node)).toFixed(2)}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(folder, { recursive: true, force: true });
}
