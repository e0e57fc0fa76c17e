import type { Caller } from '../../access/authorize.ts';
import { requirePermission } from '../../access/authorize.ts';
import { type Changes, created, diff, recordAudit, removed } from '../../audit/audit.ts';
import { type DatabaseHandle, type Db, lockRow } from '../../db/database.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { Conflict } from '../../errors.ts';
import type { ListParams } from '../../lists/list.ts';
import { listDb, planListOn } from '../../lists/list.ts';
import { found, given } from '../items.ts';
import { removeItem, updateItem, type Writer } from '../versioned-write.ts';
import { ACTOR_LIST, type ActorValues, CastingRepository, MOVIE_LIST, type MovieValues } from './repository.ts';
import type {
  ActorCreateBody,
  ActorItem,
  ActorUpdateBody,
  CastMemberItem,
  MovieCreateBody,
  MovieItem,
  MovieUpdateBody,
  RoleItem,
} from './schemas.ts';

const INVENTORY_FIELDS = ['priceCents', 'stock'] as const;

/** Movies, actors and who plays whom. */
export class CastingService {
  readonly #db: Db;
  readonly #handle: DatabaseHandle;
  readonly #repo: CastingRepository;

  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#repo = new CastingRepository(handle.dialect);
  }

  #writer(trx: Db, actor: Caller): Writer {
    return { trx, dialect: this.#handle.dialect, actor };
  }

  #audit(trx: Db, actor: Caller, action: string, entity: string, entityId: number, changes: Changes) {
    return recordAudit(trx, this.#handle.dialect, actor, { action, entity, entityId, changes });
  }

  #movie(id: number, expectedVersion: number | undefined) {
    return {
      table: 'movies' as const,
      id,
      what: `movie ${id}`,
      expectedVersion,
      read: (trx: Db) => this.#repo.movie(trx, id),
    };
  }

  #actor(id: number, expectedVersion: number | undefined) {
    return {
      table: 'actors' as const,
      id,
      what: `actor ${id}`,
      expectedVersion,
      read: (trx: Db) => this.#repo.actor(trx, id),
    };
  }

  /**
   * Price and stock need `patch:inventory`; everything else about a movie needs `patch:movies`, and so does a change
   * that names no field at all: the service never relies on a route's schema to have refused an empty body.
   */
  #requireMovieFieldRights(actor: Caller, values: MovieValues, creating: boolean): void {
    const inventory = INVENTORY_FIELDS.some((field) => values[field] !== undefined);
    const other = Object.keys(values).some((field) => !(INVENTORY_FIELDS as readonly string[]).includes(field));
    if (inventory) requirePermission(actor, 'patch:inventory');
    if ((other || !inventory) && !creating) requirePermission(actor, 'patch:movies');
  }

  async listMovies(actor: Caller, params: ListParams) {
    requirePermission(actor, 'get:movies');
    const plan = await planListOn(this.#handle, params, MOVIE_LIST, actor.userId);
    return this.#repo.listMovies(listDb(this.#handle, plan), plan);
  }

  async getMovie(actor: Caller, id: number): Promise<MovieItem & { cast: CastMemberItem[] }> {
    requirePermission(actor, 'get:movies');
    const movie = found(await this.#repo.movie(this.#db, id), `movie ${id}`);
    return { ...movie, cast: await this.#repo.cast(this.#db, id) };
  }

  async createMovie(actor: Caller, body: MovieCreateBody): Promise<MovieItem> {
    requirePermission(actor, 'post:movies');
    this.#requireMovieFieldRights(actor, given(body), true);
    return this.#db.transaction().execute(async (trx) => {
      const id = await this.#repo.insertMovie(trx, body);
      const movie = found(await this.#repo.movie(trx, id), `movie ${id}`);
      await this.#audit(trx, actor, 'movie.created', 'movies', id, created(movieFields(movie)));
      return movie;
    });
  }

  async updateMovie(actor: Caller, id: number, body: MovieUpdateBody, expectedVersion?: number): Promise<MovieItem> {
    const values = given(body);
    this.#requireMovieFieldRights(actor, values, false);
    return this.#db.transaction().execute(async (trx) => {
      const { after } = await updateItem(this.#writer(trx, actor), {
        ...this.#movie(id, expectedVersion),
        write: (trx, version) => this.#repo.updateMovie(trx, id, version, values),
        audit: (before, after) => ({
          action: 'movie.updated',
          changes: diff(movieFields(before), movieFields(after)),
        }),
      });
      return after;
    });
  }

  async deleteMovie(actor: Caller, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:movies');
    try {
      await this.#db.transaction().execute((trx) =>
        removeItem(this.#writer(trx, actor), {
          ...this.#movie(id, expectedVersion),
          write: (trx, version) => this.#repo.deleteMovie(trx, id, version),
          audit: (before) => ({ action: 'movie.deleted', changes: removed(movieFields(before)) }),
        }),
      );
    } catch (error) {
      // The store's order items refer to the movie without cascade: the foreign key refuses, and so do we.
      if (isForeignKeyViolation(error))
        throw new Conflict(`Movie ${id} has orders and cannot be deleted.`, 'movie_in_use');
      throw error;
    }
  }

  /** Casts an actor in a movie, or changes their part (a new version of the movie); true when the casting is new. */
  async castActor(
    actor: Caller,
    movieId: number,
    actorId: number,
    part: { character: string; billing?: number | null },
    expectedVersion?: number,
  ): Promise<{ created: boolean; member: CastMemberItem; movieVersion: number }> {
    requirePermission(actor, 'patch:movies');
    return this.#db.transaction().execute(async (trx) => {
      // Actors are locked before movies, as everywhere.
      await lockRow(trx, this.#handle.dialect, 'actors', actorId);
      let name = '';
      let before: { character: string; billing: number | null } | undefined;
      let billing: number | null = null;
      const { after: movie } = await updateItem(this.#writer(trx, actor), {
        ...this.#movie(movieId, expectedVersion),
        check: async (trx) => {
          name = found(await this.#repo.actor(trx, actorId), `actor ${actorId}`).name;
          before = await this.#repo.casting(trx, movieId, actorId);
          billing = part.billing === undefined ? (before?.billing ?? null) : part.billing;
        },
        write: async (trx, version) => {
          if (!(await this.#repo.updateMovie(trx, movieId, version, {}))) return false;
          if (before) await this.#repo.updateCasting(trx, movieId, actorId, part.character, billing);
          else await this.#repo.insertCasting(trx, movieId, actorId, part.character, billing);
          return true;
        },
        audit: () => {
          const after = { actorId, character: part.character, billing };
          return before
            ? { action: 'movie.recast', changes: diff({ actorId, ...before }, after) }
            : { action: 'movie.cast', changes: created(after) };
        },
      });
      const member = { actorId, name, character: part.character, billing };
      return { created: !before, member, movieVersion: movie.version };
    });
  }

  /** Removes an actor from a movie's cast: a new version of the movie. */
  async uncastActor(actor: Caller, movieId: number, actorId: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'patch:movies');
    await this.#db.transaction().execute(async (trx) => {
      let before: { character: string; billing: number | null } | undefined;
      await updateItem(this.#writer(trx, actor), {
        ...this.#movie(movieId, expectedVersion),
        check: async (trx) => {
          before = found(
            await this.#repo.casting(trx, movieId, actorId),
            `actor ${actorId} in the cast of movie ${movieId}`,
          );
        },
        write: async (trx, version) => {
          if (!(await this.#repo.updateMovie(trx, movieId, version, {}))) return false;
          return this.#repo.deleteCasting(trx, movieId, actorId);
        },
        audit: () => ({ action: 'movie.uncast', changes: removed({ actorId, ...before }) }),
      });
    });
  }

  async listActors(actor: Caller, params: ListParams) {
    requirePermission(actor, 'get:actors');
    const plan = await planListOn(this.#handle, params, ACTOR_LIST, actor.userId);
    return this.#repo.listActors(listDb(this.#handle, plan), plan);
  }

  async getActor(actor: Caller, id: number): Promise<ActorItem & { filmography: RoleItem[] }> {
    requirePermission(actor, 'get:actors');
    const performer = found(await this.#repo.actor(this.#db, id), `actor ${id}`);
    return { ...performer, filmography: await this.#repo.filmography(this.#db, id) };
  }

  async createActor(actor: Caller, body: ActorCreateBody): Promise<ActorItem> {
    requirePermission(actor, 'post:actors');
    return this.#db.transaction().execute(async (trx) => {
      const id = await this.#repo.insertActor(trx, body);
      const performer = found(await this.#repo.actor(trx, id), `actor ${id}`);
      await this.#audit(trx, actor, 'actor.created', 'actors', id, created(actorFields(performer)));
      return performer;
    });
  }

  async updateActor(actor: Caller, id: number, body: ActorUpdateBody, expectedVersion?: number): Promise<ActorItem> {
    requirePermission(actor, 'patch:actors');
    const values: ActorValues = given(body);
    return this.#db.transaction().execute(async (trx) => {
      const { after } = await updateItem(this.#writer(trx, actor), {
        ...this.#actor(id, expectedVersion),
        write: (trx, version) => this.#repo.updateActor(trx, id, version, values),
        audit: (before, after) => ({
          action: 'actor.updated',
          changes: diff(actorFields(before), actorFields(after)),
        }),
      });
      return after;
    });
  }

  /** Deletes an actor and their castings; each movie that loses a cast member gets a new version. */
  async deleteActor(actor: Caller, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:actors');
    await this.#db.transaction().execute(async (trx) => {
      let movieIds: number[] = [];
      await removeItem(this.#writer(trx, actor), {
        ...this.#actor(id, expectedVersion),
        write: async (trx, version) => {
          movieIds = await this.#repo.castMovieIds(trx, id);
          if (!(await this.#repo.deleteActor(trx, id, version))) return false;
          for (const movieId of movieIds) await this.#repo.touchMovie(trx, movieId);
          return true;
        },
        audit: (before) => ({ action: 'actor.deleted', changes: removed({ ...actorFields(before), movieIds }) }),
      });
    });
  }
}

function movieFields(movie: MovieItem) {
  const { title, releaseDate, genres, priceCents, stock } = movie;
  return { title, releaseDate, genres, priceCents, stock };
}

function actorFields(performer: ActorItem) {
  const { name, age, gender } = performer;
  return { name, age, gender };
}
