/** The casting rules and error codes: validation, not found, the cast, field rights, versions and If-Match. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';
import { assertFieldErrors, assertProblem, cast, newActor, newMovie } from './fixtures.ts';

interface MovieBody {
  id: number;
  title: string;
  releaseDate: string;
  genres: string[];
  priceCents: number;
  stock: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  cast?: { actorId: number; name: string; character: string; billing: number | null }[];
}

for (const dialect of dialects()) {
  describe(`casting rules on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let admin: string;
    let producer: string;
    let director: string;
    let clerk: string;

    before(async () => {
      backlot = await startBacklot(dialect);
      admin = (await backlot.as(['admin'])).token;
      producer = (await backlot.as(['executive_producer'])).token;
      director = (await backlot.as(['casting_director'])).token;
      clerk = (await backlot.as(['store_clerk'])).token;
    });
    after(() => backlot.stop());

    const getMovie = async (id: number): Promise<MovieBody> => {
      const response = await backlot.request({ method: 'GET', url: `/api/v1/movies/${id}`, token: admin });
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };

    describe('validation', () => {
      it('refuses an unknown body field, naming it', async () => {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer,
          body: { title: 'Unknown field', releaseDate: '2020-01-01', director: 'Someone' },
        });
        const errors = assertFieldErrors(response, ['/director']);
        assert.equal(errors[0]!.message, 'is not a known field');
        assert.equal(assertProblem(response, 400).code, 'validation_failed');
      });

      it('does not coerce body types: "age":"30" is a 400', async () => {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/actors',
          token: director,
          body: { name: 'Stringy Age', age: '30' },
        });
        assertFieldErrors(response, ['/age']);
        const patch = await backlot.request({
          method: 'PATCH',
          url: `/api/v1/movies/${(await newMovie(backlot)).id}`,
          token: admin,
          body: { stock: '5' },
        });
        assertFieldErrors(patch, ['/stock']);
      });

      it('refuses age 151 and -1, accepts 0, 150 and null', async () => {
        for (const age of [151, -1, 30.5]) {
          const response = await backlot.request({
            method: 'POST',
            url: '/api/v1/actors',
            token: director,
            body: { name: 'Too Old', age },
          });
          assertFieldErrors(response, ['/age']);
        }
        for (const age of [0, 150, null]) {
          const response = await backlot.request({
            method: 'POST',
            url: '/api/v1/actors',
            token: director,
            body: { name: `Age ${age}`, age },
          });
          assert.equal(response.statusCode, 201, response.body);
          assert.equal(response.json().age, age);
        }
      });

      it('refuses an empty title and a missing one', async () => {
        const empty = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer,
          body: { title: '', releaseDate: '2020-01-01' },
        });
        assertFieldErrors(empty, ['/title']);
        const missing = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer,
          body: { releaseDate: '2020-01-01' },
        });
        const errors = assertFieldErrors(missing, ['/title']);
        assert.equal(errors[0]!.message, 'is required');
        const patch = await backlot.request({
          method: 'PATCH',
          url: `/api/v1/movies/${(await newMovie(backlot)).id}`,
          token: producer,
          body: { title: '' },
        });
        assertFieldErrors(patch, ['/title']);
      });

      it('refuses bad dates', async () => {
        for (const releaseDate of ['yesterday', '2021-13-01', '2021-02-30', '2021-2-3', '2021-02-03T00:00:00Z', '']) {
          const response = await backlot.request({
            method: 'POST',
            url: '/api/v1/movies',
            token: producer,
            body: { title: 'Bad date', releaseDate },
          });
          assert.equal(response.statusCode, 400, `releaseDate ${JSON.stringify(releaseDate)}: ${response.body}`);
          assertFieldErrors(response, ['/releaseDate']);
        }
      });

      it('reports every bad field at once', async () => {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: admin,
          body: { title: '', releaseDate: 'soon', genres: ['drama', 'drama'], priceCents: -1, stock: 1.5, extra: true },
        });
        assertFieldErrors(response, ['/title', '/releaseDate', '/genres', '/priceCents', '/stock', '/extra']);
        const actor = await backlot.request({
          method: 'POST',
          url: '/api/v1/actors',
          token: director,
          body: { name: 42, age: 151, gender: '' },
        });
        assertFieldErrors(actor, ['/name', '/age', '/gender']);
      });

      it('refuses an empty PATCH and nulls where no null is allowed', async () => {
        const movie = await newMovie(backlot);
        const empty = await backlot.request({
          method: 'PATCH',
          url: `/api/v1/movies/${movie.id}`,
          token: admin,
          body: {},
        });
        assertProblem(empty, 400);
        const nullTitle = await backlot.request({
          method: 'PATCH',
          url: `/api/v1/movies/${movie.id}`,
          token: admin,
          body: { title: null },
        });
        assertFieldErrors(nullTitle, ['/title']);
        assert.equal((await getMovie(movie.id)).version, movie.version);
      });

      it('refuses a body that is not a JSON object', async () => {
        const array = await backlot.request({ method: 'POST', url: '/api/v1/actors', token: director, body: [1, 2] });
        assertProblem(array, 400);
        const scalar = await backlot.request({
          method: 'POST',
          url: '/api/v1/actors',
          token: director,
          body: '"just a string"',
          headers: { 'content-type': 'application/json' },
        });
        assertProblem(scalar, 400);
      });

      it('answers 400 invalid_json to malformed JSON', async () => {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer,
          body: '{"title": "Broken", ',
          headers: { 'content-type': 'application/json' },
        });
        assertProblem(response, 400, 'invalid_json');
      });

      it('answers 415 to a body that is neither JSON nor a form', async () => {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer,
          body: '<movie title="Xml"/>',
          headers: { 'content-type': 'application/xml' },
        });
        assertProblem(response, 415, 'unsupported_media_type');
      });

      it('answers 415 to a text/plain body too (docs/api.md: 415 for a body that is neither JSON nor a form)', async () => {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer,
          body: '{"title":"Plain","releaseDate":"2020-01-01"}',
          headers: { 'content-type': 'text/plain' },
        });
        assertProblem(response, 415, 'unsupported_media_type');
      });

      it('answers 413 to a body over 1 MiB', async () => {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer,
          body: JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10), releaseDate: '2020-01-01' }),
          headers: { 'content-type': 'application/json' },
        });
        assertProblem(response, 413, 'body_too_large');
      });

      it('answers 400 to ids that are not positive 32-bit integers', async () => {
        for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
          const response = await backlot.request({ method: 'GET', url: `/api/v1/movies/${id}`, token: admin });
          assert.equal(response.statusCode, 400, `id ${id}: ${response.body}`);
          assertProblem(response, 400);
        }
        const actor = await backlot.request({ method: 'PUT', url: '/api/v1/movies/1/cast/x', token: admin, body: {} });
        assertProblem(actor, 400);
      });
    });

    describe('not found', () => {
      it('answers 404 problem+json to an unknown movie, actor or route', async () => {
        const missing = 2_000_000_000;
        const calls = [
          { method: 'GET', url: `/api/v1/movies/${missing}` },
          { method: 'PATCH', url: `/api/v1/movies/${missing}`, body: { title: 'Nope' } },
          { method: 'DELETE', url: `/api/v1/movies/${missing}` },
          { method: 'GET', url: `/api/v1/actors/${missing}` },
          { method: 'PATCH', url: `/api/v1/actors/${missing}`, body: { name: 'Nope' } },
          { method: 'DELETE', url: `/api/v1/actors/${missing}` },
        ] as const;
        for (const call of calls) {
          const response = await backlot.request({ ...call, token: admin });
          assertProblem(response, 404, 'not_found');
        }
        const route = await backlot.request({ method: 'GET', url: '/api/v1/moovies', token: admin });
        assertProblem(route, 404, 'not_found');
        const unauthenticated = await backlot.request({ method: 'GET', url: '/api/v1/no/such/route' });
        assertProblem(unauthenticated, 404);
      });

      it('answers 404 to casting in an unknown movie or with an unknown actor', async () => {
        const movie = await newMovie(backlot);
        const actor = await newActor(backlot);
        const missing = 2_000_000_000;
        for (const url of [
          `/api/v1/movies/${missing}/cast/${actor.id}`,
          `/api/v1/movies/${movie.id}/cast/${missing}`,
        ]) {
          const put = await backlot.request({ method: 'PUT', url, token: director, body: { character: 'Ghost' } });
          assertProblem(put, 404, 'not_found');
          const del = await backlot.request({ method: 'DELETE', url, token: director });
          assertProblem(del, 404, 'not_found');
        }
        // An actor who exists but is not in the cast.
        const notCast = await backlot.request({
          method: 'DELETE',
          url: `/api/v1/movies/${movie.id}/cast/${actor.id}`,
          token: director,
        });
        assertProblem(notCast, 404, 'not_found');
        assert.equal((await getMovie(movie.id)).version, movie.version);
      });
    });

    describe('the cast', () => {
      it('PUT creates (201) then updates (200); GET shows the cast ordered by billing and the filmographies', async () => {
        const movie = await newMovie(backlot, { title: 'Cast Order', releaseDate: '2019-09-09' });
        const lead = await newActor(backlot, { name: 'Zed Lead' });
        const second = await newActor(backlot, { name: 'Amy Second' });
        const extra = await newActor(backlot, { name: 'Bob Extra' });
        const url = (actorId: number) => `/api/v1/movies/${movie.id}/cast/${actorId}`;

        const first = await backlot.request({
          method: 'PUT',
          url: url(lead.id),
          token: director,
          body: { character: 'Captain', billing: 2 },
        });
        assert.equal(first.statusCode, 201, first.body);
        assert.deepEqual(first.json(), { actorId: lead.id, name: 'Zed Lead', character: 'Captain', billing: 2 });
        assert.equal(first.headers.etag, `"${movie.version + 1}"`);

        const again = await backlot.request({
          method: 'PUT',
          url: url(lead.id),
          token: director,
          body: { character: 'Admiral', billing: 1 },
        });
        assert.equal(again.statusCode, 200, again.body);
        assert.deepEqual(again.json(), { actorId: lead.id, name: 'Zed Lead', character: 'Admiral', billing: 1 });
        assert.equal(again.headers.etag, `"${movie.version + 2}"`);

        // Billing left out keeps the one stored.
        const keep = await backlot.request({
          method: 'PUT',
          url: url(lead.id),
          token: director,
          body: { character: 'Commodore' },
        });
        assert.equal(keep.statusCode, 200, keep.body);
        assert.equal(keep.json().billing, 1);

        for (const [performer, body] of [
          [extra, { character: 'Passer-by' }],
          [second, { character: 'Mate', billing: 2 }],
        ] as const) {
          const response = await backlot.request({ method: 'PUT', url: url(performer.id), token: director, body });
          assert.equal(response.statusCode, 201, response.body);
        }

        const read = await backlot.request({ method: 'GET', url: `/api/v1/movies/${movie.id}`, token: director });
        assert.equal(read.statusCode, 200);
        const body = read.json() as MovieBody;
        assert.equal(read.headers.etag, `"${body.version}"`);
        assert.equal(body.version, movie.version + 5);
        assert.deepEqual(body.cast, [
          { actorId: lead.id, name: 'Zed Lead', character: 'Commodore', billing: 1 },
          { actorId: second.id, name: 'Amy Second', character: 'Mate', billing: 2 },
          { actorId: extra.id, name: 'Bob Extra', character: 'Passer-by', billing: null },
        ]);

        const other = await newMovie(backlot, { title: 'Later Film', releaseDate: '2023-01-01' });
        await cast(backlot, other.id, lead.id, 'Cameo');
        const actor = await backlot.request({ method: 'GET', url: `/api/v1/actors/${lead.id}`, token: director });
        assert.equal(actor.statusCode, 200);
        assert.equal(actor.headers.etag, `"${actor.json().version}"`);
        assert.deepEqual(actor.json().filmography, [
          { movieId: other.id, title: 'Later Film', releaseDate: '2023-01-01', character: 'Cameo', billing: null },
          { movieId: movie.id, title: 'Cast Order', releaseDate: '2019-09-09', character: 'Commodore', billing: 1 },
        ]);
      });

      it('refuses a bad casting body', async () => {
        const movie = await newMovie(backlot);
        const actor = await newActor(backlot);
        const url = `/api/v1/movies/${movie.id}/cast/${actor.id}`;
        for (const [body, paths] of [
          [{}, ['/character']],
          [{ character: '' }, ['/character']],
          [{ character: 'X', billing: 0 }, ['/billing']],
          [{ character: 'X', billing: '1' }, ['/billing']],
          [{ character: 'X', role: 'lead' }, ['/role']],
        ] as const) {
          const response = await backlot.request({ method: 'PUT', url, token: director, body });
          assertFieldErrors(response, [...paths]);
        }
        assert.deepEqual((await getMovie(movie.id)).cast, []);
      });

      it('DELETE removes a cast member (204), then 404; the movie version moves on', async () => {
        const movie = await newMovie(backlot);
        const actor = await newActor(backlot);
        const { movieVersion } = await cast(backlot, movie.id, actor.id, 'Villain', 3);
        const url = `/api/v1/movies/${movie.id}/cast/${actor.id}`;
        const removed = await backlot.request({ method: 'DELETE', url, token: director });
        assert.equal(removed.statusCode, 204, removed.body);
        assert.equal(removed.body, '');
        const read = await getMovie(movie.id);
        assert.deepEqual(read.cast, []);
        assert.equal(read.version, movieVersion + 1);
        const actorRead = await backlot.request({ method: 'GET', url: `/api/v1/actors/${actor.id}`, token: director });
        assert.deepEqual(actorRead.json().filmography, []);
        const again = await backlot.request({ method: 'DELETE', url, token: director });
        assertProblem(again, 404, 'not_found');
      });

      it('deleting an actor removes their castings and moves the movies on', async () => {
        const first = await newMovie(backlot);
        const second = await newMovie(backlot);
        const leaving = await newActor(backlot, { name: 'Leaving Actor' });
        const staying = await newActor(backlot, { name: 'Staying Actor' });
        await cast(backlot, first.id, leaving.id, 'A', 1);
        await cast(backlot, first.id, staying.id, 'B', 2);
        await cast(backlot, second.id, leaving.id, 'C');
        const before1 = await getMovie(first.id);
        const before2 = await getMovie(second.id);

        const deleted = await backlot.request({
          method: 'DELETE',
          url: `/api/v1/actors/${leaving.id}`,
          token: director,
        });
        assert.equal(deleted.statusCode, 204, deleted.body);
        const gone = await backlot.request({ method: 'GET', url: `/api/v1/actors/${leaving.id}`, token: director });
        assertProblem(gone, 404);

        const after1 = await getMovie(first.id);
        const after2 = await getMovie(second.id);
        assert.deepEqual(
          after1.cast!.map((member) => member.actorId),
          [staying.id],
        );
        assert.deepEqual(after2.cast, []);
        assert.equal(after1.version, before1.version + 1);
        assert.equal(after2.version, before2.version + 1);
        // No casting row is left behind for the deleted actor.
        const rows = await backlot.handle.db
          .selectFrom('castings')
          .select('movieId')
          .where('actorId', '=', leaving.id)
          .execute();
        assert.deepEqual(rows, []);
        const uncast = await backlot.request({
          method: 'DELETE',
          url: `/api/v1/movies/${first.id}/cast/${leaving.id}`,
          token: director,
        });
        assertProblem(uncast, 404);
      });

      it('deleting a movie removes its castings from the filmographies', async () => {
        const movie = await newMovie(backlot);
        const actor = await newActor(backlot);
        await cast(backlot, movie.id, actor.id, 'Doomed');
        const deleted = await backlot.request({ method: 'DELETE', url: `/api/v1/movies/${movie.id}`, token: producer });
        assert.equal(deleted.statusCode, 204, deleted.body);
        const read = await backlot.request({ method: 'GET', url: `/api/v1/actors/${actor.id}`, token: producer });
        assert.deepEqual(read.json().filmography, []);
        assertProblem(
          await backlot.request({ method: 'GET', url: `/api/v1/movies/${movie.id}`, token: producer }),
          404,
        );
      });
    });

    describe('field rights on movies', () => {
      it('a store clerk may change priceCents and stock but not the title', async () => {
        const movie = await newMovie(backlot, { title: 'Clerk Film' });
        const inventory = await backlot.request({
          method: 'PATCH',
          url: `/api/v1/movies/${movie.id}`,
          token: clerk,
          body: { priceCents: 1999, stock: 12 },
        });
        assert.equal(inventory.statusCode, 200, inventory.body);
        assert.deepEqual(
          { priceCents: inventory.json().priceCents, stock: inventory.json().stock, title: inventory.json().title },
          { priceCents: 1999, stock: 12, title: 'Clerk Film' },
        );
        for (const body of [{ title: 'Renamed' }, { title: 'Renamed', stock: 1 }, { genres: ['comedy'] }]) {
          const response = await backlot.request({
            method: 'PATCH',
            url: `/api/v1/movies/${movie.id}`,
            token: clerk,
            body,
          });
          assertProblem(response, 403, 'forbidden');
        }
        const read = await getMovie(movie.id);
        assert.deepEqual(
          { title: read.title, stock: read.stock, version: read.version },
          { title: 'Clerk Film', stock: 12, version: movie.version + 1 },
        );
      });

      it('a casting director may change the title but not priceCents or stock', async () => {
        const movie = await newMovie(backlot, { priceCents: 700, stock: 4 });
        for (const body of [{ priceCents: 1 }, { stock: 0 }, { title: 'With Price', priceCents: 1 }]) {
          const response = await backlot.request({
            method: 'PATCH',
            url: `/api/v1/movies/${movie.id}`,
            token: director,
            body,
          });
          assertProblem(response, 403, 'forbidden');
        }
        const title = await backlot.request({
          method: 'PATCH',
          url: `/api/v1/movies/${movie.id}`,
          token: director,
          body: { title: 'Director Title', genres: ['noir'] },
        });
        assert.equal(title.statusCode, 200, title.body);
        const read = await getMovie(movie.id);
        assert.deepEqual(
          { title: read.title, genres: read.genres, priceCents: read.priceCents, stock: read.stock },
          { title: 'Director Title', genres: ['noir'], priceCents: 700, stock: 4 },
        );
      });

      it('an executive producer cannot create a movie with a price (that needs patch:inventory)', async () => {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer,
          body: { title: 'Priced', releaseDate: '2020-01-01', priceCents: 100 },
        });
        assertProblem(response, 403, 'forbidden');
      });
    });

    describe('versions, ETag and If-Match', () => {
      it('POST, GET and PATCH answer with the ETag of the version; each change increments it', async () => {
        const created = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: admin,
          body: {
            title: 'Versioned',
            releaseDate: '2018-08-08',
            genres: ['drama', 'crime'],
            priceCents: 100,
            stock: 2,
          },
        });
        assert.equal(created.statusCode, 201, created.body);
        const movie = created.json() as MovieBody;
        assert.equal(movie.version, 1);
        assert.equal(created.headers.etag, '"1"');
        assert.equal(created.headers.location, `/api/v1/movies/${movie.id}`);
        assert.match(movie.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
        assert.equal(movie.updatedAt, movie.createdAt);
        const url = `/api/v1/movies/${movie.id}`;

        const read = await backlot.request({ method: 'GET', url, token: admin });
        assert.equal(read.headers.etag, '"1"');

        const patched = await backlot.request({ method: 'PATCH', url, token: admin, body: { stock: 3 } });
        assert.equal(patched.statusCode, 200, patched.body);
        assert.equal(patched.json().version, 2);
        assert.equal(patched.headers.etag, '"2"');
        assert.ok(patched.json().updatedAt >= movie.updatedAt);
        assert.equal(patched.json().createdAt, movie.createdAt);

        const actor = await newActor(backlot);
        const castIt = await backlot.request({
          method: 'PUT',
          url: `${url}/cast/${actor.id}`,
          token: admin,
          body: { character: 'Hero' },
        });
        assert.equal(castIt.headers.etag, '"3"');
        assert.equal((await getMovie(movie.id)).version, 3);
        await backlot.request({
          method: 'PUT',
          url: `${url}/cast/${actor.id}`,
          token: admin,
          body: { character: 'H' },
        });
        assert.equal((await getMovie(movie.id)).version, 4);
        await backlot.request({ method: 'DELETE', url: `${url}/cast/${actor.id}`, token: admin });
        const last = await backlot.request({ method: 'GET', url, token: admin });
        assert.equal(last.json().version, 5);
        assert.equal(last.headers.etag, '"5"');
      });

      it('actors: POST, GET and PATCH carry the ETag; versions increment', async () => {
        const created = await backlot.request({
          method: 'POST',
          url: '/api/v1/actors',
          token: director,
          body: { name: 'Etag Actor', age: 33, gender: 'female' },
        });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal(created.headers.etag, '"1"');
        assert.equal(created.headers.location, `/api/v1/actors/${created.json().id}`);
        const url = `/api/v1/actors/${created.json().id}`;
        const patched = await backlot.request({ method: 'PATCH', url, token: director, body: { age: 34 } });
        assert.equal(patched.headers.etag, '"2"');
        assert.deepEqual(
          { name: patched.json().name, age: patched.json().age, gender: patched.json().gender },
          { name: 'Etag Actor', age: 34, gender: 'female' },
        );
        const cleared = await backlot.request({ method: 'PATCH', url, token: director, body: { gender: null } });
        assert.equal(cleared.statusCode, 200, cleared.body);
        assert.equal(cleared.json().gender, null);
        const read = await backlot.request({ method: 'GET', url, token: director });
        assert.equal(read.headers.etag, '"3"');
      });

      it('PATCH with the current If-Match succeeds; a stale one is 412 and changes nothing', async () => {
        const movie = await newMovie(backlot, { title: 'Conditional' });
        const url = `/api/v1/movies/${movie.id}`;
        const ok = await backlot.request({
          method: 'PATCH',
          url,
          token: admin,
          body: { title: 'Conditional 2' },
          headers: { 'if-match': `"${movie.version}"` },
        });
        assert.equal(ok.statusCode, 200, ok.body);
        const weak = await backlot.request({
          method: 'PATCH',
          url,
          token: admin,
          body: { title: 'Conditional 3' },
          headers: { 'if-match': `W/"${movie.version + 1}"` },
        });
        assert.equal(weak.statusCode, 200, weak.body);
        const any = await backlot.request({
          method: 'PATCH',
          url,
          token: admin,
          body: { title: 'Conditional 4' },
          headers: { 'if-match': '*' },
        });
        assert.equal(any.statusCode, 200, any.body);
        const stale = await backlot.request({
          method: 'PATCH',
          url,
          token: admin,
          body: { title: 'Stale' },
          headers: { 'if-match': `"${movie.version}"` },
        });
        assertProblem(stale, 412, 'precondition_failed');
        const read = await getMovie(movie.id);
        assert.deepEqual({ title: read.title, version: read.version }, { title: 'Conditional 4', version: 4 });
      });

      it('DELETE with a stale If-Match is 412; with the current one 204', async () => {
        const movie = await newMovie(backlot);
        await backlot.services.casting.updateMovie(backlot.system, movie.id, { title: 'Moved on' });
        const url = `/api/v1/movies/${movie.id}`;
        const stale = await backlot.request({ method: 'DELETE', url, token: admin, headers: { 'if-match': '"1"' } });
        assertProblem(stale, 412, 'precondition_failed');
        assert.equal((await getMovie(movie.id)).title, 'Moved on');
        const ok = await backlot.request({ method: 'DELETE', url, token: admin, headers: { 'if-match': '"2"' } });
        assert.equal(ok.statusCode, 204, ok.body);

        const actor = await newActor(backlot);
        const actorUrl = `/api/v1/actors/${actor.id}`;
        const stalePatch = await backlot.request({
          method: 'PATCH',
          url: actorUrl,
          token: admin,
          body: { age: 9 },
          headers: { 'if-match': '"7"' },
        });
        assertProblem(stalePatch, 412, 'precondition_failed');
        const staleDelete = await backlot.request({
          method: 'DELETE',
          url: actorUrl,
          token: admin,
          headers: { 'if-match': '"2"' },
        });
        assertProblem(staleDelete, 412, 'precondition_failed');
        const okDelete = await backlot.request({
          method: 'DELETE',
          url: actorUrl,
          token: admin,
          headers: { 'if-match': '"1"' },
        });
        assert.equal(okDelete.statusCode, 204, okDelete.body);
      });

      it('a malformed If-Match is a 400 naming the header', async () => {
        const movie = await newMovie(backlot);
        const actor = await newActor(backlot);
        for (const value of ['1', 'abc', '"x"', '"1', '"1", "2"']) {
          for (const call of [
            { method: 'PATCH', url: `/api/v1/movies/${movie.id}`, body: { stock: 1 } },
            { method: 'DELETE', url: `/api/v1/movies/${movie.id}` },
            { method: 'PATCH', url: `/api/v1/actors/${actor.id}`, body: { age: 1 } },
            { method: 'DELETE', url: `/api/v1/actors/${actor.id}` },
          ] as const) {
            const response = await backlot.request({ ...call, token: admin, headers: { 'if-match': value } });
            assert.equal(response.statusCode, 400, `If-Match ${value} on ${call.method} ${call.url}: ${response.body}`);
            const body = assertProblem(response, 400);
            assert.ok(
              body.errors?.some((error) => /if-match/i.test(error.path)),
              `the error names If-Match: ${response.body}`,
            );
          }
        }
        assert.equal((await getMovie(movie.id)).version, movie.version);
      });
    });

    describe('limits of the stored values', () => {
      it('stores the largest values the schemas allow, on every database', async () => {
        const genres = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'g'.repeat(48)}`);
        const title = `${'🎬'.repeat(100)}${'T'.repeat(100)}`;
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: admin,
          body: { title, releaseDate: '2020-02-29', genres, priceCents: 1_000_000_000, stock: 1_000_000_000 },
        });
        assert.equal(response.statusCode, 201, response.body);
        const read = await getMovie(response.json().id);
        assert.deepEqual(
          { title: read.title, genres: read.genres, priceCents: read.priceCents, stock: read.stock },
          { title, genres, priceCents: 1_000_000_000, stock: 1_000_000_000 },
        );
      });

      it('stores genres whose characters JSON escapes', async () => {
        const genres = Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(65 + i)}${'"'.repeat(49)}`);
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: admin,
          body: { title: 'Quoted genres', releaseDate: '2020-01-01', genres },
        });
        assert.equal(response.statusCode, 201, response.body);
        assert.deepEqual((await getMovie(response.json().id)).genres, genres);
      });

      it('treats a NUL character in a text field alike on every database (400 or stored as sent, never 500)', async () => {
        const title = 'Null\u0000Byte';
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: admin,
          body: { title, releaseDate: '2020-01-01' },
        });
        if (response.statusCode === 400) {
          assertFieldErrors(response, ['/title']);
        } else {
          assert.equal(response.statusCode, 201, response.body);
          assert.equal((await getMovie(response.json().id)).title, title);
        }
      });
    });

    describe('concurrent requests', () => {
      it('concurrent PATCHes without If-Match all succeed (412 only answers an If-Match)', async () => {
        const movie = await newMovie(backlot);
        const responses = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            backlot.request({ method: 'PATCH', url: `/api/v1/movies/${movie.id}`, token: admin, body: { stock: i } }),
          ),
        );
        assert.deepEqual(
          responses.map((response) => response.statusCode),
          responses.map(() => 200),
          responses.map((response) => response.body).join('\n'),
        );
        assert.equal((await getMovie(movie.id)).version, movie.version + 8);
      });

      it('concurrent PUTs of the same new casting: one 201, the others 200, never a 5xx', async () => {
        const movie = await newMovie(backlot);
        const actor = await newActor(backlot);
        const responses = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            backlot.request({
              method: 'PUT',
              url: `/api/v1/movies/${movie.id}/cast/${actor.id}`,
              token: admin,
              body: { character: `Part ${i}` },
            }),
          ),
        );
        const statuses = responses.map((response) => response.statusCode).sort();
        assert.deepEqual(statuses, [200, 200, 200, 200, 200, 201], responses.map((r) => r.body).join('\n'));
        assert.equal((await getMovie(movie.id)).cast!.length, 1);
      });

      it('concurrent DELETEs of one movie: one 204, the others 404', async () => {
        const movie = await newMovie(backlot);
        const responses = await Promise.all(
          Array.from({ length: 4 }, () =>
            backlot.request({ method: 'DELETE', url: `/api/v1/movies/${movie.id}`, token: admin }),
          ),
        );
        const statuses = responses.map((response) => response.statusCode).sort();
        assert.deepEqual(statuses, [204, 404, 404, 404], responses.map((r) => r.body).join('\n'));
      });
    });

    describe('unexpected errors', () => {
      it('a 500 says nothing about SQL, tables or stacks', async () => {
        const spare = await startBacklot(dialect);
        try {
          const token = (await spare.as(['admin'])).token;
          const movie = await newMovie(spare);
          await sql`drop table castings`.execute(spare.handle.db);
          const response = await spare.request({ method: 'GET', url: `/api/v1/movies/${movie.id}`, token });
          const body = assertProblem(response, 500, 'internal');
          assert.doesNotMatch(response.body, /castings|select|sql|sqlite|postgres|mysql|stack|\.ts:|at \w+ \(/i);
          assert.deepEqual(Object.keys(body).sort(), ['code', 'detail', 'instance', 'status', 'title', 'type']);
        } finally {
          await spare.stop();
        }
      });
    });
  });
}
