/**
 * Sealing the audit trail after commit: under concurrent writers and concurrent sealers every entry is sealed exactly
 * once, in one unbroken chain; an entry whose transaction commits late with a lower id is never skipped; on PostgreSQL
 * and MySQL/MariaDB one node of several seals, and a standby takes over when it dies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { recordAudit, sealPending, unsealedProbe } from '../../src/audit/audit.ts';
import { AuditSealer } from '../../src/audit/sealer.ts';
import type { Db } from '../../src/db/database.ts';
import { type Backlot, createBacklot } from '../../src/server.ts';
import { dialects, SYSTEM, startBacklot, type TestBacklot, testConfig } from '../support.ts';

/** Waits until `check` holds (the test runner's timeout bounds it). */
async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await sleep(10);
}

async function pendingCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('auditEntries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seq', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the sealer's probe, with this window or none, finds an entry to seal. */
async function finds(db: Db, window?: number): Promise<boolean> {
  return (await db.executeQuery(unsealedProbe(db, window))).rows.length > 0;
}

/**
 * The whole trail is one chain: every entry sealed, places 1..n each taken once, the head at n, verify whole.
 * Returns the entries in chain order.
 */
async function assertOneChain(backlot: Backlot): Promise<{ id: number; seq: number; action: string }[]> {
  const db = backlot.handle.db;
  const rows = await db.selectFrom('auditEntries').select(['id', 'seq', 'action']).orderBy('seq').execute();
  assert.deepEqual(
    rows.filter((row) => row.seq === null),
    [],
  );
  assert.deepEqual(
    rows.map((row) => Number(row.seq)),
    rows.map((_, i) => i + 1),
  );
  const head = await db.selectFrom('auditHead').select(['lastSeq', 'lastId']).executeTakeFirstOrThrow();
  assert.equal(Number(head.lastSeq), rows.length);
  assert.equal(head.lastId, rows.at(-1)?.id);
  assert.deepEqual(await backlot.services.audit.verify(SYSTEM), {
    ok: true,
    checked: rows.length,
    brokenAt: null,
  });
  return rows.map((row) => ({ id: row.id, seq: Number(row.seq), action: row.action }));
}

/**
 * An audit entry whose transaction commits after a later one's: the entry is written in a transaction held open
 * while an actor is created through the API. Returns both ids (the open one is the lower) and `commit`.
 */
async function lateEntry(
  backlot: TestBacklot,
  token: string,
  actorName: string,
): Promise<{ early: number; fast: number; commit: () => Promise<void> }> {
  let inserted!: (id: number) => void;
  const slowId = new Promise<number>((resolve) => {
    inserted = resolve;
  });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const slow = backlot.handle.db.transaction().execute(async (trx) => {
    await recordAudit(trx, backlot.dialect, backlot.system, {
      action: 'test.slow',
      entity: 'tests',
      entityId: 1,
      changes: { step: [null, actorName] },
    });
    const row = await trx
      .selectFrom('auditEntries')
      .select('id')
      .where('action', '=', 'test.slow')
      .where('seq', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    inserted(row.id);
    await gate;
  });
  const early = await slowId;
  const response = await backlot.request({ method: 'POST', url: '/api/v1/actors', token, body: { name: actorName } });
  assert.equal(response.statusCode, 201, response.body);
  const fast = await backlot.handle.db
    .selectFrom('auditEntries')
    .select('id')
    .where('action', '=', 'actor.created')
    .where('entityId', '=', String(response.json().id))
    .executeTakeFirstOrThrow();
  assert.ok(fast.id > early, 'the open transaction took the lower id');
  return {
    early,
    fast: fast.id,
    commit: async () => {
      release();
      await slow;
    },
  };
}

for (const dialect of dialects()) {
  describe(`audit sealing on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let token: string;

    before(async () => {
      backlot = await startBacklot(dialect, { AUDIT_SEAL_INTERVAL_MS: '10' });
      token = (await backlot.as(['admin'])).token;
    });
    after(() => backlot.stop());

    it('with writers and sealers racing, every entry is sealed exactly once in one unbroken chain', async () => {
      const writers = 8;
      const perWriter = 25;
      let writing = true;
      // Beside the node's own sealer, two more seal as fast as they can: they must not seal anything twice.
      const extraSealers = [1, 2].map(async () => {
        let sealed = 0;
        while (writing) {
          sealed += await backlot.services.audit.sealPending();
          await new Promise((resolve) => setImmediate(resolve)); // on SQLite every await above is already settled
        }
        return sealed;
      });
      // And the chain is whole at every moment: a check that runs while entries are being sealed sees a chain up to
      // some head, never a head ahead of the entries it read.
      const checks = (async () => {
        const broken: unknown[] = [];
        let runs = 0;
        while (writing) {
          const result = await backlot.services.audit.verify(SYSTEM);
          if (!result.ok) broken.push(result);
          runs++;
          await new Promise((resolve) => setImmediate(resolve));
        }
        return { broken, runs };
      })();
      const statuses = await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          const codes: number[] = [];
          for (let i = 0; i < perWriter; i++) {
            const response = await backlot.request({
              method: 'POST',
              url: '/api/v1/actors',
              token,
              body: { name: `Racer ${writer}-${i}` },
            });
            codes.push(response.statusCode);
          }
          return codes;
        }),
      ).finally(() => {
        writing = false;
      });
      await Promise.all(extraSealers);
      const checked = await checks;
      assert.ok(checked.runs > 0);
      assert.deepEqual(checked.broken, []);
      assert.deepEqual(statuses.flat(), Array(writers * perWriter).fill(201));
      // The node's own sealer links the rest, unasked.
      await until(async () => (await pendingCount(backlot.handle.db)) === 0);
      const chain = await assertOneChain(backlot);
      assert.equal(chain.filter((entry) => entry.action === 'actor.created').length, writers * perWriter);
    });

    it('GET /audit shows the sealed entries with their hash and pending false', async () => {
      await until(async () => (await pendingCount(backlot.handle.db)) === 0);
      const response = await backlot.request({ method: 'GET', url: '/api/v1/audit?limit=5', token });
      assert.equal(response.statusCode, 200, response.body);
      for (const entry of response.json().items as { hash: string; pending: boolean }[]) {
        assert.equal(entry.pending, false);
        assert.match(entry.hash, /^[0-9a-f]{64}$/);
      }
    });
  });

  describe(`the sealer's probe on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect, {}, { sealer: false });
      await backlot.services.audit.sealPending();
    });
    after(() => backlot.stop());

    it('finds an entry from its commit until it is sealed, with a window or without', async () => {
      const { db } = backlot.handle;
      assert.deepEqual([await finds(db), await finds(db, 0)], [false, false]);
      await db.transaction().execute((trx) =>
        recordAudit(trx, backlot.dialect, backlot.system, {
          action: 'test.probed',
          entity: 'tests',
          entityId: 1,
          changes: { step: [null, 'probed'] },
        }),
      );
      assert.deepEqual([await finds(db), await finds(db, 0)], [true, true]);
      assert.equal(await sealPending(db, backlot.dialect), 1);
      assert.deepEqual([await finds(db), await finds(db, 0)], [false, false]);
    });
  });

  if (dialect.name === 'sqlite') continue; // SQLite runs one transaction at a time: commit order is id order there.

  describe(`audit sealing in commit order on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let token: string;

    before(async () => {
      backlot = await startBacklot(dialect, {}, { sealer: false });
      token = (await backlot.as(['admin'])).token;
      await backlot.services.audit.sealPending();
    });
    after(() => backlot.stop());

    it('an entry whose transaction commits after a later one is sealed after it, not skipped', async () => {
      const { early, fast, commit } = await lateEntry(backlot, token, 'Committed first');

      // Only the committed entry is sealed; the open one is invisible, and stays unsealed.
      assert.equal(await backlot.services.audit.sealPending(), 1);
      await commit();
      assert.equal(await pendingCount(backlot.handle.db), 1);
      assert.equal(await backlot.services.audit.sealPending(), 1);

      const chain = await assertOneChain(backlot);
      const [last, beforeLast] = [chain.at(-1), chain.at(-2)];
      assert.deepEqual([beforeLast?.id, last?.id], [fast, early]);
    });

    it('a pass with a window looks only above its floor; one whose floor is lower seals what committed below', async () => {
      const { early, fast, commit } = await lateEntry(backlot, token, 'Sealed above the floor');
      const { db } = backlot.handle;
      // A window of 0: only entries above the last sealed one. The committed entry is above it; the open one unseen.
      assert.equal(await sealPending(db, backlot.dialect, 0), 1);
      await commit();
      // Now the late entry lies below the last sealed one (`fast`): a pass with the window passes it by…
      assert.equal(await sealPending(db, backlot.dialect, 0), 0);
      assert.equal(await pendingCount(db), 1);
      // …one whose floor lies below it seals it (as a pass without a window would).
      assert.equal(await sealPending(db, backlot.dialect, fast - early + 1), 1);
      assert.equal(await pendingCount(db), 0);
      const chain = await assertOneChain(backlot);
      assert.deepEqual(
        chain.slice(-2).map((entry) => entry.id),
        [fast, early],
      );
    });

    it('finds an entry exactly when a pass with the same window would seal one', async () => {
      const { db } = backlot.handle;
      assert.deepEqual([await finds(db), await finds(db, 0)], [false, false], 'all sealed: nothing found');
      const { early, fast, commit } = await lateEntry(backlot, token, 'Probed');
      assert.deepEqual([await finds(db), await finds(db, 0)], [true, true], 'a committed entry above the floor');
      assert.equal(await sealPending(db, backlot.dialect, 0), 1);
      await commit();
      // The late entry lies below the last sealed one: only a probe without a window, or a lower floor, finds it.
      assert.deepEqual([await finds(db), await finds(db, 0), await finds(db, fast - early + 1)], [true, false, true]);
      assert.equal(await sealPending(db, backlot.dialect), 1);
      assert.deepEqual([await finds(db), await finds(db, 0)], [false, false]);
      await assertOneChain(backlot);
    });
  });

  describe(`the audit sealer's passes on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let token: string;
    let url: string;

    before(async () => {
      backlot = await startBacklot(dialect, {}, { sealer: false });
      url = backlot.databaseUrl;
      token = (await backlot.as(['admin'])).token;
      await backlot.services.audit.sealPending();
    });
    after(() => backlot.stop());

    it('an entry committed below the window is sealed by the next full pass, and by the last one on stop', async () => {
      // Full passes far apart: the late entry stays pending while the sealer runs, and is sealed when it stops.
      const patient = new AuditSealer(backlot.handle, { url, intervalMs: 10, window: 0, fullPassMs: 3_600_000 });
      patient.start();
      const first = await lateEntry(backlot, token, 'Below the window');
      await until(async () => (await pendingCount(backlot.handle.db)) === 0);
      await first.commit();
      for (let passes = 0; passes < 10; passes++) await sleep(20);
      assert.equal(await pendingCount(backlot.handle.db), 1, 'the windowed passes left the late entry alone');
      await patient.stop();
      assert.equal(await pendingCount(backlot.handle.db), 0);

      // Full passes often: the late entry is sealed while the sealer runs.
      const eager = new AuditSealer(backlot.handle, { url, intervalMs: 10, window: 0, fullPassMs: 50 });
      eager.start();
      const second = await lateEntry(backlot, token, 'Below the window again');
      try {
        await until(async () => (await pendingCount(backlot.handle.db)) === 0);
        await second.commit();
        await until(async () => (await pendingCount(backlot.handle.db)) === 0);
      } finally {
        await eager.stop();
      }
      const chain = await assertOneChain(backlot);
      assert.deepEqual(
        chain.slice(-4).map((entry) => entry.id),
        [first.fast, first.early, second.fast, second.early],
      );
    });
  });

  describe(`one audit sealer among several nodes on ${dialect.name}`, () => {
    let drop: () => Promise<void>;
    let nodes: Backlot[] = [];

    before(async () => {
      const database = await dialect.fresh();
      drop = database.drop;
      const config = testConfig(database.url, { AUDIT_SEAL_INTERVAL_MS: '20' });
      const first = await createBacklot(config, false, { migrate: true });
      const second = await createBacklot(config, false, { migrate: false });
      nodes = [first, second];
    });
    after(async () => {
      for (const node of nodes) await node.close();
      await drop();
    });

    const leaders = () => nodes.filter((node) => node.sealer?.leader);

    async function writeThrough(node: Backlot, count: number, label: string): Promise<void> {
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          node.services.casting.createActor({ ...SYSTEM, requestId: label }, { name: `${label} ${i}` }),
        ),
      );
    }

    /** Who holds the sealer's lock, as the database sees it: the connection's id. */
    async function lockHolder(db: Db): Promise<number | null> {
      if (dialect.name === 'postgres') {
        const result = await sql<{ pid: number }>`select pid from pg_locks where locktype = 'advisory' and granted
          and database = (select oid from pg_database where datname = current_database())`.execute(db);
        assert.ok(result.rows.length <= 1);
        return result.rows[0]?.pid ?? null;
      }
      const result = await sql<{ id: number | null }>`select is_used_lock(concat('backlot_audit_sealer_',
        md5(database()))) as id`.execute(db);
      return result.rows[0]?.id ?? null;
    }

    it('exactly one node seals what every node writes; when it dies, the standby takes over', async () => {
      await until(() => leaders().length > 0);
      // Both nodes write while one seals: everything gets sealed without anyone asking.
      await Promise.all([writeThrough(nodes[0]!, 20, 'First'), writeThrough(nodes[1]!, 20, 'Second')]);
      await until(async () => (await pendingCount(nodes[0]!.handle.db)) === 0);
      // Both sealers have tried the lock every 20 ms meanwhile: still one leader, the one the database knows.
      assert.equal(leaders().length, 1);
      const leader = leaders()[0]!;
      const standby = nodes.find((node) => node !== leader)!;
      const holder = await lockHolder(standby.handle.db);
      assert.notEqual(holder, null);

      // The leader's node dies: its sealer connection goes away without unlocking, and it never comes back.
      if (dialect.name === 'postgres') await sql`select pg_terminate_backend(${holder})`.execute(standby.handle.db);
      else await sql.raw(`kill ${Number(holder)}`).execute(standby.handle.db);
      await leader.sealer?.stop();

      await until(() => standby.sealer?.leader === true);
      assert.notEqual(await lockHolder(standby.handle.db), holder);
      await writeThrough(standby, 20, 'After');
      await until(async () => (await pendingCount(standby.handle.db)) === 0);
      const chain = await assertOneChain(standby);
      assert.equal(chain.filter((entry) => entry.action === 'actor.created').length, 60);
    });
  });
}
