/**
 * Hostile or odd input is a 4xx problem+json with nothing written, on every database: bodies nested thousands deep,
 * over-long request ids, leap seconds, audit entries larger than MySQL's TEXT.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, type Caller, expectStatus } from '../relations/support.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

for (const dialect of dialects()) {
  describe(`bad input on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let call: ReturnType<typeof api>;
    let admin: Caller;

    before(async () => {
      backlot = await startBacklot(dialect);
      call = api(backlot);
      admin = await backlot.as(['admin']);
    });
    after(() => backlot.stop());

    const auditCount = async () =>
      Number(
        (
          await backlot.services.handle.db
            .selectFrom('auditEntries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('a body nested 8,000 deep is a 400, and nothing is written', async () => {
      const before = await auditCount();
      let deep = '"x"';
      for (let i = 0; i < 8000; i++) deep = `{"a":${deep}}`;
      const response = await backlot.request({
        method: 'POST',
        url: '/api/v1/actors',
        token: admin.token,
        body: `{"name":${deep}}`,
        headers: { 'content-type': 'application/json' },
      });
      expectStatus(response, 400);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.match(response.json().errors[0].message, /nested/);
      assert.equal(await auditCount(), before);
    });

    it('an over-long or malformed X-Request-Id is replaced by a generated one, also in the audit trail', async () => {
      for (const given of ['r'.repeat(129), 'has spaces and "quotes"', 'é'.repeat(10)]) {
        const response = await call('POST', '/actors', admin, { name: 'Traced' }, { 'x-request-id': given });
        expectStatus(response, 201);
        const id = String(response.headers['x-request-id']);
        assert.match(id, /^[0-9a-f-]{36}$/);
        const entry = await backlot.services.handle.db
          .selectFrom('auditEntries')
          .select('requestId')
          .where('entity', '=', 'actors')
          .where('entityId', '=', String(response.json().id))
          .executeTakeFirstOrThrow();
        assert.equal(entry.requestId, id);
      }
      const kept = 'k'.repeat(128);
      const response = await call('POST', '/actors', admin, { name: 'Traced' }, { 'x-request-id': kept });
      expectStatus(response, 201);
      assert.equal(response.headers['x-request-id'], kept);
    });

    it('a leap second is a 400 on bookings, events and clients, and nothing is written', async () => {
      const requester = await backlot.as(['requester']);
      const before = await auditCount();
      const leap = '2031-12-31T23:59:60Z';
      const booking = await call('POST', '/bookings', requester, {
        topic: 'Leap',
        startsAt: leap,
        durationMinutes: 60,
        attendees: 10,
        address: { street: '1 Rue', city: 'Paris', postalCode: '75001', country: 'FR' },
      });
      expectStatus(booking, 400);
      assert.deepEqual(
        booking.json().errors.map((error: { path: string }) => error.path),
        ['/startsAt'],
      );
      const event = await call('POST', '/events', admin, {
        name: 'Leap',
        contractId: 1,
        startsAt: leap,
        endsAt: '2032-01-01T01:00:00Z',
      });
      expectStatus(event, 400);
      const client = await call('POST', '/clients', admin, {
        fullName: 'Leap',
        email: `leap.${dialect.name}@example.com`,
        lastContactAt: leap,
      });
      expectStatus(client, 400);
      assert.equal(await auditCount(), before);
    });

    it('an event whose 10,000-emoji notes change twice keeps its whole audit trail', async () => {
      const client = await backlot.services.relations.createClient(backlot.system, {
        fullName: 'Emoji',
        email: `emoji.${dialect.name}@example.com`,
      });
      const contract = await backlot.services.relations.createContract(backlot.system, {
        clientId: client.id,
        totalCents: 100,
      });
      await backlot.services.relations.signContract(backlot.system, contract.id);
      const created = await call('POST', '/events', admin, {
        name: 'Emoji',
        contractId: contract.id,
        startsAt: '2031-06-01T10:00:00Z',
        endsAt: '2031-06-01T12:00:00Z',
        notes: '🎬'.repeat(10_000),
      });
      expectStatus(created, 201);
      const id = created.json().id;
      expectStatus(await call('PATCH', `/events/${id}`, admin, { notes: '🎞️'.repeat(5_000) }), 200);
      expectStatus(await call('PATCH', `/events/${id}`, admin, { notes: '🍿'.repeat(10_000) }), 200);
      const trail = await call(
        'GET',
        `/audit?filter=${encodeURIComponent(`entity=events and entityId='${id}'`)}`,
        admin,
      );
      expectStatus(trail, 200);
      const notes = trail.json().items.map((entry: { changes: { notes: [string, string] } }) => entry.changes.notes[1]);
      assert.ok(notes.includes('🍿'.repeat(10_000)));
      const verify = await call('GET', '/audit/verify', admin);
      assert.equal(verify.json().ok, true);
    });
  });
}
