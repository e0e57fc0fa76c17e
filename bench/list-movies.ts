/**
 * `npm run bench`: an authenticated `GET /api/v1/movies?limit=50` on 10,000 movies, against a bare Fastify route
 * running the same SELECT with the same driver, in interleaved rounds, on SQLite and PostgreSQL (on SQLite also Backlot
 * with LIST_CACHE=false, reading every page); then `GET /healthz` on both, which shows what Backlot's app-wide layers
 * cost per request.
 * Settings (environment): BENCH_DURATION (s, 10), BENCH_ROUNDS (3), BENCH_WARMUP (s, 3), BENCH_CONNECTIONS (32),
 * BENCH_POSTGRES_URL (a server to make a database on, or `off`), BENCH_DIALECTS (sqlite,postgres),
 * BENCH_LADDER (`1`, or steps such as `service;auth;auth+helmet`: also load steps between the two, servers/ladder.ts),
 * BENCH_VARIANTS (`name:KEY=value,KEY=value;name2:…`: more `backlot serve` processes, each with extra settings, in the
 * same rounds), BENCH_BEFORE (a git ref: that version's `backlot serve` too, in the same rounds), BENCH_PROFILE (a
 * folder: run the servers with --cpu-prof writing there), BENCH_OUT (bench/results/latest.md).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { type ServerChild, startServe, startServer } from './lib/child.ts';
import { cpuByPid, loadAverage, machineBusyMicros, processCpuMicros } from './lib/cpu.ts';
import { type DialectResult, healthTable, type Run, roundsTable, summaryTable } from './lib/report.ts';
import {
  type BenchDatabase,
  backlotEnv,
  freshPostgres,
  freshSqlite,
  randomSecret,
  SCALE,
  seedWithCli,
  serveEnv,
  signIn,
} from './lib/seed.ts';
import { discard, unpack } from './lib/versions.ts';

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const DURATION = setting('BENCH_DURATION', 10);
const ROUNDS = Math.round(setting('BENCH_ROUNDS', 3));
const WARMUP = setting('BENCH_WARMUP', 3);
const CONNECTIONS = Math.round(setting('BENCH_CONNECTIONS', 32));
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((name) => name.trim());
// `1` for the two main steps, or a `;`-separated list of steps such as `service;auth;auth+helmet`.
const LADDER_SETTING = process.env.BENCH_LADDER ?? '';
const LADDER = LADDER_SETTING === '1' ? ['service', 'auth'] : LADDER_SETTING.split(';').filter(Boolean);
/** `name:KEY=value,KEY=value;…`: `backlot serve` again with these settings added, e.g. to compare one setting. */
const VARIANTS = (process.env.BENCH_VARIANTS ?? '')
  .split(';')
  .filter(Boolean)
  .map((variant) => {
    const [name, settings = ''] = variant.split(':');
    if (!name || !/^[\w-]+$/.test(name)) throw new Error(`BENCH_VARIANTS: "${variant}" needs a name such as nolog:`);
    const env = Object.fromEntries(
      settings
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf('=');
          if (at < 1) throw new Error(`BENCH_VARIANTS: "${pair}" is not KEY=value`);
          return [pair.slice(0, at), pair.slice(at + 1)];
        }),
    );
    return { name, env };
  });
const BEFORE = process.env.BENCH_BEFORE ? unpack(process.env.BENCH_BEFORE) : undefined;
const PROFILE_DIR = process.env.BENCH_PROFILE;
const OUT = process.env.BENCH_OUT ?? new URL('results/latest.md', import.meta.url).pathname;
const LIST_PATH = '/api/v1/movies?limit=50';

const log = (message: string) => process.stderr.write(`${message}\n`);

interface Target {
  name: string;
  label: string;
  server: ServerChild;
  url: string;
  headers: Record<string, string>;
}

/** The CPU time the database server's processes for `database` used between two readings, in µs. */
function databaseCpu(database: string | undefined): () => number {
  if (database === undefined) return () => Number.NaN;
  const before = cpuByPid(database);
  return () => {
    let used = 0;
    for (const [pid, micros] of cpuByPid(database)) used += micros - (before.get(pid) ?? 0);
    return used;
  };
}

async function load(target: Target, duration: number, database?: string): Promise<Run> {
  const dbCpu = databaseCpu(database);
  const cpuBefore = processCpuMicros(target.server.pid);
  const machineBefore = machineBusyMicros();
  const selfBefore = process.cpuUsage();
  const startedAt = performance.now();
  const result = await autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, duration });
  const elapsed = (performance.now() - startedAt) * 1000;
  const self = process.cpuUsage(selfBefore);
  const machineAfter = machineBusyMicros();
  const cpuAfter = processCpuMicros(target.server.pid);
  const dbUsed = dbCpu();
  const serverUsed = cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : cpuAfter - cpuBefore;
  const machineUsed =
    machineBefore === undefined || machineAfter === undefined ? Number.NaN : machineAfter - machineBefore;
  const ours = serverUsed + self.user + self.system + (Number.isNaN(dbUsed) ? 0 : dbUsed);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
    cpuPerRequest: serverUsed / result.requests.total,
    dbCpuPerRequest: dbUsed / result.requests.total,
    foreignShare: Math.max(0, (machineUsed - ours) / (elapsed * availableParallelism())),
  };
}

/** One request to each server before loading them: all answer 200 with the same first page; returns body sizes. */
async function sameFirstPage(targets: Target[]): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  let expected: string | undefined;
  for (const target of targets) {
    const response = await fetch(target.url, { headers: target.headers });
    const text = await response.text();
    const body = JSON.parse(text) as { items?: { id: number }[] };
    if (response.status !== 200 || body.items?.length !== 50) {
      throw new Error(`${target.name} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    const ids = body.items.map((item) => item.id).join(',');
    if (expected !== undefined && ids !== expected) throw new Error(`${target.name} lists other movies`);
    expected = ids;
    sizes[target.name] = Buffer.byteLength(text);
  }
  return sizes;
}

async function benchDialect(database: BenchDatabase, workDir: string): Promise<DialectResult> {
  const jwtSecret = randomSecret();
  log(`${database.dialect}: backlot db seed --demo, then --scale ${SCALE}`);
  await seedWithCli(database.url, jwtSecret, SCALE);
  const ladderEnv = backlotEnv(database.url, jwtSecret, 'warn');
  const plan = [
    { name: 'baseline', label: 'baseline', script: 'baseline.ts', env: { DATABASE_URL: database.url } },
    ...LADDER.map((step) => ({
      name: step,
      label: `ladder: ${step}`,
      script: 'ladder.ts',
      env: { ...ladderEnv, LADDER_STEP: step },
    })),
    ...(BEFORE
      ? [
          {
            name: 'before',
            label: `Backlot ${BEFORE.name}`,
            script: undefined,
            env: serveEnv(database.url, jwtSecret),
            bin: join(BEFORE.dir, 'bin/backlot.js'),
          },
        ]
      : []),
    { name: 'backlot', label: 'Backlot', script: undefined, env: serveEnv(database.url, jwtSecret) },
    // On SQLite the page comes from the page cache after the first request: the same server reading every page too.
    ...(database.dialect === 'sqlite'
      ? [
          {
            name: 'uncached',
            label: 'Backlot, LIST_CACHE=false',
            script: undefined,
            env: { ...serveEnv(database.url, jwtSecret), LIST_CACHE: 'false' },
          },
        ]
      : []),
    ...VARIANTS.map((variant) => ({
      name: variant.name,
      label: `Backlot, ${Object.entries(variant.env)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ')}`,
      script: undefined,
      env: { ...serveEnv(database.url, jwtSecret), ...variant.env },
    })),
  ];
  const targets: Target[] = [];
  let readyMs = Number.NaN;
  try {
    let auth: Record<string, string> = {};
    for (const step of plan) {
      const name = `${step.name}-${database.dialect}`;
      const execArgv = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/${name}`] : [];
      let server: ServerChild;
      if (step.script === undefined) {
        // What a user runs: `backlot serve`, its request log going to a file.
        const serve = await startServe(name, step.env, join(workDir, `${name}.log`), execArgv, step.bin);
        if (step.name === 'backlot') readyMs = serve.readyMs;
        server = serve;
        auth = { authorization: `Bearer ${await signIn(`http://127.0.0.1:${serve.port}`)}` };
      } else {
        // The bare servers run with the V8 flag `backlot serve` sets for itself (src/runtime.ts): without it, V8's
        // pretenuring sometimes sends their rows to the old generation too, and the baseline moves with it.
        server = await startServer(name, new URL(`servers/${step.script}`, import.meta.url), step.env, [
          ...execArgv,
          '--no-allocation-site-pretenuring',
        ]);
      }
      targets.push({
        name: step.name,
        label: step.label,
        server,
        url: `http://127.0.0.1:${server.port}${step.name === 'baseline' ? '/movies' : LIST_PATH}`,
        headers: {},
      });
    }
    // The ladder's `auth` steps and Backlot need the token, signed in on Backlot once it is up.
    for (const target of targets)
      if (target.name !== 'baseline' && !target.name.startsWith('service')) target.headers = auth;
    const responseBytes = await sameFirstPage(targets);
    const loadBefore = loadAverage();
    const databaseName = database.dialect === 'postgres' ? new URL(database.url).pathname.slice(1) : undefined;
    log(`${database.dialect}: warming up (${WARMUP} s each)`);
    for (const target of targets) await load(target, WARMUP, databaseName);
    const rounds: DialectResult['rounds'] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const runs: Record<string, Run> = {};
      // The baseline first, then the others in an order that turns each round: none always follows another's load.
      const [first, ...others] = targets;
      const turn = (round - 1) % Math.max(1, others.length);
      for (const target of [first!, ...others.slice(turn), ...others.slice(0, turn)]) {
        runs[target.name] = await load(target, DURATION, databaseName);
      }
      rounds.push(runs);
      log(
        `${database.dialect} round ${round}/${ROUNDS}: ${targets.map((t) => `${t.name} ${runs[t.name]?.rps.toFixed(0)} req/s`).join(', ')}`,
      );
    }
    // The same servers on a route that does nothing: what Backlot's app-wide layers cost per request.
    const onHealth = (name: string): Target => {
      const target = targets.find((candidate) => candidate.name === name);
      if (!target) throw new Error(`no ${name} server`);
      return { ...target, url: `http://127.0.0.1:${target.server.port}/healthz`, headers: {} };
    };
    const health: DialectResult['health'] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      health.push({
        baseline: await load(onHealth('baseline'), DURATION / 2),
        backlot: await load(onHealth('backlot'), DURATION / 2),
      });
    }
    log(
      `${database.dialect}: /healthz ${health.map((pair) => (pair.backlot.rps / pair.baseline.rps).toFixed(2)).join(', ')}`,
    );
    // autocannon drops its connections mid-request at the end; let those handlers finish before closing the pools.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const peakRssMiB: Record<string, number> = {};
    for (const target of targets) peakRssMiB[target.name] = (target.server.memory()?.hwmKiB ?? Number.NaN) / 1024;
    const stopped = await Promise.all(targets.map((target) => target.server.stop()));
    targets.forEach((target, index) => {
      // Off Linux there is no /proc: take what the child measured of itself.
      if (Number.isNaN(peakRssMiB[target.name]))
        peakRssMiB[target.name] = (stopped[index]?.maxRssKiB ?? Number.NaN) / 1024;
    });
    targets.length = 0;
    const shares = rounds.flatMap((round) => Object.values(round).map((run) => run.foreignShare));
    const foreign = shares.reduce((sum, share) => sum + share, 0) / shares.length;
    const foreignNote = Number.isNaN(foreign)
      ? ''
      : `; other processes used ${(foreign * 100).toFixed(0)}% of the machine's CPU during the runs (mean)`;
    return {
      dialect: database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL',
      servers: plan.map(({ name, label }) => ({ name, label })),
      rounds,
      peakRssMiB,
      responseBytes,
      load: `load average ${loadBefore} → ${loadAverage()}${foreignNote}`,
      readyMs,
      health,
    };
  } finally {
    await Promise.all(targets.map((target) => target.server.stop()));
  }
}

const results: DialectResult[] = [];
const notes: string[] = [];
const workDir = mkdtempSync(join(tmpdir(), 'backlot-bench-logs-'));
for (const dialect of DIALECTS) {
  if (dialect === 'postgres' && POSTGRES_URL === 'off') {
    notes.push('PostgreSQL skipped: BENCH_POSTGRES_URL=off.');
    continue;
  }
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error(`BENCH_DIALECTS: unknown dialect ${dialect}`);
  const database = dialect === 'sqlite' ? freshSqlite() : await freshPostgres(POSTGRES_URL);
  try {
    results.push(await benchDialect(database, workDir));
  } finally {
    await database.drop();
  }
}

const failed = results
  .flatMap((result) => [
    ...result.rounds.flatMap((round) => Object.values(round)),
    ...result.health.flatMap((pair) => [pair.baseline, pair.backlot]),
  ])
  .filter((run) => run.failures > 0);
if (failed.length > 0) notes.push(`**${failed.length} run(s) had failed requests (errors, timeouts or non-2xx).**`);
if (PROFILE_DIR)
  notes.push(`The servers ran under --cpu-prof (profiles in ${PROFILE_DIR}): figures are lower than usual.`);

const report = `# Bench: GET /api/v1/movies?limit=50

${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}) · autocannon -c ${CONNECTIONS} · ${ROUNDS} interleaved rounds of ${DURATION} s after ${WARMUP} s of warm-up per server · demo data and \`backlot db seed --scale ${SCALE}\`

Backlot: \`node bin/backlot.js serve\` with NODE_ENV=production, the default LOG_LEVEL (info; the request log goes to a file), RATE_LIMIT=0 (rate limiter off), the demo casting assistant's bearer token. On SQLite it answers the same page from its page cache (nothing is written during the run); \`LIST_CACHE=false\` is the same server reading every page from the database.
Baseline: a bare Fastify route, the same SELECT through the same driver, a response schema; run with \`--no-allocation-site-pretenuring\`, as \`backlot serve\` runs.
Medians over the rounds; the ratio to the baseline is taken within each round. CPU µs/req: the server process's CPU time per answered request; DB CPU µs/req: the same for the PostgreSQL backends serving the bench's database.

${summaryTable(results, ['baseline', 'backlot', 'uncached'])}
${LADDER.length > 0 ? `\nWith the steps between (servers/ladder.ts):\n\n${summaryTable(results, ['baseline', ...LADDER, 'backlot'])}\n` : ''}${BEFORE ? `\nAgainst ${BEFORE.name} (BENCH_BEFORE), \`backlot serve\` alike:\n\n${summaryTable(results, ['baseline', 'backlot', 'before'])}\n` : ''}${VARIANTS.length > 0 ? `\nWith other settings (BENCH_VARIANTS):\n\n${summaryTable(results, ['baseline', 'backlot', ...VARIANTS.map((variant) => variant.name)])}\n` : ''}
What the app-wide layers cost: \`GET /healthz\` (a route that does nothing) on the same two servers, ${ROUNDS} interleaved rounds of ${DURATION / 2} s:

${healthTable(results)}

Every run:

${roundsTable(results)}

${results
  .map(
    (result) =>
      `- ${result.dialect}: \`backlot serve\` answered /readyz ${Math.round(result.readyMs ?? Number.NaN)} ms after it was started; response bodies ${Object.entries(
        result.responseBytes,
      )
        .map(([name, bytes]) => `${name} ${bytes} B`)
        .join(', ')}; ${result.load}.`,
  )
  .join('\n')}
${notes.map((note) => `\n${note}`).join('')}
`;

rmSync(workDir, { recursive: true, force: true });
if (BEFORE) discard(BEFORE);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, report);
process.stdout.write(report);
if (failed.length > 0) process.exitCode = 1;
