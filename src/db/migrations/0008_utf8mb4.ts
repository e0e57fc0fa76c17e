import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The columns compared byte for byte (`exact()`, and the emails of 0006), with their types: converting their table
 * would give them its case- and accent-blind collation.
 */
const EXACT_COLUMNS: Record<string, Record<string, string>> = {
  external_identities: { issuer: 'varchar(255)', subject: 'varchar(255)' },
  idempotency_keys: { key: 'varchar(255)' },
  users: { email: 'varchar(254)' },
  clients: { email: 'varchar(254)' },
};

const DELETE_RULES = new Set(['CASCADE', 'RESTRICT', 'NO ACTION', 'SET NULL']);

/**
 * MySQL/MariaDB: the tables created on a server whose default character set is latin1 took latin1, which cannot
 * store "北京 🎬". Converts every table that is not utf8mb4 throughout, then gives the exact columns back their
 * binary collation. A foreign key between text columns (a refresh token's session) forbids changing either side, so
 * it is dropped for the conversion and made again after. The database's own default is made utf8mb4 before any
 * migration runs (`requireUtf8mb4`), so tables created later need nothing.
 */
export function utf8mb4(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'mysql') return;
      const { rows: tables } = await sql<{ name: string }>`
        select t.table_name as name from information_schema.tables t
        where t.table_schema = database() and t.table_type = 'BASE TABLE' and t.table_name not like 'kysely%'
          and (t.table_collation not like 'utf8mb4%' or exists (
            select 1 from information_schema.columns c
            where c.table_schema = t.table_schema and c.table_name = t.table_name
              and c.character_set_name is not null and c.character_set_name <> 'utf8mb4'))`.execute(db);
      if (tables.length === 0) return;
      const { rows: keys } = await sql<{
        tbl: string;
        name: string;
        col: string;
        rtbl: string;
        rcol: string;
        rule: string;
      }>`
        select k.table_name as tbl, k.constraint_name as name, k.column_name as col,
          k.referenced_table_name as rtbl, k.referenced_column_name as rcol, r.delete_rule as rule
        from information_schema.key_column_usage k
        join information_schema.columns c
          on c.table_schema = k.table_schema and c.table_name = k.table_name and c.column_name = k.column_name
        join information_schema.referential_constraints r
          on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name
        where k.table_schema = database() and k.referenced_table_name is not null
          and c.character_set_name is not null`.execute(db);
      for (const key of keys) {
        await sql`alter table ${sql.id(key.tbl)} drop foreign key ${sql.id(key.name)}`.execute(db);
      }
      for (const { name } of tables) {
        await sql`alter table ${sql.id(name)} convert to character set utf8mb4`.execute(db);
        const exact = Object.entries(EXACT_COLUMNS[name] ?? {});
        if (exact.length === 0) continue;
        const columns = exact.map(
          ([column, type]) => sql`modify ${sql.id(column)} ${sql.raw(type)} not null collate utf8mb4_bin`,
        );
        await sql`alter table ${sql.id(name)} ${sql.join(columns)}`.execute(db);
      }
      for (const key of keys) {
        const rule = DELETE_RULES.has(key.rule) ? key.rule : 'RESTRICT';
        await sql`alter table ${sql.id(key.tbl)} add constraint ${sql.id(key.name)} foreign key (${sql.id(key.col)})
          references ${sql.id(key.rtbl)} (${sql.id(key.rcol)}) on delete ${sql.raw(rule)}`.execute(db);
      }
    },
  };
}
