/** Lists of movies and actors: shape, limit, keyset paging, sort, q and the filter language. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';
import { assertProblem, newActor, newMovie } from './fixtures.ts';

interface Movie {
  id: number;
  title: string;
  releaseDate: string;
  genres: string[];
  priceCents: number;
  stock: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

interface Actor {
  id: number;
  name: string;
  age: number | null;
  gender: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

type Row = Record<string, unknown> & { id: number };

/** The order a `sort=` parameter must give: its keys, then the id in the last key's direction. */
function sorted<T extends Row>(rows: readonly T[], sort: string): T[] {
  const keys = sort.split(',').map((raw) => {
    const desc = raw.startsWith('-');
    return { field: desc ? raw.slice(1) : raw, desc };
  });
  keys.push({ field: 'id', desc: keys.at(-1)!.desc });
  return [...rows].sort((a, b) => {
    for (const { field, desc } of keys) {
      const x = a[field] as string | number;
      const y = b[field] as string | number;
      if (x < y) return desc ? 1 : -1;
      if (x > y) return desc ? -1 : 1;
    }
    return 0;
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

for (const dialect of dialects()) {
  describe(`casting lists on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let token: string;
    let movies: Movie[];
    let actors: Actor[];

    /** GET a list and assert its shape; returns the page. */
    async function page<T>(path: string, query: Record<string, string | number> = {}) {
      const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
      const url = `/api/v1/${path}${search.size > 0 ? `?${search}` : ''}`;
      const response = await backlot.request({ method: 'GET', url, token });
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      const body = response.json() as { items: T[]; nextCursor: string | null };
      assert.deepEqual(Object.keys(body).sort(), ['items', 'nextCursor']);
      assert.ok(Array.isArray(body.items));
      assert.ok(body.nextCursor === null || typeof body.nextCursor === 'string');
      return body;
    }

    /** Every page of a list, following nextCursor; returns the ids in the order served. */
    async function walk(path: string, query: Record<string, string | number>): Promise<number[]> {
      const ids: number[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const body: { items: Row[]; nextCursor: string | null } = await page<Row>(path, {
          ...query,
          ...(cursor ? { cursor } : {}),
        });
        assert.ok(body.items.length <= Number(query.limit ?? 50));
        ids.push(...body.items.map((item) => item.id));
        if (body.nextCursor === null) return ids;
        assert.equal(body.items.length, Number(query.limit ?? 50), 'only the last page may be short');
        cursor = body.nextCursor;
      }
      throw new Error('paging does not end');
    }

    async function badRequest(path: string, query: Record<string, string | number>) {
      const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
      const response = await backlot.request({ method: 'GET', url: `/api/v1/${path}?${search}`, token });
      return assertProblem(response, 400);
    }

    before(async () => {
      backlot = await startBacklot(dialect);
      token = (await backlot.as(['casting_assistant'])).token;
      const genreSets = [['drama'], ['comedy', 'Drama'], ['action'], []];
      for (let i = 0; i < 60; i++) {
        await newMovie(backlot, {
          title: `Film ${pad((i * 37) % 60)}`,
          releaseDate: `20${10 + (i % 12)}-${pad(1 + (i % 9))}-15`,
          genres: genreSets[i % 4]!,
          priceCents: (i % 7) * 400,
          stock: i % 5,
        });
      }
      const named: [string, string, string[], number, number][] = [
        ['Harbour Lights', '2021-07-02', ['drama', 'romance'], 1500, 0],
        ['The Harbour', '2012-03-03', ['documentary'], 900, 3],
        ['Low Tide', '2019-11-11', ['thriller'], 1001, 1],
        ['Static', '2020-01-01', ['drama'], 1000, 2],
        ['100% Pure', '2005-05-05', ['comedy'], 0, 9],
      ];
      for (const [title, releaseDate, genres, priceCents, stock] of named) {
        await newMovie(backlot, { title, releaseDate, genres, priceCents, stock });
      }
      const people: [string, number | null, string | null][] = [
        ['Ada Stone', 34, 'female'],
        ['Bruno Vale', 52, 'male'],
        ['Carla Mendes', 29, 'female'],
        ['Dmitri Orlov', null, 'male'],
        ['Elena Ruiz', 41, 'female'],
        ['Farid Haddad', 30, null],
        ['Grace Okafor', null, null],
        ['Hiro Tanaka', 67, 'male'],
        ['Ines Duarte', 30, 'female'],
        ['Jonas Berg', 18, 'male'],
        ['Kofi Mensah', 45, 'male'],
        ['Lena Fischer', 150, 'female'],
      ];
      for (const [name, age, gender] of people) await newActor(backlot, { name, age, gender });
      movies = (await page<Movie>('movies', { limit: 200 })).items;
      actors = (await page<Actor>('actors', { limit: 200 })).items;
      assert.equal(movies.length, 65);
      assert.equal(actors.length, 12);
    });
    after(() => backlot.stop());

    describe('shape and limit', () => {
      it('answers {items, nextCursor} with the default limit of 50', async () => {
        const first = await page<Movie>('movies');
        assert.equal(first.items.length, 50);
        assert.equal(typeof first.nextCursor, 'string');
        const second = await page<Movie>('movies', { cursor: first.nextCursor! });
        assert.equal(second.items.length, 15);
        assert.equal(second.nextCursor, null);
        const item = first.items[0]!;
        for (const field of ['id', 'createdAt', 'updatedAt', 'version', 'title', 'releaseDate', 'genres']) {
          assert.ok(field in item, `movie items have ${field}`);
        }
        assert.ok(!('cast' in item), 'the list does not carry the cast');
        const actorPage = await page<Actor>('actors');
        assert.equal(actorPage.items.length, 12);
        assert.equal(actorPage.nextCursor, null);
        assert.ok(!('filmography' in actorPage.items[0]!));
      });

      it('accepts limits 1 and 200, and refuses 0, 201 and non-integers naming limit', async () => {
        const one = await page<Movie>('movies', { limit: 1 });
        assert.equal(one.items.length, 1);
        assert.notEqual(one.nextCursor, null);
        assert.equal((await page<Movie>('movies', { limit: 200 })).items.length, 65);
        for (const limit of [0, 201, -1, 1.5, 'ten']) {
          for (const path of ['movies', 'actors']) {
            const problem = await badRequest(path, { limit });
            assert.deepEqual(
              problem.errors?.map((error) => error.path),
              ['limit'],
              `limit=${limit}: ${JSON.stringify(problem)}`,
            );
          }
        }
      });

      it('refuses an unknown query parameter', async () => {
        const problem = await badRequest('movies', { page: 2 });
        assert.ok(
          problem.errors?.some((error) => error.path.includes('page')),
          JSON.stringify(problem),
        );
      });

      it('reports several bad list parameters at once', async () => {
        const problem = await badRequest('movies', { sort: 'director', filter: 'titel=x' });
        assert.deepEqual(problem.errors?.map((error) => error.path).sort(), ['filter', 'sort']);
      });
    });

    describe('paging and sort', () => {
      const movieSorts = [
        'title',
        '-title',
        'releaseDate',
        '-releaseDate',
        'priceCents',
        '-priceCents,title',
        'stock,-releaseDate',
        'createdAt',
        '-createdAt',
        '-updatedAt',
      ];

      it('the default sort is by title', async () => {
        const ids = await walk('movies', { limit: 9 });
        assert.deepEqual(
          ids,
          sorted(movies as unknown as Row[], 'title').map((movie) => movie.id),
        );
      });

      for (const sort of movieSorts) {
        it(`movies sort=${sort}: paging visits every item exactly once, in order`, async () => {
          for (const limit of [7, 13]) {
            const ids = await walk('movies', { sort, limit });
            assert.equal(new Set(ids).size, ids.length, 'no item twice');
            assert.deepEqual(
              ids,
              sorted(movies as unknown as Row[], sort).map((movie) => movie.id),
            );
          }
        });
      }

      for (const sort of ['name', '-name', 'createdAt', '-updatedAt']) {
        it(`actors sort=${sort}: paging visits every item exactly once, in order`, async () => {
          const ids = await walk('actors', { sort, limit: 5 });
          assert.deepEqual(
            ids,
            sorted(actors as unknown as Row[], sort).map((actor) => actor.id),
          );
        });
      }

      it('-releaseDate puts the newest first', async () => {
        const { items } = await page<Movie>('movies', { sort: '-releaseDate', limit: 200 });
        for (let i = 1; i < items.length; i++) assert.ok(items[i - 1]!.releaseDate >= items[i]!.releaseDate);
        assert.equal(
          items[0]!.releaseDate,
          movies
            .map((movie) => movie.releaseDate)
            .sort()
            .at(-1),
        );
      });

      it('an item added between pages is neither skipped nor repeated', async () => {
        const first = await page<Movie>('movies', { sort: 'title', limit: 10 });
        const added = await newMovie(backlot, { title: 'Zulu Added', releaseDate: '2024-01-01' });
        try {
          const ids = first.items.map((movie) => movie.id);
          let cursor = first.nextCursor;
          while (cursor) {
            const next = await page<Movie>('movies', { sort: 'title', limit: 10, cursor });
            ids.push(...next.items.map((movie) => movie.id));
            cursor = next.nextCursor;
          }
          assert.equal(new Set(ids).size, ids.length);
          assert.equal(ids.length, movies.length + 1);
          assert.equal(ids.at(-1), added.id);
        } finally {
          await backlot.services.casting.deleteMovie(backlot.system, added.id);
        }
      });

      it('refuses an unknown or unsortable sort field naming sort', async () => {
        for (const [path, sort] of [
          ['movies', 'director'],
          ['movies', 'genres'],
          ['movies', '-'],
          ['movies', 'title,title'],
          ['actors', 'age'],
          ['actors', 'title'],
        ]) {
          const problem = await badRequest(path!, { sort: sort! });
          assert.deepEqual(
            problem.errors?.map((error) => error.path),
            ['sort'],
            `${path} sort=${sort}: ${JSON.stringify(problem)}`,
          );
        }
      });

      it('refuses a forged cursor and a cursor made for another sort, naming cursor', async () => {
        const { nextCursor } = await page<Movie>('movies', { sort: 'title', limit: 5 });
        const forged = Buffer.from(JSON.stringify({ s: 'title,id', k: ["x' or 1=1 --", 'one'] })).toString('base64url');
        const queries: Record<string, string>[] = [
          { sort: '-title', cursor: nextCursor! },
          { cursor: 'not a cursor!' },
          { cursor: 'bm90IGpzb24' },
          { sort: 'title', cursor: forged },
        ];
        for (const query of queries) {
          const problem = await badRequest('movies', query);
          assert.deepEqual(
            problem.errors?.map((error) => error.path),
            ['cursor'],
          );
        }
      });
    });

    describe('q', () => {
      it('searches titles and names, ignoring case', async () => {
        for (const q of ['harbour', 'HARBOUR', 'Harb']) {
          const { items } = await page<Movie>('movies', { q });
          assert.deepEqual(items.map((movie) => movie.title).sort(), ['Harbour Lights', 'The Harbour']);
        }
        const { items } = await page<Actor>('actors', { q: 'EN' });
        assert.deepEqual(
          items.map((actor) => actor.name),
          actors.filter((actor) => actor.name.toLowerCase().includes('en')).map((actor) => actor.name),
        );
        assert.ok(items.length >= 3);
      });

      it('treats % and _ as plain characters', async () => {
        assert.deepEqual(
          (await page<Movie>('movies', { q: '%' })).items.map((movie) => movie.title),
          ['100% Pure'],
        );
        assert.deepEqual(
          (await page<Movie>('movies', { q: '0%' })).items.map((movie) => movie.title),
          ['100% Pure'],
        );
        assert.deepEqual((await page<Movie>('movies', { q: '_' })).items, []);
        assert.deepEqual((await page<Movie>('movies', { q: "'; drop table movies; --" })).items, []);
      });

      it('combines q with sort, filter and paging', async () => {
        const ids = await walk('movies', { q: 'film 1', sort: '-priceCents', filter: 'stock>=2', limit: 2 });
        const expected = sorted(
          movies.filter((m) => m.title.toLowerCase().includes('film 1') && m.stock >= 2) as unknown as Row[],
          '-priceCents',
        ).map((movie) => movie.id);
        assert.ok(expected.length > 2);
        assert.deepEqual(ids, expected);
      });
    });

    describe('filter', () => {
      const movieFilters: [string, (movie: Movie) => boolean][] = [
        [
          "releaseDate>=2020-01-01 and genres~'drama'",
          (m) => m.releaseDate >= '2020-01-01' && JSON.stringify(m.genres).toLowerCase().includes('drama'),
        ],
        ["title in ('Static', 'Low Tide')", (m) => ['Static', 'Low Tide'].includes(m.title)],
        ["title in ('A','B')", () => false],
        ['stock=0 ou priceCents>1000', (m) => m.stock === 0 || m.priceCents > 1000],
        [
          'stock=0 or priceCents>1000 and releaseDate<2015-01-01',
          (m) => m.stock === 0 || (m.priceCents > 1000 && m.releaseDate < '2015-01-01'),
        ],
        [
          '(stock=0 or priceCents>1000) and releaseDate<2015-01-01',
          (m) => (m.stock === 0 || m.priceCents > 1000) && m.releaseDate < '2015-01-01',
        ],
        ['not stock=0 et priceCents=<800', (m) => m.stock !== 0 && m.priceCents <= 800],
        ['priceCents=>1001', (m) => m.priceCents >= 1001],
        ['stock!=2', (m) => m.stock !== 2],
        ["title~'FILM 0'", (m) => m.title.toLowerCase().includes('film 0')],
        ['genres~comedy', (m) => m.genres.includes('comedy')],
        ["genres='[]'", (m) => m.genres.length === 0],
        ['title="Harbour Lights"', (m) => m.title === 'Harbour Lights'],
        ['releaseDate=2020-01-01', (m) => m.releaseDate === '2020-01-01'],
        ['releaseDate<today', (m) => m.releaseDate < new Date().toISOString().slice(0, 10)],
        [`id in (${[3, 5, 8].join(',')})`, (m) => [3, 5, 8].includes(m.id)],
      ];
      for (const [filter, predicate] of movieFilters) {
        it(`movies filter=${filter}`, async () => {
          const ids = await walk('movies', { filter, limit: 11 });
          const expected = sorted(movies.filter(predicate) as unknown as Row[], 'title').map((movie) => movie.id);
          assert.deepEqual(ids, expected);
        });
      }

      const actorFilters: [string, (actor: Actor) => boolean][] = [
        ['age is null ou (age>=30 et gender=female)', (a) => a.age === null || (a.age >= 30 && a.gender === 'female')],
        ['gender is not null and age in (30, 18)', (a) => a.gender !== null && (a.age === 30 || a.age === 18)],
        ["name~'a' and not age>40", (a) => a.name.toLowerCase().includes('a') && a.age !== null && !(a.age > 40)],
        ['age!=30', (a) => a.age !== null && a.age !== 30],
      ];
      for (const [filter, predicate] of actorFilters) {
        it(`actors filter=${filter}`, async () => {
          const ids = await walk('actors', { filter, limit: 3 });
          const expected = sorted(actors.filter(predicate) as unknown as Row[], 'name').map((actor) => actor.id);
          assert.ok(expected.length > 0);
          assert.deepEqual(ids, expected);
        });
      }

      it('a bad filter is a 400 whose error names the position', async () => {
        const cases: [string, string, number][] = [
          ['movies', 'titel=x', 1],
          ['movies', 'stock>abc', 7],
          ['movies', 'stock=0 and bogus>1', 13],
          ['movies', 'releaseDate>=2020-13-01', 14],
          ['movies', 'genres>drama', 7],
          ['movies', "priceCents~'1'", 11],
          ['movies', 'stock is null', 1],
          ['movies', "title in ('A' 'B')", 15],
          ['actors', 'age>=x', 6],
          ['actors', 'name=me', 6],
        ];
        for (const [path, filter, position] of cases) {
          const problem = await badRequest(path, { filter });
          assert.equal(problem.errors?.length, 1, JSON.stringify(problem));
          const [error] = problem.errors!;
          assert.equal(error!.path, 'filter');
          assert.match(error!.message, new RegExp(`^at ${position}: `), `${filter}: ${error!.message}`);
        }
      });

      it('refuses unbalanced, truncated and oversized filters', async () => {
        for (const filter of [
          '(stock=0',
          'stock=0 or',
          'stock=',
          "title='open",
          'and',
          `${'stock=0 or '.repeat(40)}stock=1`,
        ]) {
          const problem = await badRequest('movies', { filter });
          assert.equal(problem.errors?.[0]?.path, 'filter', `${filter}: ${JSON.stringify(problem)}`);
          assert.match(problem.errors![0]!.message, /^at \d+: /);
        }
        const long = await badRequest('movies', { filter: `title='${'x'.repeat(1000)}'` });
        assert.ok(
          long.errors?.some((error) => error.path === 'filter'),
          JSON.stringify(long),
        );
      });
    });
  });
}
