import { type Kysely, sql } from 'kysely';
import { GENESIS } from '../../audit/audit.ts';
import { type Dialect, exact, withId, withItemColumns } from '../database.ts';

export function identity(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withItemColumns(db.schema.createTable('users'), dialect)
        .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('full_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('employee_number', 'varchar(64)', (c) => c.unique())
        .addColumn('password_hash', 'varchar(255)')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_login_at', 'varchar(32)')
        .execute();
      await db.schema.createIndex('users_full_name_id').on('users').columns(['full_name', 'id']).execute();

      await withItemColumns(db.schema.createTable('roles'), dialect)
        .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('description', 'varchar(500)', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('user_roles')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('role_id', 'integer', (c) => c.notNull().references('roles.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role_id'])
        .execute();
      await db.schema.createIndex('user_roles_role').on('user_roles').column('role_id').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('revoked_at', 'varchar(32)')
        .addColumn('revoked_reason', 'varchar(64)')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('refresh_tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('session_id', 'varchar(36)', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(32)')
        .execute();
      await db.schema.createIndex('refresh_tokens_session').on('refresh_tokens').column('session_id').execute();

      await db.schema
        .createTable('external_identities')
        // Subjects are case-sensitive: "abc" and "ABC" are two people.
        .addColumn('issuer', 'varchar(255)', (c) => exact(dialect)(c.notNull()))
        .addColumn('subject', 'varchar(255)', (c) => exact(dialect)(c.notNull()))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('external_identities_pk', ['issuer', 'subject'])
        .execute();

      await withId(db.schema.createTable('audit_entries'), dialect)
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('action', 'varchar(64)', (c) => c.notNull())
        .addColumn('entity', 'varchar(64)', (c) => c.notNull())
        .addColumn('entity_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('request_id', 'varchar(128)')
        .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('hash', 'varchar(64)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_entries_entity')
        .on('audit_entries')
        .columns(['entity', 'entity_id'])
        .execute();
      await db.schema.createIndex('audit_entries_at').on('audit_entries').columns(['at', 'id']).execute();

      // One row that every audited transaction locks: it keeps the hash chain a single line.
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('last_id', 'integer', (c) => c.notNull())
        .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, last_id, last_hash) values (1, 0, ${GENESIS})`.execute(db);
    },
  };
}
