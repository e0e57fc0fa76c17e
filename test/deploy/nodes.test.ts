/**
 * Several Backlot nodes that agree: three real `backlot serve` processes, each in a network namespace of its own (its
 * own host, with a link to the load balancer and a link to the databases that can be cut), behind HAProxy, on the
 * local PostgreSQL (or MariaDB) and Redis. Needs root (ip netns) and haproxy; names and addresses are this run's own.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { createBacklot } from '../../src/server.ts';
import { freePort, until } from '../serve.ts';
import { dialects, JWT_SECRET, PASSWORD, testConfig } from '../support.ts';

const BIN = fileURLToPath(new URL('../../bin/backlot.js', import.meta.url));
const NODES = 3;
const TAG = (process.pid % 0xffff).toString(16);
/** 10.<a>.<b>.0/24, unused on this machine: per node i, 8i+1/30 ↔ 8i+2 (front) and 8i+5/30 ↔ 8i+6 (back). */
const PREFIX = (() => {
  const routes = execFileSync('ip', ['-4', 'route']).toString();
  for (let n = process.pid; ; n += 7) {
    const prefix = `10.${200 + (n % 50)}.${(n >> 3) % 250}`;
    if (!routes.includes(`${prefix}.`)) return prefix;
  }
})();
const ns = (i: number) => `bk${TAG}n${i}`;
const frontHost = (i: number) => `${PREFIX}.${8 * i + 1}`;
const frontNode = (i: number) => `${PREFIX}.${8 * i + 2}`;
const backHost = (i: number) => `${PREFIX}.${8 * i + 5}`;
const backNode = (i: number) => `${PREFIX}.${8 * i + 6}`;
const backLink = (i: number) => `bk${TAG}b${i}`;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeNamespaces(): void {
  for (let i = 0; i < NODES; i++) {
    ip('netns', 'add', ns(i));
    ip('-n', ns(i), 'link', 'set', 'lo', 'up');
    for (const [link, host, node, name] of [
      [`bk${TAG}f${i}`, frontHost(i), frontNode(i), 'front'],
      [backLink(i), backHost(i), backNode(i), 'back'],
    ] as const) {
      ip('link', 'add', link, 'type', 'veth', 'peer', 'name', name, 'netns', ns(i));
      ip('addr', 'add', `${host}/30`, 'dev', link);
      ip('link', 'set', link, 'up');
      ip('-n', ns(i), 'addr', 'add', `${node}/30`, 'dev', name);
      ip('-n', ns(i), 'link', 'set', name, 'up');
    }
  }
}

function removeNamespaces(): void {
  for (let i = 0; i < NODES; i++) {
    try {
      ip('netns', 'del', ns(i));
    } catch {}
  }
}

/** Relays a port on a node's back link to a local server (the databases listen on 127.0.0.1 only). */
function relay(host: string, target: number): Promise<{ port: number; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(target, '127.0.0.1');
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  return new Promise((resolve) => {
    server.listen(0, host, () => {
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0, server, sockets });
    });
  });
}

interface Node {
  process: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

interface Cluster {
  nodes: Node[];
  start(i: number): Node;
  url(i: number): string;
  stop(i: number): Promise<void>;
  close(): Promise<void>;
}

/** Three nodes on one database (relayed to each node's back link) and Redis. */
async function cluster(databaseUrl: string): Promise<Cluster> {
  const database = new URL(databaseUrl);
  const redisPort = Number(new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379);
  const relays = await Promise.all(
    Array.from({ length: NODES }, async (_, i) => ({
      db: await relay(backHost(i), Number(database.port)),
      redis: await relay(backHost(i), redisPort),
    })),
  );
  const nodes: Node[] = [];
  const start = (i: number): Node => {
    const url = new URL(databaseUrl);
    url.hostname = backHost(i);
    url.port = String(relays[i]?.db.port);
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      JWT_SECRET,
      DATABASE_URL: url.toString(),
      REDIS_URL: `redis://${backHost(i)}:${relays[i]?.redis.port}`,
      HOST: frontNode(i),
      PORT: '3000',
      LOG_LEVEL: 'info',
      SHUTDOWN_DELAY: '1s',
      RATE_LIMIT: '1000000',
      TRUST_PROXY: `${PREFIX}.0/24`,
    };
    const child = spawn('ip', ['netns', 'exec', ns(i), process.execPath, BIN, 'serve'], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const node: Node = {
      process: child,
      log: '',
      exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    };
    child.stdout?.on('data', (chunk) => {
      node.log += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      node.log += chunk;
    });
    nodes[i] = node;
    return node;
  };
  for (let i = 0; i < NODES; i++) start(i);
  return {
    nodes,
    start,
    url: (i) => `http://${frontNode(i)}:3000`,
    async stop(i) {
      const node = nodes[i];
      if (!node || node.process.exitCode !== null) return;
      node.process.kill('SIGTERM');
      await node.exited;
    },
    async close() {
      for (const node of nodes) {
        if (node?.process.pid && node.process.exitCode === null) {
          try {
            process.kill(-node.process.pid, 'SIGKILL');
          } catch {}
        }
      }
      await Promise.all(nodes.map((node) => node?.exited));
      for (const { db, redis } of relays) {
        for (const r of [db, redis]) {
          for (const socket of r.sockets) socket.destroy();
          r.server.close();
        }
      }
    },
  };
}

/** Waits for every node's /readyz; on failure the nodes' logs say why. */
async function allReady(nodes: Cluster): Promise<void> {
  try {
    for (let i = 0; i < NODES; i++) await until(`node ${i} ready`, () => ready(nodes.url(i)), 120);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${nodes.nodes.map((n) => n.log.slice(-1500)).join('\n---\n')}`);
  }
}

async function ready(url: string): Promise<true | undefined> {
  const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) });
  return response.status === 200 ? true : undefined;
}

async function signIn(url: string, email: string, password = PASSWORD): Promise<Response> {
  return fetch(`${url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

async function tokenFor(url: string, email: string, password = PASSWORD): Promise<string> {
  const response = await signIn(url, email, password);
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { access_token: string }).access_token;
}

function me(url: string, token: string): Promise<number> {
  return fetch(`${url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
}

const databases = dialects().filter((d) => d.name !== 'sqlite');

for (const dialect of databases) {
  describe(`three nodes on ${dialect.name}, started at once on an empty database`, () => {
    let database: { url: string; drop(): Promise<void> };
    let nodes: Cluster;

    before(async () => {
      removeNamespaces();
      makeNamespaces();
      database = await dialect.fresh();
      nodes = await cluster(database.url);
    });
    after(async () => {
      await nodes?.close();
      removeNamespaces();
      await database?.drop();
    });

    it('exactly one node migrates; the others wait for it, then all are ready', { timeout: 180_000 }, async () => {
      await allReady(nodes);
      const migrated = nodes.nodes.filter((node) => node.log.includes('"msg":"database migrated"'));
      assert.equal(migrated.length, 1, nodes.nodes.map((node) => node.log.slice(0, 2000)).join('\n---\n'));
      for (const node of nodes.nodes) assert.doesNotMatch(node.log, /"level":(50|60)/);
    });
  });
}

const postgres = databases.find((d) => d.name === 'postgres');
if (postgres) {
  describe('three nodes behind HAProxy on PostgreSQL and Redis', () => {
    let database: { url: string; drop(): Promise<void> };
    let nodes: Cluster;
    let haproxy: ChildProcess;
    let folder: string;
    let proxy: string;
    const admin = { email: `admin-${TAG}@nodes.test`, id: 0 };

    before(async () => {
      removeNamespaces();
      makeNamespaces();
      database = await postgres.fresh();
      nodes = await cluster(database.url);
      await allReady(nodes);
      // The test's own hand on the database: users to sign in with.
      const arrange = await createBacklot(testConfig(database.url, { MIGRATE_ON_START: 'false' }), false);
      admin.id = await arrange.services.identity.createUserDirect({
        email: admin.email,
        fullName: 'Admin',
        password: PASSWORD,
        roles: ['admin'],
      });
      for (const name of ['logout', 'deactivated', 'password']) {
        await arrange.services.identity.createUserDirect({
          email: `${name}-${TAG}@nodes.test`,
          fullName: name,
          password: PASSWORD,
          roles: ['casting_assistant'],
        });
      }
      await arrange.close();

      folder = mkdtempSync(join(tmpdir(), 'backlot-nodes-'));
      const port = await freePort();
      proxy = `http://127.0.0.1:${port}`;
      writeFileSync(
        join(folder, 'haproxy.cfg'),
        [
          'defaults',
          '  mode http',
          '  option forwardfor',
          '  option redispatch',
          '  retries 3',
          '  retry-on conn-failure empty-response response-timeout',
          '  timeout connect 2s',
          '  timeout client 30s',
          '  timeout server 30s',
          '  timeout check 2s',
          'frontend http',
          `  bind 127.0.0.1:${port}`,
          '  default_backend backlot',
          'backend backlot',
          '  balance roundrobin',
          '  option httpchk GET /readyz',
          '  http-check expect status 200',
          '  default-server inter 200ms fall 1 rise 2',
          ...Array.from({ length: NODES }, (_, i) => `  server node${i} ${frontNode(i)}:3000 check`),
          '',
        ].join('\n'),
      );
      haproxy = spawn('haproxy', ['-db', '-f', join(folder, 'haproxy.cfg')], { stdio: 'ignore' });
      await until('HAProxy', () => ready(proxy));
    });
    after(async () => {
      haproxy?.kill('SIGKILL');
      await nodes?.close();
      removeNamespaces();
      await database?.drop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it('a logout through one node is refused at the next request through every other', async () => {
      const token = await tokenFor(nodes.url(0), `logout-${TAG}@nodes.test`);
      for (let i = 0; i < NODES; i++) assert.equal(await me(nodes.url(i), token), 200);
      const logout = await fetch(`${nodes.url(0)}/api/v1/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(logout.status, 204);
      for (let i = 1; i < NODES; i++) assert.equal(await me(nodes.url(i), token), 401);
    });

    it('a deactivation through one node is refused at the next request through every other', async () => {
      const email = `deactivated-${TAG}@nodes.test`;
      const token = await tokenFor(nodes.url(2), email);
      const adminToken = await tokenFor(nodes.url(0), admin.email);
      const users = await fetch(`${nodes.url(0)}/api/v1/users?filter=${encodeURIComponent(`email='${email}'`)}`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      const id = ((await users.json()) as { items: { id: number }[] }).items[0]?.id;
      assert.ok(id);
      const deactivated = await fetch(`${nodes.url(0)}/api/v1/users/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${adminToken}` },
      });
      assert.equal(deactivated.status, 204);
      for (let i = 1; i < NODES; i++) assert.equal(await me(nodes.url(i), token), 401);
    });

    it("a password change through one node ends the user's other sessions on every node", async () => {
      const email = `password-${TAG}@nodes.test`;
      const changing = await tokenFor(nodes.url(1), email);
      const other = await tokenFor(nodes.url(2), email);
      const changed = await fetch(`${nodes.url(1)}/api/v1/auth/password`, {
        method: 'POST',
        headers: { authorization: `Bearer ${changing}`, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }),
      });
      assert.equal(changed.status, 204, await changed.text());
      for (const i of [0, 2]) assert.equal(await me(nodes.url(i), other), 401);
      assert.equal(
        (await signIn(nodes.url(0), email)).status,
        400,
        'the old password is refused everywhere (invalid_grant)',
      );
      assert.equal((await signIn(nodes.url(2), email, 'a brand new passphrase')).status, 200);
    });

    it('failed sign-ins are counted across the nodes (Redis): the sixth is refused, wherever it lands', async () => {
      const email = `nobody-${TAG}-${Date.now()}@nodes.test`;
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        statuses.push((await signIn(nodes.url(attempt % NODES), email, 'wrong password')).status);
      }
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
    });

    it('a rolling restart of every node under load through HAProxy loses no request', {
      timeout: 300_000,
    }, async (t) => {
      const token = await tokenFor(proxy, admin.email);
      const load = autocannon({
        url: `${proxy}/api/v1/movies?limit=5`,
        headers: { authorization: `Bearer ${token}` },
        connections: 4,
        overallRate: 60,
        duration: 600,
      });
      let result: Result | undefined;
      try {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        for (let i = 0; i < NODES; i++) {
          await nodes.stop(i);
          assert.match(nodes.nodes[i]?.log ?? '', /unready, still serving/);
          nodes.start(i);
          await until(`node ${i} back`, () => ready(nodes.url(i)), 120);
          // HAProxy takes it back after two good checks.
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      } finally {
        load.stop();
        result = await load;
      }
      t.diagnostic(
        `${result.requests.total} requests during the restart, ${result.non2xx} not 2xx, ${result.errors} errors`,
      );
      assert.ok(result.requests.total > 50);
      assert.equal(result.non2xx, 0);
      assert.equal(result.errors, 0);
      assert.equal(result.timeouts, 0);
    });

    it('a node cut off from PostgreSQL is unready and answers 503; HAProxy routes around it; it recovers by itself', {
      timeout: 180_000,
    }, async () => {
      const token = await tokenFor(proxy, admin.email);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      ip('link', 'set', backLink(0), 'down');
      try {
        const unready = await until('node 0 unready', async () => {
          const response = await fetch(`${nodes.url(0)}/readyz`, { signal: AbortSignal.timeout(10_000) });
          return response.status === 503 ? response : undefined;
        });
        assert.equal(unready.headers.get('content-type'), 'application/problem+json; charset=utf-8');
        const write = await fetch(`${nodes.url(0)}/api/v1/movies`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ title: `Cut off ${TAG}`, releaseDate: '2026-01-01', genres: [] }),
          signal: AbortSignal.timeout(30_000),
        });
        assert.equal(write.status, 503);
        const problem = (await write.json()) as { status: number; detail: string };
        assert.equal(problem.status, 503);
        assert.doesNotMatch(JSON.stringify(problem), /stack|ECONN|ETIMEDOUT|select|insert/i);
        for (let n = 0; n < 12; n++) {
          const response = await fetch(`${proxy}/api/v1/movies?limit=1`, { headers });
          assert.equal(response.status, 200, `request ${n} through HAProxy`);
        }
      } finally {
        ip('link', 'set', backLink(0), 'up');
      }
      await until('node 0 ready again', () => ready(nodes.url(0)), 120);
      assert.equal(nodes.nodes[0]?.process.exitCode, null, 'the node never exited');
      const list = await fetch(`${nodes.url(0)}/api/v1/movies?filter=${encodeURIComponent(`title='Cut off ${TAG}'`)}`, {
        headers,
      });
      assert.equal(list.status, 200);
      assert.deepEqual(((await list.json()) as { items: unknown[] }).items, [], 'no half-written change');
    });
  });
}
