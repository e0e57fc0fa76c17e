/** The `sort=` parameter of lists: `-createdAt,name`, always ending with the id so keyset pagination is total. */
import { BadRequest } from '../errors.ts';
import type { FieldType } from './filter.ts';

export interface SortKey {
  /** JSON field name, as written in `sort=` (the id tie-breaker uses `idField`). */
  field: string;
  /** Trusted SQL column reference. */
  column: string;
  desc: boolean;
  /** When known, what cursor values of this key must look like. */
  type?: FieldType;
  /** An integer key that is 64-bit (see FieldSpec.bigint). */
  bigint?: boolean;
}

const MAX_SORT_LENGTH = 500;

function sortError(message: string): BadRequest {
  return new BadRequest(`Invalid sort: ${message}`, [{ path: 'sort', message }]);
}

/**
 * Parses `sort` (or `fallback` when it is absent or blank) against the sortable fields (field → column; columns are
 * non-null by contract) and appends the id as the final tie-breaker unless the id column is already a key.
 */
export function parseSort(
  input: string | undefined,
  sortable: Record<string, string>,
  fallback: string,
  idColumn: string,
  idField = 'id',
): SortKey[] {
  const text = input === undefined || input.trim() === '' ? fallback : input;
  if (text.length > MAX_SORT_LENGTH) throw sortError(`longer than ${MAX_SORT_LENGTH} characters`);
  const keys: SortKey[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const desc = item.startsWith('-');
    const field = desc || item.startsWith('+') ? item.slice(1).trim() : item;
    if (field === '') throw sortError('empty sort field');
    // hasOwn keeps names such as `constructor` from reaching Object.prototype.
    if (!Object.hasOwn(sortable, field)) {
      throw sortError(`unknown sort field '${field}' (sortable: ${Object.keys(sortable).join(', ')})`);
    }
    if (seen.has(field)) throw sortError(`'${field}' appears twice`);
    seen.add(field);
    keys.push({ field, column: sortable[field]!, desc });
  }
  if (!keys.some((key) => key.column === idColumn)) {
    // Follow the last key's direction so e.g. `-createdAt` lists newer ids first among equal timestamps.
    keys.push({ field: idField, column: idColumn, desc: keys.at(-1)?.desc ?? false, type: 'integer' });
  }
  return keys;
}

/** `-createdAt,name,id`: what a cursor is bound to. */
export function sortSignature(keys: readonly SortKey[]): string {
  return keys.map((key) => `${key.desc ? '-' : ''}${key.field}`).join(',');
}
