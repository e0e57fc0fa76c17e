import { type Kysely, sql } from 'kysely';
import { type Dialect, withItemColumns } from '../database.ts';

export function casting(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withItemColumns(db.schema.createTable('movies'), dialect)
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('release_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('genres', 'text', (c) => c.notNull())
        .addColumn('price_cents', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('stock', 'integer', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('movies_stock_not_negative', sql`stock >= 0`)
        .addCheckConstraint('movies_price_not_negative', sql`price_cents >= 0`)
        .execute();
      await db.schema.createIndex('movies_title_id').on('movies').columns(['title', 'id']).execute();
      await db.schema.createIndex('movies_created_at_id').on('movies').columns(['created_at', 'id']).execute();

      await withItemColumns(db.schema.createTable('actors'), dialect)
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('age', 'integer')
        .addColumn('gender', 'varchar(32)')
        .execute();
      await db.schema.createIndex('actors_name_id').on('actors').columns(['name', 'id']).execute();

      await db.schema
        .createTable('castings')
        .addColumn('movie_id', 'integer', (c) => c.notNull().references('movies.id').onDelete('cascade'))
        .addColumn('actor_id', 'integer', (c) => c.notNull().references('actors.id').onDelete('cascade'))
        .addColumn('character', 'varchar(200)', (c) => c.notNull())
        .addColumn('billing', 'integer')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('castings_pk', ['movie_id', 'actor_id'])
        .execute();
      await db.schema.createIndex('castings_actor').on('castings').column('actor_id').execute();
    },
  };
}
