import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PERMISSIONS } from '../../src/access/catalogue.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

const ADMIN_EMAIL = 'Chief@Example.com';
const ADMIN_PASSWORD = 'the first admin password';

for (const dialect of dialects()) {
  describe(`BACKLOT_ADMIN_* on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect, {
        BACKLOT_ADMIN_EMAIL: ADMIN_EMAIL,
        BACKLOT_ADMIN_PASSWORD: ADMIN_PASSWORD,
      });
    });
    after(() => backlot.stop());

    it('creates the administrator on an empty database; it signs in with every permission', async () => {
      const users = await backlot.services.handle.db.selectFrom('users').select(['id', 'email']).execute();
      assert.deepEqual(
        users.map((u) => u.email),
        ['chief@example.com'],
      );
      const tokens = await backlot.signIn('chief@example.com', ADMIN_PASSWORD);
      const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString('utf8'));
      assert.deepEqual(claims.roles, ['admin']);
      assert.deepEqual([...claims.permissions].sort(), [...PERMISSIONS].sort());
      const me = await backlot.request({ method: 'GET', url: '/api/v1/auth/me', token: tokens.access_token });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().email, 'chief@example.com');
      assert.equal(me.json().mustChangePassword, false);
      assert.deepEqual(me.json().roles, ['admin']);
      assert.deepEqual(me.json().permissions, [...PERMISSIONS].sort());
      const created = await backlot.request({
        method: 'POST',
        url: '/api/v1/movies',
        token: tokens.access_token,
        body: { title: 'First Light', releaseDate: '2022-02-02', genres: ['drama'] },
      });
      assert.equal(created.statusCode, 201, created.body);
    });

    it('creates no administrator once a user exists', async () => {
      const made = await backlot.services.identity.ensureFirstAdmin('second@example.com', 'another long password');
      assert.equal(made, false);
      const count = await backlot.services.handle.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.count), 1);
    });

    it('records the creation in the audit trail', async () => {
      const entries = await backlot.services.handle.db
        .selectFrom('auditEntries')
        .select(['action', 'entity'])
        .where('action', '=', 'user.created')
        .execute();
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.entity, 'users');
    });
  });
}
