/**
 * The role × endpoint matrix of the casting module, generated from BUILT_IN_ROLES: every endpoint is declared once
 * with the permissions it needs, and every built-in role (plus a user with no role) must get the success status when
 * its permissions cover them, and 403 problem+json otherwise. Changing the catalogue changes the expectations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDecoder, createSigner } from 'fast-jwt';
import type { Permission } from '../../src/access/catalogue.ts';
import { dialects, JWT_SECRET, ROLE_SUBJECTS, startBacklot, type TestBacklot } from '../support.ts';
import { assertProblem, cast, newActor, newMovie } from './fixtures.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Call {
  method: Method;
  url: string;
  body?: unknown;
}

/** Items that denied (and unauthenticated) calls aim at: they must come out of the whole matrix unchanged. */
interface Shared {
  movieId: number;
  castActorId: number;
  otherActorId: number;
}

interface Endpoint {
  name: string;
  /** Every permission the call needs. */
  needs: readonly Permission[];
  success: 200 | 201 | 204;
  /** The request; `fresh` asks for items of its own (an allowed call that changes or removes something). */
  prepare(backlot: TestBacklot, shared: Shared, fresh: boolean): Promise<Call>;
}

let serial = 0;
const title = () => `Matrix movie ${++serial}`;

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'GET /movies',
    needs: ['get:movies'],
    success: 200,
    prepare: async () => ({ method: 'GET', url: '/api/v1/movies' }),
  },
  {
    name: 'POST /movies',
    needs: ['post:movies'],
    success: 201,
    prepare: async () => ({
      method: 'POST',
      url: '/api/v1/movies',
      body: { title: title(), releaseDate: '2022-03-04', genres: ['drama'] },
    }),
  },
  {
    name: 'POST /movies with priceCents and stock',
    needs: ['post:movies', 'patch:inventory'],
    success: 201,
    prepare: async () => ({
      method: 'POST',
      url: '/api/v1/movies',
      body: { title: title(), releaseDate: '2022-03-04', priceCents: 999, stock: 3 },
    }),
  },
  {
    name: 'GET /movies/{id}',
    needs: ['get:movies'],
    success: 200,
    prepare: async (_b, shared) => ({ method: 'GET', url: `/api/v1/movies/${shared.movieId}` }),
  },
  {
    name: 'PATCH /movies/{id} title',
    needs: ['patch:movies'],
    success: 200,
    prepare: async (backlot, shared, fresh) => ({
      method: 'PATCH',
      url: `/api/v1/movies/${fresh ? (await newMovie(backlot)).id : shared.movieId}`,
      body: { title: title() },
    }),
  },
  {
    name: 'PATCH /movies/{id} priceCents and stock',
    needs: ['patch:inventory'],
    success: 200,
    prepare: async (backlot, shared, fresh) => ({
      method: 'PATCH',
      url: `/api/v1/movies/${fresh ? (await newMovie(backlot)).id : shared.movieId}`,
      body: { priceCents: 1299, stock: 7 },
    }),
  },
  {
    name: 'PATCH /movies/{id} title and stock',
    needs: ['patch:movies', 'patch:inventory'],
    success: 200,
    prepare: async (backlot, shared, fresh) => ({
      method: 'PATCH',
      url: `/api/v1/movies/${fresh ? (await newMovie(backlot)).id : shared.movieId}`,
      body: { title: title(), stock: 1 },
    }),
  },
  {
    name: 'DELETE /movies/{id}',
    needs: ['delete:movies'],
    success: 204,
    prepare: async (backlot, shared, fresh) => ({
      method: 'DELETE',
      url: `/api/v1/movies/${fresh ? (await newMovie(backlot)).id : shared.movieId}`,
    }),
  },
  {
    name: 'PUT /movies/{id}/cast/{actorId}',
    needs: ['patch:movies'],
    success: 201,
    prepare: async (backlot, shared, fresh) => {
      const movieId = fresh ? (await newMovie(backlot)).id : shared.movieId;
      const actorId = fresh ? (await newActor(backlot)).id : shared.otherActorId;
      return {
        method: 'PUT',
        url: `/api/v1/movies/${movieId}/cast/${actorId}`,
        body: { character: 'Lead', billing: 1 },
      };
    },
  },
  {
    name: 'DELETE /movies/{id}/cast/{actorId}',
    needs: ['patch:movies'],
    success: 204,
    prepare: async (backlot, shared, fresh) => {
      let { movieId, castActorId: actorId } = shared;
      if (fresh) {
        movieId = (await newMovie(backlot)).id;
        actorId = (await newActor(backlot)).id;
        await cast(backlot, movieId, actorId);
      }
      return { method: 'DELETE', url: `/api/v1/movies/${movieId}/cast/${actorId}` };
    },
  },
  {
    name: 'GET /actors',
    needs: ['get:actors'],
    success: 200,
    prepare: async () => ({ method: 'GET', url: '/api/v1/actors' }),
  },
  {
    name: 'POST /actors',
    needs: ['post:actors'],
    success: 201,
    prepare: async () => ({
      method: 'POST',
      url: '/api/v1/actors',
      body: { name: `Matrix actor ${++serial}`, age: 40 },
    }),
  },
  {
    name: 'GET /actors/{id}',
    needs: ['get:actors'],
    success: 200,
    prepare: async (_b, shared) => ({ method: 'GET', url: `/api/v1/actors/${shared.castActorId}` }),
  },
  {
    name: 'PATCH /actors/{id}',
    needs: ['patch:actors'],
    success: 200,
    prepare: async (backlot, shared, fresh) => ({
      method: 'PATCH',
      url: `/api/v1/actors/${fresh ? (await newActor(backlot)).id : shared.castActorId}`,
      body: { age: 41 },
    }),
  },
  {
    name: 'DELETE /actors/{id}',
    needs: ['delete:actors'],
    success: 204,
    prepare: async (backlot, shared, fresh) => ({
      method: 'DELETE',
      url: `/api/v1/actors/${fresh ? (await newActor(backlot)).id : shared.castActorId}`,
    }),
  },
];

const SUBJECTS = ROLE_SUBJECTS;

function allowed(permissions: ReadonlySet<string>, endpoint: Endpoint): boolean {
  return endpoint.needs.every((permission) => permissions.has(permission));
}

const decode = createDecoder();

for (const dialect of dialects()) {
  describe(`casting role × endpoint matrix on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let shared: Shared;
    let sharedVersions: { movie: number; castActor: number; otherActor: number };
    const tokens = new Map<string, string>();

    before(async () => {
      backlot = await startBacklot(dialect);
      const movie = await newMovie(backlot, { title: 'Shared movie', priceCents: 500, stock: 2 });
      const castActor = await newActor(backlot, { name: 'Shared cast actor', age: 30 });
      const otherActor = await newActor(backlot, { name: 'Shared other actor' });
      const { movieVersion } = await cast(backlot, movie.id, castActor.id, 'Hero', 1);
      shared = { movieId: movie.id, castActorId: castActor.id, otherActorId: otherActor.id };
      sharedVersions = { movie: movieVersion, castActor: castActor.version, otherActor: otherActor.version };
      for (const subject of SUBJECTS) tokens.set(subject.label, (await backlot.as(subject.roles)).token);
    });
    after(() => backlot.stop());

    it('declares every casting route, and each declared route exists', () => {
      const declared = new Set(ENDPOINTS.map((endpoint) => endpoint.name.split(' ').slice(0, 2).join(' ')));
      assert.deepEqual(
        [...declared].sort(),
        [
          'DELETE /actors/{id}',
          'DELETE /movies/{id}',
          'DELETE /movies/{id}/cast/{actorId}',
          'GET /actors',
          'GET /actors/{id}',
          'GET /movies',
          'GET /movies/{id}',
          'PATCH /actors/{id}',
          'PATCH /movies/{id}',
          'POST /actors',
          'POST /movies',
          'PUT /movies/{id}/cast/{actorId}',
        ].sort(),
      );
      for (const name of declared) {
        const [method, path] = name.split(' ') as [Method, string];
        const url = `/api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`;
        assert.ok(backlot.app.hasRoute({ method, url }), `${method} ${url} is not a route`);
      }
    });

    for (const subject of SUBJECTS) {
      describe(`as ${subject.label}`, () => {
        for (const endpoint of ENDPOINTS) {
          const permitted = allowed(subject.permissions, endpoint);
          it(`${endpoint.name} → ${permitted ? endpoint.success : 403}`, async () => {
            const call = await endpoint.prepare(backlot, shared, permitted);
            const response = await backlot.request({ ...call, token: tokens.get(subject.label)! });
            if (!permitted) {
              assertProblem(response, 403, 'forbidden');
              // The problem names a permission the caller lacks and the route needs.
              const needed = response.json().permission as string;
              assert.ok((endpoint.needs as readonly string[]).includes(needed), response.body);
              assert.ok(!subject.permissions.has(needed), response.body);
              assert.match(response.json().detail, new RegExp(`\\(needs ${needed}\\)`));
              return;
            }
            assert.equal(response.statusCode, endpoint.success, response.body);
            if (endpoint.success === 204) assert.equal(response.body, '');
            else assert.match(String(response.headers['content-type']), /^application\/json/);
          });
        }
      });
    }

    it('the expectations really differ between roles (sanity of the generator)', () => {
      const assistant = SUBJECTS.find((subject) => subject.label === 'casting_assistant')!;
      const admin = SUBJECTS.find((subject) => subject.label === 'admin')!;
      assert.ok(ENDPOINTS.every((endpoint) => allowed(admin.permissions, endpoint)));
      assert.ok(ENDPOINTS.some((endpoint) => !allowed(assistant.permissions, endpoint)));
    });

    describe('without a valid token', () => {
      for (const endpoint of ENDPOINTS) {
        it(`${endpoint.name}: no token → 401`, async () => {
          const response = await backlot.request(await endpoint.prepare(backlot, shared, false));
          assertProblem(response, 401, 'unauthorized');
          assert.match(String(response.headers['www-authenticate']), /^Bearer/);
        });
      }

      it('a non-Bearer Authorization header → 401', async () => {
        const response = await backlot.request({
          method: 'GET',
          url: '/api/v1/movies',
          headers: { authorization: 'Basic dXNlcjpwYXNz' },
        });
        assertProblem(response, 401);
      });

      /** Tokens that look like ours but must be refused; the control re-signs the same claims properly. */
      async function forged(): Promise<Record<string, string>> {
        const admin = await backlot.as(['admin']);
        const claims = decode(admin.token) as Record<string, unknown>;
        const now = Math.floor(Date.now() / 1000);
        const sign = (key: string, payload: Record<string, unknown>) =>
          createSigner({ key, algorithm: 'HS256' })(payload);
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
        return {
          control: sign(JWT_SECRET, { ...claims, iat: now, exp: now + 600 }),
          garbage: 'not-a-jwt-at-all',
          'garbage with dots': 'aaaa.bbbb.cccc',
          expired: sign(JWT_SECRET, { ...claims, iat: now - 7200, exp: now - 3600 }),
          'wrongly signed': sign('another-secret-another-secret-another-secret', claims),
          'signature stripped': `${admin.token.split('.').slice(0, 2).join('.')}.`,
          'alg none': `${header}.${body}.`,
          'wrong audience': sign(JWT_SECRET, { ...claims, aud: 'someone-else' }),
          'unknown session': sign(JWT_SECRET, { ...claims, sid: 'no-such-session' }),
        };
      }

      it('garbage, expired, wrongly signed or otherwise forged tokens → 401 on every endpoint', async () => {
        const tokensToTry = await forged();
        const control = await backlot.request({ method: 'GET', url: '/api/v1/movies', token: tokensToTry.control! });
        assert.equal(control.statusCode, 200, `the control token must work: ${control.body}`);
        for (const [label, token] of Object.entries(tokensToTry)) {
          if (label === 'control') continue;
          for (const endpoint of ENDPOINTS) {
            const response = await backlot.request({ ...(await endpoint.prepare(backlot, shared, false)), token });
            assert.equal(response.statusCode, 401, `${label} token on ${endpoint.name}: ${response.body}`);
            assertProblem(response, 401, 'unauthorized');
          }
        }
      });
    });

    it('denied and unauthenticated calls left the shared items untouched', async () => {
      const admin = await backlot.as(['admin']);
      const movie = await backlot.request({
        method: 'GET',
        url: `/api/v1/movies/${shared.movieId}`,
        token: admin.token,
      });
      assert.equal(movie.statusCode, 200, movie.body);
      const body = movie.json();
      assert.equal(body.version, sharedVersions.movie);
      assert.equal(body.title, 'Shared movie');
      assert.deepEqual({ priceCents: body.priceCents, stock: body.stock }, { priceCents: 500, stock: 2 });
      assert.deepEqual(
        body.cast.map((member: { actorId: number }) => member.actorId),
        [shared.castActorId],
      );
      for (const [id, version] of [
        [shared.castActorId, sharedVersions.castActor],
        [shared.otherActorId, sharedVersions.otherActor],
      ] as const) {
        const actor = await backlot.request({ method: 'GET', url: `/api/v1/actors/${id}`, token: admin.token });
        assert.equal(actor.statusCode, 200, actor.body);
        assert.equal(actor.json().version, version);
      }
    });
  });
}
