import type { FastifyBaseLogger } from 'fastify';
import { type CompiledQuery, sql } from 'kysely';
import { type DatabaseHandle, type Db, openDatabase } from '../db/database.ts';
import { sealPending, unsealedProbe } from './audit.ts';

/** How often the sealer links new entries, and how often a standby node tries to take over (ms). */
export const DEFAULT_SEAL_INTERVAL_MS = 100;

/** A pass looks at the entries above the last sealed one's id less this many (sealBatch's `window`)… */
export const SEAL_WINDOW = 10_000;

/** …and at least this often (ms) at every unsealed entry, whatever its id. */
export const FULL_PASS_MS = 5_000;

/** PostgreSQL advisory locks are scoped to the database; this key is Backlot's sealer ("backlot" in ASCII). */
const POSTGRES_LOCK_KEY = 0x6261636b6c6f74;

export interface SealerOptions {
  /** The database's URL: on PostgreSQL and MySQL the sealer holds a connection of its own (its lock lives there). */
  url: string;
  intervalMs?: number;
  /** SEAL_WINDOW and FULL_PASS_MS, for tests. */
  window?: number;
  fullPassMs?: number;
  logger?: FastifyBaseLogger | false;
}

/**
 * Links committed audit entries into the hash chain, on one node of the cluster at a time.
 *
 * Every node runs one. On PostgreSQL and MySQL/MariaDB it keeps a connection of its own and tries, every interval, to
 * take a session lock (`pg_try_advisory_lock`, `GET_LOCK` named after the database); the node that holds it seals,
 * the others wait as standbys. When the holder stops or dies, its connection closes, the database releases the lock,
 * and a standby takes it at its next try. On SQLite (one process) it always seals. Sealing itself is safe even if two
 * ran at once (see sealBatch); the election only keeps the others from doing the work twice.
 *
 * Each pass looks at the entries above a floor a little below the last sealed one (SEAL_WINDOW), which finds what
 * committed since at the cost of a page or two of the index, however many entries the table holds; every
 * FULL_PASS_MS, and when the sealer stops, a pass looks at every unsealed entry. An entry whose transaction commits
 * after more than SEAL_WINDOW later entries were sealed is therefore sealed within FULL_PASS_MS, any other within
 * an interval.
 */
export class AuditSealer {
  readonly #main: DatabaseHandle;
  readonly #options: SealerOptions;
  readonly #intervalMs: number;
  #running: Promise<void> | undefined;
  #stopping = false;
  #leader = false;
  #wake: (() => void) | undefined;
  #warnedAt = Number.NEGATIVE_INFINITY;
  /** When the next pass over every unsealed entry is due (Date.now()). */
  #fullPassDue = 0;
  /** Whether a pass has anything to seal (unsealedProbe), over every entry or above the window's floor. */
  readonly #probes: { full: CompiledQuery; windowed: CompiledQuery };

  constructor(main: DatabaseHandle, options: SealerOptions) {
    this.#main = main;
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? DEFAULT_SEAL_INTERVAL_MS;
    this.#probes = {
      full: unsealedProbe(main.db),
      windowed: unsealedProbe(main.db, options.window ?? SEAL_WINDOW),
    };
  }

  /** Whether this node holds the sealer's lock now. */
  get leader(): boolean {
    return this.#leader;
  }

  start(): void {
    if (this.#running) return;
    this.#stopping = false;
    this.#running = this.#main.dialect === 'sqlite' ? this.#runLocal() : this.#runElected();
  }

  /** Stops sealing (after one last pass when this node leads) and gives up the lock. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#running = undefined;
  }

  /** Waits one interval, or less if stop() is called; not at all once stopping. */
  #sleep(): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.#intervalMs);
      timer.unref();
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Logs a failure, at most once a minute: the sealer retries every interval, and one line says enough. */
  #warn(error: unknown, message: string): void {
    const now = Date.now();
    if (!this.#options.logger || now - this.#warnedAt < 60_000) return;
    this.#warnedAt = now;
    this.#options.logger.warn({ err: error }, message);
  }

  async #runLocal(): Promise<void> {
    this.#leader = true;
    while (!this.#stopping) {
      await this.#seal(this.#main.db);
      await this.#sleep();
    }
    await this.#seal(this.#main.db, true);
    this.#leader = false;
  }

  async #seal(db: Db, full = false): Promise<void> {
    try {
      await this.#pass(db, full);
    } catch (error) {
      this.#warn(error, 'sealing the audit trail failed; it will be tried again');
    }
  }

  /**
   * Seals what has committed: above the window's floor, or every unsealed entry when a full pass is due. A pass that
   * finds nothing to seal (nearly every pass of an idle node) stops after its probe.
   */
  async #pass(db: Db, full = false): Promise<void> {
    const now = Date.now();
    const window = full || now >= this.#fullPassDue ? undefined : (this.#options.window ?? SEAL_WINDOW);
    const probe = window === undefined ? this.#probes.full : this.#probes.windowed;
    if ((await db.executeQuery(probe)).rows.length > 0) await sealPending(db, this.#main.dialect, window);
    if (window === undefined) this.#fullPassDue = now + (this.#options.fullPassMs ?? FULL_PASS_MS);
  }

  async #runElected(): Promise<void> {
    while (!this.#stopping) {
      const own = openDatabase(this.#options.url, { poolSize: 1, onConnectionError: () => {} });
      try {
        // One connection held for as long as this node tries or leads: the lock belongs to it.
        await own.db.connection().execute(async (conn) => {
          while (!this.#stopping) {
            if (!this.#leader) this.#leader = await this.#tryLock(conn);
            if (this.#leader) await this.#pass(conn);
            await this.#sleep();
          }
          if (this.#leader) {
            await this.#pass(conn, true);
            await this.#unlock(conn);
          }
        });
      } catch (error) {
        this.#warn(error, 'the audit sealer failed or lost its connection; it will reconnect and try again');
        if (!this.#stopping) await this.#sleep();
      } finally {
        this.#leader = false;
        await own.close().catch(() => {});
      }
    }
  }

  async #tryLock(conn: Db): Promise<boolean> {
    const row =
      this.#main.dialect === 'postgres'
        ? await sql<{ ok: boolean }>`select pg_try_advisory_lock(${sql.lit(POSTGRES_LOCK_KEY)}) as ok`.execute(conn)
        : await sql<{ ok: number | null }>`select get_lock(${lockName()}, 0) as ok`.execute(conn);
    const ok = row.rows[0]?.ok;
    return ok === true || Number(ok) === 1;
  }

  async #unlock(conn: Db): Promise<void> {
    if (this.#main.dialect === 'postgres') {
      await sql`select pg_advisory_unlock(${sql.lit(POSTGRES_LOCK_KEY)})`.execute(conn);
    } else {
      await sql`select release_lock(${lockName()})`.execute(conn);
    }
  }
}

/** MySQL's named locks are server-wide: the name carries the database's (hashed to stay within 64 characters). */
function lockName() {
  return sql`concat('backlot_audit_sealer_', md5(database()))`;
}
