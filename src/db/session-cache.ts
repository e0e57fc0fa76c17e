/**
 * A per-node cache of the session check that every authenticated request makes (is the session still open, is its
 * user still active, must the password be changed), emptied whenever any node ends a session or changes a user.
 *
 * How every node learns of a change, per database:
 * - PostgreSQL: the writing transaction runs `pg_notify('backlot_sessions', <id>)`, which PostgreSQL sends to every
 *   node's listening connection when, and only if, the transaction commits. While a node's listener is not connected
 *   (not yet, or lost), that node does not use its cache at all. The writing node answers its client only once it
 *   has heard its own notification back (`heard`), so that the other nodes have had it sent to them as well.
 * - SQLite: one file, shared by the processes on one machine. `PRAGMA data_version` changes when another connection
 *   commits; it is read (2 µs alone, about 10 under load) before every cache hit, and any change empties the cache.
 *   The node's own writes empty it directly (`changed`).
 * - MySQL/MariaDB: no transactional notification; the cache is off and every request queries the database.
 *
 * A lookup that was under way while the cache was emptied is not kept (a generation number), so an answer read before
 * a change commits is never served after the change is known. Entries also expire after MAX_AGE_MS, a bound for the
 * case of a notification lost without the listener noticing (a half-open connection).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Db, Dialect } from './database.ts';
import { loadPg } from './pg.ts';

export const SESSIONS_CHANNEL = 'backlot_sessions';
const MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1_000;
/** The longest a node waits to hear its own notification back before it answers (see heard). */
const ECHO_WAIT_MS = 250;

interface Entry<T> {
  value: T;
  at: number;
}

export interface SessionCacheSource {
  dialect: Dialect;
  /** False turns the cache off (SESSION_CACHE=false): every request queries the database. */
  enabled: boolean;
  /** PostgreSQL: the URL the listening connection opens. */
  url?: string;
  /** SQLite: reads `PRAGMA data_version` of the node's connection. */
  dataVersion?: () => number;
  onListenerError?: (error: Error) => void;
}

export class SessionCache {
  readonly #source: SessionCacheSource;
  readonly #entries = new Map<string, Entry<unknown>>();
  #generation = 0;
  #dataVersion: number | undefined;
  #listener: pg.Client | undefined;
  #listening = false;
  #connecting = false;
  #closed = false;
  #reconnect: NodeJS.Timeout | undefined;
  /** Notifications this node sent and has not heard back yet, with when they were sent. */
  readonly #unheard = new Map<string, number>();
  #echoWaiters: (() => void)[] = [];
  /** Called when a notification arrives (for tests and for measuring the delay between nodes). */
  onNotified?: () => void;
  /** Answers served from the cache, and lookups that went to the database while the cache was on. */
  hits = 0;
  misses = 0;

  constructor(source: SessionCacheSource) {
    this.#source = source;
  }

  /** Whether answers may come from the cache now. */
  get active(): boolean {
    if (this.#closed || !this.#source.enabled) return false;
    if (this.#source.dialect === 'sqlite') return this.#source.dataVersion !== undefined;
    if (this.#source.dialect === 'postgres') {
      if (!this.#listening) this.#listen();
      return this.#listening;
    }
    return false;
  }

  /** The cached state of `key`, or what `load` reads (kept unless a change became known meanwhile). */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.active) return load();
    if (this.#source.dataVersion) {
      const version = this.#source.dataVersion();
      if (version !== this.#dataVersion) {
        this.#dataVersion = version;
        this.clear();
      }
    }
    const entry = this.#entries.get(key);
    if (entry && Date.now() - entry.at < MAX_AGE_MS) {
      this.hits++;
      return entry.value as T;
    }
    this.misses++;
    const generation = this.#generation;
    const value = await load();
    if (generation === this.#generation && this.active) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
      this.#entries.set(key, { value, at: Date.now() });
    }
    return value;
  }

  /** Forgets every cached state. */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /**
   * A session ended or a user changed, in `db` (a transaction, or the database itself right after the change):
   * this node forgets at once; on PostgreSQL every node is told when the transaction commits.
   */
  async changed(db: Db): Promise<void> {
    this.clear();
    if (this.#source.dialect !== 'postgres') return;
    const id = randomUUID();
    if (this.#listening) this.#unheard.set(id, Date.now());
    await sql`select pg_notify(${SESSIONS_CHANNEL}, ${id})`.execute(db);
  }

  /**
   * Undefined when this node has heard back every notification it sent, else a promise that resolves once it has
   * (or after ECHO_WAIT_MS: a transaction rolled back sends none). PostgreSQL sends a notification to every listener
   * at its commit, so a node that waits for its own before answering leaves the others the same time to hear of the
   * change before its client can make another request to any of them.
   */
  heard(): Promise<void> | undefined {
    this.#forgetStale();
    if (this.#unheard.size === 0) return undefined;
    return new Promise((resolve) => {
      const timer = setTimeout(done, ECHO_WAIT_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#echoWaiters.push(done);
    });
  }

  /** Gives up on notifications older than ECHO_WAIT_MS (their transaction rolled back, or they were lost). */
  #forgetStale(): void {
    if (this.#unheard.size === 0) return;
    const before = Date.now() - ECHO_WAIT_MS;
    for (const [id, at] of this.#unheard) if (at < before) this.#unheard.delete(id);
    this.#releaseIfHeard();
  }

  #echo(id: string | undefined): void {
    if (id !== undefined && this.#unheard.delete(id)) this.#releaseIfHeard();
  }

  /** Once nothing is unheard, every waiter goes on (those already released by their timer too: they are dropped). */
  #releaseIfHeard(): void {
    if (this.#unheard.size > 0) return;
    const waiters = this.#echoWaiters;
    this.#echoWaiters = [];
    for (const done of waiters) done();
  }

  #listen(): void {
    if (this.#connecting || this.#closed || !this.#source.url) return;
    this.#connecting = true;
    const client = new (loadPg().Client)({ connectionString: this.#source.url, keepAlive: true });
    const lost = (error?: Error) => {
      if (this.#listener !== client) return;
      this.#listener = undefined;
      this.#listening = false;
      this.clear();
      if (error) this.#source.onListenerError?.(error);
      client.end().catch(() => {});
      if (!this.#closed) {
        this.#reconnect = setTimeout(() => this.#listen(), RECONNECT_MS);
        this.#reconnect.unref();
      }
    };
    this.#listener = client;
    client.on('notification', (message) => {
      this.clear();
      this.#echo(message.payload);
      this.onNotified?.();
    });
    client.on('error', lost);
    client.on('end', () => lost());
    client
      .connect()
      .then(() => client.query(`listen ${SESSIONS_CHANNEL}`))
      .then(() => {
        this.#connecting = false;
        if (this.#listener !== client) return;
        // Whatever changed before the listener was up is unknown: start empty.
        this.clear();
        this.#listening = true;
      })
      .catch((error: Error) => {
        this.#connecting = false;
        lost(error);
      });
  }

  /** Resolves once answers may come from the cache (PostgreSQL: the listener is up); for tests and start-up. */
  async ready(timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.active && Date.now() < deadline && this.#source.enabled && this.#source.dialect !== 'mysql') {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.active;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnect);
    this.clear();
    const listener = this.#listener;
    this.#listener = undefined;
    this.#listening = false;
    // A client whose connection already broke may never confirm its end: do not let it hold the shutdown.
    if (listener) await Promise.race([listener.end().catch(() => {}), delay(1000)]);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
