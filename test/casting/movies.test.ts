import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

for (const dialect of dialects()) {
  describe(`movies on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    it('creates a movie with 201, Location and ETag, and reads it back with its cast', async () => {
      const producer = await backlot.as(['executive_producer']);
      const created = await backlot.request({
        method: 'POST',
        url: '/api/v1/movies',
        token: producer.token,
        body: { title: 'Harbour Lights', releaseDate: '2021-07-02', genres: ['drama'] },
      });
      assert.equal(created.statusCode, 201, created.body);
      const movie = created.json();
      assert.equal(created.headers.location, `/api/v1/movies/${movie.id}`);
      assert.equal(created.headers.etag, '"1"');
      assert.deepEqual(
        {
          title: movie.title,
          releaseDate: movie.releaseDate,
          genres: movie.genres,
          priceCents: movie.priceCents,
          stock: movie.stock,
          version: movie.version,
        },
        { title: 'Harbour Lights', releaseDate: '2021-07-02', genres: ['drama'], priceCents: 0, stock: 0, version: 1 },
      );
      const read = await backlot.request({ method: 'GET', url: `/api/v1/movies/${movie.id}`, token: producer.token });
      assert.equal(read.statusCode, 200);
      assert.deepEqual(read.json().cast, []);
    });
  });
}
