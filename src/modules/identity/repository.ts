import type { CompiledQuery, Selectable } from 'kysely';
import { BUILT_IN_ROLES } from '../../access/catalogue.ts';
import type { Db, Dialect } from '../../db/database.ts';
import { insertId, now } from '../../db/database.ts';
import type { RolesTable, UsersTable } from '../../db/schema.ts';
import { itemFields, type ListPlan, type ListSpec, listRows, pageOf } from '../../lists/list.ts';
import type { RoleItem } from './roles-schemas.ts';
import type { UserItem } from './users-schemas.ts';

export const USER_LIST: ListSpec = {
  fields: {
    ...itemFields('users'),
    email: { column: 'users.email', type: 'string' },
    fullName: { column: 'users.fullName', type: 'string' },
    employeeNumber: { column: 'users.employeeNumber', type: 'string', nullable: true },
    active: { column: 'users.active', type: 'boolean' },
    mustChangePassword: { column: 'users.mustChangePassword', type: 'boolean' },
    lastLoginAt: { column: 'users.lastLoginAt', type: 'datetime', nullable: true },
  },
  sortable: {
    email: 'users.email',
    fullName: 'users.fullName',
    createdAt: 'users.createdAt',
    updatedAt: 'users.updatedAt',
  },
  search: ['users.fullName', 'users.email', 'users.employeeNumber'],
  idColumn: 'users.id',
  defaultSort: 'fullName',
};

export const ROLE_LIST: ListSpec = {
  fields: {
    ...itemFields('roles'),
    name: { column: 'roles.name', type: 'string' },
    description: { column: 'roles.description', type: 'string' },
    permissions: { column: 'roles.permissions', type: 'text' },
    builtIn: { column: 'roles.builtIn', type: 'boolean' },
  },
  sortable: { name: 'roles.name', createdAt: 'roles.createdAt', updatedAt: 'roles.updatedAt' },
  search: ['roles.name', 'roles.description'],
  idColumn: 'roles.id',
  defaultSort: 'name',
};

interface UserRow {
  id: number;
  email: string;
  fullName: string;
  employeeNumber: string | null;
  active: number;
  mustChangePassword: number;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

function toUser(row: UserRow, roles: string[]): UserItem {
  return { ...row, roles, active: row.active === 1, mustChangePassword: row.mustChangePassword === 1 };
}

function toRole(row: Selectable<RolesTable>): RoleItem {
  return { ...row, permissions: JSON.parse(row.permissions) as RoleItem['permissions'], builtIn: row.builtIn === 1 };
}

import type { SessionCache } from '../../db/session-cache.ts';

export interface Credentials {
  id: number;
  passwordHash: string | null;
  active: number;
}

export interface SessionState {
  userId: number;
  revokedAt: string | null;
  expiresAt: string;
  active: number;
  mustChangePassword: number;
}

export type NewUser = Pick<UsersTable, 'email' | 'fullName' | 'employeeNumber' | 'passwordHash'> & {
  mustChangePassword?: number;
};

const allRoles = (db: Db) => db.selectFrom('roles').selectAll('roles');

/** Users' own columns, never their password hashes. */
function usersQuery(db: Db) {
  return db
    .selectFrom('users')
    .select([
      'users.id',
      'users.email',
      'users.fullName',
      'users.employeeNumber',
      'users.active',
      'users.mustChangePassword',
      'users.lastLoginAt',
      'users.createdAt',
      'users.updatedAt',
      'users.version',
    ]);
}

/** SQL for users, roles, sessions and refresh tokens. No rules here: the service decides. */
export class IdentityRepository {
  readonly dialect: Dialect;
  readonly #sessions: SessionCache | undefined;
  /** `sessions`: the node's cache of the session check, told of every change that could alter its answer. */
  constructor(dialect: Dialect, sessions?: SessionCache) {
    this.dialect = dialect;
    this.#sessions = sessions;
  }

  credentialsByEmail(db: Db, email: string): Promise<Credentials | undefined> {
    return db
      .selectFrom('users')
      .select(['id', 'passwordHash', 'active'])
      .where('email', '=', email)
      .executeTakeFirst();
  }

  credentialsById(db: Db, id: number): Promise<Credentials | undefined> {
    return db.selectFrom('users').select(['id', 'passwordHash', 'active']).where('id', '=', id).executeTakeFirst();
  }

  /** The names and stored permission lists of a user's roles. */
  rolesOf(db: Db, userId: number): Promise<{ name: string; permissions: string }[]> {
    return db
      .selectFrom('userRoles')
      .innerJoin('roles', 'roles.id', 'userRoles.roleId')
      .select(['roles.name', 'roles.permissions'])
      .where('userRoles.userId', '=', userId)
      .orderBy('roles.name')
      .execute();
  }

  async insertUser(db: Db, user: NewUser): Promise<number> {
    const at = now();
    return insertId(
      db.insertInto('users').values({
        ...user,
        mustChangePassword: user.mustChangePassword ?? 0,
        active: 1,
        createdAt: at,
        updatedAt: at,
        version: 1,
      }),
      this.dialect,
    );
  }

  async grantRoles(db: Db, userId: number, roleNames: string[]): Promise<void> {
    if (roleNames.length === 0) return;
    const roles = await db.selectFrom('roles').select('id').where('name', 'in', roleNames).execute();
    await db
      .insertInto('userRoles')
      .values(roles.map((role) => ({ userId, roleId: role.id })))
      .execute();
  }

  userCount(db: Db): Promise<number> {
    return db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count));
  }

  async touchLastLogin(db: Db, userId: number): Promise<void> {
    await db.updateTable('users').set({ lastLoginAt: now() }).where('id', '=', userId).execute();
  }

  async setPassword(db: Db, userId: number, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await db
      .updateTable('users')
      .set((eb) => ({
        passwordHash,
        mustChangePassword: mustChangePassword ? 1 : 0,
        updatedAt: now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', userId)
      .execute();
    await this.#sessions?.changed(db);
  }

  async createSession(db: Db, session: { id: string; userId: number; expiresAt: string }): Promise<void> {
    await db
      .insertInto('sessions')
      .values({ ...session, createdAt: now(), revokedAt: null, revokedReason: null })
      .execute();
  }

  #sessionStateQuery: CompiledQuery<SessionState> | undefined;

  /**
   * One indexed lookup per request: the session and whether its user may still act. It runs on every
   * authenticated request, so it is compiled once and only its parameter changes.
   */
  async sessionState(db: Db, sessionId: string): Promise<SessionState | undefined> {
    this.#sessionStateQuery ??= db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select([
        'sessions.userId',
        'sessions.revokedAt',
        'sessions.expiresAt',
        'users.active',
        'users.mustChangePassword',
      ])
      .where('sessions.id', '=', '')
      .compile();
    const result = await db.executeQuery<SessionState>({ ...this.#sessionStateQuery, parameters: [sessionId] });
    return result.rows[0];
  }

  async revokeSession(db: Db, sessionId: string, reason: string): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ revokedAt: now(), revokedReason: reason })
      .where('id', '=', sessionId)
      .where('revokedAt', 'is', null)
      .execute();
    await this.#sessions?.changed(db);
  }

  async revokeSessionsOf(db: Db, userId: number, reason: string, exceptSessionId?: string): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ revokedAt: now(), revokedReason: reason })
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .$if(exceptSessionId !== undefined, (q) => q.where('id', '!=', exceptSessionId ?? ''))
      .execute();
    await this.#sessions?.changed(db);
  }

  async insertRefreshToken(db: Db, tokenHash: string, sessionId: string): Promise<void> {
    await db.insertInto('refreshTokens').values({ tokenHash, sessionId, createdAt: now(), usedAt: null }).execute();
  }

  refreshToken(db: Db, tokenHash: string) {
    return db
      .selectFrom('refreshTokens')
      .innerJoin('sessions', 'sessions.id', 'refreshTokens.sessionId')
      .select(['refreshTokens.sessionId', 'refreshTokens.usedAt', 'sessions.userId'])
      .where('refreshTokens.tokenHash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Marks a refresh token spent; false if another request spent it first. */
  async spendRefreshToken(db: Db, tokenHash: string): Promise<boolean> {
    const result = await db
      .updateTable('refreshTokens')
      .set({ usedAt: now() })
      .where('tokenHash', '=', tokenHash)
      .where('usedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  externalIdentity(db: Db, issuer: string, subject: string) {
    return db
      .selectFrom('externalIdentities')
      .innerJoin('users', 'users.id', 'externalIdentities.userId')
      .select(['users.id', 'users.active'])
      .where('externalIdentities.issuer', '=', issuer)
      .where('externalIdentities.subject', '=', subject)
      .executeTakeFirst();
  }

  async linkExternalIdentity(db: Db, issuer: string, subject: string, userId: number): Promise<void> {
    await db.insertInto('externalIdentities').values({ issuer, subject, userId, createdAt: now() }).execute();
  }

  emailTaken(db: Db, email: string): Promise<boolean> {
    return db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst()
      .then((row) => row !== undefined);
  }

  /** Makes the built-in roles match the catalogue: created if missing, permissions kept current. */
  async syncBuiltInRoles(db: Db): Promise<void> {
    const existing = await db.selectFrom('roles').select(['id', 'name', 'permissions']).execute();
    const at = now();
    for (const role of BUILT_IN_ROLES) {
      const permissions = JSON.stringify(role.permissions);
      const row = existing.find((r) => r.name === role.name);
      if (!row) {
        await db
          .insertInto('roles')
          .values({
            name: role.name,
            description: role.description,
            permissions,
            builtIn: 1,
            createdAt: at,
            updatedAt: at,
            version: 1,
          })
          .execute();
      } else if (row.permissions !== permissions) {
        await db
          .updateTable('roles')
          .set((eb) => ({
            permissions,
            description: role.description,
            builtIn: 1,
            updatedAt: at,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', row.id)
          .execute();
      }
    }
  }

  // Staff accounts and roles (users and roles endpoints) ------------------------------------------------------

  /** A page of users with their roles, never their password hashes. */
  async listUsers(db: Db, plan: ListPlan) {
    const page = pageOf(await listRows(db, plan, usersQuery), plan);
    const roles = await this.roleNamesOf(
      db,
      page.rows.map((row) => row.id),
    );
    return { items: page.rows.map((row) => toUser(row, roles.get(row.id) ?? [])), nextCursor: page.nextCursor };
  }

  /** A user with their roles. */
  async user(db: Db, id: number): Promise<UserItem | undefined> {
    const row = await this.userById(db, id);
    return row && toUser(row, (await this.roleNamesOf(db, [id])).get(id) ?? []);
  }

  userById(db: Db, id: number) {
    return usersQuery(db).where('users.id', '=', id).executeTakeFirst();
  }

  async emailsAt(db: Db, domain: string): Promise<string[]> {
    const rows = await db
      .selectFrom('users')
      .select('email')
      .where('email', 'like', `%@${domain}`)
      .orderBy('email')
      .execute();
    return rows.map((row) => row.email);
  }

  async holderOf(db: Db, role: string): Promise<number | undefined> {
    const row = await db
      .selectFrom('users')
      .innerJoin('userRoles', 'userRoles.userId', 'users.id')
      .innerJoin('roles', 'roles.id', 'userRoles.roleId')
      .select('users.id')
      .where('roles.name', '=', role)
      .where('users.active', '=', 1)
      .orderBy('users.id')
      .executeTakeFirst();
    return row?.id;
  }

  /** The role names of each of these users. */
  async roleNamesOf(db: Db, userIds: readonly number[]): Promise<Map<number, string[]>> {
    const map = new Map<number, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return map;
    const rows = await db
      .selectFrom('userRoles')
      .innerJoin('roles', 'roles.id', 'userRoles.roleId')
      .select(['userRoles.userId', 'roles.name'])
      .where('userRoles.userId', 'in', [...userIds])
      .orderBy('roles.name')
      .execute();
    for (const row of rows) map.get(row.userId)?.push(row.name);
    return map;
  }

  /** Updates a user at `version`; false when another change came first. */
  async updateUser(
    db: Db,
    id: number,
    version: number,
    values: Partial<Pick<UsersTable, 'email' | 'fullName' | 'employeeNumber' | 'active'>>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('users')
      .set({ ...values, updatedAt: now(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    // An account turned inactive (or back) changes the answer of the session check.
    if (values.active !== undefined) await this.#sessions?.changed(db);
    return Number(result.numUpdatedRows) === 1;
  }

  async replaceRoles(db: Db, userId: number, roleNames: string[]): Promise<void> {
    await db.deleteFrom('userRoles').where('userId', '=', userId).execute();
    await this.grantRoles(db, userId, roleNames);
  }

  /** Whether the user exists, is active and holds the role. */
  async isActiveWithRole(db: Db, userId: number, role: string): Promise<boolean> {
    const row = await db
      .selectFrom('users')
      .innerJoin('userRoles', 'userRoles.userId', 'users.id')
      .innerJoin('roles', 'roles.id', 'userRoles.roleId')
      .select('users.id')
      .where('users.id', '=', userId)
      .where('users.active', '=', 1)
      .where('roles.name', '=', role)
      .executeTakeFirst();
    return row !== undefined;
  }

  async listRoles(db: Db, plan: ListPlan) {
    const page = pageOf(await listRows(db, plan, allRoles), plan);
    return { items: page.rows.map(toRole), nextCursor: page.nextCursor };
  }

  async role(db: Db, id: number): Promise<RoleItem | undefined> {
    const row = await db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRole(row);
  }

  rolesByName(db: Db, names: readonly string[]) {
    if (names.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('roles')
      .selectAll()
      .where('name', 'in', [...names])
      .execute();
  }

  async insertRole(db: Db, role: { name: string; description: string; permissions: string }): Promise<number> {
    const at = now();
    return insertId(
      db.insertInto('roles').values({ ...role, builtIn: 0, createdAt: at, updatedAt: at, version: 1 }),
      this.dialect,
    );
  }

  /** Updates a custom role at `version`; built-in roles never match. */
  async updateRole(
    db: Db,
    id: number,
    version: number,
    values: { name?: string; description?: string; permissions?: string },
  ): Promise<boolean> {
    const result = await db
      .updateTable('roles')
      .set({ ...values, updatedAt: now(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('builtIn', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Deletes a custom role at `version` (its grants go with it); built-in roles never match. */
  async deleteRole(db: Db, id: number, version: number): Promise<boolean> {
    const result = await db
      .deleteFrom('roles')
      .where('id', '=', id)
      .where('version', '=', version)
      .where('builtIn', '=', 0)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** The users who hold a role (their tokens carry its old permissions until refreshed). */
  async holdersOf(db: Db, roleId: number): Promise<number[]> {
    const rows = await db.selectFrom('userRoles').select('userId').where('roleId', '=', roleId).execute();
    return rows.map((row) => row.userId);
  }
}
