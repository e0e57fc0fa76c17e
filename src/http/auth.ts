import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../access/authorize.ts';
import { Forbidden, Unauthorized } from '../errors.ts';
import type { IdentityService } from '../modules/identity/service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Caller;
  }
  interface FastifyContextConfig {
    /** The route stays open to a user who must change their password first (changing it, `me`, signing out). */
    beforePasswordChange?: boolean;
  }
}

/** The onRequest hook of every protected route: a valid bearer token, or 401. */
export function authenticator(identity: IdentityService) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      reply.header('www-authenticate', 'Bearer');
      throw new Unauthorized('Send an access token: Authorization: Bearer <token>.');
    }
    try {
      request.actor = await identity.authenticate(match[1], request.id);
    } catch (error) {
      if (error instanceof Unauthorized) reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw error;
    }
    if (request.actor.mustChangePassword && request.routeOptions.config.beforePasswordChange !== true) {
      throw new Forbidden('Change your password first (POST /api/v1/auth/password).', 'password_change_required');
    }
  };
}
