import type { Kysely } from 'kysely';
import { type Dialect, exact } from '../database.ts';

export function idempotency(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One row per (caller, Idempotency-Key): the request's fingerprint and the answer it got.
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('key', 'varchar(255)', (c) => exact(dialect)(c.notNull()))
        .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_keys_created_at').on('idempotency_keys').column('created_at').execute();
    },
  };
}
