/** The rules of booking requests, over HTTP, on every database: who submits, who sees what, who decides. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem } from '../casting/fixtures.ts';
import { api, type Caller, expectStatus } from '../relations/support.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';
import { bookingBody } from './support.ts';

const HOUR = 3600_000;

interface BookingBody {
  id: number;
  status: string;
  requesterId: number;
  version: number;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

for (const dialect of dialects()) {
  describe(`bookings on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let call: ReturnType<typeof api>;
    let requesterA: Caller;
    let requesterB: Caller;
    let manager: Caller;
    let admin: Caller;
    let clerk: Caller;

    before(async () => {
      backlot = await startBacklot(dialect);
      call = api(backlot);
      [requesterA, requesterB, manager, admin, clerk] = await Promise.all([
        backlot.as(['requester']),
        backlot.as(['requester']),
        backlot.as(['management']),
        backlot.as(['admin']),
        backlot.as(['store_clerk']),
      ]);
    });
    after(() => backlot.stop());

    async function submit(caller: Caller, extra: Record<string, unknown> = {}): Promise<BookingBody> {
      const response = await call('POST', '/bookings', caller, bookingBody(extra));
      expectStatus(response, 201);
      return response.json();
    }

    async function auditActions(id: number): Promise<string[]> {
      const rows = await backlot.services.handle.db
        .selectFrom('auditEntries')
        .select(['action', 'actorId'])
        .where('entity', '=', 'bookings')
        .where('entityId', '=', String(id))
        .orderBy('id')
        .execute();
      return rows.map((row) => row.action);
    }

    it('lets a requester submit a pending booking of their own, with a Location and an ETag', async () => {
      const body = bookingBody({
        notes: 'Vegetarian catering',
        address: { street: '500 Congress Ave', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
      });
      const response = await call('POST', '/bookings', requesterA, body);
      expectStatus(response, 201);
      const booking = response.json();
      assert.equal(response.headers.location, `/api/v1/bookings/${booking.id}`);
      assert.equal(response.headers.etag, '"1"');
      assert.deepEqual(
        {
          topic: booking.topic,
          startsAt: booking.startsAt,
          durationMinutes: booking.durationMinutes,
          attendees: booking.attendees,
          address: booking.address,
          notes: booking.notes,
          status: booking.status,
          requesterId: booking.requesterId,
          decidedBy: booking.decidedBy,
          decidedAt: booking.decidedAt,
          decisionNote: booking.decisionNote,
          version: booking.version,
        },
        {
          topic: body.topic,
          startsAt: body.startsAt,
          durationMinutes: 90,
          attendees: 40,
          address: body.address,
          notes: 'Vegetarian catering',
          status: 'pending',
          requesterId: requesterA.id,
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          version: 1,
        },
      );
      const read = await call('GET', `/bookings/${booking.id}`, requesterA);
      expectStatus(read, 200);
      assert.deepEqual(read.json(), booking);
      assert.deepEqual(await auditActions(booking.id), ['booking.submitted']);
    });

    it('refuses a start in the past (422), a duration outside 15–1440 and an unknown country (400)', async () => {
      const past = await call('POST', '/bookings', requesterA, bookingBody({ startsAt: '2020-01-01T10:00:00Z' }));
      assert.deepEqual(assertProblem(past, 422, 'starts_in_past').errors, [
        { path: '/startsAt', message: 'must be in the future' },
      ]);
      const justNow = new Date(Date.now() - 1000).toISOString();
      assertProblem(await call('POST', '/bookings', requesterA, bookingBody({ startsAt: justNow })), 422);
      for (const durationMinutes of [14, 1441, 0, 90.5]) {
        const response = await call('POST', '/bookings', requesterA, bookingBody({ durationMinutes }));
        assert.equal(assertProblem(response, 400).errors?.[0]?.path, '/durationMinutes');
      }
      for (const minutes of [15, 1440]) {
        expectStatus(await call('POST', '/bookings', requesterA, bookingBody({ durationMinutes: minutes })), 201);
      }
      for (const country of ['XX', 'fr', 'FRA', 'UK', 'EU', '']) {
        const address = { street: '1 Main St', city: 'Lyon', postalCode: '69001', country };
        const response = await call('POST', '/bookings', requesterA, bookingBody({ address }));
        assert.equal(assertProblem(response, 400).errors?.[0]?.path, '/address/country', country);
      }
      for (const country of ['GB', 'JP', 'AQ', 'CI', 'ZW']) {
        const address = { street: '1 Main St', city: 'X', postalCode: '1', country };
        expectStatus(await call('POST', '/bookings', requesterA, bookingBody({ address })), 201);
      }
      const missing = await call('POST', '/bookings', requesterA, {
        topic: 'x',
        startsAt: bookingBody().startsAt,
        durationMinutes: 60,
        attendees: 3,
        address: { city: 'Lyon', postalCode: '69001', country: 'FR', floor: 2 },
        status: 'accepted',
      });
      const paths = (assertProblem(missing, 400).errors ?? []).map((error) => error.path).sort();
      assert.deepEqual(paths, ['/address/floor', '/address/street', '/status']);
      const notADate = await call('POST', '/bookings', requesterA, bookingBody({ startsAt: 'tomorrow' }));
      assert.equal(assertProblem(notADate, 400).errors?.[0]?.path, '/startsAt');
    });

    it('lets only holders of post:bookings submit', async () => {
      for (const caller of [manager, clerk]) {
        assertProblem(await call('POST', '/bookings', caller, bookingBody()), 403, 'forbidden');
      }
      expectStatus(await call('POST', '/bookings', admin, bookingBody()), 201);
    });

    it("keeps requester B's bookings out of requester A's reach: list, read, filter, search, withdraw", async () => {
      const mine = await submit(requesterA, { topic: 'Alpha party' });
      const theirs = await submit(requesterB, { topic: 'Beta party' });
      const list = async (query = '') => {
        const response = await call('GET', `/bookings?limit=200${query}`, requesterA);
        expectStatus(response, 200);
        return response.json().items as BookingBody[];
      };
      const all = await list();
      assert.ok(all.some((booking) => booking.id === mine.id));
      assert.ok(all.every((booking) => booking.requesterId === requesterA.id));
      for (const filter of [
        `requesterId=${requesterB.id}`,
        `id=${theirs.id}`,
        `requesterId=${requesterB.id} or requesterId=${requesterA.id}`,
        `not requesterId=${requesterA.id}`,
        `requesterId in (${requesterB.id}, ${requesterA.id})`,
        "topic~'Beta'",
      ]) {
        const items = await list(`&filter=${encodeURIComponent(filter)}`);
        assert.ok(
          items.every((booking) => booking.requesterId === requesterA.id),
          `${filter} reached another requester's booking`,
        );
        assert.ok(!items.some((booking) => booking.id === theirs.id), filter);
      }
      assert.deepEqual(await list('&q=Beta'), []);
      const meFilter = await list(`&filter=${encodeURIComponent('requesterId=me')}`);
      assert.ok(meFilter.some((booking) => booking.id === mine.id));

      assertProblem(await call('GET', `/bookings/${theirs.id}`, requesterA), 404, 'not_found');
      assertProblem(await call('GET', '/bookings/999999', requesterA), 404, 'not_found');
      assertProblem(await call('DELETE', `/bookings/${theirs.id}`, requesterA), 404, 'not_found');
      assertProblem(await call('POST', `/bookings/${theirs.id}/accept`, requesterA, {}), 403, 'forbidden');
      assertProblem(await call('POST', `/bookings/${theirs.id}/reject`, requesterA, { reason: 'no' }), 403);
      const still = await call('GET', `/bookings/${theirs.id}`, requesterB);
      expectStatus(still, 200);
      assert.equal(still.json().status, 'pending');
      assert.equal(still.json().version, 1);
      // Management sees both.
      const managed = await call(
        'GET',
        `/bookings?limit=200&filter=${encodeURIComponent(`id in (${mine.id}, ${theirs.id})`)}`,
        manager,
      );
      assert.deepEqual(
        (managed.json().items as BookingBody[]).map((booking) => booking.id).sort((a, b) => a - b),
        [mine.id, theirs.id].sort((a, b) => a - b),
      );
    });

    it('lets a requester withdraw their own booking while it is pending, and only then', async () => {
      const pending = await submit(requesterA);
      const response = await call('DELETE', `/bookings/${pending.id}`, requesterA);
      expectStatus(response, 204);
      assert.equal(response.body, '');
      assertProblem(await call('GET', `/bookings/${pending.id}`, requesterA), 404);
      assertProblem(await call('DELETE', `/bookings/${pending.id}`, requesterA), 404);
      assert.deepEqual(await auditActions(pending.id), ['booking.submitted', 'booking.withdrawn']);

      const accepted = await submit(requesterA);
      expectStatus(await call('POST', `/bookings/${accepted.id}/accept`, manager, {}), 200);
      assertProblem(await call('DELETE', `/bookings/${accepted.id}`, requesterA), 409, 'booking_not_pending');
      const rejected = await submit(requesterA);
      expectStatus(await call('POST', `/bookings/${rejected.id}/reject`, manager, { reason: 'Full' }), 200);
      assertProblem(await call('DELETE', `/bookings/${rejected.id}`, requesterA), 409, 'booking_not_pending');
      const stale = await submit(requesterA);
      assertProblem(await call('DELETE', `/bookings/${stale.id}`, requesterA, undefined, { 'if-match': '"7"' }), 412);
      expectStatus(await call('DELETE', `/bookings/${stale.id}`, requesterA, undefined, { 'if-match': '"1"' }), 204);
    });

    it('lets management accept or reject pending bookings only, once', async () => {
      const one = await submit(requesterA);
      const accepted = await call('POST', `/bookings/${one.id}/accept`, manager, { note: 'See you there' });
      expectStatus(accepted, 200);
      const body = accepted.json() as BookingBody;
      assert.equal(accepted.headers.etag, '"2"');
      assert.equal(body.status, 'accepted');
      assert.equal(body.decidedBy, manager.id);
      assert.equal(body.decisionNote, 'See you there');
      assert.ok(body.decidedAt && Math.abs(Date.parse(body.decidedAt) - Date.now()) < 60_000);
      assertProblem(await call('POST', `/bookings/${one.id}/accept`, manager, {}), 409, 'booking_not_pending');
      assertProblem(await call('POST', `/bookings/${one.id}/reject`, manager, { reason: 'x' }), 409);

      const two = await submit(requesterB);
      assertProblem(await call('POST', `/bookings/${two.id}/reject`, manager, {}), 400);
      assertProblem(await call('POST', `/bookings/${two.id}/reject`, manager, { reason: '' }), 400);
      const rejected = await call('POST', `/bookings/${two.id}/reject`, admin, { reason: 'Fully booked' });
      expectStatus(rejected, 200);
      assert.deepEqual(
        { status: rejected.json().status, decisionNote: rejected.json().decisionNote, by: rejected.json().decidedBy },
        { status: 'rejected', decisionNote: 'Fully booked', by: admin.id },
      );
      assertProblem(await call('POST', `/bookings/${two.id}/accept`, manager), 409, 'booking_not_pending');
      // The requester sees the decision.
      const seen = await call('GET', `/bookings/${two.id}`, requesterB);
      assert.equal(seen.json().status, 'rejected');

      const three = await submit(requesterA);
      const bare = await call('POST', `/bookings/${three.id}/accept`, manager);
      expectStatus(bare, 200);
      assert.equal(bare.json().decisionNote, null);

      assertProblem(await call('POST', '/bookings/999999/accept', manager, {}), 404);
      const four = await submit(requesterA);
      assertProblem(await call('POST', `/bookings/${four.id}/accept`, manager, {}, { 'if-match': '"3"' }), 412);
      expectStatus(await call('POST', `/bookings/${four.id}/accept`, manager, {}, { 'if-match': '"1"' }), 200);
      for (const caller of [requesterA, clerk]) {
        assertProblem(await call('POST', `/bookings/${four.id}/accept`, caller, {}), 403);
      }
      assert.deepEqual(await auditActions(one.id), ['booking.submitted', 'booking.accepted']);
      assert.deepEqual(await auditActions(two.id), ['booking.submitted', 'booking.rejected']);
    });

    it('decides a booking once when an acceptance and a rejection race', async () => {
      for (let round = 0; round < 5; round++) {
        const booking = await submit(requesterA);
        const answers = await Promise.all([
          call('POST', `/bookings/${booking.id}/accept`, manager, {}),
          call('POST', `/bookings/${booking.id}/reject`, admin, { reason: 'No' }),
          call('POST', `/bookings/${booking.id}/accept`, admin, {}),
        ]);
        const statuses = answers.map((answer) => answer.statusCode).sort();
        assert.deepEqual(statuses, [200, 409, 409], answers.map((answer) => answer.body).join('\n'));
        const decisions = (await auditActions(booking.id)).filter((action) => action !== 'booking.submitted');
        assert.equal(decisions.length, 1);
      }
    });

    it('lets management delete any booking, whatever its state; requesters cannot delete decided ones', async () => {
      const pending = await submit(requesterA);
      const accepted = await submit(requesterB);
      expectStatus(await call('POST', `/bookings/${accepted.id}/accept`, manager, {}), 200);
      for (const booking of [pending, accepted]) {
        expectStatus(await call('DELETE', `/bookings/${booking.id}`, manager), 204);
        assertProblem(await call('GET', `/bookings/${booking.id}`, manager), 404);
        assert.equal((await auditActions(booking.id)).at(-1), 'booking.deleted');
      }
      assertProblem(await call('DELETE', `/bookings/${pending.id}`, manager), 404);
      const other = await submit(requesterA);
      assertProblem(await call('DELETE', `/bookings/${other.id}`, clerk), 403, 'forbidden');
      assertProblem(await call('DELETE', `/bookings/${other.id}`, manager, undefined, { 'if-match': '"2"' }), 412);
    });

    it('lists with filters, sort and keyset pages', async () => {
      const requester = await backlot.as(['requester']);
      const made: BookingBody[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(
          await submit(requester, {
            topic: `Paged ${i}`,
            startsAt: new Date(Date.now() + (10 + i) * 24 * HOUR).toISOString(),
            address: { street: 'x', city: i % 2 ? 'Paris' : 'Nice', postalCode: '75001', country: i < 3 ? 'FR' : 'BE' },
          }),
        );
      }
      expectStatus(await call('POST', `/bookings/${made[1]!.id}/accept`, manager, {}), 200);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/bookings?limit=2&sort=-startsAt${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await call('GET', query, requester);
        expectStatus(page, 200);
        seen.push(...(page.json().items as BookingBody[]).map((booking) => booking.id));
        cursor = page.json().nextCursor;
      } while (cursor);
      assert.deepEqual(seen, made.map((booking) => booking.id).reverse());
      const filtered = async (filter: string) => {
        const response = await call('GET', `/bookings?filter=${encodeURIComponent(filter)}`, requester);
        expectStatus(response, 200);
        return (response.json().items as BookingBody[]).map((booking) => booking.id);
      };
      assert.deepEqual(await filtered('status=accepted'), [made[1]!.id]);
      assert.deepEqual(await filtered('address.country=BE'), [made[3]!.id, made[4]!.id]);
      assert.deepEqual(await filtered('address.city=Paris and status=pending'), [made[3]!.id]);
      assertProblem(await call('GET', '/bookings?filter=owner=3', requester), 400);
      assertProblem(await call('GET', '/bookings?sort=requesterId', requester), 400);
      const search = await call('GET', '/bookings?q=paged%204', requester);
      assert.deepEqual(
        (search.json().items as BookingBody[]).map((booking) => booking.id),
        [made[4]!.id],
      );
    });

    it('honours Idempotency-Key: a repeat creates nothing and answers the first booking; another body is 422', async () => {
      const countOf = async (requesterId: number) =>
        Number(
          (
            await backlot.services.handle.db
              .selectFrom('bookings')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('requesterId', '=', requesterId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const requester = await backlot.as(['requester']);
      const body = bookingBody({ topic: 'Once only' });
      const headers = { 'idempotency-key': `booking-${dialect.name}-1` };
      const first = await call('POST', '/bookings', requester, body, headers);
      expectStatus(first, 201);
      const second = await call('POST', '/bookings', requester, body, headers);
      expectStatus(second, 201);
      assert.deepEqual(second.json(), first.json());
      assert.equal(second.headers.location, first.headers.location);
      assert.equal(await countOf(requester.id), 1);
      const other = await call('POST', '/bookings', requester, { ...body, topic: 'Something else' }, headers);
      assertProblem(other, 422, 'idempotency_key_reused');
      assert.equal(await countOf(requester.id), 1);
      // Concurrent repeats: still one booking.
      const racing = { 'idempotency-key': `booking-${dialect.name}-2` };
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => call('POST', '/bookings', requester, body, racing)),
      );
      for (const answer of answers) expectStatus(answer, 201);
      assert.equal(new Set(answers.map((answer) => answer.json().id)).size, 1);
      assert.equal(await countOf(requester.id), 2);
      // The key belongs to its user: another requester with the same key makes their own booking.
      const someoneElse = await backlot.as(['requester']);
      const theirs = await call('POST', '/bookings', someoneElse, body, headers);
      expectStatus(theirs, 201);
      assert.notEqual(theirs.json().id, first.json().id);
      assert.equal(theirs.json().requesterId, someoneElse.id);
      // A refused request does not spend the key.
      const pastKey = { 'idempotency-key': `booking-${dialect.name}-3` };
      const past = bookingBody({ startsAt: '2001-01-01T00:00:00Z' });
      assertProblem(await call('POST', '/bookings', requester, past, pastKey), 422, 'starts_in_past');
      expectStatus(await call('POST', '/bookings', requester, body, pastKey), 201);
      assertProblem(await call('POST', '/bookings', requester, body, { 'idempotency-key': 'has space' }), 400);
    });

    it('answers 401 without a token', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/bookings'],
        ['POST', '/api/v1/bookings'],
        ['GET', '/api/v1/bookings/1'],
        ['POST', '/api/v1/bookings/1/accept'],
        ['POST', '/api/v1/bookings/1/reject'],
        ['DELETE', '/api/v1/bookings/1'],
      ] as const) {
        assertProblem(await backlot.request({ method, url, body: {} }), 401);
      }
    });
  });
}
