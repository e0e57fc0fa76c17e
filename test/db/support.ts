/** Helpers of the backup, restore and copy tests: the real `backlot` binary, fresh databases, and checks. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { schemaTables } from '../../src/db/transfer.ts';
import { createBacklot } from '../../src/server.ts';
import { type DialectUnderTest, JWT_SECRET } from '../support.ts';

export const BIN = fileURLToPath(new URL('../../bin/backlot.js', import.meta.url));

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `backlot <args>` as a real process. */
export function backlot(args: string[], env: Record<string, string>, cwd: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, timeout: 900_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** A fresh, empty database of this dialect; for SQLite a file in `folder` (it must outlive one process). */
export async function freshDatabase(
  dialect: DialectUnderTest,
  folder: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect.name === 'sqlite') return { url: `sqlite:${folder}/${name}.db`, drop: async () => {} };
  return dialect.fresh();
}

/** Rows per table. */
export async function rowCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const db = handle.db.withoutPlugins();
  for (const table of await schemaTables(handle)) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
    counts[table.name] = Number(rows[0]?.n);
  }
  return counts;
}

/** Opens a database for one piece of work. */
export async function withHandle<T>(url: string, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = openDatabase(url, { poolSize: 2 });
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

export async function assertChainVerifies(url: string, minimum: number): Promise<void> {
  const result = await withHandle(url, (handle) => verifyAuditChain(handle.db));
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.ok(result.checked >= minimum, `${result.checked} entries checked, at least ${minimum} expected`);
}

/** A Backlot over this database (not migrated by itself), for requests through its HTTP API. */
export async function appOn(url: string) {
  return createBacklot(
    loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET,
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      MIGRATE_ON_START: 'false',
      RATE_LIMIT: '0',
    }),
    false,
  );
}
