import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BadRequest } from '../../errors.ts';
import { authenticator } from '../../http/auth.ts';
import { NoContent, problems } from '../../http/schemas.ts';
import { MeResponse, PasswordChange, TokenRequest, TokenResponse } from './schemas.ts';
import type { IdentityService } from './service.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ identity: IdentityService }> = async (app, { identity }) => {
  app.post(
    '/auth/token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in (password grant) or refresh a session (refresh_token grant)',
        security: [],
        body: TokenRequest,
        response: { 200: TokenResponse, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      reply.header('cache-control', 'no-store');
      if (body.grant_type === 'refresh_token') {
        if (!body.refresh_token) throw missing('refresh_token');
        return identity.refresh(body.refresh_token);
      }
      const email = body.username ?? body.email;
      if (!email) throw missing(body.grant_type === 'password' ? 'username' : 'email');
      if (!body.password) throw missing('password');
      return identity.signIn(email, body.password, request.ip);
    },
  );

  await app.register(async (scope) => {
    const signedIn = scope.withTypeProvider<TypeBoxTypeProvider>();
    signedIn.addHook('onRequest', authenticator(identity));

    signedIn.post(
      '/auth/logout',
      {
        config: { beforePasswordChange: true },
        schema: { tags: ['auth'], summary: 'End the current session', response: { 204: NoContent, ...problems(401) } },
      },
      async (request, reply) => {
        await identity.signOut(request.actor);
        return reply.code(204).send(null);
      },
    );

    signedIn.get(
      '/auth/me',
      {
        config: { beforePasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'The caller, with roles and permissions',
          response: { 200: MeResponse, ...problems(401) },
        },
      },
      async (request) => identity.me(request.actor),
    );

    signedIn.post(
      '/auth/password',
      {
        config: { beforePasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: "Change the caller's password and end their other sessions",
          body: PasswordChange,
          response: { 204: NoContent, ...problems(400, 401, 403) },
        },
      },
      async (request, reply) => {
        await identity.changePassword(request.actor, request.body.currentPassword, request.body.newPassword);
        return reply.code(204).send(null);
      },
    );
  });
};

function missing(field: string): BadRequest {
  return new BadRequest(`${field} is required.`, [{ path: `/${field}`, message: 'is required' }]);
}
