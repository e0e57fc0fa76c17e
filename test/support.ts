/**
 * The test harness: a migrated Backlot over a fresh database of each dialect under test.
 * SQLite (a file in a temporary folder, as Backlot serves it: lists that may read many rows run on its readers) always; PostgreSQL and MySQL/MariaDB when TEST_POSTGRES_URL / TEST_MYSQL_URL are set,
 * each test file in a database of its own, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import type { Caller } from '../src/access/authorize.ts';
import { BUILT_IN_ROLES, expandPermissions } from '../src/access/catalogue.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { Dialect } from '../src/db/database.ts';
import { type Backlot, createBacklot } from '../src/server.ts';

export const JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const PASSWORD = 'correct horse battery';

export interface DialectUnderTest {
  name: Dialect;
  /** Creates a fresh, empty database and returns its URL and a function that drops it. */
  fresh(): Promise<{ url: string; drop(): Promise<void> }>;
}

function uniqueName(): string {
  return `backlot_t_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export function dialects(): DialectUnderTest[] {
  const list: DialectUnderTest[] = [
    {
      name: 'sqlite',
      async fresh() {
        const dir = mkdtempSync(join(tmpdir(), 'backlot-t-'));
        return {
          url: `sqlite:${join(dir, 'test.db')}`,
          drop: async () => rmSync(dir, { recursive: true, force: true }),
        };
      },
    },
  ];
  const postgresUrl = process.env.TEST_POSTGRES_URL;
  if (postgresUrl) {
    list.push({
      name: 'postgres',
      async fresh() {
        const name = uniqueName();
        const admin = new pg.Client({ connectionString: postgresUrl });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        const url = new URL(postgresUrl);
        url.pathname = `/${name}`;
        return {
          url: url.toString(),
          async drop() {
            const client = new pg.Client({ connectionString: postgresUrl });
            await client.connect();
            await client.query(`drop database if exists ${name} with (force)`);
            await client.end();
          },
        };
      },
    });
  }
  const mysqlUrl = process.env.TEST_MYSQL_URL;
  if (mysqlUrl) {
    list.push({
      name: 'mysql',
      async fresh() {
        const name = uniqueName();
        const admin = await createConnection(mysqlUrl);
        await admin.query(`create database ${name} character set utf8mb4`);
        await admin.end();
        const url = new URL(mysqlUrl);
        url.pathname = `/${name}`;
        return {
          url: url.toString(),
          async drop() {
            const client = await createConnection(mysqlUrl);
            await client.query(`drop database if exists ${name}`);
            await client.end();
          },
        };
      },
    });
  }
  return list;
}

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  // No request rate limit unless a test asks for one: a test file sends hundreds of requests from one address.
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET,
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    RATE_LIMIT: '0',
    ...env,
  });
}

export interface TestBacklot extends Backlot {
  dialect: Dialect;
  /** The URL of its fresh database. */
  databaseUrl: string;
  /** Creates an active user with these roles; returns its id. */
  user(roles: string[], email?: string): Promise<{ id: number; email: string }>;
  /** Signs in and returns the token response. */
  signIn(email: string, password?: string): Promise<{ access_token: string; refresh_token: string }>;
  /** A user with these roles, signed in: its id and an Authorization header. */
  as(roles: string[]): Promise<{ id: number; email: string; token: string; headers: { authorization: string } }>;
  request(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse>;
  /** Acts as an administrator directly on the services (for arranging data). */
  system: Caller;
  stop(): Promise<void>;
}

let counter = 0;

/** A caller with every permission, for arranging data directly on the services. */
export const SYSTEM: Caller = {
  userId: 0,
  permissions: new Set(['*']),
  roles: ['admin'],
  sessionId: null,
  requestId: 'test',
  mustChangePassword: false,
};

/**
 * A migrated Backlot over a fresh database of the given dialect. `sealer: false` leaves audit entries pending until
 * the test seals them (`services.audit.sealPending()`), so that it can see them pending.
 */
export async function startBacklot(
  dialect: DialectUnderTest,
  env: Record<string, string> = {},
  options: { sealer?: boolean } = {},
): Promise<TestBacklot> {
  const database = await dialect.fresh();
  const config = testConfig(database.url, env);
  const backlot = await createBacklot(config, false, { migrate: true, sealer: options.sealer });
  await backlot.app.ready();
  const api: TestBacklot = {
    ...backlot,
    dialect: dialect.name,
    databaseUrl: database.url,
    async user(roles, email) {
      const address = email ?? `user${++counter}.${randomBytes(3).toString('hex')}@test.backlot`;
      const id = await backlot.services.identity.createUserDirect({
        email: address,
        fullName: `Test ${roles.join(' ') || 'nobody'}`,
        password: PASSWORD,
        roles,
      });
      return { id, email: address };
    },
    async signIn(email, password = PASSWORD) {
      const response = await backlot.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        payload: { email, password },
      });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
      return response.json();
    },
    async as(roles) {
      const user = await api.user(roles);
      const { access_token } = await api.signIn(user.email);
      return { ...user, token: access_token, headers: { authorization: `Bearer ${access_token}` } };
    },
    request({ method, url, token, body, headers }) {
      return backlot.app.inject({
        method,
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as string | object }),
      });
    },
    system: SYSTEM,
    async stop() {
      await backlot.close();
      await database.drop();
    },
  };
  return api;
}

/** The subjects of every role × endpoint matrix: each built-in role, from the permission table, and a user with none. */
export const ROLE_SUBJECTS: readonly { label: string; roles: string[]; permissions: ReadonlySet<string> }[] = [
  ...BUILT_IN_ROLES.map((role) => ({
    label: role.name,
    roles: [role.name],
    permissions: new Set<string>(expandPermissions(role.permissions)),
  })),
  { label: '(no role)', roles: [], permissions: new Set<string>() },
];
