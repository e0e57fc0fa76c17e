/**
 * `node bench/list-movies-parts.ts`: what each part of an authenticated `GET /api/v1/movies?limit=50` costs, one call
 * at a time in this process (µs of wall and CPU time per call, median of 5 batches), next to what the baseline does.
 * Settings: BENCH_DIALECTS (sqlite,postgres), BENCH_POSTGRES_URL (or `off`), BENCH_ITERATIONS (2000).
 */
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import type { Caller } from '../src/access/authorize.ts';
import { loadConfig } from '../src/config.ts';
import { planList } from '../src/lists/list.ts';
import { createLogger } from '../src/logger.ts';
import { MOVIE_LIST } from '../src/modules/casting/repository.ts';
import { IdentityRepository } from '../src/modules/identity/repository.ts';
import { claimedIssuer, TokenService } from '../src/modules/identity/tokens.ts';
import { createBacklot } from '../src/server.ts';
import { type BenchDatabase, backlotEnv, freshPostgres, freshSqlite, randomSecret, seed } from './lib/seed.ts';
import type { MovieRow } from './servers/baseline-route.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((name) => name.trim());
const LIST_SQL = 'select * from movies order by title, id limit ';

type Part = [name: string, call: () => unknown];

async function measure(call: () => unknown): Promise<{ wall: number; cpu: number }> {
  const batches: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < ITERATIONS / 4; i++) await call();
  for (let batch = 0; batch < 5; batch++) {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    for (let i = 0; i < ITERATIONS; i++) await call();
    const cpu = process.cpuUsage(cpuStart);
    batches.push({
      wall: ((performance.now() - wallStart) * 1000) / ITERATIONS,
      cpu: (cpu.user + cpu.system) / ITERATIONS,
    });
  }
  const middle = (values: number[]) => values.sort((a, b) => a - b)[2]!;
  return { wall: middle(batches.map((b) => b.wall)), cpu: middle(batches.map((b) => b.cpu)) };
}

/** A bare Fastify app with one tiny route, to compare Backlot's app-wide hooks against. */
async function bareApp() {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.ready();
  return app;
}

async function parts(database: BenchDatabase): Promise<void> {
  const secret = randomSecret();
  const { token } = await seed(database.url, secret);
  const config = loadConfig(backlotEnv(database.url, secret, 'warn'));
  const backlot = await createBacklot(config, createLogger(config), { migrate: false });
  await backlot.app.ready();
  const { db } = backlot.handle;
  const sid = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;
  const sessionQuery = new IdentityRepository(database.dialect).sessionState(db, sid);
  const sessionSql = db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select(['sessions.userId', 'sessions.revokedAt', 'sessions.expiresAt', 'users.active', 'users.mustChangePassword'])
    .where('sessions.id', '=', sid)
    .compile().sql;
  const tokens = new TokenService(secret, config.accessTokenTtlSeconds);
  const actor: Caller = await backlot.services.identity.authenticate(token, 'parts');
  const kyselyList = () => db.selectFrom('movies').selectAll().orderBy('title').orderBy('id').limit(51).execute();
  const list: Part[] = [];
  let closeRaw: () => Promise<void>;
  if (database.dialect === 'sqlite') {
    const sqlite = new SqliteDatabase(database.url.slice('sqlite:'.length));
    const prepared = sqlite.prepare<[number], MovieRow>(`${LIST_SQL}?`);
    closeRaw = async () => void sqlite.close();
    list.push(
      ['SELECT: statement prepared once (baseline)', () => prepared.all(51)],
      ['SELECT: prepared on every call', () => sqlite.prepare(`${LIST_SQL}?`).all(51)],
      ['session lookup: its SQL, prepared on every call', () => sqlite.prepare(sessionSql).get(sid)],
    );
  } else {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    closeRaw = () => pool.end();
    list.push(
      ['SELECT: pool.query (baseline)', () => pool.query(`${LIST_SQL}$1`, [51])],
      ['session lookup: its SQL through pool.query', () => pool.query(sessionSql, [sid])],
    );
  }
  await sessionQuery;
  const bare = await bareApp();
  const headers = { authorization: `Bearer ${token}` };
  list.push(
    ['SELECT through Kysely (CamelCasePlugin)', kyselyList],
    ['session lookup through Kysely', () => new IdentityRepository(database.dialect).sessionState(db, sid)],
    ['claimedIssuer: decode the token, uncached', () => claimedIssuer(token)],
    ['fast-jwt verify (cache hit)', () => tokens.verifyAccess(token)],
    [
      'identity.authenticate (decode + verify + session lookup)',
      () => backlot.services.identity.authenticate(token, 'x'),
    ],
    ['planList({ limit: 50 })', () => planList({ limit: 50 }, MOVIE_LIST, { me: actor.userId, now: new Date() })],
    [
      'casting.listMovies (plan, query, map rows, cursor)',
      () => backlot.services.casting.listMovies(actor, { limit: 50 }),
    ],
    ['inject: bare GET /healthz', () => bare.inject({ method: 'GET', url: '/healthz' })],
    ['inject: Backlot GET /healthz (global hooks only)', () => backlot.app.inject({ method: 'GET', url: '/healthz' })],
  );
  // The route the parts add up to answers as it should.
  const probe = await backlot.app.inject({ method: 'GET', url: '/api/v1/movies?limit=50', headers });
  if (probe.statusCode !== 200) throw new Error(`Backlot answered ${probe.statusCode}: ${probe.body}`);
  process.stdout.write(
    `\n### ${database.dialect} (${ITERATIONS} calls per batch)\n\n| part | wall µs | CPU µs |\n|---|---:|---:|\n`,
  );
  for (const [name, call] of list) {
    const { wall, cpu } = await measure(call);
    process.stdout.write(`| ${name} | ${wall.toFixed(1)} | ${cpu.toFixed(1)} |\n`);
  }
  await bare.close();
  await closeRaw();
  await backlot.close();
}

for (const dialect of DIALECTS) {
  if (dialect === 'postgres' && POSTGRES_URL === 'off') continue;
  const database = dialect === 'sqlite' ? freshSqlite() : await freshPostgres(POSTGRES_URL);
  try {
    await parts(database);
  } finally {
    await database.drop();
  }
}
