import { randomUUID } from 'node:crypto';
import type { Caller } from '../../access/authorize.ts';
import { expandPermissions } from '../../access/catalogue.ts';
import { recordAudit } from '../../audit/audit.ts';
import { businessMetrics } from '../../business-metrics.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { now } from '../../db/database.ts';
import { BadRequest, Forbidden, NotFound, OAuthError, TooManyRequests, Unauthorized } from '../../errors.ts';
import { monitor } from '../../monitoring.ts';
import type { ExternalClaims, ExternalTokenVerifier } from './external.ts';
import { checkPasswordStrength, hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { PERSONAL_TOKEN_PREFIX, type PersonalTokensService } from './personal-tokens-service.ts';
import { IdentityRepository } from './repository.ts';
import type { LoginThrottle } from './throttle.ts';
import {
  type AccessClaims,
  claimedIssuer,
  hashToken,
  newRefreshToken,
  OWN_ISSUER,
  type TokenService,
} from './tokens.ts';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

export interface Me {
  id: number;
  email: string;
  fullName: string;
  employeeNumber: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  roles: string[];
  permissions: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

const INVALID_LOGIN = 'The email or password is not correct.';
const INVALID_REFRESH = 'The refresh token is not valid.';

export interface IdentityDeps {
  handle: DatabaseHandle;
  tokens: TokenService;
  external: ExternalTokenVerifier;
  throttle: LoginThrottle;
  personalTokens: PersonalTokensService;
  refreshTtlSeconds: number;
}

/** Accounts, sessions and tokens: who the caller is and what their roles let them do. */
export class IdentityService {
  readonly #db: Db;
  readonly #handle: DatabaseHandle;
  readonly #repo: IdentityRepository;
  readonly #deps: IdentityDeps;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
    this.#handle = deps.handle;
    this.#db = deps.handle.db;
    this.#repo = new IdentityRepository(deps.handle.dialect, deps.handle.sessions);
  }

  /** The roles of a user and the concrete permissions they grant. */
  async grantsOf(db: Db, userId: number): Promise<{ roles: string[]; permissions: string[] }> {
    const rows = await this.#repo.rolesOf(db, userId);
    const granted = rows.flatMap((row) => JSON.parse(row.permissions) as string[]);
    return { roles: rows.map((row) => row.name), permissions: expandPermissions(granted) };
  }

  async #issue(db: Db, userId: number, sessionId: string): Promise<TokenResponse> {
    const { roles, permissions } = await this.grantsOf(db, userId);
    const refreshToken = newRefreshToken();
    await this.#repo.insertRefreshToken(db, hashToken(refreshToken), sessionId);
    return {
      access_token: this.#deps.tokens.signAccess(userId, sessionId, roles, permissions),
      token_type: 'Bearer',
      expires_in: this.#deps.tokens.accessTtlSeconds,
      refresh_token: refreshToken,
    };
  }

  /** The password grant. Unknown account and wrong password answer alike, and failures are throttled. */
  async signIn(email: string, password: string, address: string): Promise<TokenResponse> {
    const account = email.trim().toLowerCase();
    const wait = await this.#deps.throttle.attempt(account, address);
    if (wait > 0) {
      businessMetrics.signIn('failed');
      throw new TooManyRequests('Too many failed sign-ins. Try again later.', wait);
    }
    const user = await this.#repo.credentialsByEmail(this.#db, account);
    const userWait = user ? await this.#deps.throttle.attemptUser(user.id) : 0;
    if (userWait > 0) {
      businessMetrics.signIn('failed');
      throw new TooManyRequests('Too many failed sign-ins. Try again later.', userWait);
    }
    const valid = user?.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstNothing(password);
    if (!user || !valid || user.active !== 1) businessMetrics.signIn('failed');
    if (!user || !valid) throw new OAuthError(INVALID_LOGIN, 'invalid_grant');
    // Said only to whoever knows the password, so it reveals nothing to a guesser.
    if (user.active !== 1) throw new OAuthError('This account has been deactivated.', 'invalid_grant');
    await this.#deps.throttle.succeeded(account, address, user.id);
    const sessionId = randomUUID();
    const expiresAt = new Date(Date.now() + this.#deps.refreshTtlSeconds * 1000).toISOString();
    const tokens = await this.#db.transaction().execute(async (trx) => {
      await this.#repo.createSession(trx, { id: sessionId, userId: user.id, expiresAt });
      await this.#repo.touchLastLogin(trx, user.id);
      return this.#issue(trx, user.id, sessionId);
    });
    businessMetrics.signIn('ok');
    return tokens;
  }

  /** The refresh grant: rotates the token; a spent token presented again ends its whole session. */
  async refresh(refreshToken: string): Promise<TokenResponse> {
    const tokenHash = hashToken(refreshToken);
    const outcome = await this.#db.transaction().execute(async (trx) => {
      const token = await this.#repo.refreshToken(trx, tokenHash);
      if (!token) return { error: INVALID_REFRESH, tokens: undefined };
      const spent = token.usedAt === null && (await this.#repo.spendRefreshToken(trx, tokenHash));
      if (!spent) {
        await this.#repo.revokeSession(trx, token.sessionId, 'refresh_token_reuse');
        return { error: 'The refresh token was already used; the session has been ended.', tokens: undefined };
      }
      const state = await this.#repo.sessionState(trx, token.sessionId);
      if (!state || state.revokedAt !== null || state.expiresAt <= now() || state.active !== 1) {
        return { error: INVALID_REFRESH, tokens: undefined };
      }
      return { error: undefined, tokens: await this.#issue(trx, token.userId, token.sessionId) };
    });
    // The reuse revocation above commits; the error is raised only after the transaction.
    if (outcome.tokens === undefined) throw new OAuthError(outcome.error, 'invalid_grant');
    return outcome.tokens;
  }

  async signOut(actor: Caller): Promise<void> {
    if (actor.sessionId) await this.#repo.revokeSession(this.#db, actor.sessionId, 'logout');
  }

  /**
   * Ends every session of the caller, the current one included, on every node (the session cache is told). A personal
   * access token is no session and may not end them: a leaked token must not lock its owner out.
   */
  async signOutEverywhere(actor: Caller): Promise<void> {
    if (actor.personalTokenId !== undefined) {
      throw new Forbidden('A personal access token cannot end sessions: sign in with your password.');
    }
    await this.#repo.revokeSessionsOf(this.#db, actor.userId, 'logout_everywhere');
  }

  async me(actor: Caller): Promise<Me> {
    const user = await this.#repo.userById(this.#db, actor.userId);
    if (!user) throw new NotFound('No such user.');
    const { roles } = await this.grantsOf(this.#db, actor.userId);
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      employeeNumber: user.employeeNumber,
      active: user.active === 1,
      mustChangePassword: user.mustChangePassword === 1,
      lastLoginAt: user.lastLoginAt,
      roles,
      permissions: [...actor.permissions].sort(),
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      version: user.version,
    };
  }

  /** Changes the caller's password and ends their other sessions. */
  async changePassword(actor: Caller, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.#repo.credentialsById(this.#db, actor.userId);
    if (!user?.passwordHash) throw new Forbidden('This account signs in with an external provider.');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new BadRequest('The current password is not correct.', [
        { path: '/currentPassword', message: 'is not correct' },
      ]);
    }
    checkPasswordStrength(newPassword, '/newPassword');
    if (newPassword === currentPassword) {
      throw new BadRequest('The new password must differ from the current one.', [
        { path: '/newPassword', message: 'must differ from the current password' },
      ]);
    }
    const passwordHash = await hashPassword(newPassword);
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.setPassword(trx, actor.userId, passwordHash, false);
      await this.#repo.revokeSessionsOf(trx, actor.userId, 'password_changed', actor.sessionId ?? undefined);
      await recordAudit(trx, this.#handle.dialect, actor, {
        action: 'user.password_changed',
        entity: 'users',
        entityId: actor.userId,
        changes: { password: ['[redacted]', '[redacted]'] },
      });
    });
    monitor.event('user.updated', { userId: actor.userId, change: 'password' });
  }

  /** Resolves a bearer token to the caller, checking the session so logout and deactivation act at once. */
  async authenticate(token: string, requestId: string): Promise<Caller> {
    if (token.startsWith(PERSONAL_TOKEN_PREFIX)) return this.#deps.personalTokens.authenticate(token, requestId);
    let claims: AccessClaims;
    try {
      // Backlot's own tokens first: a cached verification, no decoding on the hot path.
      claims = this.#deps.tokens.verifyAccess(token);
    } catch {
      return this.#authenticateExternal(token, requestId);
    }
    const state = await this.#handle.sessions.get(claims.sid, () => this.#repo.sessionState(this.#db, claims.sid));
    if (!state || state.revokedAt !== null || state.active !== 1 || String(state.userId) !== claims.sub) {
      throw new Unauthorized('The session has ended. Sign in again.');
    }
    const mustChangePassword = state.mustChangePassword === 1;
    return {
      userId: state.userId,
      permissions: mustChangePassword ? new Set() : this.#permissionSet(claims),
      roles: claims.roles,
      sessionId: claims.sid,
      requestId,
      mustChangePassword,
    };
  }

  // fast-jwt's cache hands back the same claims object for the same token: build its permission set once.
  readonly #permissionSets = new WeakMap<AccessClaims, ReadonlySet<string>>();

  #permissionSet(claims: AccessClaims): ReadonlySet<string> {
    let permissions = this.#permissionSets.get(claims);
    if (!permissions) {
      permissions = new Set(claims.permissions);
      this.#permissionSets.set(claims, permissions);
    }
    return permissions;
  }

  async #authenticateExternal(token: string, requestId: string): Promise<Caller> {
    const issuer = claimedIssuer(token);
    if (issuer === undefined || issuer === OWN_ISSUER || !this.#deps.external.accepts(issuer)) {
      throw new Unauthorized('The access token is not valid or has expired.');
    }
    let claims: ExternalClaims;
    try {
      claims = await this.#deps.external.verify(token, issuer);
    } catch {
      throw new Unauthorized('The access token is not valid or has expired.');
    }
    const userId = await this.#linkExternal(claims);
    return {
      userId,
      permissions: new Set(claims.permissions),
      roles: [],
      sessionId: null,
      requestId,
      mustChangePassword: false,
    };
  }

  /** The local user behind an external identity, created on first sight. */
  async #linkExternal(claims: { issuer: string; subject: string; email?: string; name?: string }): Promise<number> {
    const linked = await this.#repo.externalIdentity(this.#db, claims.issuer, claims.subject);
    if (linked) {
      if (linked.active !== 1) throw new Unauthorized('This account has been deactivated.');
      return linked.id;
    }
    try {
      return await this.#db.transaction().execute(async (trx) => {
        const host = new URL(claims.issuer).hostname;
        const fallbackEmail = `${hashToken(`${claims.issuer}|${claims.subject}`).slice(0, 24)}@${host}`;
        const email =
          claims.email && !(await this.#repo.emailTaken(trx, claims.email.toLowerCase()))
            ? claims.email.toLowerCase()
            : fallbackEmail;
        const userId = await this.#repo.insertUser(trx, {
          email,
          fullName: (claims.name ?? claims.subject).slice(0, 200),
          employeeNumber: null,
          passwordHash: null,
        });
        await this.#repo.linkExternalIdentity(trx, claims.issuer, claims.subject, userId);
        await recordAudit(trx, this.#handle.dialect, null, {
          action: 'user.linked',
          entity: 'users',
          entityId: userId,
          changes: { email: [null, email], issuer: [null, claims.issuer], subject: [null, claims.subject] },
        });
        return userId;
      });
    } catch (error) {
      // Two first requests raced to create the link: the other one won, use it.
      const again = await this.#repo.externalIdentity(this.#db, claims.issuer, claims.subject);
      if (again) return again.id;
      throw error;
    }
  }

  /** Creates a user with a password and roles, outside any request (seeding, the first administrator). */
  async createUserDirect(user: {
    email: string;
    fullName: string;
    password: string;
    roles: string[];
    employeeNumber?: string | null;
  }): Promise<number> {
    const passwordHash = await hashPassword(user.password);
    const userId = await this.#db.transaction().execute(async (trx) => {
      const id = await this.#repo.insertUser(trx, {
        email: user.email.toLowerCase(),
        fullName: user.fullName,
        employeeNumber: user.employeeNumber ?? null,
        passwordHash,
      });
      await this.#repo.grantRoles(trx, id, user.roles);
      await recordAudit(trx, this.#handle.dialect, null, {
        action: 'user.created',
        entity: 'users',
        entityId: id,
        changes: {
          email: [null, user.email.toLowerCase()],
          fullName: [null, user.fullName],
          roles: [null, user.roles],
        },
      });
      return id;
    });
    monitor.event('user.created', { userId });
    return userId;
  }

  /** The emails of the users at this domain, sorted (the demo seed's check for itself). */
  emailsAt(domain: string): Promise<string[]> {
    return this.#repo.emailsAt(this.#db, domain);
  }

  /** Some active user holding the role, if any. */
  holderOf(role: string): Promise<number | undefined> {
    return this.#repo.holderOf(this.#db, role);
  }

  /** Creates the administrator named by BACKLOT_ADMIN_* when the database has no user yet. */
  async ensureFirstAdmin(email: string, password: string): Promise<boolean> {
    if ((await this.#repo.userCount(this.#db)) > 0) return false;
    await this.createUserDirect({ email, fullName: 'Administrator', password, roles: ['admin'] });
    return true;
  }
}
