import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import type { FastifySchemaValidationError } from 'fastify';
import { OAuthError } from '../../errors.ts';
import { authenticator } from '../../http/auth.ts';
import { type AjvError, fieldErrors } from '../../http/problem.ts';
import { NoContent, problems } from '../../http/schemas.ts';
import { GRANT_TYPES, MeResponse, PasswordChange, TokenError, TokenRequest, TokenResponse } from './schemas.ts';
import type { IdentityService } from './service.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ identity: IdentityService }> = async (app, { identity }) => {
  app.post(
    '/auth/token',
    {
      schema: {
        tags: ['auth'],
        operationId: 'issueToken',
        summary: 'Sign in (password grant) or refresh a session (refresh_token grant)',
        description:
          'The OAuth 2.0 token endpoint (RFC 6749): the password grant and the refresh grant, as a form. Backlot ' +
          'also takes the same parameters as JSON, and JSON `{"email","password"}` without `grant_type` signs in. ' +
          'A request with neither `grant_type` nor that JSON form is `invalid_request`; a wrong password or a bad, ' +
          'spent or expired refresh token `invalid_grant`; another grant `unsupported_grant_type` (all 400). ' +
          'Every answer is `Cache-Control: no-store`.',
        security: [],
        body: {
          content: {
            'application/x-www-form-urlencoded': { schema: TokenRequest },
            'application/json': { schema: TokenRequest },
          },
        },
        response: { 200: TokenResponse, 400: TokenError, ...problems(415, 429) },
      },
      schemaErrorFormatter: tokenRequestError,
      // Tokens are never cached, nor are the refusals (RFC 6749 §5.1).
      onSend: async (_request, reply) => {
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      },
    },
    async (request) => {
      const body = request.body as Static<typeof TokenRequest>;
      if (body.grant_type === 'refresh_token') {
        if (!body.refresh_token) throw missing('refresh_token');
        return identity.refresh(body.refresh_token);
      }
      if (body.grant_type === 'password') {
        if (!body.username) throw missing('username');
        if (!body.password) throw missing('password');
        return identity.signIn(body.username, body.password, request.ip);
      }
      // Without grant_type only Backlot's JSON sign-in is a request: a JSON body that names an `email`.
      if (!request.headers['content-type']?.toLowerCase().startsWith('application/json') || body.email === undefined) {
        throw missing('grant_type');
      }
      if (!body.password) throw missing('password');
      return identity.signIn(body.email, body.password, request.ip);
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

    signedIn.post(
      '/auth/logout/everywhere',
      {
        config: { beforePasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'End every session of the caller, the current one included',
          description:
            'Every refresh token and access token of those sessions is refused from the next request on, on every ' +
            'node. Personal access tokens are not sessions: they keep working until revoked, and cannot call this (403).',
          response: { 204: NoContent, ...problems(401, 403) },
        },
      },
      async (request, reply) => {
        await identity.signOutEverywhere(request.actor);
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

function missing(field: string): OAuthError {
  return new OAuthError(`${field} is required.`, 'invalid_request', [{ path: `/${field}`, message: 'is required' }]);
}

/** A token request the schema refuses: an unknown grant is unsupported_grant_type, anything else invalid_request. */
function tokenRequestError(errors: FastifySchemaValidationError[], context: string): OAuthError {
  const ajvErrors = errors as unknown as AjvError[];
  const grantErrors = ajvErrors.filter((error) => error.instancePath === '/grant_type').map((error) => error.keyword);
  // A string that names no grant we take; a repeated grant_type (a list) is malformed instead.
  if (grantErrors.includes('enum') && !grantErrors.includes('type')) {
    return new OAuthError(`grant_type must be one of ${GRANT_TYPES.join(', ')}.`, 'unsupported_grant_type', [
      { path: '/grant_type', message: `must be one of ${GRANT_TYPES.join(', ')}` },
    ]);
  }
  const fields = fieldErrors(ajvErrors, context);
  return new OAuthError(
    `The token request is not valid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}.`,
    'invalid_request',
    fields,
  );
}
