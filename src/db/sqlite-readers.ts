/**
 * Reads off the event loop, for SQLite. better-sqlite3 runs a statement to its end on the calling thread: a list
 * whose filter no index serves reads every row of its table (1.4 s at a million rows, measured), and every other
 * request waits meanwhile. Such queries run here instead: on a small pool of worker threads, each with its own
 * read-only connection to the database file (sqlite-reader-worker.js). In WAL mode a reader sees the last committed
 * state, so a request sees every change answered before it. Workers start on first use; one that outlives the
 * statement timeout is given up (the request gets 503) and replaced, so the queries behind it do not wait for it.
 *
 * `readerKysely` puts the pool behind Kysely, with the main handle's plugins: the same query builders and row
 * mapping, for SELECTs only (no transactions).
 */
import { Worker } from 'node:worker_threads';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type KyselyPlugin,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { unavailable } from './resilience.ts';
import type { Database } from './schema.ts';

const WORKER = new URL('./sqlite-reader-worker.js', import.meta.url);

/**
 * A worker with nothing to do for this long ends, giving back most of its memory (it holds about 15 MiB idle, 30 MiB
 * once it has read a large table: its isolate, its connection and page cache); the next read starts one again.
 */
const IDLE_MS = 30_000;

/** What the worker is sent: one SELECT. */
interface ReadRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

/** What it answers: the rows, or the error with SQLite's code. */
type ReadAnswer =
  | { id: number; rows: unknown[] }
  | { id: number; error: { message: string; code?: string; name: string } };

interface Job {
  sql: string;
  parameters: readonly unknown[];
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
}

interface Reader {
  worker: Worker;
  /** Its connection is open (the worker said so). */
  ready: boolean;
  /** Set while it waits for work: it ends when nothing came for IDLE_MS. */
  idleTimer?: NodeJS.Timeout;
  job?: Job & { id: number; timer?: NodeJS.Timeout };
}

export interface ReaderOptions {
  /** How many worker threads at most (default 2). */
  size?: number;
  /** A statement running longer is answered 503 and its worker replaced (the server's statement timeout). */
  timeoutMs?: number;
}

export class SqliteReaders {
  readonly #file: string;
  readonly #size: number;
  readonly #timeoutMs: number | undefined;
  readonly #readers = new Set<Reader>();
  readonly #idle: Reader[] = [];
  readonly #queue: Job[] = [];
  /** Workers given up while their statement still runs: they count against the pool until they end. */
  readonly #lingering = new Set<Worker>();
  #nextId = 1;
  #closed = false;
  #ran = 0;

  constructor(file: string, options: ReaderOptions = {}) {
    this.#file = file;
    this.#size = options.size ?? 2;
    this.#timeoutMs = options.timeoutMs;
  }

  /** Statements answered so far. */
  get ran(): number {
    return this.#ran;
  }

  /**
   * Workers running (or starting), those running a statement now, statements waiting for one, and workers given up
   * whose statement still runs (for /metrics).
   */
  stats(): { workers: number; busy: number; queued: number; lingering: number } {
    const busy = [...this.#readers].filter((reader) => reader.job).length;
    return { workers: this.#readers.size, busy, queued: this.#queue.length, lingering: this.#lingering.size };
  }

  /** Runs one SELECT on a reader: its rows, or the error SQLite gave (with its `code`). */
  run(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.#closed) return Promise.reject(unavailable(new Error('the readers are closed')));
    return new Promise((resolve, reject) => {
      this.#queue.push({ sql, parameters, resolve, reject });
      this.#dispatch();
    });
  }

  /** Ends every worker; statements still queued or running are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    const lingering = [...this.#lingering];
    for (const job of this.#queue.splice(0)) job.reject(unavailable(new Error('the readers are closed')));
    const readers = [...this.#readers];
    this.#readers.clear();
    this.#idle.length = 0;
    for (const reader of readers) reader.job?.reject(unavailable(new Error('the readers are closed')));
    await Promise.all([...readers.map((reader) => reader.worker), ...lingering].map((worker) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const reader = this.#idle.pop();
      if (!reader) {
        // Start as many workers as the queue needs, within the pool's size; each takes a statement once it is ready.
        const starting = [...this.#readers].filter((one) => !one.ready).length;
        // Workers given up on a statement still running count too, so that slow statements asked for again and
        // again cannot pile up threads: at most twice the pool's size run at once.
        const room = () =>
          this.#readers.size < this.#size && this.#readers.size + this.#lingering.size < 2 * this.#size;
        for (let n = starting; n < this.#queue.length && room(); n++) this.#spawn();
        return;
      }
      this.#start(reader, this.#queue.shift()!);
    }
  }

  #spawn(): void {
    const reader: Reader = { worker: new Worker(WORKER, { workerData: { file: this.#file } }), ready: false };
    this.#readers.add(reader);
    reader.worker.on('message', (answer: ReadAnswer | 'ready') => {
      if (answer !== 'ready') return this.#answered(reader, answer);
      reader.ready = true;
      this.#rest(reader);
    });
    // A worker that cannot open the file, or dies: its statement fails, the next one gets a new worker.
    reader.worker.on('error', (error) => this.#retire(reader, error));
    reader.worker.on('exit', (code) => {
      if (this.#lingering.delete(reader.worker)) return this.#closed ? undefined : this.#dispatch();
      this.#retire(reader, new Error(`a SQLite reader exited (${code})`));
    });
  }

  #start(reader: Reader, job: Job): void {
    clearTimeout(reader.idleTimer);
    const id = this.#nextId++;
    reader.job = { ...job, id };
    reader.worker.ref();
    if (this.#timeoutMs !== undefined) {
      const ms = this.#timeoutMs;
      reader.job.timer = setTimeout(() => this.#retire(reader, new Error(`no answer within ${ms} ms`)), ms);
    }
    reader.worker.postMessage({ id, sql: job.sql, parameters: job.parameters } satisfies ReadRequest);
  }

  #answered(reader: Reader, answer: ReadAnswer): void {
    const job = reader.job;
    if (!job || job.id !== answer.id) return;
    clearTimeout(job.timer);
    reader.job = undefined;
    this.#ran++;
    if ('rows' in answer) {
      job.resolve(answer.rows);
    } else {
      const { message, name, code } = answer.error;
      job.reject(Object.assign(new Error(message), { name, ...(code === undefined ? {} : { code }) }));
    }
    this.#rest(reader);
  }

  /** A worker is free: it takes the next statement, or waits for one (for IDLE_MS at most). */
  #rest(reader: Reader): void {
    // An idle worker does not keep the process alive.
    reader.worker.unref();
    this.#idle.push(reader);
    reader.idleTimer = setTimeout(() => this.#retire(reader), IDLE_MS).unref();
    this.#dispatch();
  }

  /** Ends a worker: its statement (if any) gets 503 (`cause`), and the queue goes on with a new one. */
  #retire(reader: Reader, cause?: Error): void {
    if (!this.#readers.delete(reader)) return;
    clearTimeout(reader.idleTimer);
    const idle = this.#idle.indexOf(reader);
    if (idle >= 0) this.#idle.splice(idle, 1);
    const job = reader.job;
    reader.job = undefined;
    if (job) {
      clearTimeout(job.timer);
      job.reject(unavailable(cause));
      this.#lingering.add(reader.worker);
    }
    // One that never got ready (the file cannot be opened, say): what waits for it fails too, instead of waiting.
    if (!reader.ready && cause) for (const waiting of this.#queue.splice(0)) waiting.reject(unavailable(cause));
    // It ends once its statement returns: SQLite cannot be interrupted from another thread through better-sqlite3.
    void reader.worker.terminate();
    if (!this.#closed) this.#dispatch();
  }
}

/** SQLite's SQL, but several statements at once: Kysely would otherwise let one through at a time, as for one connection. */
class ReaderAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

const refuse = (): never => {
  throw new Error('SQLite readers run single SELECTs, not transactions');
};

/** A Kysely over the readers, with the main handle's plugins (its camel-case mapping). */
export function readerKysely(readers: SqliteReaders, plugins: KyselyPlugin[]): Kysely<Database> {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      return { rows: (await readers.run(query.sql, query.parameters)) as R[] };
    },
    streamQuery: refuse,
  };
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: refuse,
    commitTransaction: refuse,
    rollbackTransaction: refuse,
    releaseConnection: async () => {},
    destroy: () => readers.close(),
  };
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new ReaderAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
    plugins,
  });
}
