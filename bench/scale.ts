/**
 * The scale scenario of `npm run bench`: how list requests behave as tables grow. For each database and each scale,
 * a fresh database gets the demo data and `backlot db seed --scale N` and its own real `backlot serve`; with all of
 * them up, each case is timed one request at a time on each scale in turn, round after round (the first page, a page
 * 100 pages deep through the cursor, a filter on an indexed field, a sort on each sortable field, and `q` with a
 * common word and a word no row holds, for movies, clients, contracts and the audit trail). Reported: the p50 and p95
 * of each case at each scale and the ratio of the largest scale's p50 to the smallest's, taken within each round.
 * Settings: BENCH_SCALES (10000,1000000), BENCH_DIALECTS (sqlite,postgres), BENCH_POSTGRES_URL, BENCH_SCALE_ROUNDS
 * (3), BENCH_SAMPLES (15 requests per case, scale and round), BENCH_SCALE_OUT (bench/results/scale.md).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startServe } from './lib/child.ts';
import { loadAverage } from './lib/cpu.ts';
import { median } from './lib/report.ts';
import { freshPostgres, freshSqlite, randomSecret, seedWithCli, serveEnv } from './lib/seed.ts';

const SCALES = (process.env.BENCH_SCALES ?? '10000,1000000').split(',').map(Number);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((name) => name.trim());
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 3);
const OUT = process.env.BENCH_SCALE_OUT ?? new URL('results/scale.md', import.meta.url).pathname;
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Case {
  name: string;
  path: string;
  /** Follow the cursor this many pages before timing. */
  deep?: number;
}

const enc = encodeURIComponent;
const CASES: Case[] = [
  { name: 'movies: first page', path: '/movies?limit=50' },
  { name: 'movies: page 100 (cursor)', path: '/movies?limit=50', deep: 100 },
  { name: 'movies: filter releaseDate ≥ 2000', path: `/movies?limit=50&filter=${enc('releaseDate >= 2000-01-01')}` },
  ...['title', '-releaseDate', 'priceCents', 'stock', '-createdAt', 'updatedAt'].map((sort) => ({
    name: `movies: sort ${sort}`,
    path: `/movies?limit=50&sort=${sort}`,
  })),
  { name: 'movies: q common word', path: '/movies?limit=50&q=golden' },
  { name: 'movies: q word no row holds', path: '/movies?limit=50&q=zqxv' },
  { name: 'clients: first page', path: '/clients?limit=50' },
  { name: 'clients: page 100 (cursor)', path: '/clients?limit=50', deep: 100 },
  { name: 'clients: filter salesContactId', path: `/clients?limit=50&filter=${enc('salesContactId = 3')}` },
  ...['fullName', '-email', 'createdAt', '-updatedAt'].map((sort) => ({
    name: `clients: sort ${sort}`,
    path: `/clients?limit=50&sort=${sort}`,
  })),
  { name: 'clients: q common word', path: '/clients?limit=50&q=okafor' },
  { name: 'clients: q word no row holds', path: '/clients?limit=50&q=zqxv' },
  { name: 'contracts: first page', path: '/contracts?limit=50' },
  { name: 'contracts: page 100 (cursor)', path: '/contracts?limit=50', deep: 100 },
  { name: 'contracts: filter status', path: `/contracts?limit=50&filter=${enc('status = draft')}` },
  ...['totalCents', '-dueCents', 'status', 'clientId', 'createdAt', '-updatedAt'].map((sort) => ({
    name: `contracts: sort ${sort}`,
    path: `/contracts?limit=50&sort=${sort}`,
  })),
  { name: 'contracts: q common word', path: '/contracts?limit=50&q=okafor' },
  { name: 'contracts: q word no row holds', path: '/contracts?limit=50&q=zqxv' },
  { name: 'audit: first page', path: '/audit?limit=50' },
  { name: 'audit: page 100 (cursor)', path: '/audit?limit=50', deep: 100 },
  { name: 'audit: filter entity', path: `/audit?limit=50&filter=${enc('entity = movies')}` },
  { name: 'audit: sort at', path: '/audit?limit=50&sort=at' },
  { name: 'audit: q common word', path: '/audit?limit=50&q=created' },
  { name: 'audit: q word no row holds', path: '/audit?limit=50&q=zqxv' },
];

async function signInAdmin(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.backlot', password: 'backlot-demo' }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`admin sign-in failed: ${response.status}`);
  return body.access_token;
}

/** The path of a case on one server: deep cases follow the cursor first. */
async function pathOf(base: string, token: string, item: Case): Promise<string> {
  const headers = { authorization: `Bearer ${token}` };
  let path = item.path;
  for (let page = 0; page < (item.deep ?? 0); page++) {
    const body = (await (await fetch(`${base}/api/v1${path}`, { headers })).json()) as { nextCursor?: string };
    if (!body.nextCursor) throw new Error(`${item.name}: fewer than ${item.deep} pages`);
    path = `${item.path}&cursor=${enc(body.nextCursor)}`;
  }
  return path;
}

/** ms of each of `samples` sequential requests. */
async function timeRequests(base: string, token: string, path: string, samples: number): Promise<number[]> {
  const headers = { authorization: `Bearer ${token}` };
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1${path}`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

interface ScaleRun {
  dialect: string;
  scale: number;
  seedSeconds: number;
  readyMs: number;
  /** Every timed request of each case, over all rounds. */
  times: Record<string, number[]>;
  /** Each round's p50 of each case. */
  rounds: Record<string, number[]>;
  /** The largest scale: the movies' first page alone, and while lists that read every row run alongside. */
  stall?: { quiet: number[]; alongside: number[]; heavy: number[] };
}

/** A filter that no index serves: the list reads every movie to find that no row matches. */
const HEAVY = `/movies?limit=50&filter=${enc('genres ~ zqxv')}`;

/**
 * No single request may hold up the others: the first page timed alone, then again while two clients ask, over and
 * over, for a list that reads every row of the table.
 */
async function stall(base: string, token: string) {
  const plain = '/movies?limit=50';
  const quiet = await timeRequests(base, token, plain, 40);
  const heavy: number[] = [];
  let running = true;
  const loops = [0, 1].map(async () => {
    while (running) heavy.push(...(await timeRequests(base, token, HEAVY, 1)));
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const alongside = await timeRequests(base, token, plain, 40);
  running = false;
  await Promise.all(loops);
  return { quiet, alongside, heavy };
}

interface Served {
  run: ScaleRun;
  base: string;
  token: string;
  paths: Map<Case, string>;
  stop(): Promise<unknown>;
  drop(): Promise<void>;
}

const runs: ScaleRun[] = [];
const workDir = mkdtempSync(join(tmpdir(), 'backlot-bench-scale-'));
const loads: Record<string, string> = {};
for (const dialect of DIALECTS) {
  // Every scale is seeded and served before any is timed; then each case is timed on every scale in turn, round
  // after round, so that a ratio between scales compares requests made at the same moment, on equally warm servers.
  const served: Served[] = [];
  try {
    for (const scale of SCALES) {
      const database = dialect === 'sqlite' ? freshSqlite() : await freshPostgres(POSTGRES_URL);
      const secret = randomSecret();
      log(`${dialect} × ${scale.toLocaleString('en-US')}: seeding`);
      const seedStarted = performance.now();
      try {
        await seedWithCli(database.url, secret, scale);
      } catch (error) {
        await database.drop();
        throw error;
      }
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const server = await startServe(
        `scale-${dialect}-${scale}`,
        serveEnv(database.url, secret),
        join(workDir, `serve-${dialect}-${scale}.log`),
      );
      const base = `http://127.0.0.1:${server.port}`;
      const perCase = () => Object.fromEntries(CASES.map((item) => [item.name, [] as number[]]));
      const run: ScaleRun = {
        dialect,
        scale,
        seedSeconds,
        readyMs: server.readyMs,
        times: perCase(),
        rounds: perCase(),
      };
      served.push({ run, base, token: '', paths: new Map(), stop: () => server.stop(), drop: () => database.drop() });
      runs.push(run);
    }
    // Warm-up, untimed: every case once on every server (the deep cases' cursors are found then).
    for (const one of served) {
      one.token = await signInAdmin(one.base);
      for (const item of CASES) {
        const path = await pathOf(one.base, one.token, item);
        one.paths.set(item, path);
        await timeRequests(one.base, one.token, path, 3);
      }
    }
    const loadBefore = loadAverage();
    for (let round = 0; round < ROUNDS; round++) {
      for (const item of CASES) {
        // Alternate which scale goes first.
        const order = round % 2 === 0 ? served : [...served].reverse();
        for (const one of order) {
          const times = await timeRequests(one.base, one.token, one.paths.get(item)!, SAMPLES);
          one.run.times[item.name]!.push(...times);
          one.run.rounds[item.name]!.push(median(times));
        }
      }
      log(`${dialect}: round ${round + 1} of ${ROUNDS} done`);
    }
    loads[dialect] = `load average ${loadBefore} → ${loadAverage()}`;
    const largest = served.at(-1)!;
    largest.run.stall = await stall(largest.base, largest.token);
    log(`${dialect}: the first page alongside a list that reads every row, measured`);
  } finally {
    for (const one of served) {
      await one.stop();
      await one.drop();
    }
  }
}
rmSync(workDir, { recursive: true, force: true });

const ms = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(value < 10 ? 1 : 0));
const sections = DIALECTS.map((dialect) => {
  const mine = runs.filter((run) => run.dialect === dialect);
  if (mine.length === 0) return '';
  const first = mine[0]!;
  const last = mine.at(-1)!;
  const header = `| case | ${mine.map((run) => `${run.scale.toLocaleString('en-US')}: p50 / p95 ms`).join(' | ')} | p50 ${last.scale.toLocaleString('en-US')} ÷ ${first.scale.toLocaleString('en-US')} |`;
  const rows = CASES.map((item) => {
    // The ratio of each round's p50s, largest scale over smallest: its median and its range.
    const ratios = last.rounds[item.name]!.map((p50, i) => p50 / first.rounds[item.name]![i]!).sort((a, b) => a - b);
    const ratio = median(ratios);
    const shown = `${ratio.toFixed(2)} (${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)})`;
    const flag = ratio > 1.5 ? ` **${shown}**` : ` ${shown}`;
    const cell = (run: ScaleRun) =>
      `${ms(median(run.times[item.name]!))} / ${ms(percentile(run.times[item.name]!, 0.95))}`;
    return `| ${item.name} | ${mine.map(cell).join(' | ')} |${flag} |`;
  });
  const notes = mine
    .map(
      (run) =>
        `- ${run.scale.toLocaleString('en-US')} rows: seeded (demo + \`--scale\`) in ${run.seedSeconds.toFixed(0)} s; \`backlot serve\` ready in ${Math.round(run.readyMs)} ms.`,
    )
    .join('\n');
  const stalled = last.stall;
  const spread = (times: number[]) =>
    `p50 ${ms(median(times))}, p95 ${ms(percentile(times, 0.95))}, max ${ms(Math.max(...times))} ms`;
  const stallNote = stalled
    ? `\n\nAt ${last.scale.toLocaleString('en-US')} rows, the movies' first page (40 requests): alone ${spread(stalled.quiet)}; while two clients keep asking for \`${decodeURIComponent(HEAVY)}\` (a filter no index serves, which reads every row; ${stalled.heavy.length} answered meanwhile${stalled.heavy.length ? `, p50 ${ms(median(stalled.heavy))} ms` : ''}): ${spread(stalled.alongside)}.`
    : '';
  return `## ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}\n\nTimed at ${loads[dialect] ?? ''}.${stallNote}\n\n${header}\n|---|${mine.map(() => '---:|').join('')}---:|\n${rows.join('\n')}\n\n${notes}\n`;
}).join('\n');

const report = `# Bench: lists at scale

${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}) · every scale seeded and served at once, then each case timed on each scale in turn: ${ROUNDS} rounds of ${SAMPLES} sequential requests per case and scale, after one untimed pass over every case; p50 and p95 over all rounds, the ratio of the largest scale's p50 to the smallest's taken in each round (median and range), real \`backlot serve\` (production, RATE_LIMIT=0), the demo administrator's token · N rows in every main table by \`backlot db seed --scale N\`

${sections}`;
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, report);
process.stdout.write(report);
