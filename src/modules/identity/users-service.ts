import type { Actor } from '../../access/authorize.ts';
import { can, requirePermission } from '../../access/authorize.ts';
import { ALL } from '../../access/catalogue.ts';
import { created, diff, recordAudit } from '../../audit/audit.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { BadRequest, Conflict, Forbidden, RuleViolation } from '../../errors.ts';
import type { ListParams, ListSpec } from '../../lists/list.ts';
import { itemFields, planList } from '../../lists/list.ts';
import { monitor } from '../../monitoring.ts';
import { changedMeanwhile, found, given, requireVersion } from '../items.ts';
import { hashPassword, oneTimePassword } from './passwords.ts';
import { IdentityRepository } from './repository.ts';
import { checkPasswordStrength } from './service.ts';
import type { UserCreateBody, UserItem, UserUpdateBody } from './users-schemas.ts';

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

function userFields(user: UserItem) {
  const { email, fullName, employeeNumber, roles, active } = user;
  return { email, fullName, employeeNumber, roles, active };
}

/** Permissions that administer access itself: granting a role that holds them needs holding them. */
function isAdministrative(permission: string): boolean {
  return permission === ALL || permission.endsWith(':users') || permission.endsWith(':roles');
}

/** Whether the caller holds a permission, counting an unscoped one (`patch:events`) as holding its `:own` form. */
function holds(actor: Actor, permission: string): boolean {
  return can(actor, permission) || (permission.endsWith(':own') && can(actor, permission.slice(0, -':own'.length)));
}

/** Nobody changes their own roles, administrators included: another holder of `patch:users` does it. */
function requireNotOwnRoles(actor: Actor, userId: number, current: readonly string[], wanted: readonly string[]): void {
  const changed = wanted.length !== current.length || wanted.some((name) => !current.includes(name));
  if (changed && userId === actor.userId) throw new Forbidden('You cannot change your own roles.', 'own_roles');
}

/**
 * Nobody grants more than they hold: granting a role, built-in or custom, needs every permission it carries (the rule
 * custom roles are built by). `current` are the roles the user holds already.
 */
function requireMayGrant(
  actor: Actor,
  current: readonly string[],
  wanted: readonly { name: string; permissions: string }[],
): void {
  for (const role of wanted.filter((row) => !current.includes(row.name))) {
    const beyond = (JSON.parse(role.permissions) as string[]).filter((p) => !holds(actor, p));
    if (beyond.length > 0) {
      throw new Forbidden(
        `Granting the role ${role.name} needs every permission it carries; you do not hold ${beyond.join(', ')}.`,
        'role_beyond_grantor',
      );
    }
  }
}

/** Staff accounts: create (with a one-time password), change, reset a password, deactivate. */
export class UsersService {
  readonly #db: Db;
  readonly #handle: DatabaseHandle;
  readonly #repo: IdentityRepository;

  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#repo = new IdentityRepository(handle.dialect);
  }

  /** For other modules (relations): whether a user is active and holds a role. */
  isActiveWithRole(db: Db, userId: number, role: string): Promise<boolean> {
    return this.#repo.isActiveWithRole(db, userId, role);
  }

  /** Whether the account exists and is active (for other modules assigning work to a user). */
  async isActiveUser(db: Db, userId: number): Promise<boolean> {
    return (await this.#repo.credentialsById(db, userId))?.active === 1;
  }

  #audit(trx: Db, actor: Actor, action: string, entityId: number, changes: Record<string, [unknown, unknown]>) {
    return recordAudit(trx, this.#handle.dialect, actor, { action, entity: 'users', entityId, changes });
  }

  async #user(db: Db, id: number): Promise<UserItem> {
    const row = found(await this.#repo.userById(db, id), `user ${id}`);
    return toUser(row, (await this.#repo.roleNamesOf(db, [id])).get(id) ?? []);
  }

  /**
   * Roles must exist (400 naming the unknown ones), and a role that administers access (`*`, users or roles
   * permissions) may be granted or taken only by someone holding those permissions: management, who manages staff,
   * cannot make anyone an administrator, nor change an administrator's account.
   */
  async #requireGrantable(db: Db, actor: Actor, roleNames: readonly string[]) {
    const rows = await this.#repo.rolesByName(db, roleNames);
    const unknown = roleNames.filter((name) => !rows.some((row) => row.name === name));
    if (unknown.length > 0) {
      throw new BadRequest(
        `Unknown role${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`,
        unknown.map((name) => ({ path: `/roles/${roleNames.indexOf(name)}`, message: `'${name}' is not a role` })),
      );
    }
    for (const row of rows) {
      const permissions = JSON.parse(row.permissions) as string[];
      const beyond = permissions.filter((p) => isAdministrative(p) && !can(actor, p));
      if (beyond.length > 0) {
        throw new Forbidden(`Only a holder of ${beyond.join(', ')} may grant or take away the role ${row.name}.`);
      }
    }
    return rows;
  }

  async list(actor: Actor, params: ListParams) {
    requirePermission(actor, 'get:users');
    const plan = planList(params, USER_LIST, { me: actor.userId, now: new Date() });
    const page = await this.#repo.listUsers(this.#db, plan);
    const roles = await this.#repo.roleNamesOf(
      this.#db,
      page.rows.map((row) => row.id),
    );
    return { items: page.rows.map((row) => toUser(row, roles.get(row.id) ?? [])), nextCursor: page.nextCursor };
  }

  get(actor: Actor, id: number): Promise<UserItem> {
    requirePermission(actor, 'get:users');
    return this.#user(this.#db, id);
  }

  /** Without a password, the answer carries a one-time password that the user must change at their next sign-in. */
  async create(actor: Actor, body: UserCreateBody): Promise<UserItem & { oneTimePassword?: string }> {
    requirePermission(actor, 'post:users');
    if (body.password !== undefined) checkPasswordStrength(body.password, '/password');
    const temporary = body.password === undefined ? oneTimePassword() : undefined;
    const passwordHash = await hashPassword(body.password ?? temporary ?? '');
    const roles = body.roles ?? [];
    const user = await this.#unique(() =>
      this.#db.transaction().execute(async (trx) => {
        requireMayGrant(actor, [], await this.#requireGrantable(trx, actor, roles));
        const id = await this.#repo.insertUser(trx, {
          email: body.email.toLowerCase(),
          fullName: body.fullName,
          employeeNumber: body.employeeNumber ?? null,
          passwordHash,
          mustChangePassword: temporary === undefined ? 0 : 1,
        });
        await this.#repo.grantRoles(trx, id, roles);
        const user = await this.#user(trx, id);
        await this.#audit(trx, actor, 'user.created', id, created(userFields(user)));
        return user;
      }),
    );
    monitor.event('user.created', { userId: user.id, actorId: actor.userId });
    return temporary === undefined ? user : { ...user, oneTimePassword: temporary };
  }

  async update(actor: Actor, id: number, body: UserUpdateBody, expectedVersion?: number): Promise<UserItem> {
    requirePermission(actor, 'patch:users');
    const { roles, active, ...rest } = given(body);
    if (active === false) requirePermission(actor, 'delete:users');
    if (active === false && id === actor.userId) throw cannotDeactivateSelf();
    const values = { ...rest, ...(rest.email ? { email: rest.email.toLowerCase() } : {}) };
    const after = await this.#unique(() =>
      this.#db.transaction().execute(async (trx) => {
        const before = await this.#user(trx, id);
        requireVersion(before, expectedVersion);
        if (roles) requireNotOwnRoles(actor, id, before.roles, roles);
        await this.#requireGrantable(trx, actor, before.roles);
        if (roles) requireMayGrant(actor, before.roles, await this.#requireGrantable(trx, actor, roles));
        const columns = { ...values, ...(active === undefined ? {} : { active: active ? 1 : 0 }) };
        if (!(await this.#repo.updateUser(trx, id, before.version, columns))) throw changedMeanwhile();
        if (roles) await this.#repo.replaceRoles(trx, id, roles);
        if (active === false) await this.#repo.revokeSessionsOf(trx, id, 'deactivated');
        const after = await this.#user(trx, id);
        await this.#audit(trx, actor, 'user.updated', id, diff(userFields(before), userFields(after)));
        return { before, after };
      }),
    );
    monitor.event('user.updated', { userId: id, actorId: actor.userId });
    if (after.before.active && !after.after.active)
      monitor.event('user.deactivated', { userId: id, actorId: actor.userId });
    return after.after;
  }

  /** Users are never deleted: DELETE deactivates, and their sessions end at once. */
  async deactivate(actor: Actor, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:users');
    if (id === actor.userId) throw cannotDeactivateSelf();
    await this.#db.transaction().execute(async (trx) => {
      const before = await this.#user(trx, id);
      requireVersion(before, expectedVersion);
      await this.#requireGrantable(trx, actor, before.roles);
      if (before.active) {
        if (!(await this.#repo.updateUser(trx, id, before.version, { active: 0 }))) throw changedMeanwhile();
        await this.#audit(trx, actor, 'user.deactivated', id, { active: [true, false] });
      }
      // Sessions end even when the account was already inactive: nothing may outlive a deactivation.
      await this.#repo.revokeSessionsOf(trx, id, 'deactivated');
    });
    monitor.event('user.deactivated', { userId: id, actorId: actor.userId });
  }

  /** A new one-time password, to change at the next sign-in; every session of the user ends. */
  async resetPassword(actor: Actor, id: number): Promise<UserItem & { oneTimePassword: string }> {
    requirePermission(actor, 'patch:users');
    const temporary = oneTimePassword();
    const passwordHash = await hashPassword(temporary);
    const user = await this.#db.transaction().execute(async (trx) => {
      const before = await this.#user(trx, id);
      await this.#requireGrantable(trx, actor, before.roles);
      await this.#repo.setPassword(trx, id, passwordHash, true);
      await this.#repo.revokeSessionsOf(trx, id, 'password_reset');
      await this.#audit(trx, actor, 'user.password_reset', id, {
        password: ['[redacted]', '[redacted]'],
        mustChangePassword: [before.mustChangePassword, true],
      });
      return this.#user(trx, id);
    });
    monitor.event('user.updated', { userId: id, actorId: actor.userId, passwordReset: true });
    return { ...user, oneTimePassword: temporary };
  }

  async #unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Conflict('Another user has this email or employee number.', 'duplicate', [
          { path: '/email', message: 'or /employeeNumber is taken' },
        ]);
      }
      throw error;
    }
  }
}

function cannotDeactivateSelf(): RuleViolation {
  return new RuleViolation('You cannot deactivate your own account.', 'self_deactivation');
}
