import type { Selectable } from 'kysely';
import type { Db, Dialect } from '../../db/database.ts';
import { insertId, now } from '../../db/database.ts';
import type { ActorsTable, MoviesTable } from '../../db/schema.ts';
import { itemFields, type ListPlan, type ListSpec, listRows, pageOf } from '../../lists/list.ts';
import type { ActorItem, CastMemberItem, MovieItem, RoleItem } from './schemas.ts';

export const MOVIE_LIST: ListSpec = {
  fields: {
    ...itemFields('movies'),
    title: { column: 'movies.title', type: 'string' },
    releaseDate: { column: 'movies.releaseDate', type: 'date' },
    genres: { column: 'movies.genres', type: 'text' },
    priceCents: { column: 'movies.priceCents', type: 'integer' },
    stock: { column: 'movies.stock', type: 'integer' },
  },
  sortable: {
    title: 'movies.title',
    releaseDate: 'movies.releaseDate',
    priceCents: 'movies.priceCents',
    stock: 'movies.stock',
    createdAt: 'movies.createdAt',
    updatedAt: 'movies.updatedAt',
  },
  search: ['movies.title'],
  idColumn: 'movies.id',
  defaultSort: 'title',
};

export const ACTOR_LIST: ListSpec = {
  fields: {
    ...itemFields('actors'),
    name: { column: 'actors.name', type: 'string' },
    age: { column: 'actors.age', type: 'integer', nullable: true },
    gender: { column: 'actors.gender', type: 'string', nullable: true },
  },
  sortable: { name: 'actors.name', createdAt: 'actors.createdAt', updatedAt: 'actors.updatedAt' },
  search: ['actors.name'],
  idColumn: 'actors.id',
  defaultSort: 'name',
};

export type MovieValues = Partial<Pick<MovieItem, 'title' | 'releaseDate' | 'genres' | 'priceCents' | 'stock'>>;
export type ActorValues = Partial<Pick<ActorItem, 'name' | 'age' | 'gender'>>;

const GENRE_LISTS = 1000;
const parsedGenres = new Map<string, string[]>();

/**
 * A movie's genres, stored as JSON text. The same few lists recur on every page, and parsing them was a tenth of a
 * page's mapping: each text is parsed once and the list shared, frozen so that no caller can change it for the others.
 */
function genresOf(text: string): string[] {
  let genres = parsedGenres.get(text);
  if (genres === undefined) {
    genres = Object.freeze(JSON.parse(text) as string[]) as string[];
    // Genres are free text: the bound keeps a flood of distinct lists from growing the map.
    if (parsedGenres.size >= GENRE_LISTS) parsedGenres.clear();
    parsedGenres.set(text, genres);
  }
  return genres;
}

/** Field by field rather than a spread: on a page of rows the literal is several times faster. */
function toMovie(row: Selectable<MoviesTable>): MovieItem {
  return {
    id: row.id,
    title: row.title,
    releaseDate: row.releaseDate,
    genres: genresOf(row.genres),
    priceCents: row.priceCents,
    stock: row.stock,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

function movieColumns(values: MovieValues) {
  const { genres, ...rest } = values;
  return genres === undefined ? rest : { ...rest, genres: JSON.stringify(genres) };
}

function toActor(row: Selectable<ActorsTable>): ActorItem {
  return row;
}

const allMovies = (db: Db) => db.selectFrom('movies').selectAll();
const allActors = (db: Db) => db.selectFrom('actors').selectAll();

/** SQL of the casting module: movies, actors and castings. */
export class CastingRepository {
  readonly #dialect: Dialect;
  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  async listMovies(db: Db, plan: ListPlan) {
    const rows = await listRows(db, plan, allMovies);
    const page = pageOf(rows, plan);
    return { items: page.rows.map(toMovie), nextCursor: page.nextCursor };
  }

  async movie(db: Db, id: number): Promise<MovieItem | undefined> {
    const row = await db.selectFrom('movies').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toMovie(row);
  }

  async insertMovie(
    db: Db,
    values: Required<Pick<MovieValues, 'title' | 'releaseDate'>> & MovieValues,
  ): Promise<number> {
    const at = now();
    return insertId(
      db.insertInto('movies').values({
        title: values.title,
        releaseDate: values.releaseDate,
        genres: JSON.stringify(values.genres ?? []),
        priceCents: values.priceCents ?? 0,
        stock: values.stock ?? 0,
        createdAt: at,
        updatedAt: at,
        version: 1,
      }),
      this.#dialect,
    );
  }

  /** Updates a movie if it is still at `version`; false when another change came first. */
  async updateMovie(db: Db, id: number, version: number, values: MovieValues): Promise<boolean> {
    const result = await db
      .updateTable('movies')
      .set({ ...movieColumns(values), updatedAt: now(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Bumps a movie's version (its cast changed). */
  async touchMovie(db: Db, id: number): Promise<void> {
    await db
      .updateTable('movies')
      .set((eb) => ({ updatedAt: now(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async deleteMovie(db: Db, id: number, version: number): Promise<boolean> {
    const result = await db.deleteFrom('movies').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  cast(db: Db, movieId: number): Promise<CastMemberItem[]> {
    return db
      .selectFrom('castings')
      .innerJoin('actors', 'actors.id', 'castings.actorId')
      .select(['castings.actorId', 'actors.name', 'castings.character', 'castings.billing'])
      .where('castings.movieId', '=', movieId)
      .orderBy((eb) => eb.case().when('castings.billing', 'is', null).then(1).else(0).end())
      .orderBy('castings.billing')
      .orderBy('actors.name')
      .orderBy('castings.actorId')
      .execute();
  }

  casting(db: Db, movieId: number, actorId: number) {
    return db
      .selectFrom('castings')
      .select(['character', 'billing'])
      .where('movieId', '=', movieId)
      .where('actorId', '=', actorId)
      .executeTakeFirst();
  }

  async insertCasting(db: Db, movieId: number, actorId: number, character: string, billing: number | null) {
    await db.insertInto('castings').values({ movieId, actorId, character, billing, createdAt: now() }).execute();
  }

  async updateCasting(db: Db, movieId: number, actorId: number, character: string, billing: number | null) {
    await db
      .updateTable('castings')
      .set({ character, billing })
      .where('movieId', '=', movieId)
      .where('actorId', '=', actorId)
      .execute();
  }

  async deleteCasting(db: Db, movieId: number, actorId: number): Promise<boolean> {
    const result = await db
      .deleteFrom('castings')
      .where('movieId', '=', movieId)
      .where('actorId', '=', actorId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async listActors(db: Db, plan: ListPlan) {
    const rows = await listRows(db, plan, allActors);
    const page = pageOf(rows, plan);
    return { items: page.rows.map(toActor), nextCursor: page.nextCursor };
  }

  async actor(db: Db, id: number): Promise<ActorItem | undefined> {
    const row = await db.selectFrom('actors').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toActor(row);
  }

  async insertActor(db: Db, values: Required<Pick<ActorValues, 'name'>> & ActorValues): Promise<number> {
    const at = now();
    return insertId(
      db.insertInto('actors').values({
        name: values.name,
        age: values.age ?? null,
        gender: values.gender ?? null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      }),
      this.#dialect,
    );
  }

  async updateActor(db: Db, id: number, version: number, values: ActorValues): Promise<boolean> {
    const result = await db
      .updateTable('actors')
      .set({ ...values, updatedAt: now(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async deleteActor(db: Db, id: number, version: number): Promise<boolean> {
    const result = await db.deleteFrom('actors').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** The movies of an actor whose castings an actor deletion removes. */
  castMovieIds(db: Db, actorId: number): Promise<number[]> {
    return db
      .selectFrom('castings')
      .select('movieId')
      .where('actorId', '=', actorId)
      .execute()
      .then((rows) => rows.map((row) => row.movieId));
  }

  filmography(db: Db, actorId: number): Promise<RoleItem[]> {
    return db
      .selectFrom('castings')
      .innerJoin('movies', 'movies.id', 'castings.movieId')
      .select(['castings.movieId', 'movies.title', 'movies.releaseDate', 'castings.character', 'castings.billing'])
      .where('castings.actorId', '=', actorId)
      .orderBy('movies.releaseDate', 'desc')
      .orderBy('castings.movieId')
      .execute();
  }
}
