/**
 * The orders scenario of `npm run bench`: `POST /api/v1/orders` of one copy of a random movie, at 32 connections,
 * against the real `backlot serve` process, on SQLite, PostgreSQL and MySQL/MariaDB. After every run, the copies taken
 * from the shelves must equal the copies in the orders created, exactly, and at the end the audit chain must verify
 * with every entry in it.
 *
 * With BENCH_BEFORE=<git ref>, the same load also runs against that version of Backlot (unpacked from git into a
 * temporary folder, sharing this tree's node_modules), in interleaved rounds, each on a database of its own.
 * Settings: BENCH_DURATION (10), BENCH_ROUNDS (3), BENCH_WARMUP (3), BENCH_CONNECTIONS (32), BENCH_MOVIES (1000),
 * BENCH_POSTGRES_URL, BENCH_MYSQL_URL (servers to make a database on, or `off`), BENCH_ORDERS_DIALECTS
 * (sqlite,postgres,mysql), BENCH_BEFORE, BENCH_PROFILE (a folder: the servers run with --cpu-prof),
 * BENCH_ORDERS_OUT (bench/results/orders.md).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { forward } from './lib/child.ts';
import { cpuByPid, loadAverage, machineBusyMicros, pidsMatching, processCpuMicros } from './lib/cpu.ts';
import { median } from './lib/report.ts';
import { freshMysql, freshPostgres, freshSqlite, randomSecret } from './lib/seed.ts';
import { discard, THIS_TREE, unpack, type Version } from './lib/versions.ts';

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const DURATION = setting('BENCH_DURATION', 10);
const ROUNDS = Math.round(setting('BENCH_ROUNDS', 3));
const WARMUP = setting('BENCH_WARMUP', 3);
const CONNECTIONS = Math.round(setting('BENCH_CONNECTIONS', 32));
const MOVIES = Math.round(setting('BENCH_MOVIES', 1000));
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const DIALECTS = (process.env.BENCH_ORDERS_DIALECTS ?? 'sqlite,postgres,mysql').split(',').map((name) => name.trim());
const BEFORE = process.env.BENCH_BEFORE;
const PROFILE_DIR = process.env.BENCH_PROFILE;
const OUT = process.env.BENCH_ORDERS_OUT ?? new URL('results/orders.md', import.meta.url).pathname;
const STOCK = 1_000_000;
const ADMIN = { email: 'bench.admin@bench.backlot', password: 'bench-password-0123456789' };

const log = (message: string) => process.stderr.write(`${message}\n`);

type DialectName = 'sqlite' | 'postgres' | 'mysql';
const LABEL: Record<DialectName, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MariaDB' };

interface Database {
  dialect: DialectName;
  url: string;
  /** What the database server's processes for this database are called (PostgreSQL names a backend after it). */
  processes: string | undefined;
  drop(): Promise<void>;
}

async function freshDatabase(dialect: DialectName): Promise<Database> {
  if (dialect === 'sqlite') return { ...freshSqlite(), dialect, processes: undefined };
  if (dialect === 'postgres') {
    const made = await freshPostgres(POSTGRES_URL);
    return { ...made, dialect, processes: new URL(made.url).pathname.slice(1) };
  }
  // One server process serves every database: its CPU includes whatever else it does meanwhile.
  const processes = pidsMatching('mariadbd').length > 0 ? 'mariadbd' : 'mysqld';
  return { ...(await freshMysql(MYSQL_URL)), dialect, processes };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Served {
  version: Version;
  database: Database;
  child: ChildProcess;
  url: string;
  token: string;
  clientId: number;
  movieIds: number[];
  handle: DatabaseHandle;
}

function backlotCommand(version: Version, args: string[], env: Record<string, string>, execArgv: string[] = []) {
  return spawn(process.execPath, [...execArgv, join(version.dir, 'bin/backlot.js'), ...args], {
    cwd: version.dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function api<T>(base: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Migrates a fresh database with the version's own `db migrate`, serves it with `backlot serve`, and stocks it. */
async function serve(version: Version, dialect: DialectName): Promise<Served> {
  const database = await freshDatabase(dialect);
  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    JWT_SECRET: randomSecret(),
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    RATE_LIMIT: '0',
    ACCESS_TOKEN_TTL: '12h',
    MIGRATE_ON_START: 'false',
    HOST: '127.0.0.1',
    PORT: String(port),
    BACKLOT_ADMIN_EMAIL: ADMIN.email,
    BACKLOT_ADMIN_PASSWORD: ADMIN.password,
  };
  const name = `${version.name}-${dialect}`;
  const migrate = backlotCommand(version, ['db', 'migrate'], env);
  forward(migrate, `${name} migrate`);
  const code = await new Promise((resolve) => migrate.once('exit', resolve));
  if (code !== 0) {
    await database.drop();
    throw new Error(`${name}: db migrate exited with ${code}`);
  }
  const execArgv = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/orders-${dialect}`] : [];
  const child = backlotCommand(version, ['serve'], env, execArgv);
  forward(child, name);
  try {
    return await stock(version, database, child, port, name);
  } catch (error) {
    child.kill('SIGKILL');
    await database.drop();
    throw error;
  }
}

/** Waits for the served version to be ready, then makes a client and the movies the orders take copies of. */
async function stock(
  version: Version,
  database: Database,
  child: ChildProcess,
  port: number,
  name: string,
): Promise<Served> {
  const url = `http://127.0.0.1:${port}`;
  // Start-up takes seconds, much longer on a busy machine: wait for /readyz up to 3 minutes.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      throw new Error(`${name} was not ready after 3 minutes`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { access_token: token } = await api<{ access_token: string }>(url, 'POST', '/auth/token', ADMIN);
  const client = await api<{ id: number }>(
    url,
    'POST',
    '/clients',
    {
      fullName: 'Bench Client',
      email: 'bench.client@example.com',
    },
    token,
  );
  const movieIds: number[] = [];
  for (let start = 0; start < MOVIES; start += 20) {
    const made = await Promise.all(
      Array.from({ length: Math.min(20, MOVIES - start) }, (_, i) =>
        api<{ id: number }>(
          url,
          'POST',
          '/movies',
          { title: `Bench movie ${start + i}`, releaseDate: '2020-01-01', priceCents: 999, stock: STOCK },
          token,
        ),
      ),
    );
    movieIds.push(...made.map((movie) => movie.id));
  }
  return { version, database, child, url, token, clientId: client.id, movieIds, handle: openDatabase(database.url) };
}

async function stop(served: Served): Promise<void> {
  if (served.child.exitCode === null) {
    const exited = new Promise((resolve) => served.child.once('exit', resolve));
    served.child.kill('SIGTERM');
    await exited;
  }
  await served.handle.close();
  await served.database.drop();
}

/** Copies taken from the shelves, and copies and orders in the orders table, read straight from the database. */
async function tally(served: Served): Promise<{ taken: number; ordered: number; orders: number }> {
  // One statement, so one snapshot: an order committing meanwhile is counted on both sides or on neither.
  const result = await sql<{ movies: number; stock: number; copies: number | null; orders: number }>`select
      (select count(*) from movies) as movies, (select sum(stock) from movies) as stock,
      (select sum(quantity) from order_items) as copies, (select count(*) from orders) as orders`.execute(
    served.handle.db,
  );
  const row = result.rows[0]!;
  return {
    taken: Number(row.movies) * STOCK - Number(row.stock),
    ordered: Number(row.copies ?? 0),
    orders: Number(row.orders),
  };
}

/** Audit entries not yet linked into the chain; undefined for a version without sealing. */
async function pendingEntries(served: Served): Promise<number | undefined> {
  try {
    const row = await sql<{ n: number }>`select count(*) as n from audit_entries where seq is null`.execute(
      served.handle.db,
    );
    return Number(row.rows[0]?.n);
  } catch {
    return undefined;
  }
}

interface Run {
  ordersPerSecond: number;
  p50: number;
  p99: number;
  answered: number;
  failures: number;
  statuses: string;
  /** Copies taken from the shelves during the run, and copies in the orders created during it. */
  taken: number;
  ordered: number;
  ordersCreated: number;
  exact: boolean;
  serverCpuMs: number;
  dbCpuMs: number;
  /** The most audit entries waiting to be sealed at once, sampled every 250 ms. */
  maxPending: number | undefined;
  foreignShare: number;
}

async function load(served: Served, duration: number): Promise<Run> {
  const { movieIds, clientId } = served;
  const before = await tally(served);
  const dbCpuBefore = served.database.processes ? cpuByPid(served.database.processes) : undefined;
  const cpuBefore = processCpuMicros(served.child.pid ?? 0);
  const machineBefore = machineBusyMicros();
  const selfBefore = process.cpuUsage();
  let maxPending: number | undefined;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const pending = await pendingEntries(served);
      if (pending !== undefined) maxPending = Math.max(maxPending ?? 0, pending);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const startedAt = performance.now();
  const result = await autocannon({
    url: served.url,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/orders',
        headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            clientId,
            items: [{ movieId: movieIds[Math.floor(Math.random() * movieIds.length)], quantity: 1 }],
          }),
        }),
      },
    ],
  });
  const elapsed = (performance.now() - startedAt) * 1000;
  sampling = false;
  await sampler;
  const self = process.cpuUsage(selfBefore);
  const machineAfter = machineBusyMicros();
  const cpuAfter = processCpuMicros(served.child.pid ?? 0);
  let dbUsed = Number.NaN;
  if (dbCpuBefore && served.database.processes) {
    dbUsed = 0;
    for (const [pid, micros] of cpuByPid(served.database.processes)) dbUsed += micros - (dbCpuBefore.get(pid) ?? 0);
  }
  // Requests cut off at the end of the run may still be committing: let them finish before counting.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = await tally(served);
  const taken = after.taken - before.taken;
  const ordered = after.ordered - before.ordered;
  const serverUsed = (cpuAfter ?? Number.NaN) - (cpuBefore ?? Number.NaN);
  const machineUsed = (machineAfter ?? Number.NaN) - (machineBefore ?? Number.NaN);
  const ours = serverUsed + self.user + self.system + (Number.isNaN(dbUsed) ? 0 : dbUsed);
  const created = result['2xx'];
  return {
    ordersPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    answered: created,
    failures: result.errors + result.timeouts + result.non2xx,
    statuses: Object.entries(result.statusCodeStats)
      .map(([status, { count }]) => `${status}×${count}`)
      .join(' '),
    taken,
    ordered,
    ordersCreated: after.orders - before.orders,
    exact: taken === ordered && after.orders - before.orders >= created,
    serverCpuMs: serverUsed / 1000 / created,
    dbCpuMs: dbUsed / 1000 / created,
    maxPending,
    foreignShare: Math.max(0, (machineUsed - ours) / (elapsed * availableParallelism())),
  };
}

/** Waits until the sealer has linked every entry, then verifies the chain through the API. */
async function finalAudit(served: Served): Promise<string> {
  const startedAt = performance.now();
  for (let i = 0; i < 600; i++) {
    const pending = await pendingEntries(served);
    if (!pending) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const waited = performance.now() - startedAt;
  const pending = await pendingEntries(served);
  const entries = await served.handle.db
    .selectFrom('auditEntries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const verify = await api<{ ok: boolean; checked: number }>(
    served.url,
    'GET',
    '/audit/verify',
    undefined,
    served.token,
  );
  const whole = verify.ok && verify.checked === Number(entries.n);
  const lag = pending === undefined ? '' : `, all sealed ${waited.toFixed(0)} ms after the load's end`;
  return `${whole ? 'intact' : '**BROKEN or incomplete**'}: ${verify.checked} of ${entries.n} entries verified${lag}`;
}

interface DialectResult {
  dialect: DialectName;
  versions: string[];
  rounds: Record<string, Run>[];
  audit: Record<string, string>;
  load: string;
}

async function benchDialect(dialect: DialectName, versions: Version[]): Promise<DialectResult> {
  const served: Served[] = [];
  try {
    for (const version of versions) {
      log(`${dialect}: ${version.name}: migrating, serving, stocking ${MOVIES} movies`);
      served.push(await serve(version, dialect));
    }
    const loadBefore = loadAverage();
    for (const target of served) await load(target, WARMUP);
    const rounds: Record<string, Run>[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const runs: Record<string, Run> = {};
      for (const target of served) runs[target.version.name] = await load(target, DURATION);
      rounds.push(runs);
      log(
        `${dialect} round ${round}/${ROUNDS}: ${Object.entries(runs)
          .map(
            ([name, run]) => `${name} ${run.ordersPerSecond.toFixed(0)} orders/s${run.exact ? '' : ' STOCK MISMATCH'}`,
          )
          .join(', ')}`,
      );
    }
    const audit: Record<string, string> = {};
    for (const target of served) audit[target.version.name] = await finalAudit(target);
    const shares = rounds.flatMap((round) => Object.values(round).map((run) => run.foreignShare));
    const foreign = shares.reduce((sum, share) => sum + share, 0) / shares.length;
    return {
      dialect,
      versions: versions.map((version) => version.name),
      rounds,
      audit,
      load: `load average ${loadBefore} → ${loadAverage()}; other processes used ${(foreign * 100).toFixed(0)}% of the machine's CPU during the runs (mean)`,
    };
  } finally {
    for (const target of served) await stop(target);
  }
}

const versions: Version[] = [];
if (BEFORE) versions.push(unpack(BEFORE));
versions.push({ ...THIS_TREE, name: 'this tree' });

const results: DialectResult[] = [];
const notes: string[] = [];
try {
  for (const dialect of DIALECTS) {
    if (dialect !== 'sqlite' && dialect !== 'postgres' && dialect !== 'mysql') {
      throw new Error(`BENCH_ORDERS_DIALECTS: unknown dialect ${dialect}`);
    }
    if ((dialect === 'postgres' && POSTGRES_URL === 'off') || (dialect === 'mysql' && MYSQL_URL === 'off')) {
      notes.push(`${LABEL[dialect]} skipped (its URL is \`off\`).`);
      continue;
    }
    results.push(await benchDialect(dialect, versions));
  }
} finally {
  for (const version of versions) discard(version);
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const whole = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');
const allRuns = results.flatMap((result) => result.rounds.flatMap((round) => Object.values(round)));
const failed = allRuns.filter((run) => run.failures > 0);
const inexact = allRuns.filter((run) => !run.exact);
const broken = results.flatMap((result) => Object.values(result.audit)).filter((text) => !text.startsWith('intact'));
if (failed.length > 0) notes.push(`**${failed.length} run(s) had failed requests (errors, timeouts or non-2xx).**`);
if (inexact.length > 0) notes.push(`**${inexact.length} run(s) took a different number of copies than they sold.**`);
if (PROFILE_DIR) notes.push(`The servers ran under --cpu-prof (profiles in ${PROFILE_DIR}): figures are lower.`);

const summary = results
  .flatMap((result) =>
    result.versions.map((name) => {
      const runs = result.rounds.map((round) => round[name]!);
      const pick = (field: (run: Run) => number) => median(runs.map(field));
      const base = result.versions[0]!;
      const ratios = result.rounds.map((round) => round[name]!.ordersPerSecond / round[base]!.ordersPerSecond);
      const ratio =
        name === base
          ? '1.00'
          : `**${fixed(median(ratios))}** (${fixed(Math.min(...ratios))}–${fixed(Math.max(...ratios))})`;
      const pending = runs.map((run) => run.maxPending).filter((value) => value !== undefined);
      return `| ${LABEL[result.dialect]} | ${name} | ${whole(pick((run) => run.ordersPerSecond))} | ${whole(pick((run) => run.p50))} | ${whole(pick((run) => run.p99))} | ${fixed(pick((run) => run.serverCpuMs))} | ${fixed(pick((run) => run.dbCpuMs))} | ${pending.length > 0 ? Math.max(...pending) : '–'} | ${runs.every((run) => run.exact) ? 'exact' : '**NO**'} | ${ratio} |`;
    }),
  )
  .join('\n');

const every = results
  .flatMap((result) =>
    result.rounds.flatMap((round, index) =>
      Object.entries(round).map(
        ([name, run]) =>
          `| ${LABEL[result.dialect]} | ${index + 1} | ${name} | ${whole(run.ordersPerSecond)} | ${run.p50} | ${run.p99} | ${run.statuses} | ${run.ordersCreated} | ${run.taken} / ${run.ordered} | ${fixed(run.serverCpuMs)} | ${fixed(run.dbCpuMs)} | ${run.maxPending ?? '–'} | ${fixed(run.foreignShare * 100, 0)}% |`,
      ),
    ),
  )
  .join('\n');

const report = `# Bench: POST /api/v1/orders

${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}) · autocannon -c ${CONNECTIONS} · ${ROUNDS} interleaved rounds of ${DURATION} s after ${WARMUP} s of warm-up per server · one copy of one of ${MOVIES} movies per order

Each server is the real \`backlot serve\` (NODE_ENV=production, LOG_LEVEL=warn, RATE_LIMIT=0) on a database of its own, migrated by its own \`backlot db migrate\`; an administrator's bearer token.
Medians over the rounds; the ratio to the first version is taken within each round. *CPU ms/order*: the server process's CPU time per order created; *DB CPU*: the PostgreSQL backends serving the database, or the whole MariaDB server process (shared with anything else it does); *pending*: the most audit entries waiting for the sealer at once (sampled every 250 ms); *stock*: copies taken from the shelves equal copies in the orders created, in every run.

| database | server | orders/s | p50 ms | p99 ms | CPU ms/order | DB CPU ms/order | pending | stock | orders/s ÷ first |
|---|---|---:|---:|---:|---:|---:|---:|---|---|
${summary}

Every run (*orders*: orders created in the database, which may exceed the 2xx answers by the requests cut off at the end; *taken / sold*: copies):

| database | round | server | orders/s | p50 | p99 | answers | orders | taken / sold | CPU ms | DB CPU ms | pending | others' CPU |
|---|---:|---|---:|---:|---:|---|---:|---|---:|---:|---:|---:|
${every}

${results
  .map(
    (result) =>
      `- ${LABEL[result.dialect]}: audit chain ${Object.entries(result.audit)
        .map(([name, text]) => `${name} ${text}`)
        .join('; ')}; ${result.load}.`,
  )
  .join('\n')}
${notes.map((note) => `\n${note}`).join('')}
`;

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, report);
process.stdout.write(report);
if (failed.length > 0 || inexact.length > 0 || broken.length > 0) process.exitCode = 1;
