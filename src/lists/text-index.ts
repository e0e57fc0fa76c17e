/**
 * The text indexes behind `q` and the `~` filter operator, one per searched column (migration 0011):
 * PostgreSQL, a pg_trgm GIN index on `lower(column)`, which the planner uses for the same `lower(column) like …`
 * every database runs; SQLite, an FTS5 table with the trigram tokenizer per searched table, kept in step by
 * triggers, queried through its rowid; MySQL/MariaDB, none (FULLTEXT matches words, not substrings: `q` would change
 * meaning), so there a search reads rows until the page is full, bounded by the statement timeout.
 */

export interface TextIndex {
  /** The FTS5 table (SQLite), snake_case. */
  table: string;
  /** Its column holding the searched text, snake_case. */
  column: string;
  /** The id column of the searched table, as the list names it (camelCase, for sql.ref). */
  id: string;
}

/** Searched table (snake_case) → its id column as lists name it, the table's prefix in list columns, searched columns. */
export const TEXT_INDEXED: { table: string; prefix: string; columns: Record<string, string> }[] = [
  { table: 'movies', prefix: 'movies.', columns: { title: 'title' } },
  { table: 'actors', prefix: 'actors.', columns: { name: 'name' } },
  {
    table: 'clients',
    prefix: 'clients.',
    columns: { fullName: 'full_name', email: 'email', companyName: 'company_name' },
  },
  { table: 'events', prefix: 'events.', columns: { name: 'name', location: 'location' } },
  { table: 'bookings', prefix: 'bookings.', columns: { topic: 'topic', addressCity: 'address_city' } },
  // The trail's list names its columns without the table.
  { table: 'audit_entries', prefix: '', columns: { action: 'action', entity: 'entity' } },
];

const BY_COLUMN = new Map<string, TextIndex>();
for (const { table, prefix, columns } of TEXT_INDEXED) {
  for (const [field, column] of Object.entries(columns)) {
    BY_COLUMN.set(`${prefix}${field}`, { table: `${table}_fts`, column, id: `${prefix}id` });
  }
}

/** The FTS5 index of a list column (`movies.title`, or `action` for the trail), if it has one. */
export function textIndexOf(column: string): TextIndex | undefined {
  return BY_COLUMN.get(column);
}
