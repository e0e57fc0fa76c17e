/**
 * The database's connections end under load, on PostgreSQL and MySQL/MariaDB: the real `backlot serve` process keeps
 * serving. Its own connections are ended from outside (pg_terminate_backend / KILL, scoped to this test's database),
 * and its database is made to hang (a lock held on the table readiness reads). Throughout, requests answer 503 with
 * Retry-After, never 500; /readyz goes 503 and back to 200; every order the database holds is one a client saw as 201.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createBacklot } from '../../src/server.ts';
import { type Served, serveBinary } from '../serve.ts';
import { type DialectUnderTest, dialects, PASSWORD, testConfig } from '../support.ts';

const STOCK = 100_000;

/** Ends, or makes hang, the connections of one database only: this test's. */
interface Saboteur {
  killAll(): Promise<number>;
  /** Holds a lock on the migrations table until released: every reader of it waits, as on a frozen server. */
  freeze(): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

async function saboteur(dialect: string, url: string): Promise<Saboteur> {
  const name = new URL(url).pathname.slice(1);
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    return {
      async killAll() {
        const result = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        );
        return result.rowCount ?? 0;
      },
      async freeze() {
        const holder = new pg.Client({ connectionString: url });
        await holder.connect();
        await holder.query('begin');
        await holder.query('lock table kysely_migration in access exclusive mode');
        return async () => {
          await holder.query('rollback');
          await holder.end();
        };
      },
      close: () => admin.end(),
    };
  }
  const admin = await createConnection(url);
  return {
    async killAll() {
      const [rows] = await admin.query(
        'select id from information_schema.processlist where db = ? and id <> connection_id()',
        [name],
      );
      let killed = 0;
      for (const { id } of rows as { id: number }[]) {
        try {
          await admin.query(`kill ${Number(id)}`);
          killed++;
        } catch {
          // it ended on its own meanwhile
        }
      }
      return killed;
    },
    async freeze() {
      const holder = await createConnection(url);
      await holder.query('lock tables kysely_migration write');
      return async () => {
        await holder.query('unlock tables');
        await holder.end();
      };
    },
    close: () => admin.end(),
  };
}

interface Answer {
  status: number;
  body: string;
  type: string;
  retryAfter: string | null;
}

async function call(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, init);
  return {
    status: response.status,
    body: await response.text(),
    type: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
  };
}

for (const dialect of dialects().filter((d): d is DialectUnderTest => d.name !== 'sqlite')) {
  describe(`database connections ending under load on ${dialect.name}`, () => {
    let database: { url: string; drop(): Promise<void> };
    let served: Served;
    let base: string;
    let token: string;
    let clientId: number;
    let movieIds: number[];

    before(async () => {
      database = await dialect.fresh();
      const setup = await createBacklot(testConfig(database.url), false, { migrate: true });
      try {
        const system = {
          userId: 0,
          permissions: new Set(['*']),
          roles: ['admin'],
          sessionId: null,
          requestId: 'setup',
          mustChangePassword: false,
        };
        await setup.services.identity.createUserDirect({
          email: 'clerk@faults.backlot',
          fullName: 'Clerk',
          password: PASSWORD,
          roles: ['store_clerk'],
        });
        clientId = (
          await setup.services.relations.createClient(system, { fullName: 'Buyer', email: 'buyer@x.example' })
        ).id;
        movieIds = [];
        for (const title of ['One', 'Two', 'Three']) {
          const movie = await setup.services.casting.createMovie(system, {
            title,
            releaseDate: '2020-01-01',
            priceCents: 100,
            stock: STOCK,
          });
          movieIds.push(movie.id);
        }
      } finally {
        await setup.close();
      }
      served = await serveBinary(database.url);
      base = served.base;
      const signIn = await call(base, '/api/v1/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'clerk@faults.backlot', password: PASSWORD }),
      });
      assert.equal(signIn.status, 200, `${signIn.body}\n${served.output()}`);
      token = JSON.parse(signIn.body).access_token;
    });

    after(async () => {
      if (served.child.exitCode === null) {
        served.child.kill('SIGTERM');
        await once(served.child, 'exit');
      }
      await database.drop();
    });

    it('keeps serving: 503 with Retry-After (never 500), /readyz 503 then 200, orders as the clients saw them', async () => {
      const auth = { authorization: `Bearer ${token}` };
      const answers: Answer[] = [];
      const placed: { id: number; movieId: number; quantity: number }[] = [];
      const failures: string[] = [];
      let stop = false;

      const orderLoop = async (n: number) => {
        for (let i = 0; !stop; i++) {
          const movieId = movieIds[(n + i) % movieIds.length] as number;
          const quantity = 1 + (i % 3);
          try {
            const answer = await call(base, '/api/v1/orders', {
              method: 'POST',
              headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
              body: JSON.stringify({ clientId, items: [{ movieId, quantity }] }),
            });
            answers.push(answer);
            if (answer.status === 201) placed.push({ id: JSON.parse(answer.body).id, movieId, quantity });
          } catch (error) {
            failures.push(`order: ${(error as Error).message}`);
          }
        }
      };
      const readLoop = async () => {
        while (!stop) {
          try {
            answers.push(await call(base, '/api/v1/movies?limit=20', { headers: auth }));
          } catch (error) {
            failures.push(`read: ${(error as Error).message}`);
          }
        }
      };
      const readiness: number[] = [];
      const readyLoop = async () => {
        while (!stop) {
          const ready = await call(base, '/readyz').catch(() => undefined);
          readiness.push(ready?.status ?? 0);
          await sleep(50);
        }
      };

      const saboteurs = await saboteur(dialect.name, database.url);
      const load = [orderLoop(0), orderLoop(1), orderLoop(2), readLoop(), readLoop(), readyLoop()];
      try {
        await sleep(500);
        // End every connection of the app, again and again, until some request has met a broken one.
        for (let round = 0; round < 200; round++) {
          await saboteurs.killAll();
          await sleep(20);
          if (round >= 20 && answers.some((answer) => answer.status === 503)) break;
        }
        // A database that hangs: readiness answers 503 (its probe is bounded) instead of waiting with it.
        const thaw = await saboteurs.freeze();
        const frozenAt = readiness.length;
        while (readiness.slice(frozenAt).filter((status) => status === 503).length < 2) await sleep(50);
        await thaw();
        // And back: ready again, by itself.
        const backAt = readiness.length;
        while (!readiness.slice(backAt).includes(200)) await sleep(50);
        await sleep(300);
      } finally {
        stop = true;
        await Promise.all(load);
        await saboteurs.close();
      }

      assert.equal(served.child.exitCode, null, `the server exited:\n${served.output()}`);
      assert.deepEqual(failures, [], 'a request failed without an HTTP answer');
      const statuses = new Set(answers.map((answer) => answer.status));
      assert.ok(
        answers.some((answer) => answer.status === 503),
        'no request met a broken connection',
      );
      assert.deepEqual(
        [...statuses].filter((status) => ![200, 201, 503].includes(status)),
        [],
        answers
          .filter((answer) => ![200, 201, 503].includes(answer.status))
          .map((answer) => answer.body)
          .slice(0, 5)
          .join('\n'),
      );
      for (const answer of answers.filter((a) => a.status === 503)) {
        assert.match(answer.type, /^application\/problem\+json/);
        assert.equal(JSON.parse(answer.body).code, 'unavailable');
        assert.ok(Number(answer.retryAfter) > 0, 'a 503 without Retry-After');
      }
      assert.ok(readiness.includes(503), 'readiness never went 503');
      assert.equal(readiness.at(-1), 200);
      assert.equal((await call(base, '/api/v1/movies', { headers: auth })).status, 200);

      // The database holds exactly the orders answered 201, and every copy taken is in one of them.
      const handle = openDatabase(database.url);
      try {
        const orders = await handle.db.selectFrom('orders').select('id').orderBy('id').execute();
        assert.deepEqual(
          orders.map((order) => order.id),
          placed.map((order) => order.id).sort((a, b) => a - b),
        );
        const movies = await handle.db.selectFrom('movies').select(['id', 'stock']).execute();
        for (const movie of movies) {
          const ordered = placed
            .filter((order) => order.movieId === movie.id)
            .reduce((sum, order) => sum + order.quantity, 0);
          assert.equal(movie.stock + ordered, STOCK, `movie ${movie.id}`);
        }
        assert.equal((await verifyAuditChain(handle.db)).ok, true);
        const audited = await handle.db
          .selectFrom('auditEntries')
          .select('entityId')
          .where('action', '=', 'order.placed')
          .execute();
        assert.equal(audited.length, placed.length);
      } finally {
        await handle.close();
      }
    });
  });
}
