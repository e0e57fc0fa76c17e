import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../../src/db/seed.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

for (const dialect of dialects()) {
  describe(`bookings and store demo data on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let users: string[];
    before(async () => {
      backlot = await startBacklot(dialect);
      ({ users } = await seedDemo(backlot.services));
    });
    after(() => backlot.stop());

    async function reader(email: string) {
      const token = (await backlot.signIn(email, 'backlot-demo')).access_token;
      return async (url: string) => {
        const response = await backlot.request({ method: 'GET', url: `/api/v1${url}`, token });
        assert.equal(response.statusCode, 200, response.body);
        return response.json();
      };
    }

    it('gives two requesters bookings in every state, each seeing only their own', async () => {
      assert.ok(users.includes('requester2@demo.backlot'));
      const manager = await reader('management@demo.backlot');
      const all = (await manager('/bookings?limit=200')).items as { requesterId: number; status: string }[];
      assert.equal(new Set(all.map((booking) => booking.requesterId)).size, 2);
      for (const status of ['pending', 'accepted', 'rejected']) {
        assert.ok(
          all.some((booking) => booking.status === status),
          status,
        );
      }
      for (const email of ['requester@demo.backlot', 'requester2@demo.backlot']) {
        const get = await reader(email);
        const me = (await get('/auth/me')).id as number;
        const own = (await get('/bookings?limit=200')).items as { requesterId: number }[];
        assert.ok(own.length > 0);
        assert.ok(own.every((booking) => booking.requesterId === me));
        assert.ok(own.length < all.length);
      }
    });

    it('gives the demo clients orders in every state, and the dashboard sales in several months', async () => {
      const clerk = await reader('store_clerk@demo.backlot');
      const orders = (await clerk('/orders?limit=200')).items as {
        status: string;
        assigneeId: number | null;
        items: unknown[];
      }[];
      for (const status of ['pending', 'fulfilled', 'cancelled']) {
        assert.ok(
          orders.some((order) => order.status === status),
          status,
        );
      }
      assert.ok(orders.some((order) => order.assigneeId !== null));
      assert.ok(orders.every((order) => order.items.length > 0));
      const admin = await reader('admin@demo.backlot');
      const overview = await admin('/stats/overview');
      const months = overview.sales.months as { totalCents: number }[];
      assert.ok(months.filter((month) => month.totalCents > 0).length >= 3);
      assert.ok(overview.bookings.pending > 0);
      const verify = await admin('/audit/verify');
      assert.equal(verify.ok, true);
    });
  });
}
