import type { Caller } from '../../access/authorize.ts';
import { can, requirePermission } from '../../access/authorize.ts';
import { ALL } from '../../access/catalogue.ts';
import { created, diff, recordAudit } from '../../audit/audit.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { BadRequest, Conflict, Forbidden, RuleViolation } from '../../errors.ts';
import type { ListParams } from '../../lists/list.ts';
import { listDb, planListOn } from '../../lists/list.ts';
import { monitor } from '../../monitoring.ts';
import { found, given } from '../items.ts';
import { removeItem, updateItem, type Writer } from '../versioned-write.ts';
import { checkPasswordStrength, hashPassword, oneTimePassword } from './passwords.ts';
import { IdentityRepository, USER_LIST } from './repository.ts';
import type { UserCreateBody, UserItem, UserUpdateBody } from './users-schemas.ts';

function userFields(user: UserItem) {
  const { email, fullName, employeeNumber, roles, active } = user;
  return { email, fullName, employeeNumber, roles, active };
}

/** Permissions that administer access itself: granting a role that holds them needs holding them. */
function isAdministrative(permission: string): boolean {
  return permission === ALL || permission.endsWith(':users') || permission.endsWith(':roles');
}

/** Whether the caller holds a permission, counting an unscoped one (`patch:events`) as holding its `:own` form. */
function holds(actor: Caller, permission: string): boolean {
  return can(actor, permission) || (permission.endsWith(':own') && can(actor, permission.slice(0, -':own'.length)));
}

/** Nobody changes their own roles, administrators included: another holder of `patch:users` does it. */
function requireNotOwnRoles(
  actor: Caller,
  userId: number,
  current: readonly string[],
  wanted: readonly string[],
): void {
  const changed = wanted.length !== current.length || wanted.some((name) => !current.includes(name));
  if (changed && userId === actor.userId) throw new Forbidden('You cannot change your own roles.', 'own_roles');
}

/**
 * Nobody grants more than they hold: granting a role, built-in or custom, needs every permission it carries (the rule
 * custom roles are built by). `current` are the roles the user holds already.
 */
function requireMayGrant(
  actor: Caller,
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
    this.#repo = new IdentityRepository(handle.dialect, handle.sessions);
  }

  /** For other modules (relations): whether a user is active and holds a role. */
  isActiveWithRole(db: Db, userId: number, role: string): Promise<boolean> {
    return this.#repo.isActiveWithRole(db, userId, role);
  }

  /** Whether the account exists and is active (for other modules assigning work to a user). */
  async isActiveUser(db: Db, userId: number): Promise<boolean> {
    return (await this.#repo.credentialsById(db, userId))?.active === 1;
  }

  #writer(trx: Db, actor: Caller): Writer {
    return { trx, dialect: this.#handle.dialect, actor };
  }

  #user(id: number, expectedVersion: number | undefined) {
    const read = (trx: Db) => this.#repo.user(trx, id);
    return { table: 'users' as const, id, what: `user ${id}`, expectedVersion, read };
  }

  /**
   * Roles must exist (400 naming the unknown ones), and a role that administers access (`*`, users or roles
   * permissions) may be granted or taken only by someone holding those permissions: management, who manages staff,
   * cannot make anyone an administrator, nor change an administrator's account.
   */
  async #requireGrantable(db: Db, actor: Caller, roleNames: readonly string[]) {
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

  async list(actor: Caller, params: ListParams) {
    requirePermission(actor, 'get:users');
    const plan = await planListOn(this.#handle, params, USER_LIST, actor.userId);
    return this.#repo.listUsers(listDb(this.#handle, plan), plan);
  }

  async get(actor: Caller, id: number): Promise<UserItem> {
    requirePermission(actor, 'get:users');
    return found(await this.#repo.user(this.#db, id), `user ${id}`);
  }

  /** Without a password, the answer carries a one-time password that the user must change at their next sign-in. */
  async create(actor: Caller, body: UserCreateBody): Promise<UserItem & { oneTimePassword?: string }> {
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
        const user = found(await this.#repo.user(trx, id), `user ${id}`);
        await recordAudit(trx, this.#handle.dialect, actor, {
          action: 'user.created',
          entity: 'users',
          entityId: id,
          changes: created(userFields(user)),
        });
        return user;
      }),
    );
    monitor.event('user.created', { userId: user.id, actorId: actor.userId });
    return temporary === undefined ? user : { ...user, oneTimePassword: temporary };
  }

  async update(actor: Caller, id: number, body: UserUpdateBody, expectedVersion?: number): Promise<UserItem> {
    requirePermission(actor, 'patch:users');
    const { roles, active, ...rest } = given(body);
    if (active === false) requirePermission(actor, 'delete:users');
    if (active === false && id === actor.userId) throw cannotDeactivateSelf();
    const columns = {
      ...rest,
      ...(rest.email ? { email: rest.email.toLowerCase() } : {}),
      ...(active === undefined ? {} : { active: active ? 1 : 0 }),
    };
    const { before, after } = await this.#unique(() =>
      this.#db.transaction().execute((trx) =>
        updateItem(this.#writer(trx, actor), {
          ...this.#user(id, expectedVersion),
          check: async (trx, before) => {
            if (roles) requireNotOwnRoles(actor, id, before.roles, roles);
            await this.#requireGrantable(trx, actor, before.roles);
            if (roles) requireMayGrant(actor, before.roles, await this.#requireGrantable(trx, actor, roles));
          },
          write: async (trx, version) => {
            if (!(await this.#repo.updateUser(trx, id, version, columns))) return false;
            if (roles) await this.#repo.replaceRoles(trx, id, roles);
            if (active === false) await this.#repo.revokeSessionsOf(trx, id, 'deactivated');
            return true;
          },
          audit: (before, after) => ({ action: 'user.updated', changes: diff(userFields(before), userFields(after)) }),
        }),
      ),
    );
    monitor.event('user.updated', { userId: id, actorId: actor.userId });
    if (before.active && !after.active) monitor.event('user.deactivated', { userId: id, actorId: actor.userId });
    return after;
  }

  /** Users are never deleted: DELETE deactivates, and their sessions end at once. */
  async deactivate(actor: Caller, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:users');
    if (id === actor.userId) throw cannotDeactivateSelf();
    await this.#db.transaction().execute((trx) =>
      removeItem(this.#writer(trx, actor), {
        ...this.#user(id, expectedVersion),
        check: async (trx, before) => {
          await this.#requireGrantable(trx, actor, before.roles);
        },
        write: async (trx, version, before) => {
          if (before.active && !(await this.#repo.updateUser(trx, id, version, { active: 0 }))) return false;
          // Sessions end even when the account was already inactive: nothing may outlive a deactivation.
          await this.#repo.revokeSessionsOf(trx, id, 'deactivated');
          return true;
        },
        audit: (before) =>
          before.active ? { action: 'user.deactivated', changes: { active: [true, false] } } : undefined,
      }),
    );
    monitor.event('user.deactivated', { userId: id, actorId: actor.userId });
  }

  /** A new one-time password, to change at the next sign-in; every session of the user ends. */
  async resetPassword(actor: Caller, id: number): Promise<UserItem & { oneTimePassword: string }> {
    requirePermission(actor, 'patch:users');
    const temporary = oneTimePassword();
    const passwordHash = await hashPassword(temporary);
    const { after } = await this.#db.transaction().execute((trx) =>
      updateItem(this.#writer(trx, actor), {
        ...this.#user(id, undefined),
        check: async (trx, before) => {
          await this.#requireGrantable(trx, actor, before.roles);
        },
        write: async (trx) => {
          await this.#repo.setPassword(trx, id, passwordHash, true);
          await this.#repo.revokeSessionsOf(trx, id, 'password_reset');
          return true;
        },
        audit: (before) => ({
          action: 'user.password_reset',
          changes: { password: ['[redacted]', '[redacted]'], mustChangePassword: [before.mustChangePassword, true] },
        }),
      }),
    );
    monitor.event('user.updated', { userId: id, actorId: actor.userId, passwordReset: true });
    return { ...after, oneTimePassword: temporary };
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
