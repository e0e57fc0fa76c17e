import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * `(column, id)` for the sortable fields of actors, events, orders, bookings, users and roles that had none, as 0011
 * gave movies, clients and contracts: at a million rows a page under any of these sorts took 70 ms to 1 s on SQLite
 * (sorting the table), on the main connection, because a plain page is taken to read only its rows.
 * test/lists/sort-indexes.test.ts keeps every sortable field of every list behind an index.
 */
const SORT_INDEXES: [table: string, column: string][] = [
  ['actors', 'created_at'],
  ['actors', 'updated_at'],
  ['events', 'name'],
  ['events', 'ends_at'],
  ['events', 'created_at'],
  ['events', 'updated_at'],
  ['orders', 'updated_at'],
  ['orders', 'total_cents'],
  ['orders', 'status'],
  ['bookings', 'topic'],
  ['bookings', 'duration_minutes'],
  ['bookings', 'attendees'],
  ['bookings', 'updated_at'],
  ['users', 'created_at'],
  ['users', 'updated_at'],
  ['roles', 'created_at'],
  ['roles', 'updated_at'],
];

export function sortIndexes(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const [table, column] of SORT_INDEXES) {
        // MySQL/MariaDB: as for movies' stock (0011), no index on a column that a conditional UPDATE tests
        // (`WHERE id = ? AND status = 'pending'`): a writer that waited for the row lock could miss the row.
        if (dialect === 'mysql' && table === 'orders' && column === 'status') continue;
        await db.schema.createIndex(`${table}_${column}_id`).on(table).columns([column, 'id']).execute();
      }
    },
  };
}
