import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

const TOKENS = '/api/v1/auth/tokens';

for (const dialect of dialects()) {
  describe(`personal access tokens on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    async function create(token: string, body: Record<string, unknown>) {
      return backlot.request({ method: 'POST', url: TOKENS, token, body });
    }

    async function producerToken(permissions: string[], name = 'nightly export') {
      const producer = await backlot.as(['executive_producer']);
      const response = await create(producer.token, { name, permissions, expiresInDays: 7 });
      assert.equal(response.statusCode, 201, response.body);
      return { producer, created: response.json() as { id: number; token: string; expiresAt: string } };
    }

    it('creates a named token shown once, stored hashed, with an expiry and a Location', async () => {
      const producer = await backlot.as(['executive_producer']);
      const before = Date.now();
      const response = await create(producer.token, { name: 'CI job', permissions: ['get:movies'], expiresInDays: 10 });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(response.headers['cache-control'], 'no-store');
      const body = response.json();
      assert.equal(response.headers.location, `/api/v1/auth/tokens/${body.id}`);
      assert.equal(body.name, 'CI job');
      assert.deepEqual(body.permissions, ['get:movies']);
      assert.match(body.token, /^blt_pat_[A-Za-z0-9_-]{43}$/);
      const expires = Date.parse(body.expiresAt) - before;
      assert.ok(expires >= 10 * 86_400_000 - 1000 && expires <= 10 * 86_400_000 + 60_000, body.expiresAt);

      const list = await backlot.request({ method: 'GET', url: TOKENS, token: producer.token });
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual(
        list.json().items.map((item: { id: number; name: string }) => [item.id, item.name]),
        [[body.id, 'CI job']],
      );
      assert.ok(!list.body.includes(body.token), 'the secret is never shown again');
      assert.equal(list.json().items[0].token, undefined);

      const rows = await backlot.services.handle.db
        .selectFrom('personalAccessTokens')
        .select('tokenHash')
        .where('id', '=', body.id)
        .execute();
      assert.equal(rows[0]?.tokenHash, createHash('sha256').update(body.token).digest('hex'));
      const stored = JSON.stringify(
        await backlot.services.handle.db.selectFrom('personalAccessTokens').selectAll().execute(),
      );
      assert.ok(!stored.includes(body.token), 'the secret itself is not stored');
    });

    it('is used as a bearer token with only the permissions it names', async () => {
      const { created } = await producerToken(['get:movies', 'get:actors']);
      const auth = { authorization: `Bearer ${created.token}` };
      const read = await backlot.request({ method: 'GET', url: '/api/v1/movies', headers: auth });
      assert.equal(read.statusCode, 200, read.body);
      // The owner may add movies; the token was not given that.
      const write = await backlot.request({
        method: 'POST',
        url: '/api/v1/movies',
        headers: auth,
        body: { title: 'By token', releaseDate: '2020-01-01', genres: [] },
      });
      assert.equal(write.statusCode, 403, write.body);
      const me = await backlot.request({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
      assert.equal(me.statusCode, 200, me.body);
      assert.deepEqual(me.json().permissions, ['get:actors', 'get:movies']);
    });

    it('refuses permissions the caller does not hold (403) and unknown ones (400)', async () => {
      const assistant = await backlot.as(['casting_assistant']);
      const beyond = await create(assistant.token, { name: 'x', permissions: ['get:movies', 'post:movies'] });
      assert.equal(beyond.statusCode, 403, beyond.body);
      const all = await create(assistant.token, { name: 'x', permissions: ['*'] });
      assert.equal(all.statusCode, 403, all.body);
      const unknown = await create(assistant.token, { name: 'x', permissions: ['get:moviez'] });
      assert.equal(unknown.statusCode, 400, unknown.body);
      assert.deepEqual(
        unknown.json().errors.map((e: { path: string }) => e.path),
        ['/permissions/0'],
      );
      const none = await create(assistant.token, { name: 'x', permissions: [] });
      assert.equal(none.statusCode, 400, none.body);
      const tooLong = await create(assistant.token, { name: 'x', permissions: ['get:movies'], expiresInDays: 367 });
      assert.equal(tooLong.statusCode, 400, tooLong.body);
      const list = await backlot.request({ method: 'GET', url: TOKENS, token: assistant.token });
      assert.deepEqual(list.json().items, [], 'nothing was created');
    });

    it('follows the owner: a role withdrawn or a deactivation reaches the token at once', async () => {
      const { producer, created } = await producerToken(['get:movies', 'post:movies']);
      const auth = { authorization: `Bearer ${created.token}` };
      await backlot.services.handle.db.deleteFrom('userRoles').where('userId', '=', producer.id).execute();
      const afterRoles = await backlot.request({ method: 'GET', url: '/api/v1/movies', headers: auth });
      assert.equal(afterRoles.statusCode, 403, afterRoles.body);
      await backlot.services.users.deactivate(backlot.system, producer.id);
      const afterDeactivation = await backlot.request({ method: 'GET', url: '/api/v1/movies', headers: auth });
      assert.equal(afterDeactivation.statusCode, 401, afterDeactivation.body);
    });

    it('revokes at once; a second revocation or another user’s token is 404; audited without the secret', async () => {
      const { producer, created } = await producerToken(['get:movies']);
      const auth = { authorization: `Bearer ${created.token}` };
      assert.equal((await backlot.request({ method: 'GET', url: '/api/v1/movies', headers: auth })).statusCode, 200);

      const stranger = await backlot.as(['executive_producer']);
      const foreign = await backlot.request({
        method: 'DELETE',
        url: `${TOKENS}/${created.id}`,
        token: stranger.token,
      });
      assert.equal(foreign.statusCode, 404, foreign.body);
      assert.equal((await backlot.request({ method: 'GET', url: '/api/v1/movies', headers: auth })).statusCode, 200);

      const revoked = await backlot.request({
        method: 'DELETE',
        url: `${TOKENS}/${created.id}`,
        token: producer.token,
      });
      assert.equal(revoked.statusCode, 204, revoked.body);
      const refused = await backlot.request({ method: 'GET', url: '/api/v1/movies', headers: auth });
      assert.equal(refused.statusCode, 401, refused.body);
      const again = await backlot.request({ method: 'DELETE', url: `${TOKENS}/${created.id}`, token: producer.token });
      assert.equal(again.statusCode, 404, again.body);
      const list = await backlot.request({ method: 'GET', url: TOKENS, token: producer.token });
      assert.deepEqual(list.json().items, []);

      const entries = await backlot.services.handle.db
        .selectFrom('auditEntries')
        .select(['action', 'actorId', 'changes'])
        .where('entity', '=', 'personal_access_tokens')
        .where('entityId', '=', String(created.id))
        .orderBy('id')
        .execute();
      assert.deepEqual(
        entries.map((entry) => [entry.action, entry.actorId]),
        [
          ['personal_token.created', producer.id],
          ['personal_token.revoked', producer.id],
        ],
      );
      assert.ok(entries.every((entry) => !entry.changes.includes(created.token.slice(8))));
      assert.deepEqual(JSON.parse(entries[0]!.changes).permissions, [null, ['get:movies']]);
    });

    it('refuses an expired token and a made-up one', async () => {
      const { created } = await producerToken(['get:movies']);
      await backlot.services.handle.db
        .updateTable('personalAccessTokens')
        .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', created.id)
        .execute();
      const expired = await backlot.request({
        method: 'GET',
        url: '/api/v1/movies',
        headers: { authorization: `Bearer ${created.token}` },
      });
      assert.equal(expired.statusCode, 401, expired.body);
      const madeUp = await backlot.request({
        method: 'GET',
        url: '/api/v1/movies',
        headers: { authorization: `Bearer blt_pat_${'A'.repeat(43)}` },
      });
      assert.equal(madeUp.statusCode, 401, madeUp.body);
    });

    it('cannot create another token with a personal access token', async () => {
      const { created } = await producerToken(['get:movies']);
      const response = await backlot.request({
        method: 'POST',
        url: TOKENS,
        headers: { authorization: `Bearer ${created.token}` },
        body: { name: 'child', permissions: ['get:movies'] },
      });
      assert.equal(response.statusCode, 403, response.body);
    });

    it('needs a signed-in caller', async () => {
      assert.equal((await backlot.request({ method: 'GET', url: TOKENS })).statusCode, 401);
    });
  });
}
