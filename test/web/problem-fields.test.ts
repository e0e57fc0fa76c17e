import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldOf, mapProblem } from '../../web/src/lib/problem.ts';

describe("the console's problem → field errors", () => {
  const fields = ['title', 'releaseDate', 'genres', 'address.city', 'items.0', 'items.1', 'filter'];

  test('JSON pointers and query parameters name their field', () => {
    assert.equal(fieldOf('/title', fields), 'title');
    assert.equal(fieldOf('/genres/3', fields), 'genres');
    assert.equal(fieldOf('/address/city', fields), 'address.city');
    assert.equal(fieldOf('/items/1', fields), 'items.1');
    assert.equal(fieldOf('/items/1/quantity', fields), 'items.1');
    assert.equal(fieldOf('filter', fields), 'filter');
    assert.equal(fieldOf('/nope', fields), undefined);
    assert.equal(fieldOf('/', fields), undefined);
  });

  test('errors go beside their fields; the rest is shown above the form', () => {
    const mapped = mapProblem(
      {
        status: 400,
        detail: 'The request is not valid.',
        errors: [
          { path: '/title', message: 'must NOT have more than 200 characters' },
          { path: '/title', message: 'is required' },
          { path: '/releaseDate', message: 'must match format "date"' },
          { path: '/extra', message: 'is not a known field' },
        ],
      },
      fields,
    );
    assert.deepEqual(mapped.fields, {
      title: 'must NOT have more than 200 characters; is required',
      releaseDate: 'must match format "date"',
    });
    assert.deepEqual(mapped.general, ['/extra: is not a known field']);
  });

  test("a problem without errors[] shows its detail; a 409's lines land on their lines", () => {
    assert.deepEqual(mapProblem({ status: 409, detail: 'The contract is already signed.' }, fields), {
      fields: {},
      general: ['The contract is already signed.'],
    });
    const shortStock = mapProblem(
      {
        status: 409,
        detail: 'Not enough stock for movie 3 (1 left).',
        errors: [{ path: '/items/1', message: 'movie 3: 1 in stock, 5 wanted' }],
      },
      fields,
    );
    assert.deepEqual(shortStock, { fields: { 'items.1': 'movie 3: 1 in stock, 5 wanted' }, general: [] });
  });
});
