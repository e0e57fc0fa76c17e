import { type Kysely, sql } from 'kysely';

/**
 * Audit entries are sealed after commit instead of under one lock: an entry is written with no place in the chain
 * (`seq` null, empty hashes) and a single sealer gives it the next `seq`, the previous hash and its own hash.
 * Entries written before this migration were chained in id order, so their place is their id.
 */
export function auditSeal() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('audit_entries').addColumn('seq', 'bigint').execute();
      await sql`update audit_entries set seq = id`.execute(db);
      // Unique: no two entries share a place in the chain. The sealer finds the pending ones (seq null) through it.
      await db.schema.createIndex('audit_entries_seq').unique().on('audit_entries').column('seq').execute();
      await db.schema
        .alterTable('audit_head')
        .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update audit_head set last_seq = last_id`.execute(db);
    },
  };
}
