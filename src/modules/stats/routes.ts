import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problems } from '../../http/schemas.ts';
import { Overview } from './schemas.ts';
import type { StatsService } from './service.ts';

/** HTTP only: the dashboard's figures; what the caller may see is decided by StatsService. */
export const statsRoutes: FastifyPluginAsyncTypebox<{ stats: StatsService }> = async (app, { stats }) => {
  app.get(
    '/stats/overview',
    {
      schema: {
        tags: ['stats'],
        summary: "The dashboard's figures, each part only if the caller may read its resource",
        response: { 200: Overview, ...problems(401) },
      },
    },
    async (request) => stats.overview(request.actor),
  );
};
