import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../../src/db/seed.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

for (const dialect of dialects()) {
  describe(`relations demo data on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    it('gives two salespeople clients, contracts in every state and events with and without support', async () => {
      const { users } = await seedDemo(backlot.services);
      assert.ok(users.includes('sales2@demo.backlot') && users.includes('support2@demo.backlot'));
      const token = (await backlot.signIn('sales2@demo.backlot', 'backlot-demo')).access_token;
      const get = async (url: string) => {
        const response = await backlot.request({ method: 'GET', url: `/api/v1${url}`, token });
        assert.equal(response.statusCode, 200, response.body);
        return response.json().items as Record<string, unknown>[];
      };
      const clients = await get('/clients?limit=200');
      assert.equal(new Set(clients.map((c) => c.salesContactId)).size, 2);
      assert.ok((await get(`/clients?filter=${encodeURIComponent('salesContactId=me')}`)).length >= 2);
      assert.ok((await get('/contracts?filter=status=draft')).length > 0);
      assert.ok((await get(`/contracts?filter=${encodeURIComponent('status=signed and dueCents>0')}`)).length > 0);
      assert.ok((await get(`/contracts?filter=${encodeURIComponent('status=signed and dueCents=0')}`)).length > 0);
      assert.ok((await get(`/events?filter=${encodeURIComponent('supportContactId is null')}`)).length > 0);
      assert.ok((await get(`/events?filter=${encodeURIComponent('supportContactId is not null')}`)).length > 0);
    });
  });
}
