/** Recognises the database's own refusals, the same way on SQLite, PostgreSQL and MySQL/MariaDB. */
function codeOf(error: unknown): { code?: unknown; errno?: unknown } {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown; errno?: unknown }) : {};
}

/** A UNIQUE constraint refused the write. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, errno } = codeOf(error);
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    errno === 1062
  );
}

/** A FOREIGN KEY constraint refused the write (a referenced row is missing, or a referencing row remains). */
export function isForeignKeyViolation(error: unknown): boolean {
  const { code, errno } = codeOf(error);
  return (
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    code === '23503' ||
    code === 'ER_ROW_IS_REFERENCED_2' ||
    code === 'ER_NO_REFERENCED_ROW_2' ||
    errno === 1451 ||
    errno === 1452
  );
}

/** The database broke a deadlock or a serialisation conflict by aborting this transaction. */
export function isTransactionConflict(error: unknown): boolean {
  const { code, errno } = codeOf(error);
  return code === '40P01' || code === '40001' || code === 'ER_LOCK_DEADLOCK' || errno === 1213;
}

const LOST_CODES = new Set([
  // the network, or a server that is not there
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // PostgreSQL: shutting down, starting, out of connections, connection failures, a statement timed out
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57014',
  // MySQL/MariaDB: the connection was lost, killed or timed out; the server shuts down; too many connections
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_STATEMENT_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  // SQLite: another process holds the database for longer than busy_timeout
  'SQLITE_BUSY',
]);

/**
 * A statement ended by the server's time limit, which mysql2 gives no code name: MariaDB's max_statement_time
 * (1969, ER_STATEMENT_TIMEOUT) and MySQL's max_execution_time (3024, ER_QUERY_TIMEOUT).
 */
const STATEMENT_TIMEOUT_ERRNOS = new Set([1969, 3024]);

const LOST_MESSAGES =
  /Connection terminated|not queryable|Query read timeout|timeout exceeded when trying to connect|closed state|Pool is closed|Connection lost/i;

/**
 * The database did not answer: the connection broke, was killed, or timed out, or no connection could be made. Not a
 * refusal of the statement: the same request may succeed once the database is back.
 */
export function isConnectionLost(error: unknown): boolean {
  const { code, errno } = codeOf(error);
  if (typeof code === 'string' && LOST_CODES.has(code)) return true;
  if (typeof errno === 'number' && STATEMENT_TIMEOUT_ERRNOS.has(errno)) return true;
  // mysql2 marks every error after which the connection is unusable as fatal.
  if ((error as { fatal?: unknown } | null)?.fatal === true) return true;
  return error instanceof Error && LOST_MESSAGES.test(error.message);
}

/** The database was too slow to answer (it may still be working on the statement). */
export function isTimeout(error: unknown): boolean {
  const { code, errno } = codeOf(error);
  return (
    (typeof errno === 'number' && STATEMENT_TIMEOUT_ERRNOS.has(errno)) ||
    code === 'ETIMEDOUT' ||
    code === 'PROTOCOL_SEQUENCE_TIMEOUT' ||
    code === '57014' ||
    code === 'ER_STATEMENT_TIMEOUT' ||
    (error instanceof Error && /timeout/i.test(error.message))
  );
}
