import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ifMatch } from '../../http/etag.ts';
import { IdParams, IfMatchHeaders, ListQuery, NoContent, Page, problems } from '../../http/schemas.ts';
import { User, UserCreate, UserUpdate, UserWithPassword } from './users-schemas.ts';
import type { UsersService } from './users-service.ts';

/** HTTP only: every rule lives in UsersService. */
export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  const tags = ['users'];

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List users',
        querystring: ListQuery,
        response: { 200: Page(User), ...problems(400, 401, 403) },
      },
    },
    async (request) => users.list(request.actor, request.query),
  );

  app.get(
    '/users/:id',
    { schema: { tags, summary: 'Read a user', params: IdParams, response: { 200: User, ...problems(401, 403, 404) } } },
    async (request) => users.get(request.actor, request.params.id),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user (without a password: a one-time password is returned, once)',
        body: UserCreate,
        response: { 201: UserWithPassword, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await users.create(request.actor, request.body);
      reply.header('location', `/api/v1/users/${user.id}`).header('cache-control', 'no-store');
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user (active=false deactivates)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UserUpdate,
        response: { 200: User, ...problems(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request) => users.update(request.actor, request.params.id, request.body, ifMatch(request)),
  );

  app.delete(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Deactivate a user and end their sessions (users are never deleted)',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: NoContent, ...problems(401, 403, 404, 412, 422) },
      },
    },
    async (request, reply) => {
      await users.deactivate(request.actor, request.params.id, ifMatch(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Give a user a one-time password (returned once) and end their sessions',
        params: IdParams,
        response: { 200: UserWithPassword, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = await users.resetPassword(request.actor, request.params.id);
      reply.header('cache-control', 'no-store');
      return user;
    },
  );
};
