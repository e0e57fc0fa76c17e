import { randomBytes } from 'node:crypto';
import type { Caller } from '../../access/authorize.ts';
import { expandPermissions } from '../../access/catalogue.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { now } from '../../db/database.ts';
import { Forbidden, NotFound, RuleViolation, Unauthorized } from '../../errors.ts';
import { type PersonalTokenRow, PersonalTokensRepository } from './personal-tokens-repository.ts';
import { IdentityRepository } from './repository.ts';
import { checkPermissions } from './roles-service.ts';
import { hashToken } from './tokens.ts';

/** Every personal access token starts so: the authenticator tells it from a JWT at a glance. */
export const PERSONAL_TOKEN_PREFIX = 'blt_pat_';

/** Live (unrevoked) tokens one user may hold, so that their list stays one page. */
export const MAX_LIVE_TOKENS = 100;

export interface PersonalTokenItem {
  id: number;
  name: string;
  permissions: string[];
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

function toItem(row: PersonalTokenRow): PersonalTokenItem {
  const { userId: _owner, permissions, ...rest } = row;
  return { ...rest, permissions: JSON.parse(permissions) as string[] };
}

/**
 * Personal access tokens: named, expiring bearer tokens for scripts and integrations, each with a subset of its
 * owner's permissions. The secret is shown once and stored as SHA-256; every use looks the token up, so a revocation
 * acts on the next request, and the owner's current roles bound what it can still do.
 */
export class PersonalTokensService {
  readonly #db: Db;
  readonly #handle: DatabaseHandle;
  readonly #repo: PersonalTokensRepository;
  readonly #identity: IdentityRepository;

  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#repo = new PersonalTokensRepository(handle.dialect);
    this.#identity = new IdentityRepository(handle.dialect);
  }

  async create(
    actor: Caller,
    input: { name: string; permissions: string[]; expiresInDays?: number },
  ): Promise<PersonalTokenItem & { token: string }> {
    if (actor.personalTokenId !== undefined) {
      throw new Forbidden('A personal access token cannot create tokens: sign in with your password.');
    }
    checkPermissions(actor, input.permissions);
    const token = `${PERSONAL_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + (input.expiresInDays ?? 30) * 86_400_000).toISOString();
    const permissions = [...input.permissions].sort();
    const item = await this.#db.transaction().execute(async (trx) => {
      if ((await this.#repo.countLive(trx, actor.userId)) >= MAX_LIVE_TOKENS) {
        throw new RuleViolation(`You hold ${MAX_LIVE_TOKENS} tokens already: revoke one first.`, 'too_many_tokens');
      }
      const id = await this.#repo.insert(trx, {
        userId: actor.userId,
        name: input.name,
        tokenHash: hashToken(token),
        permissions: JSON.stringify(permissions),
        expiresAt,
      });
      await recordAudit(trx, this.#handle.dialect, actor, {
        action: 'personal_token.created',
        entity: 'personal_access_tokens',
        entityId: id,
        changes: { name: [null, input.name], permissions: [null, permissions], expiresAt: [null, expiresAt] },
      });
      return toItem((await this.#repo.byId(trx, id)) as PersonalTokenRow);
    });
    return { ...item, token };
  }

  /** The caller's tokens that are not revoked (expired ones included), newest first. */
  async list(actor: Caller): Promise<PersonalTokenItem[]> {
    return (await this.#repo.liveOf(this.#db, actor.userId)).map(toItem);
  }

  /** Revokes one of the caller's tokens; someone else's, a missing or a revoked one is 404. */
  async revoke(actor: Caller, id: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const row = await this.#repo.byId(trx, id);
      if (!row || row.userId !== actor.userId || !(await this.#repo.revoke(trx, id, actor.userId))) {
        throw new NotFound(`You have no token ${id}.`);
      }
      await recordAudit(trx, this.#handle.dialect, actor, {
        action: 'personal_token.revoked',
        entity: 'personal_access_tokens',
        entityId: id,
        changes: { name: [row.name, row.name], revokedAt: [null, now()] },
      });
    });
  }

  /** The caller behind a personal access token: the token's permissions that the owner's roles still grant. */
  async authenticate(token: string, requestId: string): Promise<Caller> {
    const row = await this.#repo.byHash(this.#db, hashToken(token));
    if (!row || row.revokedAt !== null || row.expiresAt <= now() || row.active !== 1) {
      throw new Unauthorized('The access token is not valid, has expired or was revoked.');
    }
    const roles = await this.#identity.rolesOf(this.#db, row.userId);
    const held = new Set(expandPermissions(roles.flatMap((role) => JSON.parse(role.permissions) as string[])));
    const mustChangePassword = row.mustChangePassword === 1;
    const granted = expandPermissions(JSON.parse(row.permissions) as string[]).filter((p) => held.has(p));
    return {
      userId: row.userId,
      permissions: new Set(mustChangePassword ? [] : granted),
      roles: roles.map((role) => role.name),
      sessionId: null,
      requestId,
      mustChangePassword,
      personalTokenId: row.id,
    };
  }
}
