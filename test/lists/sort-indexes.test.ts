/**
 * Every sortable field of every list leads an index, so that a page under any sort reads only its own rows, at a
 * million rows as at ten (a plain page runs on SQLite's main connection: see listDb in src/lists/list.ts). Read from
 * SQLite's schema; the migrations create the same indexes on PostgreSQL and MySQL/MariaDB.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { AUDIT_LIST } from '../../src/audit/repository.ts';
import type { ListSpec } from '../../src/lists/list.ts';
import { BOOKING_LIST } from '../../src/modules/bookings/repository.ts';
import { ACTOR_LIST, MOVIE_LIST } from '../../src/modules/casting/repository.ts';
import { ROLE_LIST, USER_LIST } from '../../src/modules/identity/repository.ts';
import { CLIENT_LIST, CONTRACT_LIST, EVENT_LIST } from '../../src/modules/relations/repository.ts';
import { ORDER_LIST } from '../../src/modules/store/repository.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

const LISTS: [table: string, spec: ListSpec][] = [
  ['movies', MOVIE_LIST],
  ['actors', ACTOR_LIST],
  ['users', USER_LIST],
  ['roles', ROLE_LIST],
  ['clients', CLIENT_LIST],
  ['contracts', CONTRACT_LIST],
  ['events', EVENT_LIST],
  ['orders', ORDER_LIST],
  ['bookings', BOOKING_LIST],
  ['audit_entries', AUDIT_LIST],
];

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

describe('sortable fields and their indexes (sqlite)', () => {
  let backlot: TestBacklot;
  before(async () => {
    backlot = await startBacklot(dialects().find((dialect) => dialect.name === 'sqlite')!);
  });
  after(() => backlot.stop());

  for (const [table, spec] of LISTS) {
    it(`${table}: every sortable field leads an index`, async () => {
      const { rows: indexes } = await sql<{ name: string }>`select name from pragma_index_list(${table})`.execute(
        backlot.handle.db,
      );
      const leading = new Set<string>();
      for (const { name } of indexes) {
        const { rows } = await sql<{
          name: string;
        }>`select name from pragma_index_info(${name}) order by seqno`.execute(backlot.handle.db);
        if (rows[0]) leading.add(rows[0].name);
      }
      const missing = Object.values(spec.sortable)
        .map((column) => snake(column.split('.').at(-1)!))
        .filter((column) => !leading.has(column));
      assert.deepEqual(missing, [], `${table}: no index leads with ${missing.join(', ')}`);
    });
  }
});
