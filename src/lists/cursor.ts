/**
 * Opaque keyset cursors: base64url of `{"s": <sort signature>, "k": [<sort values of the last row>]}`. A cursor only
 * works with the sort it was made for, and every value is checked against its key's type before it reaches SQL (as a
 * bound parameter) so a forged cursor can at worst move the page, never break the query.
 */
import { BadRequest } from '../errors.ts';
import { parseDate, parseDateTime } from './filter.ts';
import { type SortKey, sortSignature } from './sort.ts';

export type CursorValue = string | number;

const MAX_CURSOR_LENGTH = 4096;
const MAX_STRING_VALUE = 2000;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function cursorError(message: string): BadRequest {
  return new BadRequest(`Invalid cursor: ${message}`, [{ path: 'cursor', message }]);
}

/** Brings a row's sort value to its cursor form (drivers return Date, bigint or numeric strings). */
function normalise(value: unknown, key: SortKey): CursorValue {
  if (value instanceof Date) return key.type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if ((key.type === 'integer' || key.type === 'boolean') && typeof value === 'string' && /^-?\d+$/.test(value)) {
    return Number(value);
  }
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  // Sortable columns are non-null by contract; anything else is a bug of the resource's list spec.
  throw new Error(`list: sort key '${key.field}' has no usable value (${String(value)})`);
}

/** The cursor that continues after a row whose sort values (in key order) are `values`. */
export function encodeCursor(values: readonly unknown[], keys: readonly SortKey[]): string {
  if (values.length !== keys.length) throw new Error('list: cursor values do not match the sort keys');
  const k = values.map((value, i) => normalise(value, keys[i]!));
  return Buffer.from(JSON.stringify({ s: sortSignature(keys), k }), 'utf8').toString('base64url');
}

function valid(value: unknown, key: SortKey): value is CursorValue {
  switch (key.type) {
    case 'integer':
      return (
        typeof value === 'number' &&
        (key.bigint ? Number.isSafeInteger(value) : Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX)
      );
    case 'boolean':
      return value === 0 || value === 1;
    case 'date':
      return typeof value === 'string' && parseDate(value) !== null;
    case 'datetime':
      // The stored text is kept as is (it is compared as text); it only has to be a date-time.
      return typeof value === 'string' && parseDateTime(value) !== null;
    case undefined:
      return (
        (typeof value === 'string' && value.length <= MAX_STRING_VALUE && !value.includes('\0')) ||
        (typeof value === 'number' && Number.isFinite(value))
      );
    default:
      return typeof value === 'string' && value.length <= MAX_STRING_VALUE && !value.includes('\0');
  }
}

/** Decodes a cursor made by encodeCursor for the same sort; anything malformed or tampered with is a 400. */
export function decodeCursor(cursor: string, keys: readonly SortKey[]): CursorValue[] {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) {
    throw cursorError('malformed cursor');
  }
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw cursorError('malformed cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw cursorError('malformed cursor');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw cursorError('malformed cursor');
  const { s, k } = parsed as { s?: unknown; k?: unknown };
  if (typeof s !== 'string' || !Array.isArray(k)) throw cursorError('malformed cursor');
  if (s !== sortSignature(keys)) throw cursorError('the cursor was made for another sort; start again without it');
  if (k.length !== keys.length) throw cursorError('malformed cursor');
  const values: CursorValue[] = [];
  for (const [i, value] of k.entries()) {
    const key = keys[i]!;
    if (!valid(value, key)) throw cursorError(`bad value for '${key.field}'`);
    values.push(value);
  }
  return values;
}
