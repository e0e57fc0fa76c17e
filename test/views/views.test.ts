import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

/** Saved views: each user's own named filters, kept on the server. */
for (const dialect of dialects()) {
  describe(`saved views (${dialect.name})`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    test('a user saves, lists and deletes their own views; nobody else sees or deletes them', async () => {
      const alice = await backlot.as(['sales']);
      const bob = await backlot.as(['requester']);
      const created = await backlot.request({
        method: 'POST',
        url: '/api/v1/views',
        token: alice.token,
        body: { list: 'contracts', name: 'Big and unpaid', filter: 'dueCents>100000', sort: '-dueCents' },
      });
      assert.equal(created.statusCode, 201);
      const view = created.json();
      assert.equal(view.name, 'Big and unpaid');
      assert.equal(view.sort, '-dueCents');
      await backlot.request({
        method: 'POST',
        url: '/api/v1/views',
        token: alice.token,
        body: { list: 'clients', name: 'Mine', filter: 'salesContactId=me' },
      });

      const mine = await backlot.request({ method: 'GET', url: '/api/v1/views?list=contracts', token: alice.token });
      assert.deepEqual(
        mine.json().items.map((item: { name: string }) => item.name),
        ['Big and unpaid'],
      );
      assert.equal(
        (await backlot.request({ method: 'GET', url: '/api/v1/views', token: alice.token })).json().items.length,
        2,
      );
      assert.deepEqual((await backlot.request({ method: 'GET', url: '/api/v1/views', token: bob.token })).json(), {
        items: [],
      });
      const stolen = await backlot.request({ method: 'DELETE', url: `/api/v1/views/${view.id}`, token: bob.token });
      assert.equal(stolen.statusCode, 404);
      const removed = await backlot.request({ method: 'DELETE', url: `/api/v1/views/${view.id}`, token: alice.token });
      assert.equal(removed.statusCode, 204);
      const again = await backlot.request({ method: 'DELETE', url: `/api/v1/views/${view.id}`, token: alice.token });
      assert.equal(again.statusCode, 404);
    });

    test('a name is used once per list and user; the body is validated; signing in is required', async () => {
      const carol = await backlot.as(['casting_assistant']);
      const body = { list: 'movies', name: 'Dramas', filter: "genres~'drama'" };
      assert.equal(
        (await backlot.request({ method: 'POST', url: '/api/v1/views', token: carol.token, body })).statusCode,
        201,
      );
      const duplicate = await backlot.request({ method: 'POST', url: '/api/v1/views', token: carol.token, body });
      assert.equal(duplicate.statusCode, 409);
      assert.equal(duplicate.json().errors[0].path, '/name');
      const other = await backlot.as(['casting_assistant']);
      assert.equal(
        (await backlot.request({ method: 'POST', url: '/api/v1/views', token: other.token, body })).statusCode,
        201,
      );
      const bad = await backlot.request({
        method: 'POST',
        url: '/api/v1/views',
        token: carol.token,
        body: { list: 'nothing', name: '', filter: 'x=1', extra: true },
      });
      assert.equal(bad.statusCode, 400);
      const paths = bad.json().errors.map((error: { path: string }) => error.path);
      assert.ok(paths.includes('/name') && paths.includes('/extra'), paths.join(', '));
      assert.equal((await backlot.request({ method: 'GET', url: '/api/v1/views' })).statusCode, 401);
    });
  });
}
