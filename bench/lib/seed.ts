import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { now } from '../../src/db/database.ts';
import { DEMO_PASSWORD } from '../../src/db/seed.ts';
import { createBacklot } from '../../src/server.ts';
import { runBacklot } from './child.ts';

export const MOVIE_COUNT = 10_000;
/** `backlot db seed --scale` for the bench's database, on top of the demo data. */
export const SCALE = Number(process.env.BENCH_SCALE ?? 10_000);
const BATCH = 500;
const PASSWORD = 'bench-password-0123456789';
const WORDS = [
  'red',
  'silent',
  'last',
  'iron',
  'golden',
  'night',
  'river',
  'storm',
  'glass',
  'winter',
  'empire',
  'shadow',
  'garden',
  'harbour',
  'machine',
  'letter',
  'summer',
  'stranger',
  'mountain',
  'promise',
  'signal',
  'orchard',
];
const GENRES = ['drama', 'comedy', 'thriller', 'documentary', 'animation', 'western', 'noir', 'musical'];

/** A database made for one run, and how to remove it afterwards. */
export interface BenchDatabase {
  dialect: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

/** A fresh SQLite file in a temporary folder. */
export function freshSqlite(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-bench-'));
  return {
    dialect: 'sqlite',
    url: `sqlite:${join(dir, 'bench.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh PostgreSQL database on the server `adminUrl` names, dropped (with force) afterwards. */
export async function freshPostgres(adminUrl: string): Promise<BenchDatabase> {
  const name = `backlot_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { dialect: 'postgres', url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** A fresh MySQL/MariaDB database (utf8mb4) on the server `adminUrl` names, dropped afterwards. */
export async function freshMysql(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { createConnection } = await import('mysql2/promise');
  const name = `backlot_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const client = await createConnection(adminUrl);
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name} character set utf8mb4`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name}`) };
}

/** A JWT secret as production wants it: 48 random characters. */
export function randomSecret(): string {
  return randomBytes(36).toString('base64url');
}

/** The environment both the seeding and the served Backlot read their configuration from. */
export function backlotEnv(
  databaseUrl: string,
  jwtSecret: string,
  logLevel: 'warn' | 'silent',
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: logLevel,
    DATABASE_URL: databaseUrl,
    // The rate limiter (600 a minute per address by default) would answer 429 to a load test from one address.
    RATE_LIMIT: '0',
    // Long enough that no token expires during a long run.
    ACCESS_TOKEN_TTL: '12h',
    MIGRATE_ON_START: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
  };
}

/**
 * The environment of the `backlot serve` the bench measures: production, the default log level (`info`: one line per
 * request on standard output, which the bench sends to a file), and only what a load test from one address needs.
 */
export function serveEnv(databaseUrl: string, jwtSecret: string): Record<string, string> {
  const {
    LOG_LEVEL: _default,
    MIGRATE_ON_START: _migrate,
    PORT: _port,
    ...env
  } = backlotEnv(databaseUrl, jwtSecret, 'warn');
  return env;
}

export const DEMO_ACCOUNT = 'casting_assistant@demo.backlot';

/** Fills the database as a user would: `backlot db seed --demo`, then `backlot db seed --scale <scale>`. */
export async function seedWithCli(databaseUrl: string, jwtSecret: string, scale: number): Promise<void> {
  const env = { NODE_ENV: 'development', JWT_SECRET: jwtSecret, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl };
  await runBacklot(['db', 'seed', '--demo'], env);
  await runBacklot(['db', 'seed', '--scale', String(scale)], env);
}

/** Signs the demo casting assistant in on a running server; returns its access token. */
export async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_ACCOUNT, password: DEMO_PASSWORD }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token) throw new Error(`sign-in failed: ${response.status}`);
  return body.access_token;
}

/** Deterministic pseudo-random numbers, so every run lists the same movies. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Migrates the database with the project's migrations, inserts the movies in batches inside one transaction,
 * and signs in a casting assistant; returns its access token.
 */
export async function seed(databaseUrl: string, jwtSecret: string): Promise<{ token: string }> {
  const config = loadConfig(backlotEnv(databaseUrl, jwtSecret, 'silent'));
  const backlot = await createBacklot(config, false, { migrate: true });
  try {
    const next = random(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const at = now();
    await backlot.handle.db.transaction().execute(async (trx) => {
      for (let start = 0; start < MOVIE_COUNT; start += BATCH) {
        const rows = [];
        for (let i = start; i < Math.min(start + BATCH, MOVIE_COUNT); i++) {
          const year = 1950 + Math.floor(next() * 75);
          const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
          const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
          rows.push({
            title: `The ${pick(WORDS)} ${pick(WORDS)} ${i}`,
            releaseDate: `${year}-${month}-${day}`,
            genres: JSON.stringify([...new Set([pick(GENRES), pick(GENRES)])]),
            priceCents: Math.floor(next() * 3000),
            stock: Math.floor(next() * 100),
            createdAt: at,
            updatedAt: at,
            version: 1,
          });
        }
        await trx.insertInto('movies').values(rows).execute();
      }
    });
    const email = 'casting.assistant@bench.backlot';
    await backlot.services.identity.createUserDirect({
      email,
      fullName: 'Bench Casting Assistant',
      password: PASSWORD,
      roles: ['casting_assistant'],
    });
    const response = await backlot.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { email, password: PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    const { access_token } = response.json<{ access_token: string }>();
    return { token: access_token };
  } finally {
    await backlot.close();
  }
}
