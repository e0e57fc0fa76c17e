import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ifMatch } from '../../http/etag.ts';
import { IdParams, IfMatchHeaders, ListQuery, NoContent, Page, problems } from '../../http/schemas.ts';
import { Role, RoleCreate, RoleUpdate } from './roles-schemas.ts';
import type { RolesService } from './roles-service.ts';

/** HTTP only: every rule lives in RolesService. */
export const rolesRoutes: FastifyPluginAsyncTypebox<{ roles: RolesService }> = async (app, { roles }) => {
  const tags = ['roles'];

  app.get(
    '/roles',
    {
      schema: {
        tags,
        summary: 'List roles',
        querystring: ListQuery,
        response: { 200: Page(Role), ...problems(400, 401, 403) },
      },
    },
    async (request) => roles.list(request.actor, request.query),
  );

  app.get(
    '/roles/:id',
    { schema: { tags, summary: 'Read a role', params: IdParams, response: { 200: Role, ...problems(401, 403, 404) } } },
    async (request) => roles.get(request.actor, request.params.id),
  );

  app.post(
    '/roles',
    {
      schema: {
        tags,
        summary: 'Create a custom role from the permission catalogue',
        body: RoleCreate,
        response: { 201: Role, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const role = await roles.create(request.actor, request.body);
      reply.header('location', `/api/v1/roles/${role.id}`).code(201);
      return role;
    },
  );

  app.patch(
    '/roles/:id',
    {
      schema: {
        tags,
        summary: 'Change a custom role (built-in roles are read-only: 409)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: RoleUpdate,
        response: { 200: Role, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request) => roles.update(request.actor, request.params.id, request.body, ifMatch(request)),
  );

  app.delete(
    '/roles/:id',
    {
      schema: {
        tags,
        summary: 'Delete a custom role (built-in roles cannot be deleted: 409)',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: NoContent, ...problems(401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      await roles.delete(request.actor, request.params.id, ifMatch(request));
      return reply.code(204).send(null);
    },
  );
};
