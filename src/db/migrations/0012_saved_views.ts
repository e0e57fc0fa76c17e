import type { Kysely } from 'kysely';
import { type Dialect, exact, withId } from '../database.ts';

/** Saved views: a user's named filters of a list, kept on the server so they follow the user. */
export function savedViews(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withId(db.schema.createTable('saved_views'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('list', 'varchar(50)', (c) => c.notNull())
        .addColumn('name', 'varchar(100)', (c) => exact(dialect)(c.notNull()))
        .addColumn('filter', 'varchar(1000)', (c) => c.notNull())
        .addColumn('sort', 'varchar(200)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('saved_views_user_list_name', ['user_id', 'list', 'name'])
        .execute();
    },
  };
}
