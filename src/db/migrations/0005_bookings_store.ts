import { type Kysely, sql } from 'kysely';
import { type Dialect, withItemColumns } from '../database.ts';

/**
 * Booking requests, and the store's orders with their items. An order item refers to its movie without cascade, so a
 * movie that has been ordered cannot be deleted; an order refers to its client the same way.
 */
export function bookingsStore(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withItemColumns(db.schema.createTable('bookings'), dialect)
        .addColumn('topic', 'varchar(200)', (c) => c.notNull())
        .addColumn('starts_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('attendees', 'integer', (c) => c.notNull())
        .addColumn('address_street', 'varchar(200)', (c) => c.notNull())
        .addColumn('address_city', 'varchar(100)', (c) => c.notNull())
        .addColumn('address_state', 'varchar(100)')
        .addColumn('address_postal_code', 'varchar(20)', (c) => c.notNull())
        .addColumn('address_country', 'varchar(2)', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('pending'))
        .addColumn('requester_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
        .addColumn('decided_at', 'varchar(32)')
        .addColumn('decision_note', 'text')
        .addCheckConstraint('bookings_status', sql`status in ('pending', 'accepted', 'rejected')`)
        .addCheckConstraint('bookings_duration', sql`duration_minutes between 15 and 1440`)
        .execute();
      await db.schema
        .createIndex('bookings_requester_starts_at')
        .on('bookings')
        .columns(['requester_id', 'starts_at', 'id'])
        .execute();
      await db.schema.createIndex('bookings_starts_at_id').on('bookings').columns(['starts_at', 'id']).execute();
      await db.schema.createIndex('bookings_created_at_id').on('bookings').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('bookings_status_id').on('bookings').columns(['status', 'id']).execute();

      await withItemColumns(db.schema.createTable('orders'), dialect)
        .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
        .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
        .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('pending'))
        .addColumn('total_cents', 'bigint', (c) => c.notNull())
        .addColumn('fulfilled_at', 'varchar(32)')
        .addCheckConstraint('orders_status', sql`status in ('pending', 'fulfilled', 'cancelled')`)
        .addCheckConstraint('orders_total_not_negative', sql`total_cents >= 0`)
        .execute();
      await db.schema.createIndex('orders_client').on('orders').column('client_id').execute();
      await db.schema.createIndex('orders_assignee').on('orders').column('assignee_id').execute();
      await db.schema.createIndex('orders_created_at_id').on('orders').columns(['created_at', 'id']).execute();

      await db.schema
        .createTable('order_items')
        .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        // No cascade: the database itself refuses to delete a movie that has been ordered.
        .addColumn('movie_id', 'integer', (c) => c.notNull().references('movies.id'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_items_pk', ['order_id', 'movie_id'])
        .addCheckConstraint('order_items_quantity', sql`quantity > 0`)
        .addCheckConstraint('order_items_price', sql`unit_price_cents >= 0`)
        .execute();
      // PostgreSQL and SQLite do not index a foreign key by themselves; deleting a movie checks this one.
      await db.schema.createIndex('order_items_movie').on('order_items').column('movie_id').execute();
    },
  };
}
