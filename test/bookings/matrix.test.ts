/**
 * The role × endpoint matrix of bookings, generated from BUILT_IN_ROLES: each endpoint declares the permissions that
 * let a caller through (any one of its alternatives, each a list needed together). A permitted caller acts on a
 * booking of their own, so `get:bookings:own` and `delete:bookings:own` must succeed; everyone else gets 403 on a
 * booking that is not theirs, and that booking must come out of the whole matrix unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Caller } from '../../src/access/authorize.ts';
import type { Permission } from '../../src/access/catalogue.ts';
import { assertProblem } from '../casting/fixtures.ts';
import { dialects, ROLE_SUBJECTS, startBacklot, type TestBacklot } from '../support.ts';
import { bookingBody } from './support.ts';

type Method = 'GET' | 'POST' | 'DELETE';

interface Call {
  method: Method;
  url: string;
  body?: unknown;
}

interface Endpoint {
  name: string;
  /** Alternatives: the caller passes with every permission of any one of them. */
  needs: readonly (readonly Permission[])[];
  success: 200 | 201 | 204;
  /** `own`: a fresh pending booking of the caller's, for a permitted call; else the shared one (not theirs). */
  prepare(own: () => Promise<number>, sharedId: number, permitted: boolean): Promise<Call>;
}

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'GET /bookings',
    needs: [['get:bookings'], ['get:bookings:own']],
    success: 200,
    prepare: async () => ({ method: 'GET', url: '/api/v1/bookings' }),
  },
  {
    name: 'GET /bookings/{id}',
    needs: [['get:bookings'], ['get:bookings:own']],
    success: 200,
    prepare: async (own, shared, permitted) => ({
      method: 'GET',
      url: `/api/v1/bookings/${permitted ? await own() : shared}`,
    }),
  },
  {
    name: 'POST /bookings',
    needs: [['post:bookings']],
    success: 201,
    prepare: async () => ({ method: 'POST', url: '/api/v1/bookings', body: bookingBody() }),
  },
  {
    name: 'POST /bookings/{id}/accept',
    needs: [['decide:bookings']],
    success: 200,
    prepare: async (own, shared, permitted) => ({
      method: 'POST',
      url: `/api/v1/bookings/${permitted ? await own() : shared}/accept`,
      body: { note: 'ok' },
    }),
  },
  {
    name: 'POST /bookings/{id}/reject',
    needs: [['decide:bookings']],
    success: 200,
    prepare: async (own, shared, permitted) => ({
      method: 'POST',
      url: `/api/v1/bookings/${permitted ? await own() : shared}/reject`,
      body: { reason: 'no' },
    }),
  },
  {
    name: 'DELETE /bookings/{id}',
    needs: [['delete:bookings'], ['delete:bookings:own']],
    success: 204,
    prepare: async (own, shared, permitted) => ({
      method: 'DELETE',
      url: `/api/v1/bookings/${permitted ? await own() : shared}`,
    }),
  },
];

const SUBJECTS = ROLE_SUBJECTS;

function allowed(permissions: ReadonlySet<string>, endpoint: Endpoint): boolean {
  return endpoint.needs.some((set) => set.every((permission) => permissions.has(permission)));
}

for (const dialect of dialects()) {
  describe(`bookings role × endpoint matrix on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let sharedId: number;
    const callers = new Map<string, { id: number; token: string }>();

    /** A pending booking submitted by this user directly through the service. */
    async function bookingOf(userId: number): Promise<number> {
      const actor: Caller = { ...backlot.system, userId };
      return (await backlot.services.bookings.submit(actor, bookingBody())).value.id;
    }

    before(async () => {
      backlot = await startBacklot(dialect);
      const owner = await backlot.user(['requester']);
      sharedId = await bookingOf(owner.id);
      for (const subject of SUBJECTS) callers.set(subject.label, await backlot.as(subject.roles));
    });
    after(() => backlot.stop());

    it('declares every bookings route, and each declared route exists', () => {
      const routes = backlot.app.registeredRoutes
        .filter((route) => route.url.startsWith('/api/v1/bookings'))
        .map((route) => `${route.method} ${route.url.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
      assert.deepEqual([...new Set(routes)].sort(), ENDPOINTS.map((endpoint) => endpoint.name).sort());
    });

    it('the expectations differ between roles, and an :own permission alone lets a requester through', () => {
      const requester = SUBJECTS.find((subject) => subject.label === 'requester')!;
      const management = SUBJECTS.find((subject) => subject.label === 'management')!;
      const clerk = SUBJECTS.find((subject) => subject.label === 'store_clerk')!;
      assert.ok(ENDPOINTS.filter((e) => e.name.startsWith('GET')).every((e) => allowed(requester.permissions, e)));
      assert.ok(!ENDPOINTS.some((e) => e.name.includes('accept') && allowed(requester.permissions, e)));
      assert.ok(!ENDPOINTS.some((e) => e.name === 'POST /bookings' && allowed(management.permissions, e)));
      assert.ok(ENDPOINTS.every((e) => !allowed(clerk.permissions, e)));
    });

    for (const subject of SUBJECTS) {
      describe(`as ${subject.label}`, () => {
        for (const endpoint of ENDPOINTS) {
          const permitted = allowed(subject.permissions, endpoint);
          it(`${endpoint.name} → ${permitted ? endpoint.success : 403}`, async () => {
            const caller = callers.get(subject.label)!;
            const call = await endpoint.prepare(() => bookingOf(caller.id), sharedId, permitted);
            const response = await backlot.request({ ...call, token: caller.token });
            if (!permitted) {
              assertProblem(response, 403, 'forbidden');
              return;
            }
            assert.equal(response.statusCode, endpoint.success, response.body);
            if (endpoint.success === 204) assert.equal(response.body, '');
            else assert.match(String(response.headers['content-type']), /^application\/json/);
          });
        }
      });
    }

    for (const endpoint of ENDPOINTS) {
      it(`${endpoint.name}: no token → 401`, async () => {
        const call = await endpoint.prepare(async () => sharedId, sharedId, false);
        assertProblem(await backlot.request(call), 401, 'unauthorized');
      });
    }

    it('denied and unauthenticated calls left the shared booking untouched', async () => {
      const booking = await backlot.services.bookings.get(backlot.system, sharedId);
      assert.equal(booking.status, 'pending');
      assert.equal(booking.version, 1);
    });
  });
}
