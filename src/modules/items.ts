import { Forbidden, NotFound } from '../errors.ts';

/** The item, or a 404 naming what was not found. */
export function found<T>(item: T | undefined, what: string): T {
  if (item === undefined) throw new NotFound(`There is no ${what}.`);
  return item;
}

/** The fields of `values` that were given (undefined means "leave as is"). */
export function given<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * A field that the caller's permission on the item does not cover (sales and `salesContactId`, support and an
 * event's `contractId`/`supportContactId`, a clerk without `patch:orders` and `assigneeId`). Always 403
 * `forbidden_field`, whatever the value sent, so a client learns the rule from the first refusal, not from the data.
 */
export function forbiddenField(field: string, why: string): Forbidden {
  return new Forbidden(`You may not set ${field}: ${why}`, 'forbidden_field', [{ path: `/${field}`, message: why }]);
}
