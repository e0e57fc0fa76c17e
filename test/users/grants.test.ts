/**
 * Nobody grants a role carrying permissions they do not hold, built-in roles included, and nobody changes their own
 * roles: management cannot make itself a store clerk or an executive producer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, type Caller, expectStatus } from '../relations/support.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

for (const dialect of dialects()) {
  describe(`granting roles on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let call: ReturnType<typeof api>;
    let manager: Caller;
    let admin: Caller;

    before(async () => {
      backlot = await startBacklot(dialect);
      call = api(backlot);
      [manager, admin] = await Promise.all([backlot.as(['management']), backlot.as(['admin'])]);
    });
    after(() => backlot.stop());

    const rolesOf = async (id: number) => (await call('GET', `/users/${id}`, admin)).json();

    it("management cannot grant itself other departments' roles, and nothing is written", async () => {
      const before = await rolesOf(manager.id);
      const refused = await call('PATCH', `/users/${manager.id}`, manager, {
        roles: ['management', 'store_clerk', 'executive_producer', 'sales'],
      });
      expectStatus(refused, 403);
      assert.equal(refused.json().code, 'own_roles');
      const after = await rolesOf(manager.id);
      assert.deepEqual(after.roles, ['management']);
      assert.equal(after.version, before.version);
      // Signing in again gives no new power: prices and orders stay out of reach.
      const { access_token } = await backlot.signIn(manager.email);
      expectStatus(await call('GET', '/orders', { ...manager, token: access_token }), 403);
      // Its own other fields remain its own to change.
      expectStatus(await call('PATCH', `/users/${manager.id}`, manager, { fullName: 'Still Manager' }), 200);
      expectStatus(await call('PATCH', `/users/${manager.id}`, manager, { roles: ['management'] }), 200);
    });

    it('granting a role, built-in or custom, needs every permission it carries', async () => {
      const staff = await backlot.user([]);
      for (const role of ['store_clerk', 'executive_producer', 'sales', 'casting_assistant']) {
        const refused = await call('PATCH', `/users/${staff.id}`, manager, { roles: [role] });
        expectStatus(refused, 403);
        assert.equal(refused.json().code, 'role_beyond_grantor');
        const created = await call('POST', '/users', manager, {
          email: `${role}.${dialect.name}@grants.example`,
          fullName: 'New',
          roles: [role],
        });
        expectStatus(created, 403);
      }
      assert.deepEqual((await rolesOf(staff.id)).roles, []);
      const listed = await call('GET', `/users?filter=${encodeURIComponent("email~'grants.example'")}`, admin);
      assert.deepEqual(listed.json().items, []);
      // Support's permissions are management's own (patch:events covers patch:events:own): granted.
      const granted = await call('PATCH', `/users/${staff.id}`, manager, { roles: ['support'] });
      expectStatus(granted, 200);
      assert.deepEqual(granted.json().roles, ['support']);
      // An administrator holds every permission, so grants any role.
      expectStatus(await call('PATCH', `/users/${staff.id}`, admin, { roles: ['support', 'store_clerk'] }), 200);
      // Keeping a role one could not grant, while changing others, grants nothing new.
      expectStatus(await call('PATCH', `/users/${staff.id}`, manager, { roles: ['store_clerk'] }), 200);
      assert.deepEqual((await rolesOf(staff.id)).roles, ['store_clerk']);
    });

    it('nobody changes their own roles, administrators included', async () => {
      const refused = await call('PATCH', `/users/${admin.id}`, admin, { roles: ['admin', 'sales'] });
      expectStatus(refused, 403);
      assert.equal(refused.json().code, 'own_roles');
      expectStatus(await call('PATCH', `/users/${admin.id}`, admin, { roles: [] }), 403);
      assert.deepEqual((await rolesOf(admin.id)).roles, ['admin']);
    });

    it('an administrator grants and takes away the admin role; management cannot', async () => {
      const staff = await backlot.user(['support']);
      const refused = await call('PATCH', `/users/${staff.id}`, manager, { roles: ['support', 'admin'] });
      expectStatus(refused, 403);
      const granted = await call('PATCH', `/users/${staff.id}`, admin, { roles: ['support', 'admin'] });
      expectStatus(granted, 200);
      assert.deepEqual([...granted.json().roles].sort(), ['admin', 'support']);
      expectStatus(await call('PATCH', `/users/${staff.id}`, manager, { roles: ['support'] }), 403);
      const taken = await call('PATCH', `/users/${staff.id}`, admin, { roles: ['support'] });
      expectStatus(taken, 200);
      assert.deepEqual(taken.json().roles, ['support']);
    });
  });
}
