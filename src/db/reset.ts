import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';

/** Drops every table of the database, Kysely's migration tables included. */
export async function resetDatabase(handle: DatabaseHandle): Promise<string[]> {
  const { db, dialect } = handle;
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name);
  await db.connection().execute(async (conn) => {
    if (dialect === 'mysql') await sql`set foreign_key_checks = 0`.execute(conn);
    if (dialect === 'sqlite') await sql`pragma foreign_keys = off`.execute(conn);
    for (const table of tables) {
      await (dialect === 'postgres'
        ? sql`drop table if exists ${sql.table(table)} cascade`
        : sql`drop table if exists ${sql.table(table)}`
      ).execute(conn);
    }
    if (dialect === 'mysql') await sql`set foreign_key_checks = 1`.execute(conn);
    if (dialect === 'sqlite') await sql`pragma foreign_keys = on`.execute(conn);
  });
  return tables;
}
