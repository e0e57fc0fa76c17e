import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { etag, ifMatch } from '../../http/etag.ts';
import { IdParams, IfMatchHeaders, ListQuery, NoContent, Page, problems } from '../../http/schemas.ts';
import {
  ActorCreate,
  Actor as ActorSchema,
  ActorUpdate,
  ActorWithFilmography,
  CastingBody,
  CastMember,
  CastParams,
  Movie,
  MovieCreate,
  MovieUpdate,
  MovieWithCast,
} from './schemas.ts';
import type { CastingService } from './service.ts';

/** HTTP only: schemas, status codes, headers; every rule lives in CastingService. */
export const castingRoutes: FastifyPluginAsyncTypebox<{ casting: CastingService }> = async (app, { casting }) => {
  const tags = ['casting'];

  app.get(
    '/movies',
    {
      schema: {
        tags,
        summary: 'List movies',
        querystring: ListQuery,
        response: { 200: Page(Movie), ...problems(400, 401, 403) },
      },
    },
    async (request) => casting.listMovies(request.actor, request.query),
  );

  app.get(
    '/movies/:id',
    {
      schema: {
        tags,
        summary: 'Read a movie with its cast',
        params: IdParams,
        response: { 200: MovieWithCast, ...problems(401, 403, 404) },
      },
    },
    async (request) => casting.getMovie(request.actor, request.params.id),
  );

  app.post(
    '/movies',
    {
      schema: { tags, summary: 'Add a movie', body: MovieCreate, response: { 201: Movie, ...problems(400, 401, 403) } },
    },
    async (request, reply) => {
      const movie = await casting.createMovie(request.actor, request.body);
      reply.header('location', `/api/v1/movies/${movie.id}`).code(201);
      return movie;
    },
  );

  app.patch(
    '/movies/:id',
    {
      schema: {
        tags,
        summary: 'Change a movie (price and stock need patch:inventory)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: MovieUpdate,
        response: { 200: Movie, ...problems(400, 401, 403, 404, 412) },
      },
    },
    async (request) => casting.updateMovie(request.actor, request.params.id, request.body, ifMatch(request)),
  );

  app.delete(
    '/movies/:id',
    {
      schema: {
        tags,
        summary: 'Delete a movie',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: NoContent, ...problems(401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      await casting.deleteMovie(request.actor, request.params.id, ifMatch(request));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/movies/:id/cast/:actorId',
    {
      schema: {
        tags,
        summary: 'Cast an actor in a movie, or change their part',
        params: CastParams,
        headers: IfMatchHeaders,
        body: CastingBody,
        response: { 200: CastMember, 201: CastMember, ...problems(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const { id, actorId } = request.params;
      const result = await casting.castActor(request.actor, id, actorId, request.body, ifMatch(request));
      etag(reply, result.movieVersion).code(result.created ? 201 : 200);
      if (result.created) reply.header('location', `/api/v1/movies/${id}`);
      return result.member;
    },
  );

  app.delete(
    '/movies/:id/cast/:actorId',
    {
      schema: {
        tags,
        summary: 'Remove an actor from a movie',
        params: CastParams,
        headers: IfMatchHeaders,
        response: { 204: NoContent, ...problems(401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const { id, actorId } = request.params;
      await casting.uncastActor(request.actor, id, actorId, ifMatch(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/actors',
    {
      schema: {
        tags,
        summary: 'List actors',
        querystring: ListQuery,
        response: { 200: Page(ActorSchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => casting.listActors(request.actor, request.query),
  );

  app.get(
    '/actors/:id',
    {
      schema: {
        tags,
        summary: 'Read an actor with their filmography',
        params: IdParams,
        response: { 200: ActorWithFilmography, ...problems(401, 403, 404) },
      },
    },
    async (request) => casting.getActor(request.actor, request.params.id),
  );

  app.post(
    '/actors',
    {
      schema: {
        tags,
        summary: 'Add an actor',
        body: ActorCreate,
        response: { 201: ActorSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const performer = await casting.createActor(request.actor, request.body);
      reply.header('location', `/api/v1/actors/${performer.id}`).code(201);
      return performer;
    },
  );

  app.patch(
    '/actors/:id',
    {
      schema: {
        tags,
        summary: 'Change an actor',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ActorUpdate,
        response: { 200: ActorSchema, ...problems(400, 401, 403, 404, 412) },
      },
    },
    async (request) => casting.updateActor(request.actor, request.params.id, request.body, ifMatch(request)),
  );

  app.delete(
    '/actors/:id',
    {
      schema: {
        tags,
        summary: 'Delete an actor and their castings',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: NoContent, ...problems(401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      await casting.deleteActor(request.actor, request.params.id, ifMatch(request));
      return reply.code(204).send(null);
    },
  );
};
