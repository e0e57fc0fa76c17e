/**
 * Versions over HTTP, route by route: every PATCH and DELETE (and the cast's PUT) honours If-Match, and every answer
 * that carries an item carries its version as ETag. Both tables are checked against the routes the app registers,
 * so a new route without its case fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { bookingBody } from '../bookings/support.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Call {
  url: string;
  body?: unknown;
  /** Where the changed item is read back (its version is the ETag that If-Match must name). */
  item: string;
}

const schedule = { startsAt: '2031-06-01T18:00:00Z', endsAt: '2031-06-01T23:00:00Z' };

for (const dialect of dialects()) {
  describe(`versions over HTTP on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let token: string;
    let requesterToken: string;
    let n = 0;

    before(async () => {
      backlot = await startBacklot(dialect);
      token = (await backlot.as(['admin'])).token;
      requesterToken = (await backlot.as(['requester'])).token;
    });
    after(() => backlot.stop());

    async function send(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
      return backlot.request({ method, url: `/api/v1${url}`, token, body, headers });
    }

    async function create(url: string, body: unknown): Promise<{ id: number; version: number }> {
      const response = await send('POST', url, body);
      assert.equal(response.statusCode, 201, response.body);
      return response.json();
    }

    const movie = () => create('/movies', { title: `Film ${++n}`, releaseDate: '2020-01-01', stock: 50 });
    const actor = () => create('/actors', { name: `Actor ${++n}` });
    const client = () => create('/clients', { fullName: `Client ${++n}`, email: `client${++n}@test.backlot` });
    const contract = async () => create('/contracts', { clientId: (await client()).id, totalCents: 1000 });
    const signedContract = async () => {
      const draft = await contract();
      assert.equal((await send('POST', `/contracts/${draft.id}/sign`)).statusCode, 200);
      return draft;
    };
    const event = async () =>
      create('/events', { name: `Event ${++n}`, contractId: (await signedContract()).id, ...schedule });
    const booking = async () => {
      const response = await backlot.request({
        method: 'POST',
        url: '/api/v1/bookings',
        token: requesterToken,
        body: bookingBody(),
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: number; version: number };
    };
    const order = async () => {
      const film = await movie();
      return create('/orders', { clientId: (await client()).id, items: [{ movieId: film.id, quantity: 1 }] });
    };
    const user = () =>
      create('/users', { email: `someone${++n}@test.backlot`, fullName: 'Someone', roles: ['support'] });
    const role = () => create('/roles', { name: `role_${++n}`, permissions: ['get:movies'] });
    const cast = async () => {
      const [film, performer] = await Promise.all([movie(), actor()]);
      const put = await send('PUT', `/movies/${film.id}/cast/${performer.id}`, { character: 'Lead' });
      assert.equal(put.statusCode, 201, put.body);
      return { film, performer };
    };

    /** Every route that changes an item and takes If-Match: how to call it on a fresh item. */
    const CHANGES: Record<string, () => Promise<Call>> = {
      'PATCH /api/v1/movies/:id': async () => {
        const { id } = await movie();
        return { url: `/movies/${id}`, body: { title: 'Renamed' }, item: `/movies/${id}` };
      },
      'DELETE /api/v1/movies/:id': async () => {
        const { id } = await movie();
        return { url: `/movies/${id}`, item: `/movies/${id}` };
      },
      'PUT /api/v1/movies/:id/cast/:actorId': async () => {
        const { film, performer } = await cast();
        return {
          url: `/movies/${film.id}/cast/${performer.id}`,
          body: { character: 'Other' },
          item: `/movies/${film.id}`,
        };
      },
      'DELETE /api/v1/movies/:id/cast/:actorId': async () => {
        const { film, performer } = await cast();
        return { url: `/movies/${film.id}/cast/${performer.id}`, item: `/movies/${film.id}` };
      },
      'PATCH /api/v1/actors/:id': async () => {
        const { id } = await actor();
        return { url: `/actors/${id}`, body: { age: 40 }, item: `/actors/${id}` };
      },
      'DELETE /api/v1/actors/:id': async () => {
        const { id } = await actor();
        return { url: `/actors/${id}`, item: `/actors/${id}` };
      },
      'PATCH /api/v1/clients/:id': async () => {
        const { id } = await client();
        return { url: `/clients/${id}`, body: { phone: '555' }, item: `/clients/${id}` };
      },
      'DELETE /api/v1/clients/:id': async () => {
        const { id } = await client();
        return { url: `/clients/${id}`, item: `/clients/${id}` };
      },
      'PATCH /api/v1/contracts/:id': async () => {
        const { id } = await contract();
        return { url: `/contracts/${id}`, body: { dueCents: 10 }, item: `/contracts/${id}` };
      },
      'PATCH /api/v1/events/:id': async () => {
        const { id } = await event();
        return { url: `/events/${id}`, body: { notes: 'changed' }, item: `/events/${id}` };
      },
      'DELETE /api/v1/bookings/:id': async () => {
        const { id } = await booking();
        return { url: `/bookings/${id}`, item: `/bookings/${id}` };
      },
      'PATCH /api/v1/orders/:id': async () => {
        const { id } = await order();
        return { url: `/orders/${id}`, body: { assigneeId: null }, item: `/orders/${id}` };
      },
      'PATCH /api/v1/users/:id': async () => {
        const { id } = await user();
        return { url: `/users/${id}`, body: { fullName: 'Renamed' }, item: `/users/${id}` };
      },
      'DELETE /api/v1/users/:id': async () => {
        const { id } = await user();
        return { url: `/users/${id}`, item: `/users/${id}` };
      },
      'PATCH /api/v1/roles/:id': async () => {
        const { id } = await role();
        return { url: `/roles/${id}`, body: { description: 'changed' }, item: `/roles/${id}` };
      },
      'DELETE /api/v1/roles/:id': async () => {
        const { id } = await role();
        return { url: `/roles/${id}`, item: `/roles/${id}` };
      },
    };

    /**
     * Deletions of what is not a versioned item: a saved view has no version (it is never changed, only made and
     * deleted by its owner), and a personal token is revoked once (a second revocation is 404), never edited.
     */
    const UNVERSIONED_DELETES = ['DELETE /api/v1/views/:id', 'DELETE /api/v1/auth/tokens/:id'];

    it('the table covers every PATCH and DELETE route', () => {
      const routes = backlot.app.registeredRoutes
        .filter((route) => route.method === 'PATCH' || route.method === 'DELETE')
        .map((route) => `${route.method} ${route.url}`);
      const missing = routes.filter((route) => !(route in CHANGES) && !UNVERSIONED_DELETES.includes(route));
      assert.deepEqual(missing, [], 'a PATCH or DELETE route has no If-Match case here');
    });

    for (const [route, prepare] of Object.entries(CHANGES)) {
      const method = route.split(' ')[0] as Method;
      it(`${route}: a stale If-Match is a 412 that changes nothing; the current one is applied`, async () => {
        const call = await prepare();
        await moveOn(call.item);
        const current = await send('GET', call.item);
        assert.equal(current.statusCode, 200, current.body);
        const version: number = current.json().version;
        assert.ok(version > 1, `${call.item} is at version ${version}`);

        const stale = await send(method, call.url, call.body, { 'if-match': '"1"' });
        assert.equal(stale.statusCode, 412, stale.body);
        assert.equal(stale.json().code, 'precondition_failed');
        const unchanged = await send('GET', call.item);
        assert.deepEqual(unchanged.json(), current.json(), 'a refused change changed the item');

        const applied = await send(method, call.url, call.body, { 'if-match': `"${version}"` });
        assert.ok(applied.statusCode >= 200 && applied.statusCode < 300, `${applied.statusCode} ${applied.body}`);
      });
    }

    /** Changes an item harmlessly, so that its first version is stale. */
    async function moveOn(item: string): Promise<void> {
      const [, resource] = item.split('/');
      const response =
        resource === 'bookings'
          ? await send('POST', `${item}/accept`, {})
          : await send(
              'PATCH',
              item,
              {
                movies: { genres: ['moved on'] },
                actors: { gender: 'moved on' },
                clients: { companyName: 'moved on' },
                contracts: { totalCents: 2000 },
                events: { location: 'moved on' },
                orders: { assigneeId: null },
                users: { employeeNumber: `E-${++n}` },
                roles: { description: 'moved on' },
              }[resource ?? ''],
            );
      assert.equal(response.statusCode, 200, response.body);
    }

    /** Every route whose answer is an item: how to call it. */
    const ITEM_ROUTES: Record<string, () => Promise<{ method: Method; url: string; body?: unknown; token?: string }>> =
      {
        'GET /api/v1/movies/:id': async () => ({ method: 'GET', url: `/movies/${(await movie()).id}` }),
        'POST /api/v1/movies': async () => ({
          method: 'POST',
          url: '/movies',
          body: { title: 'New', releaseDate: '2021-01-01' },
        }),
        'PATCH /api/v1/movies/:id': async () => ({
          method: 'PATCH',
          url: `/movies/${(await movie()).id}`,
          body: { stock: 3 },
        }),
        'GET /api/v1/actors/:id': async () => ({ method: 'GET', url: `/actors/${(await actor()).id}` }),
        'POST /api/v1/actors': async () => ({ method: 'POST', url: '/actors', body: { name: 'New' } }),
        'PATCH /api/v1/actors/:id': async () => ({
          method: 'PATCH',
          url: `/actors/${(await actor()).id}`,
          body: { age: 3 },
        }),
        'GET /api/v1/clients/:id': async () => ({ method: 'GET', url: `/clients/${(await client()).id}` }),
        'POST /api/v1/clients': async () => ({
          method: 'POST',
          url: '/clients',
          body: { fullName: 'New', email: `new${++n}@test.backlot` },
        }),
        'PATCH /api/v1/clients/:id': async () => ({
          method: 'PATCH',
          url: `/clients/${(await client()).id}`,
          body: { phone: '1' },
        }),
        'GET /api/v1/contracts/:id': async () => ({ method: 'GET', url: `/contracts/${(await contract()).id}` }),
        'POST /api/v1/contracts': async () => ({
          method: 'POST',
          url: '/contracts',
          body: { clientId: (await client()).id, totalCents: 5 },
        }),
        'PATCH /api/v1/contracts/:id': async () => ({
          method: 'PATCH',
          url: `/contracts/${(await contract()).id}`,
          body: { dueCents: 1 },
        }),
        'POST /api/v1/contracts/:id/sign': async () => ({
          method: 'POST',
          url: `/contracts/${(await contract()).id}/sign`,
        }),
        'GET /api/v1/events/:id': async () => ({ method: 'GET', url: `/events/${(await event()).id}` }),
        'POST /api/v1/events': async () => ({
          method: 'POST',
          url: '/events',
          body: { name: 'New', contractId: (await signedContract()).id, ...schedule },
        }),
        'PATCH /api/v1/events/:id': async () => ({
          method: 'PATCH',
          url: `/events/${(await event()).id}`,
          body: { notes: 'x' },
        }),
        'POST /api/v1/events/:id/assign': async () => ({
          method: 'POST',
          url: `/events/${(await event()).id}/assign`,
          body: { supportContactId: null },
        }),
        'GET /api/v1/bookings/:id': async () => ({ method: 'GET', url: `/bookings/${(await booking()).id}` }),
        'POST /api/v1/bookings': async () => ({
          method: 'POST',
          url: '/bookings',
          body: bookingBody(),
          token: requesterToken,
        }),
        'POST /api/v1/bookings/:id/accept': async () => ({
          method: 'POST',
          url: `/bookings/${(await booking()).id}/accept`,
          body: {},
        }),
        'POST /api/v1/bookings/:id/reject': async () => ({
          method: 'POST',
          url: `/bookings/${(await booking()).id}/reject`,
          body: { reason: 'full' },
        }),
        'GET /api/v1/orders/:id': async () => ({ method: 'GET', url: `/orders/${(await order()).id}` }),
        'POST /api/v1/orders': async () => ({
          method: 'POST',
          url: '/orders',
          body: { clientId: (await client()).id, items: [{ movieId: (await movie()).id, quantity: 1 }] },
        }),
        'PATCH /api/v1/orders/:id': async () => ({
          method: 'PATCH',
          url: `/orders/${(await order()).id}`,
          body: { assigneeId: null },
        }),
        'POST /api/v1/orders/:id/fulfil': async () => ({ method: 'POST', url: `/orders/${(await order()).id}/fulfil` }),
        'POST /api/v1/orders/:id/cancel': async () => ({ method: 'POST', url: `/orders/${(await order()).id}/cancel` }),
        'GET /api/v1/users/:id': async () => ({ method: 'GET', url: `/users/${(await user()).id}` }),
        'POST /api/v1/users': async () => ({
          method: 'POST',
          url: '/users',
          body: { email: `new${++n}@test.backlot`, fullName: 'New' },
        }),
        'PATCH /api/v1/users/:id': async () => ({
          method: 'PATCH',
          url: `/users/${(await user()).id}`,
          body: { fullName: 'X' },
        }),
        'POST /api/v1/users/:id/reset-password': async () => ({
          method: 'POST',
          url: `/users/${(await user()).id}/reset-password`,
        }),
        'GET /api/v1/roles/:id': async () => ({ method: 'GET', url: `/roles/${(await role()).id}` }),
        'POST /api/v1/roles': async () => ({
          method: 'POST',
          url: '/roles',
          body: { name: `new_${++n}`, permissions: [] },
        }),
        'PATCH /api/v1/roles/:id': async () => ({
          method: 'PATCH',
          url: `/roles/${(await role()).id}`,
          body: { description: 'x' },
        }),
        'GET /api/v1/auth/me': async () => ({ method: 'GET', url: '/auth/me' }),
        'POST /api/v1/auth/tokens': async () => ({
          method: 'POST',
          url: '/auth/tokens',
          body: { name: `etag ${++n}`, permissions: ['get:movies'], expiresInDays: 1 },
        }),
      };

    it('the table covers every route whose answer is an item (it has a version)', async () => {
      const document = (await backlot.request({ method: 'GET', url: '/api/openapi.json' })).json();
      const itemRoutes: string[] = [];
      for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
        for (const [method, operation] of Object.entries(operations)) {
          const responses = (operation as { responses?: Record<string, unknown> }).responses ?? {};
          const answers = ['200', '201'].map((status) => schemaOf(document, responses[status]));
          if (answers.some((schema) => schema?.properties?.version !== undefined)) {
            itemRoutes.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
          }
        }
      }
      assert.ok(itemRoutes.length > 20, itemRoutes.join(', '));
      assert.deepEqual(
        itemRoutes.filter((route) => !(route in ITEM_ROUTES)),
        [],
        'an item-returning route has no ETag case here',
      );
    });

    for (const [route, prepare] of Object.entries(ITEM_ROUTES)) {
      it(`${route} sends ETag: "<version>"`, async () => {
        const call = await prepare();
        const response = await backlot.request({
          method: call.method,
          url: `/api/v1${call.url}`,
          token: call.token ?? token,
          body: call.body,
        });
        assert.ok(
          response.statusCode === 200 || response.statusCode === 201,
          `${response.statusCode} ${response.body}`,
        );
        assert.equal(response.headers.etag, `"${response.json().version}"`);
      });
    }

    it('a refusal carries no ETag', async () => {
      const response: LightMyRequestResponse = await send('GET', '/movies/999999');
      assert.equal(response.statusCode, 404);
      assert.equal(response.headers.etag, undefined);
    });
  });
}

/** The JSON schema of a response in the OpenAPI document, following a reference to a component. */
function schemaOf(
  document: { components?: { schemas?: Record<string, unknown> } },
  response: unknown,
): { properties?: Record<string, unknown> } | undefined {
  const content = (response as { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined)?.content;
  let schema = content?.['application/json']?.schema;
  const ref = schema?.$ref;
  if (typeof ref === 'string') schema = document.components?.schemas?.[ref.split('/').pop() ?? ''] as typeof schema;
  return schema as { properties?: Record<string, unknown> } | undefined;
}
