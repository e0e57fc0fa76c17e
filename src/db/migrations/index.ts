import type { Migration, MigrationProvider } from 'kysely/migration';
import type { Dialect } from '../database.ts';
import { identity } from './0001_identity.ts';
import { casting } from './0002_casting.ts';
import { relations } from './0003_relations.ts';
import { idempotency } from './0004_idempotency.ts';
import { bookingsStore } from './0005_bookings_store.ts';
import { exactEmails } from './0006_exact_emails.ts';
import { largeAuditChanges } from './0007_large_audit_changes.ts';
import { utf8mb4 } from './0008_utf8mb4.ts';
import { auditSeal } from './0010_audit_seal.ts';
import { listIndexes } from './0011_list_indexes.ts';
import { savedViews } from './0012_saved_views.ts';
import { personalAccessTokens } from './0015_personal_access_tokens.ts';
import { auditUnsealed } from './0016_audit_unsealed.ts';
import { sortIndexes } from './0017_sort_indexes.ts';

/** Every migration, in order. A new one is appended here; an applied one is never edited. */
const MIGRATIONS: Record<string, (dialect: Dialect) => Migration> = {
  '0001_identity': identity,
  '0002_casting': casting,
  '0003_relations': relations,
  '0004_idempotency': idempotency,
  '0005_bookings_store': bookingsStore,
  '0006_exact_emails': exactEmails,
  '0007_large_audit_changes': largeAuditChanges,
  '0008_utf8mb4': utf8mb4,
  '0010_audit_seal': auditSeal,
  '0015_personal_access_tokens': personalAccessTokens,
  '0011_list_indexes': listIndexes,
  '0012_saved_views': savedViews,
  '0016_audit_unsealed': auditUnsealed,
  '0017_sort_indexes': sortIndexes,
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, make]) => [name, make(dialect)]));
    },
  };
}
