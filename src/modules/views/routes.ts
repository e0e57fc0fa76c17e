import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, NoContent, problems } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SavedView, SavedViewCreate, SavedViewQuery } from './schemas.ts';

/** HTTP only: the caller's own saved views (ViewsService decides). */
export const viewsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const tags = ['views'];
  app.get(
    '/views',
    {
      schema: {
        tags,
        summary: "The caller's saved views, of one list or of all",
        querystring: SavedViewQuery,
        response: { 200: Type.Object({ items: Type.Array(SavedView) }), ...problems(400, 401) },
      },
    },
    async (request) => ({ items: await services.views.list(request.actor, request.query.list) }),
  );
  app.post(
    '/views',
    {
      schema: {
        tags,
        summary: 'Save the current filter of a list under a name (409 if the name is taken)',
        body: SavedViewCreate,
        response: { 201: SavedView, ...problems(400, 401, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await services.views.create(request.actor, request.body)),
  );
  app.delete(
    '/views/:id',
    {
      schema: {
        tags,
        summary: 'Delete one of the caller’s saved views',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      await services.views.remove(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
