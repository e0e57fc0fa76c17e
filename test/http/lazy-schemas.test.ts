import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LazySchemas } from '../../src/http/lazy-schemas.ts';
import { dialects, startBacklot } from '../support.ts';

describe('validators and serializers compiled on first use', () => {
  test('every route’s schemas compile (a broken one fails here, not at its first request)', async () => {
    const backlot = await startBacklot(dialects()[0]!);
    try {
      assert.doesNotThrow(() => backlot.app.compileSchemas());
      // The answers are the same once everything is compiled.
      const producer = await backlot.as(['executive_producer']);
      const bad = await backlot.request({ method: 'POST', url: '/api/v1/movies', token: producer.token, body: {} });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.ok(bad.json().errors.some((error: { path: string }) => error.path === '/title'));
    } finally {
      await backlot.stop();
    }
  });

  test('a deferred compilation runs once, on the first use or at compileAll', () => {
    const lazy = new LazySchemas();
    let compiled = 0;
    const first = lazy.defer(() => {
      compiled++;
      return () => 'first';
    });
    const second = lazy.defer(() => {
      compiled++;
      return () => 'second';
    });
    assert.equal(compiled, 0);
    assert.equal(first.get()(), 'first');
    assert.equal(first.get()(), 'first');
    assert.equal(compiled, 1);
    lazy.compileAll();
    assert.equal(compiled, 2);
    assert.equal(second.get()(), 'second');
    lazy.compileAll();
    assert.equal(compiled, 2);
  });

  test('a schema that cannot compile fails compileAll', () => {
    const lazy = new LazySchemas();
    lazy.defer(() => {
      throw new Error('bad schema');
    });
    assert.throws(() => lazy.compileAll(), /bad schema/);
  });
});
