/** The store's rules over HTTP, on every database: placing, pricing, stock, fulfilling, cancelling, assigning. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem } from '../casting/fixtures.ts';
import { api, type Caller, expectStatus } from '../relations/support.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';
import { auditActions, newClient, ordersOf, stockedMovie, stockOf } from './support.ts';

interface OrderBody {
  id: number;
  clientId: number;
  assigneeId: number | null;
  status: string;
  items: { movieId: number; quantity: number; unitPriceCents: number }[];
  totalCents: number;
  fulfilledAt: string | null;
  version: number;
}

for (const dialect of dialects()) {
  describe(`store on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let call: ReturnType<typeof api>;
    let clerk: Caller;
    let admin: Caller;
    let director: Caller;
    let manager: Caller;
    let clientId: number;

    before(async () => {
      backlot = await startBacklot(dialect);
      call = api(backlot);
      [clerk, admin, director, manager] = await Promise.all([
        backlot.as(['store_clerk']),
        backlot.as(['admin']),
        backlot.as(['casting_director']),
        backlot.as(['management']),
      ]);
      clientId = (await newClient(backlot)).id;
    });
    after(() => backlot.stop());

    async function place(items: { movieId: number; quantity: number }[], extra: Record<string, unknown> = {}) {
      const response = await call('POST', '/orders', clerk, { clientId, items, ...extra });
      expectStatus(response, 201);
      return response.json() as OrderBody;
    }

    it('places an order at the current prices, takes the stock, and merges a movie named twice', async () => {
      const a = await stockedMovie(backlot, 1250, 10);
      const b = await stockedMovie(backlot, 999, 5);
      const response = await call('POST', '/orders', clerk, {
        clientId,
        items: [
          { movieId: b.id, quantity: 2 },
          { movieId: a.id, quantity: 1 },
          { movieId: b.id, quantity: 1 },
        ],
      });
      expectStatus(response, 201);
      const order = response.json() as OrderBody;
      assert.equal(response.headers.location, `/api/v1/orders/${order.id}`);
      assert.equal(response.headers.etag, '"1"');
      assert.deepEqual(
        { ...order, id: 0, createdAt: undefined, updatedAt: undefined },
        {
          id: 0,
          createdAt: undefined,
          updatedAt: undefined,
          version: 1,
          clientId,
          assigneeId: null,
          status: 'pending',
          items: [
            { movieId: a.id, quantity: 1, unitPriceCents: 1250 },
            { movieId: b.id, quantity: 3, unitPriceCents: 999 },
          ].sort((x, y) => x.movieId - y.movieId),
          totalCents: 1250 + 3 * 999,
          fulfilledAt: null,
        },
      );
      assert.equal(await stockOf(backlot, a.id), 9);
      assert.equal(await stockOf(backlot, b.id), 2);
      const read = await call('GET', `/orders/${order.id}`, clerk);
      expectStatus(read, 200);
      assert.deepEqual(read.json(), order);
      assert.equal(read.headers.etag, '"1"');

      // A later price change leaves the order's prices as they were.
      expectStatus(await call('PATCH', `/movies/${a.id}`, clerk, { priceCents: 5000 }), 200);
      assert.deepEqual((await call('GET', `/orders/${order.id}`, clerk)).json(), order);
      const next = await place([{ movieId: a.id, quantity: 2 }]);
      assert.deepEqual(next.items, [{ movieId: a.id, quantity: 2, unitPriceCents: 5000 }]);
      assert.equal(next.totalCents, 10_000);
      assert.deepEqual(await auditActions(backlot, 'orders', order.id), ['order.placed']);
      // The entry written in the order's transaction: who placed it, in which request, and what the order holds.
      const entry = await backlot.services.handle.db
        .selectFrom('auditEntries')
        .select(['actorId', 'requestId', 'changes'])
        .where('entity', '=', 'orders')
        .where('entityId', '=', String(order.id))
        .executeTakeFirstOrThrow();
      assert.equal(entry.actorId, clerk.id);
      assert.equal(entry.requestId, response.headers['x-request-id']);
      assert.deepEqual(JSON.parse(entry.changes), {
        clientId: [null, clientId],
        assigneeId: [null, null],
        status: [null, 'pending'],
        items: [null, order.items],
        totalCents: [null, order.totalCents],
        fulfilledAt: [null, null],
      });
    });

    it('refuses an order that any movie cannot fill with 409 naming every short movie, and takes nothing', async () => {
      const plenty = await stockedMovie(backlot, 100, 50);
      const few = await stockedMovie(backlot, 100, 2);
      const none = await stockedMovie(backlot, 100, 0);
      const response = await call('POST', '/orders', clerk, {
        clientId,
        items: [
          { movieId: plenty.id, quantity: 5 },
          { movieId: none.id, quantity: 1 },
          { movieId: few.id, quantity: 3 },
        ],
      });
      const problem = assertProblem(response, 409, 'insufficient_stock');
      const errors = [...(problem.errors ?? [])].sort((x, y) => x.path.localeCompare(y.path));
      assert.deepEqual(
        errors.map((error) => error.path),
        ['/items/1', '/items/2'],
      );
      assert.match(errors[0]!.message, new RegExp(`\\b${none.id}\\b.*\\b0 in stock`));
      assert.match(errors[1]!.message, new RegExp(`\\b${few.id}\\b.*\\b2 in stock`));
      assert.match(problem.detail, new RegExp(`movie ${none.id}\\b`));
      assert.match(problem.detail, new RegExp(`movie ${few.id}\\b`));
      assert.doesNotMatch(problem.detail, new RegExp(`movie ${plenty.id}\\b`));
      assert.deepEqual(
        [await stockOf(backlot, plenty.id), await stockOf(backlot, few.id), await stockOf(backlot, none.id)],
        [50, 2, 0],
      );
      assert.equal(await ordersOf(backlot, plenty.id), 0);
      // Merged quantities count: 1 + 2 of a movie with 2 copies is short.
      const merged = await call('POST', '/orders', clerk, {
        clientId,
        items: [
          { movieId: few.id, quantity: 1 },
          { movieId: few.id, quantity: 2 },
        ],
      });
      assert.deepEqual(
        assertProblem(merged, 409).errors?.map((error) => error.path),
        ['/items/0'],
      );
      // Exactly what is left can be taken.
      await place([{ movieId: few.id, quantity: 2 }]);
      assert.equal(await stockOf(backlot, few.id), 0);
    });

    it('refuses unknown movies and clients (422) and bad bodies (400), taking no stock', async () => {
      const movie = await stockedMovie(backlot, 100, 5);
      const unknownMovie = await call('POST', '/orders', clerk, {
        clientId,
        items: [
          { movieId: movie.id, quantity: 1 },
          { movieId: 999_999, quantity: 1 },
        ],
      });
      assert.deepEqual(assertProblem(unknownMovie, 422, 'no_such_movie').errors, [
        { path: '/items/1', message: 'movie 999999 does not exist' },
      ]);
      const unknownClient = await call('POST', '/orders', clerk, {
        clientId: 999_999,
        items: [{ movieId: movie.id, quantity: 1 }],
      });
      assert.deepEqual(assertProblem(unknownClient, 422, 'no_such_client').errors?.[0]?.path, '/clientId');
      assert.equal(await stockOf(backlot, movie.id), 5);
      for (const body of [
        { clientId, items: [] },
        { clientId, items: [{ movieId: movie.id, quantity: 0 }] },
        { clientId, items: [{ movieId: movie.id, quantity: 1.5 }] },
        { clientId, items: [{ movieId: movie.id, quantity: 1, unitPriceCents: 1 }] },
        { clientId, items: [{ movieId: movie.id, quantity: 1 }], totalCents: 1 },
        { clientId, items: [{ movieId: movie.id, quantity: 1 }], status: 'fulfilled' },
        { items: [{ movieId: movie.id, quantity: 1 }] },
      ]) {
        assertProblem(await call('POST', '/orders', clerk, body), 400);
      }
      assert.equal(await stockOf(backlot, movie.id), 5);
      assert.equal(await ordersOf(backlot, movie.id), 0);
    });

    it('fulfils and cancels pending orders only; cancelling gives the stock back', async () => {
      const movie = await stockedMovie(backlot, 700, 10);
      const other = await stockedMovie(backlot, 300, 10);
      const toFulfil = await place([{ movieId: movie.id, quantity: 3 }]);
      const fulfilled = await call('POST', `/orders/${toFulfil.id}/fulfil`, clerk);
      expectStatus(fulfilled, 200);
      assert.equal(fulfilled.json().status, 'fulfilled');
      assert.equal(fulfilled.json().version, 2);
      assert.equal(fulfilled.headers.etag, '"2"');
      assert.ok(Math.abs(Date.parse(fulfilled.json().fulfilledAt) - Date.now()) < 60_000);
      assertProblem(await call('POST', `/orders/${toFulfil.id}/fulfil`, clerk), 409, 'order_not_pending');
      assertProblem(await call('POST', `/orders/${toFulfil.id}/cancel`, clerk), 409, 'order_not_pending');
      assert.equal(await stockOf(backlot, movie.id), 7);

      const toCancel = await place([
        { movieId: movie.id, quantity: 4 },
        { movieId: other.id, quantity: 6 },
      ]);
      assert.deepEqual([await stockOf(backlot, movie.id), await stockOf(backlot, other.id)], [3, 4]);
      const cancelled = await call('POST', `/orders/${toCancel.id}/cancel`, admin);
      expectStatus(cancelled, 200);
      assert.equal(cancelled.json().status, 'cancelled');
      assert.equal(cancelled.json().fulfilledAt, null);
      assert.deepEqual([await stockOf(backlot, movie.id), await stockOf(backlot, other.id)], [7, 10]);
      assertProblem(await call('POST', `/orders/${toCancel.id}/cancel`, clerk), 409, 'order_not_pending');
      assertProblem(await call('POST', `/orders/${toCancel.id}/fulfil`, clerk), 409, 'order_not_pending');
      assert.deepEqual([await stockOf(backlot, movie.id), await stockOf(backlot, other.id)], [7, 10]);

      const stale = await place([{ movieId: other.id, quantity: 1 }]);
      assertProblem(await call('POST', `/orders/${stale.id}/fulfil`, clerk, undefined, { 'if-match': '"5"' }), 412);
      expectStatus(await call('POST', `/orders/${stale.id}/cancel`, clerk, undefined, { 'if-match': '"1"' }), 200);
      for (const action of ['fulfil', 'cancel']) {
        assertProblem(await call('POST', `/orders/999999/${action}`, clerk), 404, 'not_found');
      }
      assert.deepEqual(await auditActions(backlot, 'orders', toFulfil.id), ['order.placed', 'order.fulfilled']);
      assert.deepEqual(await auditActions(backlot, 'orders', toCancel.id), ['order.placed', 'order.cancelled']);
    });

    it('cancels an order once when cancellations race, giving its stock back once', async () => {
      const movie = await stockedMovie(backlot, 100, 10);
      const order = await place([{ movieId: movie.id, quantity: 4 }]);
      const answers = await Promise.all([
        call('POST', `/orders/${order.id}/cancel`, clerk),
        call('POST', `/orders/${order.id}/cancel`, admin),
        call('POST', `/orders/${order.id}/fulfil`, clerk),
        call('POST', `/orders/${order.id}/cancel`, clerk),
      ]);
      const codes = answers.map((answer) => answer.statusCode);
      assert.equal(codes.filter((code) => code === 200).length, 1, codes.join());
      assert.equal(codes.filter((code) => code === 409).length, 3, codes.join());
      const final = (await call('GET', `/orders/${order.id}`, clerk)).json() as OrderBody;
      assert.equal(await stockOf(backlot, movie.id), final.status === 'cancelled' ? 10 : 6);
    });

    it('assigns an order to an active user, or to nobody', async () => {
      const movie = await stockedMovie(backlot, 100, 10);
      const order = await place([{ movieId: movie.id, quantity: 1 }]);
      const assigned = await call('PATCH', `/orders/${order.id}`, clerk, { assigneeId: clerk.id });
      expectStatus(assigned, 200);
      assert.equal(assigned.json().assigneeId, clerk.id);
      assert.equal(assigned.json().version, 2);
      const gone = await backlot.user(['store_clerk']);
      await backlot.services.users.deactivate(backlot.system, gone.id);
      for (const assigneeId of [gone.id, 999_999]) {
        const refused = await call('PATCH', `/orders/${order.id}`, clerk, { assigneeId });
        assert.deepEqual(assertProblem(refused, 422, 'invalid_assignee').errors?.[0]?.path, '/assigneeId');
      }
      assertProblem(
        await call('PATCH', `/orders/${order.id}`, clerk, { assigneeId: null }, { 'if-match': '"1"' }),
        412,
      );
      const cleared = await call('PATCH', `/orders/${order.id}`, clerk, { assigneeId: null }, { 'if-match': '"2"' });
      expectStatus(cleared, 200);
      assert.equal(cleared.json().assigneeId, null);
      for (const body of [{}, { status: 'fulfilled' }, { clientId }, { assigneeId: 'me' }]) {
        assertProblem(await call('PATCH', `/orders/${order.id}`, clerk, body), 400);
      }
      assertProblem(await call('PATCH', '/orders/999999', clerk, { assigneeId: null }), 404);
      assertProblem(await call('PATCH', `/orders/${order.id}`, manager, { assigneeId: null }), 403);
      assert.deepEqual(await auditActions(backlot, 'orders', order.id), [
        'order.placed',
        'order.assigned',
        'order.assigned',
      ]);
      // Placing with an assignee: an active user only, and only for holders of patch:orders.
      const withAssignee = await place([{ movieId: movie.id, quantity: 1 }], { assigneeId: admin.id });
      assert.equal(withAssignee.assigneeId, admin.id);
      const badAssignee = await call('POST', '/orders', clerk, {
        clientId,
        items: [{ movieId: movie.id, quantity: 1 }],
        assigneeId: gone.id,
      });
      assertProblem(badAssignee, 422, 'invalid_assignee');
      const role = await backlot.services.roles.create(backlot.system, {
        name: `placer_${dialect.name}`,
        description: 'Places orders only',
        permissions: ['post:orders'],
      });
      const placer = await backlot.user([role.name]);
      const { access_token } = await backlot.signIn(placer.email);
      const asPlacer = { ...placer, token: access_token, headers: { authorization: `Bearer ${access_token}` } };
      const forbidden = await call('POST', '/orders', asPlacer, {
        clientId,
        items: [{ movieId: movie.id, quantity: 1 }],
        assigneeId: admin.id,
      });
      assertProblem(forbidden, 403, 'forbidden_field');
      expectStatus(
        await call('POST', '/orders', asPlacer, { clientId, items: [{ movieId: movie.id, quantity: 1 }] }),
        201,
      );
    });

    it('refuses to delete a movie or a client that has orders (409); an unordered movie goes', async () => {
      const ordered = await stockedMovie(backlot, 100, 3);
      const unordered = await stockedMovie(backlot, 100, 3);
      const client = await newClient(backlot);
      expectStatus(
        await call('POST', '/orders', clerk, { clientId: client.id, items: [{ movieId: ordered.id, quantity: 1 }] }),
        201,
      );
      assertProblem(await call('DELETE', `/movies/${ordered.id}`, admin), 409, 'movie_in_use');
      assert.equal((await call('GET', `/movies/${ordered.id}`, admin)).statusCode, 200);
      assertProblem(await call('DELETE', `/clients/${client.id}`, admin), 409, 'client_in_use');
      expectStatus(await call('DELETE', `/movies/${unordered.id}`, admin), 204);
      // A cancelled order still refers to the movie.
      const cancelledOnly = await stockedMovie(backlot, 100, 3);
      const order = await place([{ movieId: cancelledOnly.id, quantity: 1 }]);
      expectStatus(await call('POST', `/orders/${order.id}/cancel`, clerk), 200);
      assertProblem(await call('DELETE', `/movies/${cancelledOnly.id}`, admin), 409, 'movie_in_use');
    });

    it('lets patch:inventory set price and stock, and patch:movies alone not', async () => {
      const movie = await stockedMovie(backlot, 100, 3);
      const set = await call('PATCH', `/movies/${movie.id}`, clerk, { priceCents: 2500, stock: 40 });
      expectStatus(set, 200);
      assert.deepEqual({ priceCents: set.json().priceCents, stock: set.json().stock }, { priceCents: 2500, stock: 40 });
      assertProblem(await call('PATCH', `/movies/${movie.id}`, director, { priceCents: 1 }), 403);
      assertProblem(await call('PATCH', `/movies/${movie.id}`, director, { stock: 1 }), 403);
      assertProblem(await call('PATCH', `/movies/${movie.id}`, clerk, { title: 'Renamed' }), 403);
      const order = await place([{ movieId: movie.id, quantity: 2 }]);
      assert.equal(order.totalCents, 5000);
      assertProblem(await call('PATCH', `/movies/${movie.id}`, clerk, { stock: -1 }), 400);
    });

    it('honours Idempotency-Key on POST /orders: a repeat takes no more stock and answers the first order', async () => {
      const movie = await stockedMovie(backlot, 400, 10);
      const body = { clientId, items: [{ movieId: movie.id, quantity: 3 }] };
      const headers = { 'idempotency-key': `order-${dialect.name}-1` };
      const first = await call('POST', '/orders', clerk, body, headers);
      expectStatus(first, 201);
      const again = await call('POST', '/orders', clerk, body, headers);
      expectStatus(again, 201);
      assert.deepEqual(again.json(), first.json());
      assert.equal(again.headers.location, first.headers.location);
      assert.equal(await stockOf(backlot, movie.id), 7);
      assert.equal(await ordersOf(backlot, movie.id), 1);
      const changed = await call(
        'POST',
        '/orders',
        clerk,
        { ...body, items: [{ movieId: movie.id, quantity: 1 }] },
        headers,
      );
      assertProblem(changed, 422, 'idempotency_key_reused');
      assert.equal(await stockOf(backlot, movie.id), 7);
      // Concurrent repeats of a new key: one order.
      const racing = { 'idempotency-key': `order-${dialect.name}-2` };
      const answers = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/orders', clerk, body, racing)));
      for (const answer of answers) expectStatus(answer, 201);
      assert.equal(new Set(answers.map((answer) => answer.json().id)).size, 1);
      assert.equal(await stockOf(backlot, movie.id), 4);
      assert.equal(await ordersOf(backlot, movie.id), 2);
      // A refused order does not spend its key: once stock is back, the same request goes through.
      const short = { clientId, items: [{ movieId: movie.id, quantity: 5 }] };
      const shortKey = { 'idempotency-key': `order-${dialect.name}-3` };
      assertProblem(await call('POST', '/orders', clerk, short, shortKey), 409);
      expectStatus(await call('PATCH', `/movies/${movie.id}`, clerk, { stock: 5 }), 200);
      expectStatus(await call('POST', '/orders', clerk, short, shortKey), 201);
      assert.equal(await stockOf(backlot, movie.id), 0);
    });

    it('lists orders with their items, filters, sorts and pages', async () => {
      const client = await newClient(backlot);
      const movie = await stockedMovie(backlot, 1000, 100);
      const made: OrderBody[] = [];
      for (let quantity = 1; quantity <= 5; quantity++) {
        made.push(await place([{ movieId: movie.id, quantity }], { clientId: client.id }));
      }
      expectStatus(await call('POST', `/orders/${made[0]!.id}/fulfil`, clerk), 200);
      expectStatus(await call('POST', `/orders/${made[1]!.id}/cancel`, clerk), 200);
      const ids = async (query: string) => {
        const response = await call('GET', `/orders?${query}`, clerk);
        expectStatus(response, 200);
        return (response.json().items as OrderBody[]).map((order) => order.id);
      };
      const mine = encodeURIComponent(`clientId=${client.id}`);
      assert.deepEqual(await ids(`filter=${mine}&sort=-totalCents`), made.map((order) => order.id).reverse());
      assert.deepEqual(
        await ids(`filter=${encodeURIComponent(`clientId=${client.id} and status=pending and totalCents>=4000`)}`),
        [made[4]!.id, made[3]!.id],
      );
      assert.deepEqual(await ids(`filter=${encodeURIComponent(`clientId=${client.id} and fulfilledAt is not null`)}`), [
        made[0]!.id,
      ]);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await call(
          'GET',
          `/orders?limit=2&sort=totalCents&filter=${mine}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          clerk,
        );
        expectStatus(page, 200);
        const body = page.json() as { items: OrderBody[]; nextCursor: string | null };
        for (const order of body.items) assert.equal(order.items.length, 1);
        seen.push(...body.items.map((order) => order.id));
        cursor = body.nextCursor;
      } while (cursor);
      assert.deepEqual(
        seen,
        made.map((order) => order.id),
      );
      assertProblem(await call('GET', '/orders?filter=price=3', clerk), 400);
      assertProblem(await call('GET', '/orders?q=x', clerk), 400);
      assertProblem(await call('GET', '/orders', director), 403);
    });
  });
}
