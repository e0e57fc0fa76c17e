import { usage } from './errors.ts';
import type { JsonSchema } from './openapi.ts';

/**
 * Turns `--FIELD VALUE` pairs (also `--FIELD=VALUE`) into a request body typed by the request's JSON schema
 * (from the server's OpenAPI document): a string field stays a string (`--title 1984`), an integer must be one,
 * a date or a time is checked before sending, a list takes `a,b` or a JSON array, and an unknown field is
 * refused with the list of known ones. `--release-date` is the field `releaseDate`; `--address.city Paris`
 * sets `{"address":{"city":"Paris"}}`. `requireAll`: every required field must be given (creation).
 */
export function parseFields(tokens: string[], schema: JsonSchema, requireAll: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const match = /^--([A-Za-z][\w.-]*)(?:=([\s\S]*))?$/.exec(token);
    if (!match) throw usage(`unexpected argument '${token}': give fields as --FIELD VALUE`);
    const flag = match[1]!;
    let raw = match[2];
    if (raw === undefined) {
      const next = tokens[i + 1];
      if (next === undefined || /^--[A-Za-z]/.test(next)) throw usage(`--${flag} needs a value`);
      raw = next;
      i++;
    }
    const path = flag.split('.').map(camelCase);
    const field = fieldAt(schema, path, flag);
    const previous = getPath(body, path);
    let value = convert(field, raw, `--${flag}`);
    // A list field given twice collects both: --genres drama --genres crime.
    if (Array.isArray(previous) && Array.isArray(value)) value = [...previous, ...value];
    setPath(body, path, value);
  }
  checkRequired(body, schema, '', requireAll);
  return body;
}

function camelCase(name: string): string {
  if (name === '') throw usage('a field name has an empty part');
  return name.replace(/-+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function objectSchema(schema: JsonSchema): JsonSchema | undefined {
  return variants(schema).find((v) => v.type === 'object' && v.properties);
}

function variants(schema: JsonSchema): JsonSchema[] {
  return schema.anyOf ?? [schema];
}

function fieldAt(schema: JsonSchema, path: string[], flag: string): JsonSchema {
  let node = schema;
  for (const [index, key] of path.entries()) {
    const object = objectSchema(node);
    const known = Object.keys(object?.properties ?? {});
    if (!object || !Object.hasOwn(object.properties!, key)) {
      const where = index === 0 ? '' : ` of --${path.slice(0, index).map(kebabCase).join('.')}`;
      throw usage(
        `unknown field --${flag}; the fields${where} are: ${known.map((k) => `--${kebabCase(k)}`).join(', ')}`,
      );
    }
    node = object.properties![key]!;
  }
  return node;
}

function convert(schema: JsonSchema, raw: string, flag: string): unknown {
  const options = variants(schema);
  const nullable = options.some((v) => v.type === 'null');
  if (raw === 'null' && nullable) return null;
  const main = options.find((v) => v.type !== 'null') ?? {};
  const fail = (what: string) => usage(`${flag} takes ${what}, not '${raw}'${nullable ? ' (or null)' : ''}`);
  switch (main.type) {
    case 'integer': {
      if (!/^-?\d{1,15}$/.test(raw.trim())) throw fail('a whole number');
      return inRange(Number(raw), main, flag);
    }
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw fail('a number');
      return inRange(value, main, flag);
    }
    case 'boolean': {
      if (/^(true|yes|1)$/i.test(raw)) return true;
      if (/^(false|no|0)$/i.test(raw)) return false;
      throw fail('true or false');
    }
    case 'array': {
      let items: unknown[];
      if (raw.trim().startsWith('[')) {
        const parsed = json(raw, fail, 'a list');
        if (!Array.isArray(parsed)) throw fail('a list');
        items = parsed.map((item) => (typeof item === 'string' ? convert(main.items ?? {}, item, flag) : item));
      } else {
        items = raw === '' ? [] : raw.split(',').map((item) => convert(main.items ?? {}, item.trim(), flag));
      }
      return items;
    }
    case 'object': {
      const parsed = json(raw, fail, 'a JSON object');
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw fail('a JSON object');
      return parsed;
    }
    case 'string':
      return stringValue(main, raw, flag, fail);
    default:
      return raw;
  }
}

function json(raw: string, fail: (what: string) => Error, what: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw fail(what);
  }
}

function inRange(value: number, schema: JsonSchema, flag: string): number {
  if (schema.minimum !== undefined && value < schema.minimum) throw usage(`${flag} must be ${schema.minimum} or more`);
  if (schema.maximum !== undefined && value > schema.maximum) throw usage(`${flag} must be ${schema.maximum} or less`);
  return value;
}

function stringValue(schema: JsonSchema, raw: string, flag: string, fail: (what: string) => Error): string {
  if (schema.enum && !schema.enum.includes(raw)) {
    const upper = raw.toUpperCase();
    if (schema.enum.includes(upper)) return upper;
    throw usage(`${flag} takes one of ${schema.enum.join(', ')}; not '${raw}'`);
  }
  if (schema.format === 'date') {
    if (!isCalendarDate(raw)) throw fail('a date, YYYY-MM-DD');
    return raw;
  }
  if (schema.format === 'date-time') return dateTime(raw, fail);
  if (schema.format === 'email' && !/^[^\s@]+@[^\s@]+$/.test(raw)) throw fail('an email address');
  if (schema.minLength !== undefined && raw.length < schema.minLength) {
    throw usage(`${flag} must have at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'}`);
  }
  if (schema.maxLength !== undefined && raw.length > schema.maxLength) {
    throw usage(`${flag} must have at most ${schema.maxLength} characters`);
  }
  return raw;
}

function isCalendarDate(raw: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === raw;
}

/**
 * An instant: ISO 8601 with a zone (`2030-05-01T18:00:00Z`, `…+02:00`), or a local time without one
 * (`2030-05-01 18:00`, `2030-05-01T18:00`), read in the local time zone. Sent as UTC.
 */
function dateTime(raw: string, fail: (what: string) => Error): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    raw.trim(),
  );
  if (!match || !isCalendarDate(match[1]!))
    throw fail('a date and time, e.g. 2030-05-01T18:00:00Z or 2030-05-01 18:00');
  const [, day, hours = '00', minutes = '00', seconds = '00', fraction = '', zone] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) throw fail('a valid time');
  const text = `${day}T${hours}:${minutes}:${seconds}${fraction}${zone ?? ''}`;
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) throw fail('a date and time');
  return instant.toISOString();
}

function checkRequired(body: Record<string, unknown>, schema: JsonSchema, prefix: string, requireAll: boolean): void {
  const object = objectSchema(schema);
  if (!object) return;
  const missing = requireAll ? (object.required ?? []).filter((key) => body[key] === undefined) : [];
  if (missing.length > 0) {
    const names = missing.map((key) => `--${prefix}${kebabCase(key)}`);
    throw usage(`missing ${names.length === 1 ? 'field' : 'fields'}: ${names.join(', ')}`);
  }
  for (const [key, value] of Object.entries(body)) {
    const child = object.properties?.[key];
    // A nested object built here (--address.city) must be whole: its own required fields apply.
    if (child && value && typeof value === 'object' && !Array.isArray(value)) {
      checkRequired(value as Record<string, unknown>, child, `${prefix}${kebabCase(key)}.`, true);
    }
  }
}

function getPath(target: Record<string, unknown>, path: string[]): unknown {
  let node: unknown = target;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const child = node[key];
    if (child === null || typeof child !== 'object' || Array.isArray(child)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
}

/** The fields of a request, one line each: `--release-date  date (YYYY-MM-DD), required`. */
export function describeFields(schema: JsonSchema, requireAll: boolean, prefix = ''): [string, string][] {
  const object = objectSchema(schema);
  if (!object) return [];
  const required = new Set(requireAll ? (object.required ?? []) : []);
  const lines: [string, string][] = [];
  for (const [key, field] of Object.entries(object.properties ?? {})) {
    const flag = `--${prefix}${kebabCase(key)}`;
    const text = [typeName(field)];
    if (required.has(key)) text.push('required');
    const description = variants(field).find((v) => v.description)?.description ?? field.description;
    if (description && !/^(YYYY-MM-DD|ISO 8601, stored in UTC)$/.test(description)) text.push(description);
    lines.push([flag, text.join(', ')]);
    const nested = objectSchema(field);
    if (nested) lines.push(...describeFields(field, requireAll && required.has(key), `${prefix}${kebabCase(key)}.`));
  }
  return lines;
}

function typeName(schema: JsonSchema): string {
  const options = variants(schema);
  const main = options.find((v) => v.type !== 'null') ?? {};
  const nullable = options.some((v) => v.type === 'null') ? ' or null' : '';
  let name: string;
  if (main.enum) name = main.enum.length > 8 ? `one of ${main.enum.length} codes` : `one of ${main.enum.join('|')}`;
  else if (main.format === 'date') name = 'date (YYYY-MM-DD)';
  else if (main.format === 'date-time') name = 'date-time (2030-05-01T18:00:00Z, or local 2030-05-01 18:00)';
  else if (main.type === 'array') name = `list of ${typeName(main.items ?? {})} (a,b or JSON)`;
  else if (main.type === 'object') name = 'object (JSON, or its fields one by one)';
  else if (main.type === 'integer') name = `integer${range(main)}`;
  else if (main.type === 'number') name = `number${range(main)}`;
  else name = main.format ? `${main.type} (${main.format})` : (main.type ?? 'any');
  return `${name}${nullable}`;
}

function range(schema: JsonSchema): string {
  const { minimum: min, maximum: max } = schema;
  if (min !== undefined && max !== undefined && max < 1_000_000) return ` ${min}-${max}`;
  if (min !== undefined) return ` ≥${min}`;
  return '';
}
