/** `db seed --scale`: rows in every main table, valid references and an unbroken audit chain, on every database. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { sealPending, verifyAuditChain } from '../../src/audit/audit.ts';
import { tidyAfterBulkLoad } from '../../src/db/database.ts';
import { seedScale } from '../../src/db/scale.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

const TABLES = ['movies', 'actors', 'clients', 'contracts', 'events', 'bookings', 'orders', 'orderItems'] as const;

for (const dialect of dialects()) {
  describe(`db seed --scale (${dialect.name})`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    const count = async (table: (typeof TABLES)[number] | 'users' | 'auditEntries') =>
      Number(
        (
          await backlot.handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('adds N rows to every main table, staff, and one audit entry per movie, with the chain intact', async () => {
      const reported = new Map<string, number>();
      await seedScale(backlot.handle, 1234, null, (table, done, total) => {
        assert.ok(done <= total);
        reported.set(table, done);
      });
      // Twice: a second run adds rows instead of colliding on unique emails.
      await seedScale(backlot.handle, 7, null, () => {});
      for (const table of TABLES) {
        assert.equal(await count(table), 1234 + 7, table);
        assert.equal(reported.get(table), 1234, `progress of ${table}`);
      }
      assert.equal(await count('users'), Math.ceil(1234 / 100) + 2);
      assert.equal(await count('auditEntries'), 1234 + 7);
      // Seeded entries are written unsealed; the sealer links them into the chain after commit.
      await sealPending(backlot.handle.db, backlot.handle.dialect);
      const verified = await verifyAuditChain(backlot.handle.db);
      assert.deepEqual(verified, { ok: true, checked: 1234 + 7, brokenAt: null });
    });

    if (dialect.name === 'postgres') {
      it('is vacuumed and analyzed after, so no sealed entry is left in the index of unsealed ones', async () => {
        await tidyAfterBulkLoad(backlot.handle);
        const { rows } = await sql<{ vacuumed: boolean; analyzed: boolean }>`
          select last_vacuum is not null as vacuumed, last_analyze is not null as analyzed
          from pg_stat_user_tables where relname = 'audit_entries'`.execute(backlot.handle.db);
        assert.deepEqual(rows, [{ vacuumed: true, analyzed: true }]);
      });
    }

    it('makes rows the API lists', async () => {
      const { token } = await backlot.as(['admin']);
      for (const path of ['movies', 'actors', 'clients', 'contracts', 'events', 'bookings', 'orders', 'audit']) {
        const response = await backlot.request({ method: 'GET', url: `/api/v1/${path}?limit=200`, token });
        assert.equal(response.statusCode, 200, `${path}: ${response.body}`);
        assert.equal(response.json().items.length, 200, path);
      }
    });
  });
}
