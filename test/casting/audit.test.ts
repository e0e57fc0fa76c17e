/** The audit trail of casting changes: one entry per change with before/after, and a tamper-evident chain. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BUILT_IN_ROLES, expandPermissions } from '../../src/access/catalogue.ts';
import { hashEntry } from '../../src/audit/audit.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';
import { assertProblem } from './fixtures.ts';

interface Entry {
  id: number;
  at: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string;
  changes: Record<string, [unknown, unknown]>;
  requestId: string | null;
  hash: string | null;
  pending: boolean;
}

interface Verification {
  ok: boolean;
  checked: number;
  brokenAt: { id: number; reason: string } | null;
}

/** Every audit entry matching `filter`, oldest first. */
async function entries(backlot: TestBacklot, token: string, filter?: string): Promise<Entry[]> {
  const all: Entry[] = [];
  let cursor: string | null = null;
  do {
    const search = new URLSearchParams({ limit: '200', ...(filter ? { filter } : {}), ...(cursor ? { cursor } : {}) });
    const response = await backlot.request({ method: 'GET', url: `/api/v1/audit?${search}`, token });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { items: Entry[]; nextCursor: string | null };
    all.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return all.reverse();
}

async function verify(backlot: TestBacklot, token: string): Promise<Verification> {
  const response = await backlot.request({ method: 'GET', url: '/api/v1/audit/verify', token });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

for (const dialect of dialects()) {
  describe(`casting audit on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let admin: { id: number; token: string };

    before(async () => {
      // Entries stay pending until a test seals them, so that every test sees them in a known state.
      backlot = await startBacklot(dialect, {}, { sealer: false });
      admin = await backlot.as(['admin']);
    });
    after(() => backlot.stop());

    /** A request with its own X-Request-Id, which the audit entry must carry. */
    let requests = 0;
    async function change(
      method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
      url: string,
      body?: unknown,
      token = admin.token,
    ): Promise<{ json: Record<string, unknown>; requestId: string; status: number }> {
      const requestId = `audit-test-${dialect.name}-${++requests}`;
      const response = await backlot.request({ method, url, body, token, headers: { 'x-request-id': requestId } });
      assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
      assert.equal(response.headers['x-request-id'], requestId);
      return { json: response.body ? response.json() : {}, requestId, status: response.statusCode };
    }

    it('GET /audit answers 200 with entries whose changes are [before, after] pairs', async () => {
      await backlot.services.casting.createActor(backlot.system, { name: 'Serialised', age: 20 });
      const response = await backlot.request({ method: 'GET', url: '/api/v1/audit?limit=5', token: admin.token });
      assert.equal(response.statusCode, 200, response.body);
      const [latest] = (response.json() as { items: Entry[] }).items;
      assert.deepEqual(latest?.changes, { name: [null, 'Serialised'], age: [null, 20], gender: [null, null] });
    });

    it('every casting change writes one entry with the changed fields before and after', async () => {
      const start = await entries(backlot, admin.token, "entity in ('movies', 'actors')");
      const expected: Omit<Entry, 'id' | 'at' | 'hash' | 'pending'>[] = [];
      const expect = (
        requestId: string,
        action: string,
        entity: string,
        entityId: number,
        changes: Record<string, [unknown, unknown]>,
      ) => expected.push({ actorId: admin.id, action, entity, entityId: String(entityId), changes, requestId });

      const created = await change('POST', '/api/v1/movies', {
        title: 'Audit Film',
        releaseDate: '2020-01-01',
        genres: ['drama'],
        priceCents: 500,
        stock: 3,
      });
      const movieId = created.json.id as number;
      const movieUrl = `/api/v1/movies/${movieId}`;
      expect(created.requestId, 'movie.created', 'movies', movieId, {
        title: [null, 'Audit Film'],
        releaseDate: [null, '2020-01-01'],
        genres: [null, ['drama']],
        priceCents: [null, 500],
        stock: [null, 3],
      });

      const retitled = await change('PATCH', movieUrl, { title: 'Audit Film II' });
      expect(retitled.requestId, 'movie.updated', 'movies', movieId, { title: ['Audit Film', 'Audit Film II'] });

      const restocked = await change('PATCH', movieUrl, { priceCents: 700, stock: 3, genres: ['drama', 'noir'] });
      expect(restocked.requestId, 'movie.updated', 'movies', movieId, {
        genres: [['drama'], ['drama', 'noir']],
        priceCents: [500, 700],
      });

      const actor = await change('POST', '/api/v1/actors', { name: 'Audit Actor', age: 40 });
      const actorId = actor.json.id as number;
      const actorUrl = `/api/v1/actors/${actorId}`;
      expect(actor.requestId, 'actor.created', 'actors', actorId, {
        name: [null, 'Audit Actor'],
        age: [null, 40],
        gender: [null, null],
      });

      const castIt = await change('PUT', `${movieUrl}/cast/${actorId}`, { character: 'Hero', billing: 1 });
      assert.equal(castIt.status, 201);
      expect(castIt.requestId, 'movie.cast', 'movies', movieId, {
        actorId: [null, actorId],
        character: [null, 'Hero'],
        billing: [null, 1],
      });

      const recast = await change('PUT', `${movieUrl}/cast/${actorId}`, { character: 'Villain' });
      assert.equal(recast.status, 200);
      expect(recast.requestId, 'movie.recast', 'movies', movieId, { character: ['Hero', 'Villain'] });

      const uncast = await change('DELETE', `${movieUrl}/cast/${actorId}`);
      expect(uncast.requestId, 'movie.uncast', 'movies', movieId, {
        actorId: [actorId, null],
        character: ['Villain', null],
        billing: [1, null],
      });

      const aged = await change('PATCH', actorUrl, { age: 41, gender: 'female' });
      expect(aged.requestId, 'actor.updated', 'actors', actorId, { age: [40, 41], gender: [null, 'female'] });

      const castAgain = await change('PUT', `${movieUrl}/cast/${actorId}`, { character: 'Twin' });
      expect(castAgain.requestId, 'movie.cast', 'movies', movieId, {
        actorId: [null, actorId],
        character: [null, 'Twin'],
        billing: [null, null],
      });

      const actorGone = await change('DELETE', actorUrl);
      expect(actorGone.requestId, 'actor.deleted', 'actors', actorId, {
        name: ['Audit Actor', null],
        age: [41, null],
        gender: ['female', null],
        movieIds: [[movieId], null],
      });

      const movieGone = await change('DELETE', movieUrl);
      expect(movieGone.requestId, 'movie.deleted', 'movies', movieId, {
        title: ['Audit Film II', null],
        releaseDate: ['2020-01-01', null],
        genres: [['drama', 'noir'], null],
        priceCents: [700, null],
        stock: [3, null],
      });

      await backlot.services.audit.sealPending();
      const trail = await entries(backlot, admin.token, "entity in ('movies', 'actors')");
      const added = trail.slice(start.length);
      assert.deepEqual(
        added.map(({ id: _id, at: _at, hash: _hash, pending: _pending, ...rest }) => rest),
        expected,
      );
      for (const entry of added) {
        assert.match(entry.hash ?? '', /^[0-9a-f]{64}$/);
        assert.equal(entry.pending, false);
        assert.match(entry.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
        assert.ok(!('prevHash' in entry));
      }
      const ids = added.map((entry) => entry.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );

      // The filter of the brief: entity=movies gives exactly the movie entries, newest first.
      const movieEntries = await entries(backlot, admin.token, `entity=movies and entityId='${movieId}'`);
      assert.deepEqual(
        movieEntries.map((entry) => entry.action),
        expected.filter((entry) => entry.entity === 'movies').map((entry) => entry.action),
      );
      const updates = await entries(backlot, admin.token, `entity=movies and action='movie.updated' and at>today`);
      assert.ok(updates.some((entry) => entry.entityId === String(movieId)));
      assert.ok(updates.every((entry) => entry.action === 'movie.updated'));

      assert.deepEqual(await verify(backlot, admin.token), {
        ok: true,
        checked: (await entries(backlot, admin.token)).length,
        brokenAt: null,
      });
    });

    it('refused and failed changes write nothing', async () => {
      const movie = await change('POST', '/api/v1/movies', { title: 'Untouchable', releaseDate: '2020-01-01' });
      const url = `/api/v1/movies/${movie.json.id}`;
      const clerk = await backlot.as(['store_clerk']);
      const before = (await entries(backlot, admin.token)).length;
      const attempts = [
        { method: 'PATCH', url, body: { title: 'Clerk says' }, token: clerk.token },
        { method: 'PATCH', url, body: { title: 'Stale' }, token: admin.token, headers: { 'if-match': '"9"' } },
        { method: 'DELETE', url, token: admin.token, headers: { 'if-match': '"9"' } },
        { method: 'PATCH', url, body: { title: '' }, token: admin.token },
        { method: 'PATCH', url: '/api/v1/movies/2000000000', body: { title: 'Nope' }, token: admin.token },
        { method: 'PUT', url: `${url}/cast/2000000000`, body: { character: 'Nobody' }, token: admin.token },
        { method: 'DELETE', url: `${url}/cast/1`, token: admin.token },
        { method: 'POST', url: '/api/v1/actors', body: { name: 'Too old', age: 151 }, token: admin.token },
      ] as const;
      for (const attempt of attempts) {
        const response = await backlot.request(attempt);
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, response.body);
      }
      assert.equal((await entries(backlot, admin.token)).length, before);
    });

    it('concurrent changes keep the chain one line', async () => {
      const before = (await entries(backlot, admin.token)).length;
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          backlot.request({ method: 'POST', url: '/api/v1/actors', token: admin.token, body: { name: `Crowd ${i}` } }),
        ),
      );
      assert.deepEqual(
        responses.map((response) => response.statusCode),
        responses.map(() => 201),
      );
      assert.equal((await entries(backlot, admin.token)).length, before + 10);
      await backlot.services.audit.sealPending();
      const result = await verify(backlot, admin.token);
      assert.deepEqual(result, { ok: true, checked: before + 10, brokenAt: null });
    });

    it('a committed entry is pending (no hash, not verified) until it is sealed, then chained and verified', async () => {
      await backlot.services.audit.sealPending();
      const sealed = await verify(backlot, admin.token);
      const made = await change('POST', '/api/v1/actors', { name: 'Pending Actor' });
      const [latest] = (await entries(backlot, admin.token, 'entity=actors')).slice(-1);
      assert.equal(latest?.entityId, String(made.json.id));
      assert.equal(latest?.pending, true);
      assert.equal(latest?.hash, null);
      assert.deepEqual(await verify(backlot, admin.token), sealed);

      assert.equal(await backlot.services.audit.sealPending(), 1);
      const [now] = (await entries(backlot, admin.token, 'entity=actors')).slice(-1);
      assert.equal(now?.pending, false);
      assert.match(now?.hash ?? '', /^[0-9a-f]{64}$/);
      assert.deepEqual(await verify(backlot, admin.token), { ok: true, checked: sealed.checked + 1, brokenAt: null });
      assert.equal(await backlot.services.audit.sealPending(), 0);
    });

    it('roles without get:audit get 403 on /audit and /audit/verify; the others 200', async () => {
      for (const role of BUILT_IN_ROLES) {
        const { token } = await backlot.as([role.name]);
        const permitted = expandPermissions(role.permissions).includes('get:audit');
        for (const url of ['/api/v1/audit', '/api/v1/audit/verify', '/api/v1/audit?filter=entity%3Dmovies']) {
          const response = await backlot.request({ method: 'GET', url, token });
          if (permitted) assert.equal(response.statusCode, 200, `${role.name} ${url}: ${response.body}`);
          else assertProblem(response, 403, 'forbidden');
        }
      }
      const anonymous = await backlot.request({ method: 'GET', url: '/api/v1/audit/verify' });
      assertProblem(anonymous, 401);
    });
  });

  describe(`audit tampering on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let token: string;
    let original: Awaited<ReturnType<typeof snapshot>>;

    async function snapshot() {
      const db = backlot.handle.db;
      const entries = await db.selectFrom('auditEntries').selectAll().orderBy('id').execute();
      const head = await db.selectFrom('auditHead').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
      return { entries, head };
    }

    before(async () => {
      backlot = await startBacklot(dialect, {}, { sealer: false });
      token = (await backlot.as(['admin'])).token;
      for (let i = 0; i < 5; i++) {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token,
          body: { title: `Chain ${i}`, releaseDate: '2020-01-01' },
        });
        assert.equal(response.statusCode, 201, response.body);
      }
      await backlot.services.audit.sealPending();
      original = await snapshot();
      assert.ok(original.entries.length >= 6);
    });
    after(() => backlot.stop());

    /** Runs a tampering on the intact trail, then puts the trail back as it was and checks it verifies again. */
    async function withTrail(test: (backlot: TestBacklot, token: string, ids: number[]) => Promise<void>) {
      const ids = original.entries.map((entry) => entry.id);
      assert.deepEqual(await verify(backlot, token), { ok: true, checked: ids.length, brokenAt: null });
      try {
        await test(backlot, token, ids);
      } finally {
        const db = backlot.handle.db;
        await db.deleteFrom('auditEntries').execute();
        for (const entry of original.entries) await db.insertInto('auditEntries').values(entry).execute();
        await db
          .updateTable('auditHead')
          .set({ lastSeq: original.head.lastSeq, lastId: original.head.lastId, lastHash: original.head.lastHash })
          .where('id', '=', 1)
          .execute();
      }
      assert.deepEqual(await verify(backlot, token), { ok: true, checked: ids.length, brokenAt: null });
    }

    it("changing a middle entry's changes is found at that entry", () =>
      withTrail(async (backlot, token, ids) => {
        const target = ids[3]!;
        const row = await backlot.handle.db
          .selectFrom('auditEntries')
          .select('changes')
          .where('id', '=', target)
          .executeTakeFirstOrThrow();
        const forged = JSON.stringify({ ...JSON.parse(row.changes), title: [null, 'Forged'] });
        await backlot.handle.db.updateTable('auditEntries').set({ changes: forged }).where('id', '=', target).execute();
        const result = await verify(backlot, token);
        assert.equal(result.ok, false);
        assert.equal(result.brokenAt?.id, target);
        assert.equal(result.checked, 3);
        // Putting it back makes the chain whole again.
        await backlot.handle.db
          .updateTable('auditEntries')
          .set({ changes: row.changes })
          .where('id', '=', target)
          .execute();
        assert.deepEqual(await verify(backlot, token), { ok: true, checked: ids.length, brokenAt: null });
      }));

    it('changing who made the first entry is found at the first entry', () =>
      withTrail(async (backlot, token, ids) => {
        await backlot.handle.db.updateTable('auditEntries').set({ actorId: 999 }).where('id', '=', ids[0]!).execute();
        const result = await verify(backlot, token);
        assert.deepEqual(
          { ok: result.ok, id: result.brokenAt?.id, checked: result.checked },
          {
            ok: false,
            id: ids[0],
            checked: 0,
          },
        );
      }));

    it('an entry changed with its own hash recomputed is found at the next entry', () =>
      withTrail(async (backlot, token, ids) => {
        const target = ids[2]!;
        const row = await backlot.handle.db
          .selectFrom('auditEntries')
          .selectAll()
          .where('id', '=', target)
          .executeTakeFirstOrThrow();
        const forged = { ...row, changes: JSON.stringify({ title: [null, 'Rewritten'] }) };
        await backlot.handle.db
          .updateTable('auditEntries')
          .set({ changes: forged.changes, hash: hashEntry(forged) })
          .where('id', '=', target)
          .execute();
        const result = await verify(backlot, token);
        assert.equal(result.ok, false);
        assert.equal(result.brokenAt?.id, ids[3]);
      }));

    it('deleting a middle entry is found at the entry after it', () =>
      withTrail(async (backlot, token, ids) => {
        await backlot.handle.db.deleteFrom('auditEntries').where('id', '=', ids[2]!).execute();
        const result = await verify(backlot, token);
        assert.equal(result.ok, false);
        assert.equal(result.brokenAt?.id, ids[3]);
        assert.equal(result.checked, 2);
      }));

    it('deleting the last entry is found (the head remembers it)', () =>
      withTrail(async (backlot, token, ids) => {
        const last = ids.at(-1)!;
        await backlot.handle.db.deleteFrom('auditEntries').where('id', '=', last).execute();
        const result = await verify(backlot, token);
        assert.equal(result.ok, false);
        assert.equal(result.brokenAt?.id, last);
        assert.equal(result.checked, ids.length - 1);
      }));

    it('rewriting the last entry with its hash recomputed is found at the last entry', () =>
      withTrail(async (backlot, token, ids) => {
        const last = ids.at(-1)!;
        const row = await backlot.handle.db
          .selectFrom('auditEntries')
          .selectAll()
          .where('id', '=', last)
          .executeTakeFirstOrThrow();
        const forged = { ...row, actorId: null };
        await backlot.handle.db
          .updateTable('auditEntries')
          .set({ actorId: null, hash: hashEntry(forged) })
          .where('id', '=', last)
          .execute();
        const result = await verify(backlot, token);
        assert.equal(result.ok, false);
        assert.equal(result.brokenAt?.id, last);
      }));

    it('an entry appended past the head, hashed as the chain would, is found', () =>
      withTrail(async (backlot, token, ids) => {
        const db = backlot.handle.db;
        const last = await db
          .selectFrom('auditEntries')
          .selectAll()
          .where('id', '=', ids.at(-1)!)
          .executeTakeFirstOrThrow();
        const forged = {
          at: last.at,
          actorId: last.actorId,
          action: 'movie.deleted',
          entity: 'movie',
          entityId: '1',
          changes: JSON.stringify({ title: ['Chain 0', null] }),
          requestId: null,
          seq: Number(last.seq) + 1,
          prevHash: last.hash,
        };
        await db
          .insertInto('auditEntries')
          .values({ ...forged, hash: hashEntry(forged) })
          .execute();
        const added = await db
          .selectFrom('auditEntries')
          .select('id')
          .where('seq', '=', forged.seq)
          .executeTakeFirstOrThrow();
        const result = await verify(backlot, token);
        assert.equal(result.ok, false);
        assert.equal(result.brokenAt?.id, added.id);
        assert.equal(result.checked, ids.length);
      }));

    it('a change made after tampering does not hide it', () =>
      withTrail(async (backlot, token, ids) => {
        await backlot.handle.db.deleteFrom('auditEntries').where('id', '=', ids[1]!).execute();
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/actors',
          token,
          body: { name: 'After the fact' },
        });
        assert.equal(response.statusCode, 201, response.body);
        assert.equal(await backlot.services.audit.sealPending(), 1);
        const result = await verify(backlot, token);
        assert.equal(result.ok, false);
        assert.equal(result.brokenAt?.id, ids[2]);
      }));

    it('taking an entry out of the chain (made pending again) is found, also once it is sealed anew at the end', () =>
      withTrail(async (backlot, token, ids) => {
        await backlot.handle.db
          .updateTable('auditEntries')
          .set({ seq: null, prevHash: '', hash: '' })
          .where('id', '=', ids[2]!)
          .execute();
        const result = await verify(backlot, token);
        assert.equal(result.ok, false);
        assert.equal(result.brokenAt?.id, ids[3]);
        assert.equal(await backlot.services.audit.sealPending(), 1);
        const again = await verify(backlot, token);
        assert.equal(again.ok, false);
        assert.equal(again.brokenAt?.id, ids[3]);
      }));
  });
}
