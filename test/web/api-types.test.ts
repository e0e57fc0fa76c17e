import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateApiFiles, SCHEMA_FILE, VALUES_FILE } from '../../scripts/openapi-types.ts';

test("the console's API types and values match the server's OpenAPI document (run `npm run api-types` after a schema change)", async () => {
  const { types, values } = await generateApiFiles();
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), types);
  assert.equal(readFileSync(VALUES_FILE, 'utf8'), values);
});

test('the countries the console offers are exactly those the server accepts', async () => {
  const { BOOKING_COUNTRIES } = await import('../../web/src/api/values.ts');
  const { COUNTRY_CODES } = await import('../../src/modules/bookings/countries.ts');
  assert.deepEqual([...BOOKING_COUNTRIES], [...COUNTRY_CODES]);
});

test('the permissions the role editor offers are exactly the catalogue, then *', async () => {
  const { PERMISSIONS } = await import('../../web/src/api/values.ts');
  const catalogue = await import('../../src/access/catalogue.ts');
  assert.deepEqual([...PERMISSIONS], [...catalogue.PERMISSIONS, catalogue.ALL]);
});
