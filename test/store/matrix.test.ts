/**
 * The role × endpoint matrix of the store, generated from BUILT_IN_ROLES: every endpoint declares the permissions it
 * needs, and every built-in role (plus a user with no role) must get the success status when its permissions cover
 * them, and 403 problem+json otherwise. Denied calls aim at a shared order, which must come out unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Permission } from '../../src/access/catalogue.ts';
import { assertProblem } from '../casting/fixtures.ts';
import { dialects, ROLE_SUBJECTS, startBacklot, type TestBacklot } from '../support.ts';
import { newClient, stockedMovie, stockOf } from './support.ts';

type Method = 'GET' | 'POST' | 'PATCH';

interface Call {
  method: Method;
  url: string;
  body?: unknown;
}

interface Shared {
  clientId: number;
  movieId: number;
  orderId: number;
  assigneeId: number;
}

interface Endpoint {
  name: string;
  needs: readonly Permission[];
  success: 200 | 201;
  /** `fresh`: a pending order of its own, for an allowed call that changes something; else the shared one. */
  prepare(fresh: () => Promise<number>, shared: Shared, permitted: boolean): Promise<Call>;
}

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'GET /orders',
    needs: ['get:orders'],
    success: 200,
    prepare: async () => ({ method: 'GET', url: '/api/v1/orders' }),
  },
  {
    name: 'GET /orders/{id}',
    needs: ['get:orders'],
    success: 200,
    prepare: async (_fresh, shared) => ({ method: 'GET', url: `/api/v1/orders/${shared.orderId}` }),
  },
  {
    name: 'POST /orders',
    needs: ['post:orders'],
    success: 201,
    prepare: async (_fresh, shared) => ({
      method: 'POST',
      url: '/api/v1/orders',
      body: { clientId: shared.clientId, items: [{ movieId: shared.movieId, quantity: 1 }] },
    }),
  },
  {
    name: 'POST /orders with an assigneeId',
    needs: ['post:orders', 'patch:orders'],
    success: 201,
    prepare: async (_fresh, shared) => ({
      method: 'POST',
      url: '/api/v1/orders',
      body: {
        clientId: shared.clientId,
        items: [{ movieId: shared.movieId, quantity: 1 }],
        assigneeId: shared.assigneeId,
      },
    }),
  },
  {
    name: 'PATCH /orders/{id}',
    needs: ['patch:orders'],
    success: 200,
    prepare: async (fresh, shared, permitted) => ({
      method: 'PATCH',
      url: `/api/v1/orders/${permitted ? await fresh() : shared.orderId}`,
      body: { assigneeId: shared.assigneeId },
    }),
  },
  {
    name: 'POST /orders/{id}/fulfil',
    needs: ['patch:orders'],
    success: 200,
    prepare: async (fresh, shared, permitted) => ({
      method: 'POST',
      url: `/api/v1/orders/${permitted ? await fresh() : shared.orderId}/fulfil`,
    }),
  },
  {
    name: 'POST /orders/{id}/cancel',
    needs: ['patch:orders'],
    success: 200,
    prepare: async (fresh, shared, permitted) => ({
      method: 'POST',
      url: `/api/v1/orders/${permitted ? await fresh() : shared.orderId}/cancel`,
    }),
  },
];

const SUBJECTS = ROLE_SUBJECTS;

function allowed(permissions: ReadonlySet<string>, endpoint: Endpoint): boolean {
  return endpoint.needs.every((permission) => permissions.has(permission));
}

for (const dialect of dialects()) {
  describe(`store role × endpoint matrix on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let shared: Shared;
    let sharedStock: number;
    const tokens = new Map<string, string>();

    async function freshOrder(): Promise<number> {
      const { value } = await backlot.services.store.placeOrder(backlot.system, {
        clientId: shared.clientId,
        items: [{ movieId: shared.movieId, quantity: 1 }],
      });
      return value.id;
    }

    before(async () => {
      backlot = await startBacklot(dialect);
      const clientId = (await newClient(backlot)).id;
      const movieId = (await stockedMovie(backlot, 500, 1000)).id;
      const assigneeId = (await backlot.user(['store_clerk'])).id;
      shared = { clientId, movieId, assigneeId, orderId: 0 };
      shared.orderId = await freshOrder();
      sharedStock = await stockOf(backlot, movieId);
      for (const subject of SUBJECTS) tokens.set(subject.label, (await backlot.as(subject.roles)).token);
    });
    after(() => backlot.stop());

    it('declares every store route, and each declared route exists', () => {
      const routes = backlot.app.registeredRoutes
        .filter((route) => route.url.startsWith('/api/v1/orders'))
        .map((route) => `${route.method} ${route.url.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
      const declared = ENDPOINTS.map((endpoint) => endpoint.name.split(' ').slice(0, 2).join(' '));
      assert.deepEqual([...new Set(routes)].sort(), [...new Set(declared)].sort());
    });

    it('the expectations differ between roles (sanity of the generator)', () => {
      const clerk = SUBJECTS.find((subject) => subject.label === 'store_clerk')!;
      const management = SUBJECTS.find((subject) => subject.label === 'management')!;
      assert.ok(ENDPOINTS.every((endpoint) => allowed(clerk.permissions, endpoint)));
      assert.ok(ENDPOINTS.every((endpoint) => !allowed(management.permissions, endpoint)));
    });

    for (const subject of SUBJECTS) {
      describe(`as ${subject.label}`, () => {
        for (const endpoint of ENDPOINTS) {
          const permitted = allowed(subject.permissions, endpoint);
          it(`${endpoint.name} → ${permitted ? endpoint.success : 403}`, async () => {
            const call = await endpoint.prepare(freshOrder, shared, permitted);
            const response = await backlot.request({ ...call, token: tokens.get(subject.label)! });
            if (!permitted) {
              assertProblem(response, 403);
              return;
            }
            assert.equal(response.statusCode, endpoint.success, response.body);
            assert.match(String(response.headers['content-type']), /^application\/json/);
          });
        }
      });
    }

    for (const endpoint of ENDPOINTS) {
      it(`${endpoint.name}: no token → 401`, async () => {
        assertProblem(await backlot.request(await endpoint.prepare(freshOrder, shared, false)), 401, 'unauthorized');
      });
    }

    it('denied and unauthenticated calls left the shared order untouched', async () => {
      const order = await backlot.services.store.get(backlot.system, shared.orderId);
      assert.deepEqual(
        { status: order.status, version: order.version, assigneeId: order.assigneeId },
        {
          status: 'pending',
          version: 1,
          assigneeId: null,
        },
      );
      // Only the permitted calls took stock: one copy per successful placing and fresh order, none for a refusal.
      const taken = await backlot.services.handle.db
        .selectFrom('orderItems')
        .innerJoin('orders', 'orders.id', 'orderItems.orderId')
        .select((eb) => eb.fn.sum<number | string>('orderItems.quantity').as('n'))
        .where('orderItems.movieId', '=', shared.movieId)
        .where('orders.status', '!=', 'cancelled')
        .where('orders.id', '!=', shared.orderId)
        .executeTakeFirstOrThrow();
      assert.equal(await stockOf(backlot, shared.movieId), sharedStock - Number(taken.n ?? 0));
    });
  });
}
