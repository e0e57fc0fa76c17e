import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateApiTypes, SCHEMA_FILE } from '../../scripts/openapi-types.ts';

test("the console's API types match the server's OpenAPI document (run `npm run api-types` after a schema change)", async () => {
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), await generateApiTypes());
});
