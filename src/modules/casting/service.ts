import type { Actor } from '../../access/authorize.ts';
import { requirePermission } from '../../access/authorize.ts';
import { created, diff, recordAudit, removed } from '../../audit/audit.ts';
import { type DatabaseHandle, type Db, lockRow } from '../../db/database.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { Conflict } from '../../errors.ts';
import type { ListParams } from '../../lists/list.ts';
import { planList } from '../../lists/list.ts';
import { changedMeanwhile, found, given, requireVersion } from '../items.ts';
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

  #audit(
    trx: Db,
    actor: Actor,
    action: string,
    entity: string,
    entityId: number,
    changes: Record<string, [unknown, unknown]>,
  ) {
    return recordAudit(trx, this.#handle.dialect, actor, { action, entity, entityId, changes });
  }

  /** Concurrent writers of one item take turns (actors are locked before movies). */
  #lock(trx: Db, table: 'movies' | 'actors', id: number) {
    return lockRow(trx, this.#handle.dialect, table, id);
  }

  /** Price and stock need `patch:inventory`; everything else about a movie needs `patch:movies`. */
  #requireMovieFieldRights(actor: Actor, values: MovieValues, creating: boolean): void {
    const inventory = INVENTORY_FIELDS.some((field) => values[field] !== undefined);
    const other = Object.keys(values).some((field) => !(INVENTORY_FIELDS as readonly string[]).includes(field));
    if (inventory) requirePermission(actor, 'patch:inventory');
    if (other && !creating) requirePermission(actor, 'patch:movies');
  }

  listMovies(actor: Actor, params: ListParams) {
    requirePermission(actor, 'get:movies');
    const plan = planList(params, MOVIE_LIST, { me: actor.userId, now: new Date(), dialect: this.#handle.dialect });
    return this.#repo.listMovies(this.#db, plan);
  }

  async getMovie(actor: Actor, id: number): Promise<MovieItem & { cast: CastMemberItem[] }> {
    requirePermission(actor, 'get:movies');
    const movie = found(await this.#repo.movie(this.#db, id), `movie ${id}`);
    return { ...movie, cast: await this.#repo.cast(this.#db, id) };
  }

  async createMovie(actor: Actor, body: MovieCreateBody): Promise<MovieItem> {
    requirePermission(actor, 'post:movies');
    this.#requireMovieFieldRights(actor, given(body), true);
    return this.#db.transaction().execute(async (trx) => {
      const id = await this.#repo.insertMovie(trx, body);
      const movie = found(await this.#repo.movie(trx, id), `movie ${id}`);
      await this.#audit(trx, actor, 'movie.created', 'movies', id, created(movieFields(movie)));
      return movie;
    });
  }

  async updateMovie(actor: Actor, id: number, body: MovieUpdateBody, expectedVersion?: number): Promise<MovieItem> {
    const values = given(body);
    this.#requireMovieFieldRights(actor, values, false);
    return this.#db.transaction().execute(async (trx) => {
      await this.#lock(trx, 'movies', id);
      const before = found(await this.#repo.movie(trx, id), `movie ${id}`);
      requireVersion(before, expectedVersion);
      if (!(await this.#repo.updateMovie(trx, id, before.version, values))) throw changedMeanwhile();
      const after = found(await this.#repo.movie(trx, id), `movie ${id}`);
      await this.#audit(trx, actor, 'movie.updated', 'movies', id, diff(movieFields(before), movieFields(after)));
      return after;
    });
  }

  async deleteMovie(actor: Actor, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:movies');
    try {
      await this.#db.transaction().execute(async (trx) => {
        await this.#lock(trx, 'movies', id);
        const before = found(await this.#repo.movie(trx, id), `movie ${id}`);
        requireVersion(before, expectedVersion);
        if (!(await this.#repo.deleteMovie(trx, id, before.version))) throw changedMeanwhile();
        await this.#audit(trx, actor, 'movie.deleted', 'movies', id, removed(movieFields(before)));
      });
    } catch (error) {
      // The store's order items refer to the movie without cascade: the foreign key refuses, and so do we.
      if (isForeignKeyViolation(error))
        throw new Conflict(`Movie ${id} has orders and cannot be deleted.`, 'movie_in_use');
      throw error;
    }
  }

  /** Casts an actor in a movie, or changes their part; true when the casting is new. */
  async castActor(
    actor: Actor,
    movieId: number,
    actorId: number,
    part: { character: string; billing?: number | null },
  ): Promise<{ created: boolean; member: CastMemberItem; movieVersion: number }> {
    requirePermission(actor, 'patch:movies');
    return this.#db.transaction().execute(async (trx) => {
      await this.#lock(trx, 'actors', actorId);
      await this.#lock(trx, 'movies', movieId);
      const performer = found(await this.#repo.actor(trx, actorId), `actor ${actorId}`);
      found(await this.#repo.movie(trx, movieId), `movie ${movieId}`);
      const before = await this.#repo.casting(trx, movieId, actorId);
      const billing = part.billing === undefined ? (before?.billing ?? null) : part.billing;
      if (before) await this.#repo.updateCasting(trx, movieId, actorId, part.character, billing);
      else await this.#repo.insertCasting(trx, movieId, actorId, part.character, billing);
      await this.#repo.touchMovie(trx, movieId);
      const after = { actorId, character: part.character, billing };
      await this.#audit(
        trx,
        actor,
        before ? 'movie.recast' : 'movie.cast',
        'movies',
        movieId,
        before ? diff({ actorId, ...before }, after) : created(after),
      );
      const movie = found(await this.#repo.movie(trx, movieId), `movie ${movieId}`);
      return { created: !before, member: { ...after, name: performer.name }, movieVersion: movie.version };
    });
  }

  async uncastActor(actor: Actor, movieId: number, actorId: number): Promise<void> {
    requirePermission(actor, 'patch:movies');
    await this.#db.transaction().execute(async (trx) => {
      await this.#lock(trx, 'movies', movieId);
      found(await this.#repo.movie(trx, movieId), `movie ${movieId}`);
      const before = found(
        await this.#repo.casting(trx, movieId, actorId),
        `actor ${actorId} in the cast of movie ${movieId}`,
      );
      await this.#repo.deleteCasting(trx, movieId, actorId);
      await this.#repo.touchMovie(trx, movieId);
      await this.#audit(trx, actor, 'movie.uncast', 'movies', movieId, removed({ actorId, ...before }));
    });
  }

  listActors(actor: Actor, params: ListParams) {
    requirePermission(actor, 'get:actors');
    const plan = planList(params, ACTOR_LIST, { me: actor.userId, now: new Date(), dialect: this.#handle.dialect });
    return this.#repo.listActors(this.#db, plan);
  }

  async getActor(actor: Actor, id: number): Promise<ActorItem & { filmography: RoleItem[] }> {
    requirePermission(actor, 'get:actors');
    const performer = found(await this.#repo.actor(this.#db, id), `actor ${id}`);
    return { ...performer, filmography: await this.#repo.filmography(this.#db, id) };
  }

  async createActor(actor: Actor, body: ActorCreateBody): Promise<ActorItem> {
    requirePermission(actor, 'post:actors');
    return this.#db.transaction().execute(async (trx) => {
      const id = await this.#repo.insertActor(trx, body);
      const performer = found(await this.#repo.actor(trx, id), `actor ${id}`);
      await this.#audit(trx, actor, 'actor.created', 'actors', id, created(actorFields(performer)));
      return performer;
    });
  }

  async updateActor(actor: Actor, id: number, body: ActorUpdateBody, expectedVersion?: number): Promise<ActorItem> {
    requirePermission(actor, 'patch:actors');
    const values: ActorValues = given(body);
    return this.#db.transaction().execute(async (trx) => {
      await this.#lock(trx, 'actors', id);
      const before = found(await this.#repo.actor(trx, id), `actor ${id}`);
      requireVersion(before, expectedVersion);
      if (!(await this.#repo.updateActor(trx, id, before.version, values))) throw changedMeanwhile();
      const after = found(await this.#repo.actor(trx, id), `actor ${id}`);
      await this.#audit(trx, actor, 'actor.updated', 'actors', id, diff(actorFields(before), actorFields(after)));
      return after;
    });
  }

  /** Deletes an actor and their castings; each movie that loses a cast member gets a new version. */
  async deleteActor(actor: Actor, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:actors');
    await this.#db.transaction().execute(async (trx) => {
      await this.#lock(trx, 'actors', id);
      const before = found(await this.#repo.actor(trx, id), `actor ${id}`);
      requireVersion(before, expectedVersion);
      const movieIds = await this.#repo.castMovieIds(trx, id);
      if (!(await this.#repo.deleteActor(trx, id, before.version))) throw changedMeanwhile();
      for (const movieId of movieIds) await this.#repo.touchMovie(trx, movieId);
      await this.#audit(trx, actor, 'actor.deleted', 'actors', id, removed({ ...actorFields(before), movieIds }));
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
