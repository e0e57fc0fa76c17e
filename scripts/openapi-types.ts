/**
 * Generates the console's API types (web/src/api/schema.d.ts) from the server's own OpenAPI document.
 * `node scripts/openapi-types.ts` writes the file; `--check` exits 1 when the checked-in file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadConfig } from '../src/config.ts';
import { createBacklot } from '../src/server.ts';

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'src', 'api', 'schema.d.ts');

const HEADER = "// Generated from the server's OpenAPI document by `node scripts/openapi-types.ts`: do not edit.\n\n";

/** The TypeScript of the current OpenAPI document. */
export async function generateApiTypes(): Promise<string> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', JWT_SECRET: 'openapi-types-openapi-types-0123456789' });
  const backlot = await createBacklot(config, false, { migrate: false });
  try {
    await backlot.app.ready();
    const document = backlot.app.swagger() as unknown as Parameters<typeof openapiTS>[0];
    const ast = await openapiTS(document, { alphabetize: true });
    return HEADER + astToString(ast);
  } finally {
    await backlot.close();
  }
}

if (import.meta.main) {
  const text = await generateApiTypes();
  if (process.argv.includes('--check')) {
    if (readFileSync(SCHEMA_FILE, 'utf8') !== text) {
      process.stderr.write(`${SCHEMA_FILE} is stale: run node scripts/openapi-types.ts\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_FILE, text);
  }
}
