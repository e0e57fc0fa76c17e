import type { Kysely } from 'kysely';
import { type Dialect, withItemColumns } from '../database.ts';

export function personalAccessTokens(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Named tokens for scripts and integrations: only the SHA-256 of the secret is kept.
      await withItemColumns(db.schema.createTable('personal_access_tokens'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('revoked_at', 'varchar(32)')
        .execute();
      await db.schema
        .createIndex('personal_access_tokens_user')
        .on('personal_access_tokens')
        .columns(['user_id', 'id'])
        .execute();
    },
  };
}
