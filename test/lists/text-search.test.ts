/**
 * `q` and the `~` filter through each database's text index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL, none on
 * MySQL/MariaDB) mean what they meant without it: contains, ASCII letters in either case, `%`, `_` and `!` literal,
 * and the index follows inserts, title changes and deletions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

const TITLES = [
  'The Red Fox',
  'red fox returns',
  'REDUX',
  'Bored',
  'The Red_Fox',
  'RedXFox',
  '100% Pure',
  '100 Pure',
  'a!b and more',
  'ab',
  'Thé Rouge',
  'x',
  'Up',
  'Pure Gold',
];
const QUERIES = [
  'red',
  'RED',
  'red fox',
  'red_fox',
  '_',
  '%',
  '100%',
  'a!b',
  '!',
  'ab',
  'x',
  'up',
  'pure',
  'zzz',
  'hé',
];

/**
 * What `q` means: the text occurs in the title, ASCII letters compared in either case. MySQL/MariaDB's default
 * collation also ignores accents (documented in docs/api.md).
 */
function contains(title: string, text: string, dialect: string): boolean {
  const fold = (value: string) => {
    const folded = value.replace(/[A-Z]/g, (c) => c.toLowerCase());
    return dialect === 'mysql' ? folded.normalize('NFD').replace(/\p{M}/gu, '') : folded;
  };
  return fold(title).includes(fold(text));
}

for (const dialect of dialects()) {
  describe(`text search through the index (${dialect.name})`, () => {
    let backlot: TestBacklot;
    let token: string;
    const ids = new Map<string, number>();

    before(async () => {
      backlot = await startBacklot(dialect);
      ({ token } = await backlot.as(['admin']));
      for (const title of TITLES) {
        const response = await backlot.request({
          method: 'POST',
          url: '/api/v1/movies',
          token,
          body: { title, releaseDate: '2020-01-01' },
        });
        assert.equal(response.statusCode, 201, response.body);
        ids.set(title, response.json().id);
      }
    });
    after(() => backlot.stop());

    async function titles(query: string): Promise<string[]> {
      const response = await backlot.request({ method: 'GET', url: `/api/v1/movies?limit=200&${query}`, token });
      assert.equal(response.statusCode, 200, response.body);
      return response
        .json()
        .items.map((movie: { title: string }) => movie.title)
        .sort();
    }

    it('q and ~ find exactly the titles that contain the text', async () => {
      for (const text of QUERIES) {
        const expected = [...ids.keys()].filter((title) => contains(title, text, dialect.name)).sort();
        assert.deepEqual(await titles(`q=${encodeURIComponent(text)}`), expected, `q=${text}`);
        const quoted = `'${text.replaceAll("'", "''")}'`;
        assert.deepEqual(
          await titles(`filter=${encodeURIComponent(`title ~ ${quoted}`)}`),
          expected,
          `title ~ ${quoted}`,
        );
      }
    });

    it('follows a changed title and a deleted movie', async () => {
      const id = ids.get('Pure Gold')!;
      const current = await backlot.request({ method: 'GET', url: `/api/v1/movies/${id}`, token });
      const changed = await backlot.request({
        method: 'PATCH',
        url: `/api/v1/movies/${id}`,
        token,
        body: { title: 'Silver Lining' },
        headers: { 'if-match': String(current.headers.etag) },
      });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(await titles('q=silver'), ['Silver Lining']);
      assert.deepEqual(await titles('q=gold'), []);
      const removed = await backlot.request({ method: 'DELETE', url: `/api/v1/movies/${id}`, token });
      assert.equal(removed.statusCode, 204, removed.body);
      assert.deepEqual(await titles('q=silver'), []);
    });
  });
}
