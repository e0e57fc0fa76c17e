import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, NoContent, problems } from '../../http/schemas.ts';
import { PersonalTokenCreate, PersonalTokenList, PersonalTokenWithSecret } from './personal-tokens-schemas.ts';
import type { PersonalTokensService } from './personal-tokens-service.ts';

/** HTTP only: the caller's personal access tokens; every rule lives in PersonalTokensService. */
export const personalTokensRoutes: FastifyPluginAsyncTypebox<{ personalTokens: PersonalTokensService }> = async (
  app,
  { personalTokens },
) => {
  const tags = ['auth'];

  app.get(
    '/auth/tokens',
    {
      schema: {
        tags,
        operationId: 'listPersonalTokens',
        summary: "The caller's personal access tokens that are not revoked",
        description: 'Every token on one page (a user holds at most 100), newest first; never the secrets.',
        response: { 200: PersonalTokenList, ...problems(401, 403) },
      },
    },
    async (request) => ({ items: await personalTokens.list(request.actor), nextCursor: null }),
  );

  app.post(
    '/auth/tokens',
    {
      schema: {
        tags,
        operationId: 'createPersonalToken',
        summary: 'Create a personal access token (its secret is shown once)',
        description:
          'A named bearer token for scripts and integrations, with a subset of your own permissions and an expiry ' +
          '(30 days unless said, at most 366). The answer holds the secret, once; only its hash is kept. A personal ' +
          'access token cannot create another one.',
        body: PersonalTokenCreate,
        response: { 201: PersonalTokenWithSecret, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const token = await personalTokens.create(request.actor, request.body);
      reply.code(201).header('location', `/api/v1/auth/tokens/${token.id}`).header('cache-control', 'no-store');
      return token;
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      schema: {
        tags,
        operationId: 'revokePersonalToken',
        summary: 'Revoke one of your personal access tokens, at once',
        description: 'The token is refused from the next request on. Another user’s token, or a revoked one, is 404.',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await personalTokens.revoke(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
