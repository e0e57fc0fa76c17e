import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CamelCasePlugin, type PluginTransformResultArgs, type QueryResult, type UnknownRow } from 'kysely';
import { FastCamelCasePlugin } from '../../src/db/camel-case.ts';

const args = (rows: UnknownRow[]) => ({ queryId: { queryId: 'q' }, result: { rows } }) as PluginTransformResultArgs;

class Reference extends CamelCasePlugin {}

const column = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(_[a-z0-9]{1,5}){0,3}$/);
const scalar = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.boolean(), fc.date({ noInvalidDate: true }));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(column, tie('value'), { maxKeys: 3 }),
})).value;

describe('the camel-case result mapping', () => {
  test('maps every result exactly as Kysely’s CamelCasePlugin does, nested values included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(column, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(json, { minLength: 8, maxLength: 8 }), { maxLength: 5 }),
        async (columns, values) => {
          const rows = values.map((row) => Object.fromEntries(columns.map((name, i) => [name, row[i]])));
          const fast: QueryResult<UnknownRow> = await new FastCamelCasePlugin().transformResult(args(rows));
          const reference = await new Reference().transformResult(args(rows));
          assert.deepEqual(fast.rows, reference.rows);
        },
      ),
    );
  });

  test('one plugin serves results of different column lists', async () => {
    const plugin = new FastCamelCasePlugin();
    const a = await plugin.transformResult(args([{ user_id: 1, full_name: 'A' }]));
    const b = await plugin.transformResult(args([{ movie_id: 2, unit_price_cents: 300 }]));
    const c = await plugin.transformResult(args([{ user_id: 3, full_name: 'C' }]));
    assert.deepEqual(a.rows, [{ userId: 1, fullName: 'A' }]);
    assert.deepEqual(b.rows, [{ movieId: 2, unitPriceCents: 300 }]);
    assert.deepEqual(c.rows, [{ userId: 3, fullName: 'C' }]);
  });

  test('a column name cannot inject code into the compiled mapper', async () => {
    const hostile = 'x"]; globalThis.injected = 1; //';
    const result = await new FastCamelCasePlugin().transformResult(args([{ [hostile]: 5 }]));
    assert.equal((globalThis as Record<string, unknown>).injected, undefined);
    assert.deepEqual(Object.values(result.rows[0] ?? {}), [5]);
  });
});
