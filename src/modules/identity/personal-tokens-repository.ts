import type { Db, Dialect } from '../../db/database.ts';
import { insertId, now } from '../../db/database.ts';

export interface PersonalTokenRow {
  id: number;
  userId: number;
  name: string;
  permissions: string;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const COLUMNS = [
  'id',
  'userId',
  'name',
  'permissions',
  'expiresAt',
  'revokedAt',
  'createdAt',
  'updatedAt',
  'version',
] as const;

/** SQL of personal access tokens; no rules. */
export class PersonalTokensRepository {
  readonly #dialect: Dialect;

  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  insert(
    db: Db,
    token: { userId: number; name: string; tokenHash: string; permissions: string; expiresAt: string },
  ): Promise<number> {
    const at = now();
    return insertId(
      db
        .insertInto('personalAccessTokens')
        .values({ ...token, revokedAt: null, createdAt: at, updatedAt: at, version: 1 }),
      this.#dialect,
    );
  }

  byId(db: Db, id: number): Promise<PersonalTokenRow | undefined> {
    return db.selectFrom('personalAccessTokens').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** The owner's tokens not revoked, newest first. */
  liveOf(db: Db, userId: number): Promise<PersonalTokenRow[]> {
    return db
      .selectFrom('personalAccessTokens')
      .select(COLUMNS)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .orderBy('id', 'desc')
      .execute();
  }

  async countLive(db: Db, userId: number): Promise<number> {
    const row = await db
      .selectFrom('personalAccessTokens')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** A token by the hash of its secret, with whether its owner is active and must change their password. */
  byHash(db: Db, tokenHash: string) {
    return db
      .selectFrom('personalAccessTokens as t')
      .innerJoin('users as u', 'u.id', 't.userId')
      .select(['t.id', 't.userId', 't.permissions', 't.expiresAt', 't.revokedAt', 'u.active', 'u.mustChangePassword'])
      .where('t.tokenHash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Revokes the owner's live token; false when it is not theirs, missing or already revoked. */
  async revoke(db: Db, id: number, userId: number): Promise<boolean> {
    const at = now();
    const result = await db
      .updateTable('personalAccessTokens')
      .set((eb) => ({ revokedAt: at, updatedAt: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
