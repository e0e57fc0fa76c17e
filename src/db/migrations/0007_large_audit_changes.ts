import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * An audit entry's changes hold an item's fields before and after, and a stored idempotent answer the whole item: as
 * large as the largest body (1 MiB of JSON, whose escapes may double it). MySQL's TEXT stops at 64 KiB; LONGTEXT has
 * room. SQLite's and PostgreSQL's text has no such limit.
 */
export function largeAuditChanges(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'mysql') return;
      await sql`alter table audit_entries modify changes longtext not null`.execute(db);
      await sql`alter table idempotency_keys modify response longtext not null`.execute(db);
    },
  };
}
