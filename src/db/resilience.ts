import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  Dialect as KyselyDialect,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import type { Pool as MysqlPool, PoolConnection as MysqlPoolConnection } from 'mysql2';
import type pg from 'pg';
import { OutcomeUnknown, Unavailable } from '../errors.ts';
import { isConnectionLost } from './errors.ts';

/**
 * How long a request may wait on the database before it is answered 503. A frozen database (its processes stopped,
 * or a network that drops packets) would otherwise hold every request, and the pool, for as long as it lasts.
 */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection, or for a new one to be made. */
  connectMs: number;
  /** A statement, as the server counts it (PostgreSQL `statement_timeout`, MariaDB `max_statement_time`). */
  statementMs: number;
  /** A statement, as the client counts it: a little longer, so that the server's own limit normally speaks first. */
  readMs: number;
}

export const SERVING_TIMEOUTS: DatabaseTimeouts = { connectMs: 3000, statementMs: 10_000, readMs: 12_000 };

export function unavailable(cause: unknown): Unavailable {
  const error = new Unavailable('The database is unavailable. Try again shortly.');
  error.cause = cause;
  return error;
}

function outcomeUnknown(cause: unknown): OutcomeUnknown {
  const error = new OutcomeUnknown(
    'The database connection broke while the change was being committed: it may or may not have been made. ' +
      'Read the item to find out, or repeat the request with the same Idempotency-Key.',
  );
  error.cause = cause;
  return error;
}

/** A read, which changes nothing however its answer is lost. */
function isRead(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  return kind === 'SelectQueryNode' || (kind === 'RawNode' && /^\s*(select|with|show)\b/i.test(query.sql));
}

/** One connection handed to Kysely: remembers whether a transaction is open on it and whether it broke. */
class GuardedConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  inTransaction = false;
  lost = false;

  constructor(inner: DatabaseConnection) {
    this.inner = inner;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      throw this.classify(error, !this.inTransaction && !isRead(query));
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }

  /**
   * A lost connection becomes 503 when nothing can have been written: a read, or any statement of a transaction
   * before its COMMIT (the server rolls back a transaction whose connection is gone). A lone write, or a COMMIT,
   * whose answer was lost may have been applied: that is an unknown outcome, never a 503.
   */
  classify(error: unknown, mayHaveWritten: boolean): unknown {
    if (!isConnectionLost(error)) return error;
    this.lost = true;
    return mayHaveWritten ? outcomeUnknown(error) : unavailable(error);
  }
}

/** Wraps a Kysely driver so that a broken connection is a typed failure that says whether anything was written. */
class GuardedDriver implements Driver {
  readonly #inner: Driver;
  readonly #connections = new WeakMap<DatabaseConnection, GuardedConnection>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let inner: DatabaseConnection;
    try {
      inner = await this.#inner.acquireConnection();
    } catch (error) {
      throw isConnectionLost(error) ? unavailable(error) : error;
    }
    let guarded = this.#connections.get(inner);
    if (!guarded) {
      guarded = new GuardedConnection(inner);
      this.#connections.set(inner, guarded);
    }
    guarded.lost = false;
    guarded.inTransaction = false;
    return guarded;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const guarded = connection as GuardedConnection;
    try {
      await this.#inner.beginTransaction(guarded.inner, settings);
    } catch (error) {
      throw guarded.classify(error, false);
    }
    guarded.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const guarded = connection as GuardedConnection;
    try {
      await this.#inner.commitTransaction(guarded.inner);
      guarded.inTransaction = false;
    } catch (error) {
      throw guarded.classify(error, true);
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const guarded = connection as GuardedConnection;
    guarded.inTransaction = false;
    // The server has already ended the transaction of a connection that is gone; asking again would only fail.
    if (guarded.lost) return;
    try {
      await this.#inner.rollbackTransaction(guarded.inner);
    } catch (error) {
      if (!isConnectionLost(error)) throw error;
    }
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['savepoint']>>[2],
  ): Promise<void> {
    await this.#inner.savepoint?.((connection as GuardedConnection).inner, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['savepoint']>>[2],
  ): Promise<void> {
    await this.#inner.rollbackToSavepoint?.((connection as GuardedConnection).inner, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['savepoint']>>[2],
  ): Promise<void> {
    await this.#inner.releaseSavepoint?.((connection as GuardedConnection).inner, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection((connection as GuardedConnection).inner);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/** The same dialect, with its driver guarded. */
export function guarded(dialect: KyselyDialect): KyselyDialect {
  return {
    createDriver: () => new GuardedDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

/** At most this many statements are prepared (named) per process; any other runs unnamed, as before. */
const MAX_PREPARED = 250;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/**
 * A text search (`q`, `~`) by LIKE is planned for its own pattern every time: a prepared statement's generic plan,
 * made without the pattern, cannot tell a rare text (read it from the trigram index) from a common one. A common text
 * read in the list's order (`strpos`, lists/filter.ts) is planned alike whatever the text, and may be prepared.
 */
const TEXT_SEARCH = /\blike\b/i;

/**
 * Names for the statements that PostgreSQL prepares once per connection and then only binds and runs: parsing and
 * planning an unnamed statement anew cost the database more than running most of ours. Transaction control, other
 * statements with nothing to plan and text searches are left unnamed; the number of names is bounded, as every
 * connection keeps each statement it prepared until it closes.
 */
class StatementNames {
  readonly #names = new Map<string, string>();

  of(text: string): string | undefined {
    let name = this.#names.get(text);
    if (name === undefined) {
      if (this.#names.size >= MAX_PREPARED || !PREPARABLE.test(text) || TEXT_SEARCH.test(text)) return undefined;
      name = `backlot_${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return name;
  }
}

/** PostgreSQL refuses a prepared statement whose result columns a schema change altered (a table migrated meanwhile). */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: string }).code === '0A000' && /cached plan must not change/.test(String(error));
}

/**
 * What Kysely's PostgreSQL driver sees of the pool: a client that broke or timed out is handed back with an error,
 * so the pool closes it instead of lending it again (a timed-out query is otherwise still running on it). With
 * `prepare`, statements are named (see StatementNames); one whose plan a migration made stale is run again unnamed,
 * and its connection, which holds the stale one, is closed when it is handed back.
 */
export function guardedPostgresPool(pool: pg.Pool, prepare = false) {
  const names = prepare ? new StatementNames() : undefined;
  const lentClients = new WeakMap<pg.PoolClient, unknown>();
  const wrap = (client: pg.PoolClient) => {
    let lent = lentClients.get(client);
    if (!lent) {
      let broken = false;
      lent = {
        get processID() {
          return (client as unknown as { processID?: number }).processID;
        },
        async query(text: string, values: unknown[]) {
          try {
            const name = names?.of(text);
            if (name === undefined) return await client.query(text, values);
            try {
              return await client.query({ name, text, values });
            } catch (error) {
              if (!isStalePlan(error)) throw error;
              broken = true;
              return await client.query(text, values);
            }
          } catch (error) {
            if (isConnectionLost(error)) broken = true;
            throw error;
          }
        },
        release(discard?: boolean) {
          const remove = broken || discard === true;
          broken = false;
          client.release(remove ? new Error('connection broken') : undefined);
        },
      };
      lentClients.set(client, lent);
    }
    return lent;
  };
  return {
    options: pool.options,
    async connect() {
      return wrap(await pool.connect());
    },
    end: () => pool.end(),
  };
}

/**
 * What Kysely's MySQL driver sees of the pool: waiting for a connection is bounded (mysql2's pool has no limit of
 * its own), every query has a client-side timeout, and a connection that broke or timed out is destroyed.
 */
export function guardedMysqlPool(pool: MysqlPool, timeouts: DatabaseTimeouts | undefined) {
  const lentConnections = new WeakMap<MysqlPoolConnection, unknown>();
  const wrap = (connection: MysqlPoolConnection) => {
    let lent = lentConnections.get(connection);
    if (!lent) {
      lent = {
        get threadId() {
          return connection.threadId;
        },
        query(sql: string, values: unknown[], callback: (error: unknown, result?: unknown) => void) {
          connection.query({ sql, values, timeout: timeouts?.readMs }, (error, result) => {
            if (error && isConnectionLost(error)) connection.destroy();
            callback(error, result);
          });
        },
        release: () => connection.release(),
        destroy: () => connection.destroy(),
      };
      lentConnections.set(connection, lent);
    }
    return lent;
  };
  return {
    getConnection(callback: (error: unknown, connection?: unknown) => void) {
      let settled = false;
      const timer = timeouts
        ? setTimeout(() => {
            settled = true;
            callback(Object.assign(new Error('timed out waiting for a database connection'), { code: 'ETIMEDOUT' }));
          }, timeouts.connectMs)
        : undefined;
      pool.getConnection((error, connection) => {
        if (settled) {
          connection?.release();
          return;
        }
        settled = true;
        clearTimeout(timer);
        if (error) callback(error);
        else callback(null, wrap(connection));
      });
    },
    end: (callback: (error?: unknown) => void) => pool.end(callback),
  };
}

/** Resolves with the work's result, or rejects with 503 when it takes longer than `ms` (the work is left to finish). */
export function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(unavailable(new Error(`no answer within ${ms} ms`))), ms);
  });
  work.catch(() => {});
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
