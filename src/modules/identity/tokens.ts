import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createDecoder, createSigner, createVerifier } from 'fast-jwt';

export const OWN_ISSUER = 'backlot';
export const OWN_AUDIENCE = 'backlot-api';

export interface AccessClaims {
  sub: string;
  sid: string;
  roles: string[];
  permissions: string[];
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
}

/**
 * Backlot's own access tokens: HS256 JWTs signed and verified with fast-jwt, whose verified-token
 * cache keeps verification off the hot path (docs/architecture.md).
 */
export class TokenService {
  readonly accessTtlSeconds: number;
  readonly #sign: (payload: Record<string, unknown>) => string;
  readonly #verify: (token: string) => AccessClaims;

  constructor(secret: string, accessTtlSeconds: number) {
    this.accessTtlSeconds = accessTtlSeconds;
    this.#sign = createSigner({
      key: secret,
      algorithm: 'HS256',
      iss: OWN_ISSUER,
      aud: OWN_AUDIENCE,
      expiresIn: accessTtlSeconds * 1000,
    });
    this.#verify = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      allowedIss: OWN_ISSUER,
      allowedAud: OWN_AUDIENCE,
      requiredClaims: ['sub', 'sid', 'exp'],
      cache: 10_000,
      cacheTTL: accessTtlSeconds * 1000,
    });
  }

  signAccess(userId: number, sessionId: string, roles: string[], permissions: string[]): string {
    return this.#sign({ sub: String(userId), sid: sessionId, roles, permissions, jti: randomUUID() });
  }

  /** Throws on a bad signature, issuer, audience or an expired token. */
  verifyAccess(token: string): AccessClaims {
    return this.#verify(token);
  }
}

const decode = createDecoder();

/** The issuer a token claims, read without verifying it, to pick the verifier. */
export function claimedIssuer(token: string): string | undefined {
  try {
    const payload = decode(token) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

/** An opaque refresh token; only its SHA-256 is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
