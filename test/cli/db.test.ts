import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PERMISSIONS } from '../../src/access/catalogue.ts';
import { loadConfig } from '../../src/config.ts';
import { createBacklot } from '../../src/server.ts';
import { type DialectUnderTest, dialects, JWT_SECRET } from '../support.ts';

const BIN = fileURLToPath(new URL('../../bin/backlot.js', import.meta.url));
const DEMO_PASSWORD = 'backlot-demo';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `backlot <args>` as a real process, with only the given environment (and PATH). */
function backlot(args: string[], env: Record<string, string>, cwd: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** A fresh database for the CLI: a file for SQLite (an in-memory one would not outlive the process). */
async function freshDatabase(
  dialect: DialectUnderTest,
  folder: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect.name === 'sqlite') return { url: `sqlite:${join(folder, 'b.db')}`, drop: async () => {} };
  return dialect.fresh();
}

async function signIn(url: string, email: string, password: string) {
  const app = await createBacklot(
    loadConfig({ NODE_ENV: 'test', JWT_SECRET, LOG_LEVEL: 'silent', DATABASE_URL: url, MIGRATE_ON_START: 'false' }),
    false,
  );
  try {
    const response = await app.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { email, password },
    });
    let me: unknown;
    if (response.statusCode === 200) {
      const answer = await app.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${response.json().access_token}` },
      });
      me = answer.json();
    }
    return { status: response.statusCode, body: response.json(), me: me as { roles: string[]; permissions: string[] } };
  } finally {
    await app.close();
  }
}

function productionSecret(): string {
  return randomBytes(30).toString('base64url'); // 40 random characters
}

function pendingCount(status: string): number {
  const match = /(\d+) applied, (\d+) pending/.exec(status);
  assert.ok(match, status);
  return Number(match[2]);
}

function appliedCount(status: string): number {
  const match = /(\d+) applied, (\d+) pending/.exec(status);
  assert.ok(match, status);
  return Number(match[1]);
}

for (const dialect of dialects()) {
  describe(`backlot db on ${dialect.name}`, () => {
    let folder: string;
    let database: { url: string; drop(): Promise<void> };
    let env: Record<string, string>;

    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'backlot-cli-'));
      database = await freshDatabase(dialect, folder);
      env = { DATABASE_URL: database.url };
    });
    after(async () => {
      await database.drop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('db status lists pending migrations, db migrate applies them, db status then shows them applied', async () => {
      const before = await backlot(['db', 'status'], env, folder);
      assert.equal(before.code, 0, before.stderr);
      assert.match(before.stdout, /^pending {2}0001_identity$/m);
      assert.match(before.stdout, /^pending {2}0002_casting$/m);
      assert.doesNotMatch(before.stdout, /^applied /m);
      assert.equal(appliedCount(before.stdout), 0);
      const total = pendingCount(before.stdout);
      assert.ok(total >= 2);

      const migrate = await backlot(['db', 'migrate'], env, folder);
      assert.equal(migrate.code, 0, migrate.stderr);
      assert.match(migrate.stdout, /^Applied 0001_identity, 0002_casting/);

      const after = await backlot(['db', 'status'], env, folder);
      assert.equal(after.code, 0, after.stderr);
      assert.match(after.stdout, /^applied {2}0001_identity$/m);
      assert.match(after.stdout, /^applied {2}0002_casting$/m);
      assert.doesNotMatch(after.stdout, /^pending /m);
      assert.equal(appliedCount(after.stdout), total);
      assert.equal(pendingCount(after.stdout), 0);

      const again = await backlot(['db', 'migrate'], env, folder);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /up to date/);
    });

    it('db seed --demo makes demo users who can sign in', async () => {
      const seed = await backlot(['db', 'seed', '--demo'], env, folder);
      assert.equal(seed.code, 0, seed.stderr);
      assert.match(seed.stdout, /casting_director@demo\.backlot/);
      assert.match(seed.stdout, new RegExp(DEMO_PASSWORD));

      const signedIn = await signIn(database.url, 'casting_director@demo.backlot', DEMO_PASSWORD);
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.token_type, 'Bearer');
      assert.deepEqual(signedIn.me.roles, ['casting_director']);

      const wrong = await signIn(database.url, 'casting_director@demo.backlot', 'not-the-demo-password');
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error, 'invalid_grant');

      const twice = await backlot(['db', 'seed', '--demo'], env, folder);
      assert.equal(twice.code, 0, twice.stderr);
      assert.match(twice.stdout, /already there/);
    });

    it('db seed without --demo or --scale is a usage error (exit 2)', async () => {
      const outcome = await backlot(['db', 'seed'], env, folder);
      assert.equal(outcome.code, 2, outcome.stderr);
      assert.match(outcome.stderr, /--demo/);
      const zero = await backlot(['db', 'seed', '--scale', '0'], env, folder);
      assert.equal(zero.code, 2, zero.stderr);
    });

    it('refuses seeding demo data and resetting in production (exit 1, with a message)', async () => {
      const production = { ...env, NODE_ENV: 'production', JWT_SECRET: productionSecret() };
      const seed = await backlot(['db', 'seed', '--demo'], production, folder);
      assert.equal(seed.code, 1, seed.stdout);
      assert.match(seed.stderr, /production/);
      assert.match(seed.stderr, /NODE_ENV/);
      const reset = await backlot(['db', 'reset', '--yes'], production, folder);
      assert.equal(reset.code, 1, reset.stdout);
      assert.match(reset.stderr, /production/);
      assert.doesNotMatch(reset.stdout, /Dropped/);
      // Nothing was dropped.
      const status = await backlot(['db', 'status'], production, folder);
      assert.equal(status.code, 0, status.stderr);
      assert.equal(pendingCount(status.stdout), 0);
      assert.ok(appliedCount(status.stdout) >= 2);
    });

    it('db reset without --yes is a usage error (exit 2) and drops nothing', async () => {
      const outcome = await backlot(['db', 'reset'], env, folder);
      assert.equal(outcome.code, 2, outcome.stdout);
      assert.match(outcome.stderr, /--yes/);
      const status = await backlot(['db', 'status'], env, folder);
      assert.equal(pendingCount(status.stdout), 0);
      const signedIn = await signIn(database.url, 'casting_director@demo.backlot', DEMO_PASSWORD);
      assert.equal(signedIn.status, 200);
    });

    it('db reset --yes drops every table; db migrate then rebuilds the schema', async () => {
      const reset = await backlot(['db', 'reset', '--yes'], env, folder);
      assert.equal(reset.code, 0, reset.stderr);
      assert.match(reset.stdout, /^Dropped \d+ tables\.$/m);
      const status = await backlot(['db', 'status'], env, folder);
      assert.equal(status.code, 0, status.stderr);
      assert.equal(appliedCount(status.stdout), 0);
      const migrate = await backlot(['db', 'migrate'], env, folder);
      assert.equal(migrate.code, 0, migrate.stderr);
      const signedIn = await signIn(database.url, 'casting_director@demo.backlot', DEMO_PASSWORD);
      assert.equal(signedIn.status, 400, 'the demo users are gone');
      assert.equal(signedIn.body.error, 'invalid_grant');
    });
  });
}

describe('backlot command line', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'backlot-cli-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('serve with a bad PORT exits 1 with one line naming PORT', async () => {
    const outcome = await backlot(['serve'], { PORT: 'abc', DATABASE_URL: `sqlite:${join(folder, 'p.db')}` }, folder);
    assert.equal(outcome.code, 1);
    const lines = outcome.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, outcome.stderr);
    assert.match(lines[0]!, /\bPORT\b/);
    assert.equal(outcome.stdout, '');
  });

  it('a bad DATABASE_URL stops a db command with exit 1 naming it', async () => {
    const outcome = await backlot(['db', 'status'], { DATABASE_URL: 'ftp://x' }, folder);
    assert.equal(outcome.code, 1);
    assert.equal(outcome.stderr.trimEnd().split('\n').length, 1, outcome.stderr);
    assert.match(outcome.stderr, /DATABASE_URL/);
  });

  it('production without JWT_SECRET is refused (exit 1)', async () => {
    const outcome = await backlot(
      ['db', 'status'],
      { NODE_ENV: 'production', DATABASE_URL: `sqlite:${join(folder, 'q.db')}` },
      folder,
    );
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /JWT_SECRET/);
  });

  it('reads .env from the working folder, the environment winning', async () => {
    const dotenvFolder = mkdtempSync(join(folder, 'dotenv-'));
    writeFileSync(join(dotenvFolder, '.env'), `DATABASE_URL=sqlite:${join(dotenvFolder, 'd.db')}\nLOG_LEVEL=loud\n`);
    const bad = await backlot(['db', 'status'], {}, dotenvFolder);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /LOG_LEVEL/);
    const good = await backlot(['db', 'status'], { LOG_LEVEL: 'warn' }, dotenvFolder);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /0 applied/);
  });

  it('an unknown command is a usage error (exit 2); --help exits 0', async () => {
    const unknown = await backlot(['db', 'frobnicate'], {}, folder);
    assert.equal(unknown.code, 2);
    const help = await backlot(['--help'], {}, folder);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /serve/);
  });
});

/** Starts `backlot serve` and waits for the line saying where it listens. */
function startServe(
  env: Record<string, string>,
  cwd: string,
): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stdout}\n${stderr}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1]!, output: () => stdout + stderr });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

for (const dialect of dialects()) {
  describe(`backlot serve on ${dialect.name}`, () => {
    let folder: string;
    let database: { url: string; drop(): Promise<void> };
    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'backlot-serve-'));
      database = await freshDatabase(dialect, folder);
    });
    after(async () => {
      await database.drop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('answers /healthz and /readyz, creates the first administrator, and exits 0 on SIGTERM', async () => {
      const adminPassword = 'first admin password';
      const server = await startServe(
        {
          DATABASE_URL: database.url,
          BACKLOT_ADMIN_EMAIL: 'Root@Example.com',
          BACKLOT_ADMIN_PASSWORD: adminPassword,
        },
        folder,
      );
      try {
        const health = await fetch(`${server.base}/healthz`);
        assert.equal(health.status, 200);
        assert.deepEqual(await health.json(), { status: 'ok' });
        const ready = await fetch(`${server.base}/readyz`);
        assert.equal(ready.status, 200);
        const readiness = (await ready.json()) as {
          database: string;
          migrations: { pending: number; applied: number };
        };
        assert.equal(readiness.database, 'ok');
        assert.equal(readiness.migrations.pending, 0);
        assert.ok(readiness.migrations.applied >= 2);

        const token = await fetch(`${server.base}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'password', username: 'root@example.com', password: adminPassword }),
        });
        assert.equal(token.status, 200, await token.clone().text());
        const { access_token } = (await token.json()) as { access_token: string };
        const me = await fetch(`${server.base}/api/v1/auth/me`, {
          headers: { authorization: `Bearer ${access_token}` },
        });
        assert.equal(me.status, 200);
        const body = (await me.json()) as { roles: string[]; permissions: string[]; email: string };
        assert.equal(body.email, 'root@example.com');
        assert.deepEqual(body.roles, ['admin']);
        assert.deepEqual(body.permissions, [...PERMISSIONS].sort());
      } finally {
        server.child.kill('SIGTERM');
      }
      const { code, signal } = await exited(server.child);
      assert.equal(signal, null, server.output());
      assert.equal(code, 0, server.output());
      assert.match(server.output(), /stopped/);
    });
  });
}
