/**
 * The scale scenario of `npm run bench`: how list requests behave as tables grow. For each database and each scale,
 * a fresh database gets the demo data and `backlot db seed --scale N`, then the real `backlot serve` answers, one
 * request at a time, the first page, a page 100 pages deep (through the cursor), a filter on an indexed field, a sort
 * on each sortable field, and `q` (a common word and a word no row holds) for movies, clients, contracts and the audit
 * trail. Reported: the p50 and p95 of each case at each scale and the ratio of the largest scale to the smallest.
 * Settings: BENCH_SCALES (10000,1000000), BENCH_DIALECTS (sqlite,postgres), BENCH_POSTGRES_URL,
 * BENCH_SAMPLES (25 requests per case), BENCH_SCALE_OUT (bench/results/scale.md).
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
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 25);
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

/** ms of each of SAMPLES sequential requests (after 3 unmeasured ones). */
async function timeCase(base: string, token: string, item: Case): Promise<number[]> {
  const headers = { authorization: `Bearer ${token}` };
  let path = item.path;
  for (let page = 0; page < (item.deep ?? 0); page++) {
    const body = (await (await fetch(`${base}/api/v1${path}`, { headers })).json()) as { nextCursor?: string };
    if (!body.nextCursor) throw new Error(`${item.name}: fewer than ${item.deep} pages`);
    path = `${item.path}&cursor=${enc(body.nextCursor)}`;
  }
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 3; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1${path}`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${item.name}: ${response.status}`);
    if (i >= 3) times.push(performance.now() - started);
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
  p50: Record<string, number>;
  p95: Record<string, number>;
  load: string;
}

const runs: ScaleRun[] = [];
const workDir = mkdtempSync(join(tmpdir(), 'backlot-bench-scale-'));
for (const dialect of DIALECTS) {
  for (const scale of SCALES) {
    const database = dialect === 'sqlite' ? freshSqlite() : await freshPostgres(POSTGRES_URL);
    try {
      const secret = randomSecret();
      log(`${dialect} × ${scale.toLocaleString('en-US')}: seeding`);
      const seedStarted = performance.now();
      await seedWithCli(database.url, secret, scale);
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const server = await startServe(`scale-${dialect}`, serveEnv(database.url, secret), join(workDir, 'serve.log'));
      try {
        const base = `http://127.0.0.1:${server.port}`;
        const token = await signInAdmin(base);
        const loadBefore = loadAverage();
        const run: ScaleRun = { dialect, scale, seedSeconds, readyMs: server.readyMs, p50: {}, p95: {}, load: '' };
        for (const item of CASES) {
          const times = await timeCase(base, token, item);
          run.p50[item.name] = median(times);
          run.p95[item.name] = percentile(times, 0.95);
          log(`  ${item.name}: p50 ${run.p50[item.name]?.toFixed(1)} ms`);
        }
        run.load = `load average ${loadBefore} → ${loadAverage()}`;
        runs.push(run);
      } finally {
        await server.stop();
      }
    } finally {
      await database.drop();
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
    const ratio = (last.p50[item.name] ?? Number.NaN) / (first.p50[item.name] ?? Number.NaN);
    const flag = ratio > 1.5 ? ` **${ratio.toFixed(2)}**` : ` ${ratio.toFixed(2)}`;
    return `| ${item.name} | ${mine.map((run) => `${ms(run.p50[item.name])} / ${ms(run.p95[item.name])}`).join(' | ')} |${flag} |`;
  });
  const notes = mine
    .map(
      (run) =>
        `- ${run.scale.toLocaleString('en-US')} rows: seeded (demo + \`--scale\`) in ${run.seedSeconds.toFixed(0)} s; \`backlot serve\` ready in ${Math.round(run.readyMs)} ms; ${run.load}.`,
    )
    .join('\n');
  return `## ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}\n\n${header}\n|---|${mine.map(() => '---:|').join('')}---:|\n${rows.join('\n')}\n\n${notes}\n`;
}).join('\n');

const report = `# Bench: lists at scale

${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}) · ${SAMPLES} sequential requests per case (after 3 unmeasured), real \`backlot serve\` (production, RATE_LIMIT=0), the demo administrator's token · N rows in every main table by \`backlot db seed --scale N\`

${sections}`;
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, report);
process.stdout.write(report);
