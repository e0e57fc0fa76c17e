import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PROBLEM_TYPES } from '../../src/http/problem-types.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

for (const dialect of dialects()) {
  describe(`HTTP and problem details on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let producer: { token: string };
    let movie: { id: number; version: number };
    before(async () => {
      backlot = await startBacklot(dialect);
      producer = await backlot.as(['executive_producer']);
      const created = await backlot.request({
        method: 'POST',
        url: '/api/v1/movies',
        token: producer.token,
        body: { title: 'Conditional', releaseDate: '2021-01-01', genres: [] },
      });
      assert.equal(created.statusCode, 201, created.body);
      movie = created.json();
    });
    after(() => backlot.stop());

    describe('405 Method Not Allowed', () => {
      it('answers a known path asked with another method 405 with Allow, an unknown path 404', async () => {
        const put = await backlot.request({ method: 'PUT', url: `/api/v1/movies/${movie.id}`, token: producer.token });
        assert.equal(put.statusCode, 405, put.body);
        assert.equal(put.headers.allow, 'DELETE, GET, HEAD, PATCH');
        assert.match(String(put.headers['content-type']), /^application\/problem\+json/);
        assert.equal(put.json().code, 'method_not_allowed');
        const list = await backlot.request({ method: 'DELETE', url: '/api/v1/movies' });
        assert.equal(list.statusCode, 405, list.body);
        assert.equal(list.headers.allow, 'GET, HEAD, POST');
        const token = await backlot.request({ method: 'GET', url: '/api/v1/auth/token' });
        assert.equal(token.statusCode, 405, token.body);
        assert.equal(token.headers.allow, 'POST');
        const unknown = await backlot.request({ method: 'GET', url: '/api/v1/moviez' });
        assert.equal(unknown.statusCode, 404, unknown.body);
        assert.equal(unknown.headers.allow, undefined);
        const deeper = await backlot.request({ method: 'GET', url: `/api/v1/movies/${movie.id}/nothing` });
        assert.equal(deeper.statusCode, 404, deeper.body);
      });
    });

    describe('If-None-Match', () => {
      const read = (headers: Record<string, string>) =>
        backlot.request({ method: 'GET', url: `/api/v1/movies/${movie.id}`, token: producer.token, headers });

      it('answers 304 without a body when the ETag still matches (weak comparison, lists, *)', async () => {
        for (const condition of [`"${movie.version}"`, `W/"${movie.version}"`, `"99", "${movie.version}"`, '*']) {
          const response = await read({ 'if-none-match': condition });
          assert.equal(response.statusCode, 304, `${condition}: ${response.body}`);
          assert.equal(response.body, '');
          assert.equal(response.headers.etag, `"${movie.version}"`);
        }
      });

      it('answers 200 with the item once it has moved on', async () => {
        const response = await read({ 'if-none-match': '"99"' });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().title, 'Conditional');
      });

      it('never turns a refusal into 304', async () => {
        const response = await backlot.request({
          method: 'GET',
          url: `/api/v1/movies/${movie.id}`,
          headers: { 'if-none-match': '*' },
        });
        assert.equal(response.statusCode, 401);
      });
    });

    describe('JSON merge patch', () => {
      it('takes application/merge-patch+json on PATCH, and only there', async () => {
        const patched = await backlot.request({
          method: 'PATCH',
          url: `/api/v1/actors/${(await newActor()).id}`,
          token: producer.token,
          headers: { 'content-type': 'application/merge-patch+json' },
          body: JSON.stringify({ name: 'Merged Name' }),
        });
        assert.equal(patched.statusCode, 200, patched.body);
        assert.equal(patched.json().name, 'Merged Name');
        const post = await backlot.request({
          method: 'POST',
          url: '/api/v1/actors',
          token: producer.token,
          headers: { 'content-type': 'application/merge-patch+json' },
          body: JSON.stringify({ name: 'Nope', age: 30, gender: 'female' }),
        });
        assert.equal(post.statusCode, 415, post.body);
        assert.match(String(post.headers['content-type']), /^application\/problem\+json/);
      });

      async function newActor(): Promise<{ id: number }> {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/actors',
          token: producer.token,
          body: { name: 'Patchable', age: 40, gender: 'male' },
        });
        assert.equal(response.statusCode, 201, response.body);
        return response.json();
      }
    });

    describe('problem details (RFC 9457)', () => {
      it('names the problem type in title, and carries the request id in instance', async () => {
        const response = await backlot.request({
          method: 'PATCH',
          url: `/api/v1/movies/${movie.id}`,
          token: producer.token,
          headers: { 'if-match': '"99"', 'x-request-id': 'trace-412' },
          body: { title: 'Stale' },
        });
        assert.equal(response.statusCode, 412, response.body);
        const body = response.json();
        assert.equal(body.type, '/problems/precondition-failed');
        assert.equal(body.title, PROBLEM_TYPES.precondition_failed?.title);
        assert.notEqual(body.title, 'Precondition Failed', 'the title names the type, not the reason phrase');
        assert.equal(body.instance, 'urn:backlot:request:trace-412');
        const conflict = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer.token,
          body: { title: 1 },
        });
        assert.equal(conflict.json().title, 'Validation failed');
        assert.equal(conflict.json().instance, `urn:backlot:request:${conflict.headers['x-request-id']}`);
      });

      it('serves a page for every problem type, so each type URI resolves', async () => {
        const index = await backlot.request({ method: 'GET', url: '/problems' });
        assert.equal(index.statusCode, 200);
        assert.match(String(index.headers['content-type']), /^text\/html/);
        for (const [code, type] of Object.entries(PROBLEM_TYPES)) {
          const uri = `/problems/${code.replaceAll('_', '-')}`;
          assert.ok(index.body.includes(`href="${uri}"`), `${uri} is listed`);
          const page = await backlot.request({ method: 'GET', url: uri });
          assert.equal(page.statusCode, 200, uri);
          assert.match(String(page.headers['content-type']), /^text\/html/);
          assert.ok(page.body.includes(`<h1>${type.title.replaceAll("'", '&#39;')}</h1>`), uri);
        }
        const answered = await backlot.request({
          method: 'GET',
          url: `/api/v1/movies/${movie.id + 1000}`,
          token: producer.token,
        });
        const page = await backlot.request({ method: 'GET', url: answered.json().type });
        assert.equal(page.statusCode, 200, `${answered.json().type} resolves`);
        assert.equal((await backlot.request({ method: 'GET', url: '/problems/no-such-type' })).statusCode, 404);
      });

      it('names bad fields one way: a JSON pointer into the body, the bare name of a query parameter or header', async () => {
        const body = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token: producer.token,
          body: { title: '', releaseDate: '2020-01-01', genres: ['a', 1] },
        });
        assert.deepEqual(
          body
            .json()
            .errors.map((e: { path: string }) => e.path)
            .sort(),
          ['/genres/1', '/title'],
        );
        const query = await backlot.request({ method: 'GET', url: '/api/v1/movies?limit=0', token: producer.token });
        assert.deepEqual(
          query.json().errors.map((e: { path: string }) => e.path),
          ['limit'],
        );
        const header = await backlot.request({
          method: 'PATCH',
          url: `/api/v1/movies/${movie.id}`,
          token: producer.token,
          headers: { 'if-match': 'three' },
          body: { title: 'Bad header' },
        });
        assert.equal(header.statusCode, 400, header.body);
        assert.deepEqual(
          header.json().errors.map((e: { path: string }) => e.path),
          ['if-match'],
        );
      });
    });
  });
}
