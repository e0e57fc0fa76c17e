import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The sealer's query, `where seq is null order by id limit 500`, runs every 100 ms on every node. PostgreSQL planned
 * it through the primary key whenever its statistics said many entries were unsealed (after `db seed --scale`, or a
 * burst of writes before the next ANALYZE), and then walked every sealed entry before the first unsealed one: 375 ms
 * a pass at a million entries, and sealing 100,000 entries behind 900,000 sealed ones took 74 s (6 s with this
 * index). A partial index of the unsealed entries answers it by reading just the entries it returns, and holds only
 * what waits for the sealer. SQLite and MySQL/MariaDB need none: their index on `seq` keeps the entries of one `seq`
 * (null) in id order, and their planners use it (measured: the same 40,000 entries sealed as fast without it).
 */
export function auditUnsealed(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await db.schema
        .createIndex('audit_entries_unsealed')
        .on('audit_entries')
        .column('id')
        .where(sql.ref('seq'), 'is', null)
        .execute();
    },
  };
}
