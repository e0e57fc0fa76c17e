import { type Kysely, sql } from 'kysely';
import { type Dialect, withItemColumns } from '../database.ts';

/** Clients, their contracts, and the one event of a signed contract. Money is BIGINT minor units. */
export function relations(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withItemColumns(db.schema.createTable('clients'), dialect)
        .addColumn('full_name', 'varchar(200)', (c) => c.notNull())
        // Stored lower-cased, so uniqueness means the same on every database whatever its collation.
        .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('phone', 'varchar(32)')
        .addColumn('company_name', 'varchar(200)')
        .addColumn('sales_contact_id', 'integer', (c) => c.references('users.id'))
        .addColumn('last_contact_at', 'varchar(32)')
        .execute();
      await db.schema.createIndex('clients_full_name_id').on('clients').columns(['full_name', 'id']).execute();
      await db.schema.createIndex('clients_sales_contact').on('clients').column('sales_contact_id').execute();
      await db.schema.createIndex('clients_created_at_id').on('clients').columns(['created_at', 'id']).execute();

      await withItemColumns(db.schema.createTable('contracts'), dialect)
        .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
        .addColumn('total_cents', 'bigint', (c) => c.notNull())
        .addColumn('due_cents', 'bigint', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('draft'))
        .addColumn('signed_at', 'varchar(32)')
        .addCheckConstraint('contracts_due_in_range', sql`due_cents >= 0 and due_cents <= total_cents`)
        .addCheckConstraint('contracts_status', sql`status in ('draft', 'signed')`)
        .execute();
      await db.schema.createIndex('contracts_client').on('contracts').column('client_id').execute();
      await db.schema.createIndex('contracts_created_at_id').on('contracts').columns(['created_at', 'id']).execute();

      await withItemColumns(db.schema.createTable('events'), dialect)
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        // One event per contract: the database refuses a second one, however requests race.
        .addColumn('contract_id', 'integer', (c) => c.notNull().unique().references('contracts.id'))
        .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
        .addColumn('support_contact_id', 'integer', (c) => c.references('users.id'))
        .addColumn('starts_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('ends_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('location', 'varchar(300)')
        .addColumn('attendees', 'integer')
        .addColumn('notes', 'text')
        .execute();
      await db.schema.createIndex('events_support_contact').on('events').column('support_contact_id').execute();
      await db.schema.createIndex('events_client').on('events').column('client_id').execute();
      await db.schema.createIndex('events_starts_at_id').on('events').columns(['starts_at', 'id']).execute();
    },
  };
}
