import type { createRemoteJWKSet, JWTPayload } from 'jose';
import type { ExternalIssuer } from '../../config.ts';

export interface ExternalClaims {
  issuer: string;
  subject: string;
  permissions: string[];
  email: string | undefined;
  name: string | undefined;
}

interface Verifier {
  issuer: ExternalIssuer;
  /** The issuer's key set, fetched (and cached by jose) from the first token of that issuer on. */
  keys?: ReturnType<typeof createRemoteJWKSet>;
}

/** jose, loaded with the first external token: a node without an external issuer never needs it. */
const loadJose = () => import('jose');

function jwksUrl(issuer: string): URL {
  // Auth0 and most OpenID Connect providers publish their keys here; discovery is not needed.
  return new URL('.well-known/jwks.json', issuer.endsWith('/') ? issuer : `${issuer}/`);
}

/**
 * Verifies access tokens of external OpenID Connect issuers (Auth0 or any other) with `jose`:
 * signature against the issuer's published JWKS, issuer, audience and expiry.
 */
export class ExternalTokenVerifier {
  readonly #verifiers = new Map<string, Verifier>();

  constructor(issuers: ExternalIssuer[]) {
    for (const issuer of issuers) {
      this.#verifiers.set(issuer.issuer, { issuer });
    }
  }

  accepts(issuer: string | undefined): boolean {
    return issuer !== undefined && this.#verifiers.has(issuer);
  }

  /** Throws when the token is not valid for its issuer. */
  async verify(token: string, claimedIssuer: string): Promise<ExternalClaims> {
    const verifier = this.#verifiers.get(claimedIssuer);
    if (!verifier) throw new Error('unknown issuer');
    const { createRemoteJWKSet, jwtVerify } = await loadJose();
    verifier.keys ??= createRemoteJWKSet(jwksUrl(verifier.issuer.issuer), {
      timeoutDuration: 5000,
      cooldownDuration: 30_000,
    });
    const { payload } = await jwtVerify<JWTPayload & Record<string, unknown>>(token, verifier.keys, {
      issuer: verifier.issuer.issuer,
      audience: verifier.issuer.audience,
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
      requiredClaims: ['sub', 'exp'],
    });
    const permissions = Array.isArray(payload.permissions)
      ? payload.permissions.filter((p): p is string => typeof p === 'string')
      : typeof payload.scope === 'string'
        ? payload.scope.split(' ').filter((p) => p.includes(':'))
        : [];
    return {
      issuer: verifier.issuer.issuer,
      subject: String(payload.sub),
      permissions,
      email: typeof payload.email === 'string' && payload.email_verified === true ? payload.email : undefined,
      name: typeof payload.name === 'string' ? payload.name : undefined,
    };
  }
}
