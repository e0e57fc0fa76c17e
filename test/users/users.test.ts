import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Monitor, setMonitor } from '../../src/monitoring.ts';
import { api, type Caller, expectStatus } from '../relations/support.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

for (const dialect of dialects()) {
  describe(`users and roles on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let call: ReturnType<typeof api>;
    let manager: Caller;
    let admin: Caller;
    let sales: Caller;
    let outsider: Caller;
    const events: [string, Record<string, unknown>][] = [];

    before(async () => {
      backlot = await startBacklot(dialect);
      call = api(backlot);
      [manager, admin, sales, outsider] = await Promise.all([
        backlot.as(['management']),
        backlot.as(['admin']),
        backlot.as(['sales']),
        backlot.as(['requester']),
      ]);
      const recorder: Monitor = { event: (name, data) => events.push([name, data]), error() {} };
      setMonitor(recorder);
    });
    after(async () => {
      setMonitor(undefined);
      await backlot.stop();
    });

    const tokenOf = (access_token: string) => ({ token: access_token }) as Caller;

    it('creates a user with a one-time password that must be changed at first sign-in', async () => {
      events.length = 0;
      const created = await call('POST', '/users', manager, {
        email: `New.Seller.${dialect.name}@Example.com`,
        fullName: 'New Seller',
        employeeNumber: `E-${dialect.name}-1`,
        roles: ['support'],
      });
      expectStatus(created, 201);
      const user = created.json();
      assert.equal(created.headers.location, `/api/v1/users/${user.id}`);
      assert.equal(user.email, `new.seller.${dialect.name}@example.com`);
      assert.deepEqual(user.roles, ['support']);
      assert.equal(user.mustChangePassword, true);
      assert.equal(typeof user.oneTimePassword, 'string');
      assert.ok(!('passwordHash' in user));
      assert.deepEqual(events, [['user.created', { userId: user.id, actorId: manager.id }]]);

      const read = await call('GET', `/users/${user.id}`, manager);
      expectStatus(read, 200);
      assert.ok(!('oneTimePassword' in read.json()));
      assert.ok(!('passwordHash' in read.json()));

      const signedIn = await backlot.signIn(user.email, user.oneTimePassword);
      const blocked = await call('GET', '/clients', tokenOf(signedIn.access_token));
      expectStatus(blocked, 403);
      assert.equal(blocked.json().code, 'password_change_required');
      const changed = await backlot.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        token: signedIn.access_token,
        body: { currentPassword: user.oneTimePassword, newPassword: 'a brand new passphrase' },
      });
      expectStatus(changed, 204);
      const again = await backlot.signIn(user.email, 'a brand new passphrase');
      expectStatus(await call('GET', '/clients', tokenOf(again.access_token)), 200);

      const duplicate = await call('POST', '/users', manager, { email: user.email.toUpperCase(), fullName: 'Twin' });
      expectStatus(duplicate, 409);
    });

    it('creates a user with a given password, and refuses weak ones and unknown roles', async () => {
      const created = await call('POST', '/users', admin, {
        email: `given.${dialect.name}@example.com`,
        fullName: 'Given',
        password: 'long enough password',
        roles: ['support'],
      });
      expectStatus(created, 201);
      assert.equal(created.json().oneTimePassword, undefined);
      assert.equal(created.json().mustChangePassword, false);
      const signedIn = await backlot.signIn(`given.${dialect.name}@example.com`, 'long enough password');
      expectStatus(await call('GET', '/events', tokenOf(signedIn.access_token)), 200);
      expectStatus(
        await call('POST', '/users', admin, { email: 'weak@example.com', fullName: 'W', password: 'short' }),
        400,
      );
      const unknown = await call('POST', '/users', admin, { email: 'u@example.com', fullName: 'U', roles: ['wizard'] });
      expectStatus(unknown, 400);
      assert.match(unknown.json().detail, /wizard/);
    });

    it('lets only management and admin manage users; staff may read them', async () => {
      for (const caller of [sales, outsider]) {
        expectStatus(await call('POST', '/users', caller, { email: `x${caller.id}@example.com`, fullName: 'X' }), 403);
        expectStatus(await call('PATCH', `/users/${manager.id}`, caller, { fullName: 'X' }), 403);
        expectStatus(await call('DELETE', `/users/${manager.id}`, caller), 403);
        expectStatus(await call('POST', `/users/${manager.id}/reset-password`, caller), 403);
      }
      expectStatus(await call('GET', '/users', sales), 200);
      expectStatus(await call('GET', '/users', outsider), 403);
      const list = await call(
        'GET',
        `/users?limit=200&filter=${encodeURIComponent('active=true')}&sort=email`,
        manager,
      );
      expectStatus(list, 200);
      const items = list.json().items as Record<string, unknown>[];
      assert.ok(items.length >= 4);
      assert.ok(items.every((item) => item.active === true && !('passwordHash' in item)));
      // Management runs staff but cannot make an administrator, nor touch one.
      expectStatus(
        await call('POST', '/users', manager, { email: 'boss@example.com', fullName: 'Boss', roles: ['admin'] }),
        403,
      );
      expectStatus(await call('PATCH', `/users/${admin.id}`, manager, { fullName: 'Demoted' }), 403);
      expectStatus(await call('DELETE', `/users/${admin.id}`, manager), 403);
    });

    it('updates a user: names, roles, with If-Match', async () => {
      const target = await backlot.as([]);
      events.length = 0;
      const updated = await call('PATCH', `/users/${target.id}`, manager, {
        fullName: 'Renamed',
        roles: ['support'],
      });
      expectStatus(updated, 200);
      assert.equal(updated.json().fullName, 'Renamed');
      assert.deepEqual(updated.json().roles, ['support']);
      assert.deepEqual(events, [['user.updated', { userId: target.id, actorId: manager.id }]]);
      const stale = await call('PATCH', `/users/${target.id}`, manager, { fullName: 'Stale' }, { 'if-match': '"1"' });
      expectStatus(stale, 412);
      expectStatus(await call('PATCH', '/users/999999', manager, { fullName: 'Nobody' }), 404);
    });

    it('deactivates a user: their current token is refused on its next request', async () => {
      const target = await backlot.as(['sales']);
      expectStatus(await call('GET', '/clients', target), 200);
      events.length = 0;
      expectStatus(await call('DELETE', `/users/${target.id}`, manager), 204);
      assert.deepEqual(events, [['user.deactivated', { userId: target.id, actorId: manager.id }]]);
      expectStatus(await call('GET', '/clients', target), 401);
      const read = await call('GET', `/users/${target.id}`, manager);
      assert.equal(read.json().active, false);
      await assert.rejects(backlot.signIn(target.email));
      expectStatus(await call('DELETE', `/users/${manager.id}`, manager), 422);
      expectStatus(await call('DELETE', '/users/999999', manager), 404);
    });

    it('resets a password: a one-time password, sessions ended, change forced', async () => {
      const target = await backlot.as(['support']);
      const reset = await call('POST', `/users/${target.id}/reset-password`, manager);
      expectStatus(reset, 200);
      const { oneTimePassword } = reset.json();
      assert.equal(typeof oneTimePassword, 'string');
      assert.equal(reset.json().mustChangePassword, true);
      expectStatus(await call('GET', '/events', target), 401);
      await assert.rejects(backlot.signIn(target.email));
      const signedIn = await backlot.signIn(target.email, oneTimePassword);
      const blocked = await call('GET', '/events', tokenOf(signedIn.access_token));
      expectStatus(blocked, 403);
      assert.equal(blocked.json().code, 'password_change_required');
    });

    it('lets administrators build custom roles from the catalogue', async () => {
      const unknown = await call('POST', '/roles', admin, {
        name: 'auditor',
        permissions: ['get:audit', 'read:everything'],
      });
      expectStatus(unknown, 400);
      assert.match(unknown.json().detail, /read:everything/);
      assert.equal(unknown.json().errors[0].path, '/permissions/1');
      for (const caller of [manager, sales]) {
        expectStatus(await call('POST', '/roles', caller, { name: 'auditor', permissions: ['get:audit'] }), 403);
      }
      const created = await call('POST', '/roles', admin, {
        name: 'auditor',
        description: 'Reads the trail.',
        permissions: ['get:audit', 'get:clients'],
      });
      expectStatus(created, 201);
      const role = created.json();
      assert.equal(role.builtIn, false);
      expectStatus(await call('POST', '/roles', admin, { name: 'auditor', permissions: [] }), 409);

      const holder = await backlot.user(['auditor']);
      const token = tokenOf((await backlot.signIn(holder.email)).access_token);
      expectStatus(await call('GET', '/clients', token), 200);
      expectStatus(await call('GET', '/contracts', token), 403);

      const updated = await call('PATCH', `/roles/${role.id}`, admin, { permissions: ['get:audit', 'get:contracts'] });
      expectStatus(updated, 200);
      assert.deepEqual(updated.json().permissions, ['get:audit', 'get:contracts']);
      const fresh = tokenOf((await backlot.signIn(holder.email)).access_token);
      expectStatus(await call('GET', '/contracts', fresh), 200);

      const list = await call('GET', `/roles?filter=${encodeURIComponent('builtIn=false')}`, admin);
      expectStatus(list, 200);
      assert.deepEqual(
        (list.json().items as { name: string }[]).map((r) => r.name),
        ['auditor'],
      );
      expectStatus(await call('DELETE', `/roles/${role.id}`, admin), 204);
      expectStatus(await call('GET', `/roles/${role.id}`, admin), 404);
      const user = await call('GET', `/users/${holder.id}`, admin);
      assert.deepEqual(user.json().roles, []);
    });

    it('never deletes nor changes a built-in role', async () => {
      const roles = await call('GET', `/roles?filter=${encodeURIComponent('name=sales')}`, admin);
      const sales = roles.json().items[0];
      assert.equal(sales.builtIn, true);
      const deleted = await call('DELETE', `/roles/${sales.id}`, admin);
      expectStatus(deleted, 409);
      assert.equal(deleted.json().code, 'built_in_role');
      expectStatus(await call('PATCH', `/roles/${sales.id}`, admin, { description: 'changed' }), 409);
      expectStatus(await call('DELETE', `/roles/${sales.id}`, manager), 403);
      expectStatus(await call('GET', '/roles', manager), 403);
    });
  });
}
