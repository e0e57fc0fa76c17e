import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Emails compare exactly on every database. MySQL's default collation folds case and accents, so that
 * `cásting@…` found the account of `casting@…` there (and slipped past its sign-in throttle); SQLite and PostgreSQL
 * compare bytes already. Emails are stored in lower case, so nothing that matched before stops matching.
 */
export function exactEmails(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'mysql') return;
      for (const table of ['users', 'clients']) {
        await sql`alter table ${sql.table(table)} modify email varchar(254) character set utf8mb4 collate utf8mb4_bin not null`.execute(
          db,
        );
      }
    },
  };
}
