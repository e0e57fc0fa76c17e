/**
 * A connection that breaks during COMMIT (PostgreSQL: a deferred trigger ends its own backend at commit time, so the
 * transaction is not committed). Without an Idempotency-Key the outcome is not known to the server: 500
 * outcome_unknown, never a 503 that would promise nothing was done. With a key, the server reads the key's row to
 * settle it: nothing was committed, so 503, and the same request with the same key then places the order once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { api, type Caller, expectStatus } from '../relations/support.ts';
import { newClient, stockedMovie, stockOf } from '../store/support.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

for (const dialect of dialects().filter((d) => d.name === 'postgres')) {
  describe(`a connection lost during COMMIT on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let call: ReturnType<typeof api>;
    let clerk: Caller;

    before(async () => {
      backlot = await startBacklot(dialect);
      call = api(backlot);
      clerk = await backlot.as(['store_clerk']);
    });
    after(() => backlot.stop());

    const dieOnCommit = async (on: boolean) => {
      const db = backlot.services.handle.db;
      if (!on) {
        await sql`drop trigger if exists die_on_commit on orders`.execute(db);
        return;
      }
      await sql`create or replace function die_on_commit() returns trigger language plpgsql as $$
        begin perform pg_terminate_backend(pg_backend_pid()); return null; end $$`.execute(db);
      await sql`create constraint trigger die_on_commit after insert on orders deferrable initially deferred
        for each row execute function die_on_commit()`.execute(db);
    };

    it('is 500 outcome_unknown without a key, and settled to 503 through the key, then placed once', async () => {
      const clientId = (await newClient(backlot)).id;
      const movie = await stockedMovie(backlot, 500, 10);
      const body = { clientId, items: [{ movieId: movie.id, quantity: 2 }] };
      await dieOnCommit(true);
      try {
        const unknown = await call('POST', '/orders', clerk, body);
        expectStatus(unknown, 500);
        assert.equal(unknown.json().code, 'outcome_unknown');
        assert.match(unknown.json().detail, /Idempotency-Key/);
        const settled = await call('POST', '/orders', clerk, body, { 'idempotency-key': 'commit-lost-1' });
        expectStatus(settled, 503);
        assert.equal(settled.json().code, 'unavailable');
        assert.equal(settled.headers['retry-after'], '1');
      } finally {
        await dieOnCommit(false);
      }
      assert.equal(await stockOf(backlot, movie.id), 10);
      const placed = await call('POST', '/orders', clerk, body, { 'idempotency-key': 'commit-lost-1' });
      expectStatus(placed, 201);
      const again = await call('POST', '/orders', clerk, body, { 'idempotency-key': 'commit-lost-1' });
      expectStatus(again, 201);
      assert.equal(again.json().id, placed.json().id);
      assert.equal(await stockOf(backlot, movie.id), 8);
    });
  });
}
