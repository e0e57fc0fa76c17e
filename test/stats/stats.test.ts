/**
 * GET /stats/overview on every database: the figures are right, and each part appears only for a caller who may read
 * its resource. The expected parts of every built-in role are generated from the permission catalogue.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Caller } from '../../src/access/authorize.ts';
import { BUILT_IN_ROLES, expandPermissions } from '../../src/access/catalogue.ts';
import { bookingBody } from '../bookings/support.ts';
import { assertProblem, newActor } from '../casting/fixtures.ts';
import { newClient, stockedMovie } from '../store/support.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

interface Overview {
  counts: Record<string, number>;
  sales?: { months: { month: string; totalCents: number; orders: number }[] };
  orders?: { pending: number; fulfilled: number; cancelled: number };
  contracts?: { notSigned: number; notFullyPaid: number; dueCents: number };
  events?: { withoutSupport: number };
  bookings?: { scope: 'all' | 'own'; pending: number; accepted: number; rejected: number };
}

/** Which counts and parts a caller with these permissions must get, and no others. */
function expectedShape(permissions: ReadonlySet<string>): { counts: string[]; parts: string[] } {
  const counts: string[] = [];
  const parts = ['counts'];
  for (const resource of ['movies', 'actors', 'clients', 'contracts', 'events', 'orders', 'users']) {
    if (permissions.has(`get:${resource}`)) counts.push(resource);
  }
  if (permissions.has('get:bookings') || permissions.has('get:bookings:own')) counts.push('bookings', 'bookings');
  if (permissions.has('get:orders')) parts.push('sales', 'orders');
  if (permissions.has('get:contracts')) parts.push('contracts');
  if (permissions.has('get:events')) parts.push('events');
  if (counts.includes('bookings')) parts.push('bookings');
  return { counts: [...new Set(counts)].sort(), parts: parts.sort() };
}

function monthOf(date: Date, back: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 15, 12));
}

for (const dialect of dialects()) {
  describe(`dashboard figures on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let requesterA: { id: number; token: string };
    let requesterB: { id: number; token: string };
    const now = new Date();

    const overview = async (token: string) => {
      const response = await backlot.request({ method: 'GET', url: '/api/v1/stats/overview', token });
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as Overview;
    };

    before(async () => {
      backlot = await startBacklot(dialect);
      const { system, services } = backlot;
      const movie = await stockedMovie(backlot, 1000, 100);
      await stockedMovie(backlot, 500, 0);
      await newActor(backlot);
      const client = await newClient(backlot);
      await newClient(backlot);
      // Contracts: a draft owing everything, a signed one owing part, a signed one paid.
      await services.relations.createContract(system, { clientId: client.id, totalCents: 1000, dueCents: 1000 });
      const owing = await services.relations.createContract(system, {
        clientId: client.id,
        totalCents: 1000,
        dueCents: 400,
      });
      const paid = await services.relations.createContract(system, {
        clientId: client.id,
        totalCents: 700,
        dueCents: 0,
      });
      const support = await backlot.user(['support']);
      for (const [index, contract] of [owing, paid].entries()) {
        await services.relations.signContract(system, contract.id);
        await services.relations.createEvent(system, {
          name: `Event ${index}`,
          contractId: contract.id,
          startsAt: '2031-01-01T10:00:00Z',
          endsAt: '2031-01-01T12:00:00Z',
          ...(index === 0 ? { supportContactId: support.id } : {}),
        });
      }
      // Orders: this month (2 copies), 2 months ago (3 copies), cancelled, 11 months ago, 13 months ago (too old).
      const place = async (quantity: number) =>
        (await services.store.placeOrder(system, { clientId: client.id, items: [{ movieId: movie.id, quantity }] }))
          .value.id;
      await place(2);
      const older = await place(3);
      await services.store.backdateOrder(older, monthOf(now, 2).toISOString());
      await services.store.fulfilOrder(system, older);
      const cancelled = await place(5);
      await services.store.cancelOrder(system, cancelled);
      const oldest = await place(1);
      await services.store.backdateOrder(oldest, monthOf(now, 11).toISOString());
      const tooOld = await place(7);
      await services.store.backdateOrder(tooOld, monthOf(now, 13).toISOString());
      // Bookings: A has one pending and one accepted; B one pending and one rejected.
      requesterA = await backlot.as(['requester']);
      requesterB = await backlot.as(['requester']);
      const submit = async (userId: number) => {
        const actor: Caller = { ...system, userId };
        return (await services.bookings.submit(actor, bookingBody())).value.id;
      };
      const manager: Caller = { ...system, userId: (await backlot.user(['management'])).id };
      await submit(requesterA.id);
      await services.bookings.accept(manager, await submit(requesterA.id), undefined);
      await submit(requesterB.id);
      await services.bookings.reject(manager, await submit(requesterB.id), 'No');
    });
    after(() => backlot.stop());

    for (const role of [
      ...BUILT_IN_ROLES.map((r) => ({ name: r.name, permissions: r.permissions })),
      {
        name: '(no role)',
        permissions: [],
      },
    ]) {
      const permissions = new Set<string>(expandPermissions(role.permissions));
      const shape = expectedShape(permissions);
      it(`as ${role.name}: counts of ${shape.counts.join(', ') || 'nothing'}; parts ${shape.parts.join(', ')}`, async () => {
        const caller = await backlot.as(role.name === '(no role)' ? [] : [role.name]);
        const figures = await overview(caller.token);
        assert.deepEqual(Object.keys(figures).sort(), shape.parts);
        assert.deepEqual(Object.keys(figures.counts).sort(), shape.counts);
      });
    }

    it('counts what there is, and sums the sales of the last 12 months by month, cancelled orders aside', async () => {
      const admin = await backlot.as(['admin']);
      const figures = await overview(admin.token);
      const { users, ...counts } = figures.counts;
      assert.deepEqual(counts, {
        movies: 2,
        actors: 1,
        clients: 2,
        contracts: 3,
        events: 2,
        orders: 5,
        bookings: 4,
      });
      assert.ok(typeof users === 'number' && users >= 5);
      assert.deepEqual(figures.orders, { pending: 3, fulfilled: 1, cancelled: 1 });
      assert.deepEqual(figures.contracts, { notSigned: 1, notFullyPaid: 2, dueCents: 1400 });
      assert.deepEqual(figures.events, { withoutSupport: 1 });
      assert.deepEqual(figures.bookings, { scope: 'all', pending: 2, accepted: 1, rejected: 1 });
      const months = figures.sales!.months;
      assert.equal(months.length, 12);
      assert.deepEqual(
        months.map((m) => m.month),
        Array.from({ length: 12 }, (_, i) =>
          monthOf(now, 11 - i)
            .toISOString()
            .slice(0, 7),
        ),
      );
      const byMonth = Object.fromEntries(months.map((m) => [m.month, [m.totalCents, m.orders]]));
      assert.deepEqual(byMonth[monthOf(now, 0).toISOString().slice(0, 7)], [2000, 1]);
      assert.deepEqual(byMonth[monthOf(now, 2).toISOString().slice(0, 7)], [3000, 1]);
      assert.deepEqual(byMonth[monthOf(now, 11).toISOString().slice(0, 7)], [1000, 1]);
      assert.equal(
        months.reduce((sum, m) => sum + m.totalCents, 0),
        6000,
      );
    });

    it('gives a requester the figures of their own bookings only', async () => {
      const a = await overview(requesterA.token);
      assert.deepEqual(a, {
        counts: { bookings: 2 },
        bookings: { scope: 'own', pending: 1, accepted: 1, rejected: 0 },
      });
      const b = await overview(requesterB.token);
      assert.deepEqual(b, {
        counts: { bookings: 2 },
        bookings: { scope: 'own', pending: 1, accepted: 0, rejected: 1 },
      });
      const newcomer = await backlot.as(['requester']);
      assert.deepEqual(await overview(newcomer.token), {
        counts: { bookings: 0 },
        bookings: { scope: 'own', pending: 0, accepted: 0, rejected: 0 },
      });
    });

    it('gives a casting assistant the movies and actors counts only', async () => {
      const assistant = await backlot.as(['casting_assistant']);
      assert.deepEqual(await overview(assistant.token), { counts: { movies: 2, actors: 1 } });
    });

    it('answers 401 without a token', async () => {
      assertProblem(await backlot.request({ method: 'GET', url: '/api/v1/stats/overview' }), 401, 'unauthorized');
    });
  });
}
