import { Migrator } from 'kysely/migration';
import { IdentityRepository } from '../modules/identity/repository.ts';
import { type DatabaseHandle, requireUtf8mb4 } from './database.ts';
import { isUniqueViolation } from './errors.ts';
import { migrationProvider } from './migrations/index.ts';

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

function migrator(handle: DatabaseHandle): Migrator {
  return new Migrator({ db: handle.db, provider: migrationProvider(handle.dialect) });
}

/** Applies every pending migration, then makes the built-in roles match the catalogue; returns the names applied now. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  if (handle.dialect === 'mysql') await requireUtf8mb4(handle.db);
  const { error, results } = await migrator(handle).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${reason}` : reason);
  }
  const roles = new IdentityRepository(handle.dialect);
  // Nodes started together sync at once: a role another node inserted meanwhile is there when read again.
  for (let attempt = 1; ; attempt++) {
    try {
      await roles.syncBuiltInRoles(handle.db);
      break;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
  return (results ?? []).map((result) => result.migrationName);
}

export async function migrationStatus(handle: DatabaseHandle): Promise<MigrationStatus> {
  const migrations = await migrator(handle).getMigrations();
  return {
    applied: migrations.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: migrations.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}
