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
