import { type Kysely, sql } from 'kysely';
import { TEXT_INDEXED } from '../../lists/text-index.ts';
import type { Dialect } from '../database.ts';

/** `(column, id)` indexes for the sortable fields that had none: a page under any sort reads only its rows. */
const SORT_INDEXES: [table: string, column: string][] = [
  ['movies', 'release_date'],
  ['movies', 'price_cents'],
  ['movies', 'stock'],
  ['movies', 'updated_at'],
  ['clients', 'email'],
  ['clients', 'updated_at'],
  ['contracts', 'total_cents'],
  ['contracts', 'due_cents'],
  ['contracts', 'status'],
  ['contracts', 'client_id'],
  ['contracts', 'updated_at'],
];

/**
 * Indexes for lists at a million rows: one per sortable field, and a text index per searched column behind `q` and
 * `~` (see lists/text-index.ts): pg_trgm GIN indexes on PostgreSQL, FTS5 trigram tables on SQLite, none on MySQL.
 */
export function listIndexes(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const [table, column] of SORT_INDEXES) {
        // MySQL/MariaDB: an index on stock lets `UPDATE … WHERE id = ? AND stock >= ?` scan it, and a writer that
        // waited for a row lock then misses the row whose stock moved meanwhile (an order refused with stock left).
        if (dialect === 'mysql' && table === 'movies' && column === 'stock') continue;
        await db.schema.createIndex(`${table}_${column}_id`).on(table).columns([column, 'id']).execute();
      }
      // A filter on one value with the list's default order: the trail by entity, contracts by status.
      await db.schema
        .createIndex('audit_entries_entity_at_id')
        .on('audit_entries')
        .columns(['entity', 'at', 'id'])
        .execute();
      await db.schema
        .createIndex('contracts_status_created_at_id')
        .on('contracts')
        .columns(['status', 'created_at', 'id'])
        .execute();
      if (dialect === 'postgres') {
        // pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
        await sql`create extension if not exists pg_trgm`.execute(db);
        for (const { table, columns } of TEXT_INDEXED) {
          for (const column of Object.values(columns)) {
            await sql`create index ${sql.raw(`${table}_${column}_trgm`)} on ${sql.raw(table)} using gin (lower(${sql.raw(column)}) gin_trgm_ops)`.execute(
              db,
            );
          }
        }
      }
      if (dialect === 'sqlite') {
        for (const { table, columns } of TEXT_INDEXED) {
          const names = Object.values(columns);
          const list = names.join(', ');
          const fts = `${table}_fts`;
          await sql`create virtual table ${sql.raw(fts)} using fts5(${sql.raw(list)}, content='${sql.raw(table)}', content_rowid='id', tokenize='trigram')`.execute(
            db,
          );
          const values = (row: string) => names.map((name) => `${row}.${name}`).join(', ');
          await sql`create trigger ${sql.raw(`${fts}_insert`)} after insert on ${sql.raw(table)} begin
            insert into ${sql.raw(fts)}(rowid, ${sql.raw(list)}) values (new.id, ${sql.raw(values('new'))});
          end`.execute(db);
          await sql`create trigger ${sql.raw(`${fts}_delete`)} after delete on ${sql.raw(table)} begin
            insert into ${sql.raw(fts)}(${sql.raw(fts)}, rowid, ${sql.raw(list)}) values ('delete', old.id, ${sql.raw(values('old'))});
          end`.execute(db);
          await sql`create trigger ${sql.raw(`${fts}_update`)} after update of ${sql.raw(list)} on ${sql.raw(table)} begin
            insert into ${sql.raw(fts)}(${sql.raw(fts)}, rowid, ${sql.raw(list)}) values ('delete', old.id, ${sql.raw(values('old'))});
            insert into ${sql.raw(fts)}(rowid, ${sql.raw(list)}) values (new.id, ${sql.raw(values('new'))});
          end`.execute(db);
          await sql`insert into ${sql.raw(fts)}(${sql.raw(fts)}) values ('rebuild')`.execute(db);
        }
      }
    },
  };
}
