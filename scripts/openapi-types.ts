/**
 * Generates the console's API types (web/src/api/schema.d.ts) and the enumerations it needs at run time
 * (web/src/api/values.ts) from the server's own OpenAPI document.
 * `node scripts/openapi-types.ts` writes the files; `--check` exits 1 when a checked-in file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { loadConfig } from '../src/config.ts';
import { createBacklot } from '../src/server.ts';

const API_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'src', 'api');
export const SCHEMA_FILE = join(API_DIR, 'schema.d.ts');
export const VALUES_FILE = join(API_DIR, 'values.ts');

const HEADER = "// Generated from the server's OpenAPI document by `node scripts/openapi-types.ts`: do not edit.\n\n";

type Document = OpenAPI3;

/** The string enumeration at `keys` in the document (the generated schemas are inline: no `$ref` to follow). */
function enumAt(document: Document, keys: string[]): string[] {
  let node: unknown = document;
  for (const key of keys)
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  const values = typeof node === 'object' && node !== null ? (node as { enum?: unknown }).enum : undefined;
  if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
    throw new Error(`${keys.join(' › ')} is no longer an enumeration of strings`);
  }
  return values;
}

/** The run-time values the console takes from the document, typed against schema.d.ts. */
function apiValues(document: Document): string {
  const body = ['paths', '/api/v1/bookings', 'post', 'requestBody', 'content', 'application/json', 'schema'];
  const countries = enumAt(document, [...body, 'properties', 'address', 'properties', 'country']);
  const permissions = enumAt(document, ['components', 'schemas', 'Role', 'properties', 'permissions', 'items']);
  const list = (values: string[]) => values.map((value) => `  '${value}',\n`).join('');
  return `${HEADER}import type { components, paths } from './schema.d.ts';

type BookingBody = paths['/api/v1/bookings']['post']['requestBody']['content']['application/json'];
export type BookingCountry = BookingBody['address']['country'];

/** The countries \`POST /api/v1/bookings\` accepts in \`address.country\` (ISO 3166-1 alpha-2 codes). */
export const BOOKING_COUNTRIES = [
${list(countries)}] as const satisfies readonly BookingCountry[];

export type Permission = components['schemas']['Role']['permissions'][number];

/** Every permission a role may carry, in the catalogue's order (grouped by resource), then \`*\`. */
export const PERMISSIONS = [
${list(permissions)}] as const satisfies readonly Permission[];
`;
}

/** The TypeScript of the current OpenAPI document: its types, and the values the console needs at run time. */
export async function generateApiFiles(): Promise<{ types: string; values: string }> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', JWT_SECRET: 'openapi-types-openapi-types-0123456789' });
  const backlot = await createBacklot(config, false, { migrate: false });
  try {
    await backlot.app.ready();
    const document = backlot.app.swagger() as unknown as Document;
    const ast = await openapiTS(document, { alphabetize: true });
    return { types: HEADER + astToString(ast), values: apiValues(document) };
  } finally {
    await backlot.close();
  }
}

if (import.meta.main) {
  const { types, values } = await generateApiFiles();
  const files: [string, string][] = [
    [SCHEMA_FILE, types],
    [VALUES_FILE, values],
  ];
  if (process.argv.includes('--check')) {
    const stale = files.filter(([file, text]) => readFileSync(file, 'utf8') !== text);
    for (const [file] of stale) process.stderr.write(`${file} is stale: run node scripts/openapi-types.ts\n`);
    if (stale.length > 0) process.exit(1);
  } else {
    for (const [file, text] of files) writeFileSync(file, text);
  }
}
