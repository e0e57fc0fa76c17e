import type { Caller } from '../../access/authorize.ts';
import { can, requirePermission } from '../../access/authorize.ts';
import { isPermission } from '../../access/catalogue.ts';
import { created, diff, recordAudit, removed } from '../../audit/audit.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { BadRequest, Conflict, Forbidden } from '../../errors.ts';
import type { ListParams } from '../../lists/list.ts';
import { listDb, planListOn } from '../../lists/list.ts';
import { found, given } from '../items.ts';
import { removeItem, updateItem, type Writer } from '../versioned-write.ts';
import { IdentityRepository, ROLE_LIST } from './repository.ts';
import type { RoleCreateBody, RoleItem, RoleUpdateBody } from './roles-schemas.ts';

function roleFields(role: RoleItem) {
  const { name, description, permissions } = role;
  return { name, description, permissions };
}

/** Every permission must be in the catalogue (400 naming each unknown one) and held by the caller (403). */
export function checkPermissions(actor: Caller, permissions: readonly string[]): void {
  const unknown = permissions
    .map((permission, index) => ({ permission, index }))
    .filter(({ permission }) => !isPermission(permission));
  if (unknown.length > 0) {
    throw new BadRequest(
      `Unknown permission${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => u.permission).join(', ')}.`,
      unknown.map(({ permission, index }) => ({
        path: `/permissions/${index}`,
        message: `'${permission}' is not a permission of the catalogue`,
      })),
    );
  }
  const beyond = permissions.filter((permission) => !can(actor, permission));
  if (beyond.length > 0) throw new Forbidden(`You cannot grant permissions you do not hold: ${beyond.join(', ')}.`);
}

function builtIn(role: RoleItem): Conflict {
  return new Conflict(`The built-in role ${role.name} cannot be changed or deleted.`, 'built_in_role');
}

/** Custom roles built from the permission catalogue; the built-in ones are read-only. */
export class RolesService {
  readonly #db: Db;
  readonly #handle: DatabaseHandle;
  readonly #repo: IdentityRepository;

  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#repo = new IdentityRepository(handle.dialect, handle.sessions);
  }

  #writer(trx: Db, actor: Caller): Writer {
    return { trx, dialect: this.#handle.dialect, actor };
  }

  /** A custom role; a built-in one is refused (409) before anything else is checked. */
  #role(id: number, expectedVersion: number | undefined) {
    const read = (trx: Db) => this.#repo.role(trx, id);
    const check = (_trx: Db, before: RoleItem) => {
      if (before.builtIn) throw builtIn(before);
    };
    return { table: 'roles' as const, id, what: `role ${id}`, expectedVersion, read, check };
  }

  async list(actor: Caller, params: ListParams) {
    requirePermission(actor, 'get:roles');
    const plan = await planListOn(this.#handle, params, ROLE_LIST, actor.userId);
    return this.#repo.listRoles(listDb(this.#handle, plan), plan);
  }

  async get(actor: Caller, id: number): Promise<RoleItem> {
    requirePermission(actor, 'get:roles');
    return found(await this.#repo.role(this.#db, id), `role ${id}`);
  }

  async create(actor: Caller, body: RoleCreateBody): Promise<RoleItem> {
    requirePermission(actor, 'post:roles');
    checkPermissions(actor, body.permissions);
    return this.#unique(() =>
      this.#db.transaction().execute(async (trx) => {
        const id = await this.#repo.insertRole(trx, {
          name: body.name,
          description: body.description ?? '',
          permissions: JSON.stringify(body.permissions),
        });
        const role = found(await this.#repo.role(trx, id), `role ${id}`);
        await recordAudit(trx, this.#handle.dialect, actor, {
          action: 'role.created',
          entity: 'roles',
          entityId: id,
          changes: created(roleFields(role)),
        });
        return role;
      }),
    );
  }

  /** Changed permissions reach a holder's tokens at their next refresh (at most the access-token lifetime). */
  async update(actor: Caller, id: number, body: RoleUpdateBody, expectedVersion?: number): Promise<RoleItem> {
    requirePermission(actor, 'patch:roles');
    const values = given(body);
    if (values.permissions) checkPermissions(actor, values.permissions);
    const columns = {
      ...(values.name === undefined ? {} : { name: values.name }),
      ...(values.description === undefined ? {} : { description: values.description }),
      ...(values.permissions === undefined ? {} : { permissions: JSON.stringify(values.permissions) }),
    };
    return this.#unique(() =>
      this.#db.transaction().execute(async (trx) => {
        const { after } = await updateItem(this.#writer(trx, actor), {
          ...this.#role(id, expectedVersion),
          write: (trx, version) => this.#repo.updateRole(trx, id, version, columns),
          audit: (before, after) => ({ action: 'role.updated', changes: diff(roleFields(before), roleFields(after)) }),
        });
        return after;
      }),
    );
  }

  /** Deleting a custom role takes it from its holders; built-in roles are never deleted. */
  async delete(actor: Caller, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:roles');
    await this.#db.transaction().execute(async (trx) => {
      let holders: number[] = [];
      await removeItem(this.#writer(trx, actor), {
        ...this.#role(id, expectedVersion),
        write: async (trx, version) => {
          holders = await this.#repo.holdersOf(trx, id);
          return this.#repo.deleteRole(trx, id, version);
        },
        audit: (before) => ({
          action: 'role.deleted',
          changes: { ...removed(roleFields(before)), holders: [holders, null] },
        }),
      });
    });
  }

  async #unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Conflict('Another role has this name.', 'duplicate', [{ path: '/name', message: 'is taken' }]);
      }
      throw error;
    }
  }
}
