import { usage } from './errors.ts';

/**
 * Turns `--FIELD VALUE` pairs (also `--FIELD=VALUE`) into a JSON body. A value that parses as JSON (a number,
 * true/false/null, an array, an object, a "quoted string") is sent as that JSON, anything else as a string.
 * `--release-date` is the field `releaseDate`; `--address.city Paris` sets `{"address":{"city":"Paris"}}`.
 */
export function parseFields(tokens: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const match = /^--([A-Za-z][\w.-]*)(?:=([\s\S]*))?$/.exec(token);
    if (!match) throw usage(`unexpected argument '${token}': give fields as --FIELD VALUE`);
    const name = match[1]!;
    let raw = match[2];
    if (raw === undefined) {
      const next = tokens[i + 1];
      if (next === undefined || /^--[A-Za-z]/.test(next)) throw usage(`--${name} needs a value`);
      raw = next;
      i++;
    }
    setPath(body, name.split('.').map(camelCase), parseValue(raw));
  }
  return body;
}

export function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function camelCase(name: string): string {
  if (name === '') throw usage('a field name has an empty part');
  return name.replace(/-+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const [index, key] of path.entries()) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw usage(`not a field name: ${key}`);
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const child = node[key];
    if (child === null || typeof child !== 'object' || Array.isArray(child)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
}
