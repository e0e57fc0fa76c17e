/**
 * The rows of plain list pages on a SQLite database, kept until the database changes (LIST_CACHE).
 *
 * A plain page (no filter, no `q`, not narrowed to the caller's own rows) runs one compiled query per shape
 * (lists/list.ts): the same SQL and the same values give the same rows for as long as nothing is written. On SQLite
 * that is known exactly, and cheaply:
 * - another connection's commit (another process on the same file: a second node, `backlot db restore`) changes
 *   `PRAGMA data_version`, read before every lookup;
 * - this node's own writes all go through its one connection, whose statement cache (database.ts) calls `wrote()`
 *   before it hands out any statement that may write (`sqlite3_stmt_readonly`), in a transaction or not.
 * Either empties the cache. A query that was under way meanwhile does not keep its rows. Access is checked before a
 * list is read, so the rows of one SQL text and its values are the same whoever asks.
 *
 * PostgreSQL and MySQL/MariaDB have no such cheap, exact signal across nodes: their pages are always read.
 */
import type { Db } from './database.ts';

/**
 * The most kept, over all pages: rows, and characters of their text values (a row of the audit trail may hold a long
 * text of changes; 4 million characters are 4 to 8 MiB).
 */
const MAX_ROWS = 5_000;
const MAX_CHARS = 4_000_000;

/** The characters of a row's text values, and 8 for any other value: what keeping it roughly costs. */
function sizeOf(row: unknown): number {
  let size = 0;
  for (const value of Object.values(row as Record<string, unknown>))
    size += typeof value === 'string' ? value.length : 8;
  return size;
}

export class PageCache {
  readonly #dataVersion: () => number;
  readonly #pages = new Map<string, { rows: readonly unknown[]; chars: number }>();
  #rows = 0;
  #chars = 0;
  #seen: number | undefined;
  #writes = 0;
  /** Pages answered from the cache, and pages read from the database. */
  hits = 0;
  misses = 0;

  constructor(dataVersion: () => number) {
    this.#dataVersion = dataVersion;
  }

  /** A statement that may write is about to run on the node's connection. */
  wrote(): void {
    this.#writes++;
    this.#clear();
  }

  /** The rows of `sql` with `parameters`: kept ones, or what `read` gives (kept if nothing changed meanwhile). */
  async rows<R>(sql: string, parameters: readonly unknown[], read: () => Promise<R[]>): Promise<R[]> {
    const version = this.#dataVersion();
    if (version !== this.#seen) {
      this.#seen = version;
      this.#clear();
    }
    const key = `${JSON.stringify(parameters)} ${sql}`;
    const kept = this.#pages.get(key);
    if (kept) {
      this.hits++;
      return kept.rows as R[];
    }
    this.misses++;
    const writes = this.#writes;
    const rows = await read();
    if (writes !== this.#writes || version !== this.#seen || rows.length > MAX_ROWS) return rows;
    let chars = 0;
    for (const row of rows) chars += sizeOf(row);
    if (chars > MAX_CHARS) return rows;
    // Shared by every later request: frozen, so that a caller that changed a row would fail rather than change the
    // others' answers.
    for (const row of rows) Object.freeze(row);
    Object.freeze(rows);
    while (this.#rows + rows.length > MAX_ROWS || this.#chars + chars > MAX_CHARS) this.#evictOldest();
    this.#pages.set(key, { rows, chars });
    this.#rows += rows.length;
    this.#chars += chars;
    return rows;
  }

  #evictOldest(): void {
    const [key, page] = this.#pages.entries().next().value as [string, { rows: readonly unknown[]; chars: number }];
    this.#pages.delete(key);
    this.#rows -= page.rows.length;
    this.#chars -= page.chars;
  }

  #clear(): void {
    this.#pages.clear();
    this.#rows = 0;
    this.#chars = 0;
  }
}

const caches = new WeakMap<Db, PageCache>();

/** Gives `db` (a database handle's own, never a transaction) its page cache. */
export function attachPageCache(db: Db, cache: PageCache): void {
  caches.set(db, cache);
}

/** The page cache of `db`, if it has one. */
export function pageCacheOf(db: Db): PageCache | undefined {
  return caches.get(db);
}
