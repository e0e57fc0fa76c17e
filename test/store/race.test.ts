/**
 * Orders racing for stock, on every database: however many orders arrive at once, stock never goes below zero and
 * exactly as many copies are sold as there were. RACE_ROUNDS repeats each race (default 1).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem } from '../casting/fixtures.ts';
import { api, type Caller } from '../relations/support.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';
import { newClient, ordersOf, stockedMovie, stockOf } from './support.ts';

const ROUNDS = Number(process.env.RACE_ROUNDS ?? 1);

for (const dialect of dialects()) {
  describe(`orders racing for stock on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let call: ReturnType<typeof api>;
    let clerks: Caller[];
    let clientId: number;

    before(async () => {
      backlot = await startBacklot(dialect);
      call = api(backlot);
      clerks = await Promise.all([1, 2, 3, 4].map(() => backlot.as(['store_clerk'])));
      clientId = (await newClient(backlot)).id;
    });
    after(() => backlot.stop());

    for (let round = 1; round <= ROUNDS; round++) {
      it(`40 orders of one copy for 10 in stock: 10 placed, 30 refused with 409, stock 0 (round ${round})`, async () => {
        const movie = await stockedMovie(backlot, 1500, 10);
        const answers = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            call('POST', '/orders', clerks[i % clerks.length]!, {
              clientId,
              items: [{ movieId: movie.id, quantity: 1 }],
            }),
          ),
        );
        const placed = answers.filter((answer) => answer.statusCode === 201);
        const refused = answers.filter((answer) => answer.statusCode === 409);
        const other = answers.filter((answer) => answer.statusCode !== 201 && answer.statusCode !== 409);
        assert.deepEqual(
          other.map((answer) => answer.body),
          [],
        );
        assert.equal(placed.length, 10);
        assert.equal(refused.length, 30);
        for (const answer of refused) {
          const problem = assertProblem(answer, 409, 'insufficient_stock');
          assert.deepEqual(problem.errors, [{ path: '/items/0', message: `movie ${movie.id}: 0 in stock, 1 wanted` }]);
        }
        assert.equal(new Set(placed.map((answer) => answer.json().id)).size, 10);
        assert.equal(await stockOf(backlot, movie.id), 0);
        assert.equal(await ordersOf(backlot, movie.id), 10);
        const totals = await backlot.services.handle.db
          .selectFrom('orders')
          .innerJoin('orderItems', 'orderItems.orderId', 'orders.id')
          .select(['orders.totalCents', 'orderItems.quantity', 'orderItems.unitPriceCents'])
          .where('orderItems.movieId', '=', movie.id)
          .execute();
        assert.ok(totals.every((row) => Number(row.totalCents) === 1500 && row.quantity === 1));
      });

      it(`orders naming two movies in opposite orders, with cancellations, neither deadlock nor oversell (round ${round})`, async () => {
        const a = await stockedMovie(backlot, 100, 12);
        const b = await stockedMovie(backlot, 200, 12);
        const first = await call('POST', '/orders', clerks[0]!, {
          clientId,
          items: [
            { movieId: a.id, quantity: 2 },
            { movieId: b.id, quantity: 2 },
          ],
        });
        assert.equal(first.statusCode, 201, first.body);
        const answers = await Promise.all([
          call('POST', `/orders/${first.json().id}/cancel`, clerks[1]!),
          ...Array.from({ length: 30 }, (_, i) => {
            const items = [
              { movieId: a.id, quantity: 1 + (i % 2) },
              { movieId: b.id, quantity: 1 },
            ];
            return call('POST', '/orders', clerks[i % clerks.length]!, {
              clientId,
              items: i % 2 === 0 ? items : items.reverse(),
            });
          }),
        ]);
        const codes = answers.map((answer) => answer.statusCode);
        assert.ok(
          codes.every((code) => code === 200 || code === 201 || code === 409),
          answers
            .filter((answer) => answer.statusCode >= 500 || answer.statusCode === 400)
            .map((answer) => answer.body)
            .join('\n'),
        );
        assert.equal(codes[0], 200);
        // What is left is what was there minus what the standing orders hold: nothing lost, nothing oversold.
        const held = await backlot.services.handle.db
          .selectFrom('orderItems')
          .innerJoin('orders', 'orders.id', 'orderItems.orderId')
          .select(['orderItems.movieId', 'orderItems.quantity'])
          .where('orderItems.movieId', 'in', [a.id, b.id])
          .where('orders.status', '!=', 'cancelled')
          .execute();
        const sum = (movieId: number) =>
          held.filter((row) => row.movieId === movieId).reduce((total, row) => total + row.quantity, 0);
        const [stockA, stockB] = [await stockOf(backlot, a.id), await stockOf(backlot, b.id)];
        assert.ok(stockA >= 0 && stockB >= 0);
        assert.equal(stockA + sum(a.id), 12);
        assert.equal(stockB + sum(b.id), 12);
      });
    }
  });
}
