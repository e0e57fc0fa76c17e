import type { Actor } from '../../access/authorize.ts';
import { can, requirePermission } from '../../access/authorize.ts';
import { isPermission } from '../../access/catalogue.ts';
import { created, diff, recordAudit, removed } from '../../audit/audit.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../errors.ts';
import type { ListParams, ListSpec } from '../../lists/list.ts';
import { itemFields, planList } from '../../lists/list.ts';
import { changedMeanwhile, found, given, requireVersion } from '../items.ts';
import { IdentityRepository } from './repository.ts';
import type { RoleCreateBody, RoleItem, RoleUpdateBody } from './roles-schemas.ts';

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

interface RoleRow {
  id: number;
  name: string;
  description: string;
  permissions: string;
  builtIn: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

function toRole(row: RoleRow): RoleItem {
  return { ...row, permissions: JSON.parse(row.permissions) as string[], builtIn: row.builtIn === 1 };
}

function roleFields(role: RoleItem) {
  const { name, description, permissions } = role;
  return { name, description, permissions };
}

/** Every permission must be in the catalogue (400 naming each unknown one) and held by the caller (403). */
function checkPermissions(actor: Actor, permissions: readonly string[]): void {
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

  #audit(trx: Db, actor: Actor, action: string, entityId: number, changes: Record<string, [unknown, unknown]>) {
    return recordAudit(trx, this.#handle.dialect, actor, { action, entity: 'roles', entityId, changes });
  }

  async #role(db: Db, id: number): Promise<RoleItem> {
    return toRole(found(await this.#repo.roleById(db, id), `role ${id}`));
  }

  async list(actor: Actor, params: ListParams) {
    requirePermission(actor, 'get:roles');
    const page = await this.#repo.listRoles(
      this.#db,
      planList(params, ROLE_LIST, { me: actor.userId, now: new Date(), dialect: this.#handle.dialect }),
    );
    return { items: page.rows.map(toRole), nextCursor: page.nextCursor };
  }

  get(actor: Actor, id: number): Promise<RoleItem> {
    requirePermission(actor, 'get:roles');
    return this.#role(this.#db, id);
  }

  async create(actor: Actor, body: RoleCreateBody): Promise<RoleItem> {
    requirePermission(actor, 'post:roles');
    checkPermissions(actor, body.permissions);
    return this.#unique(() =>
      this.#db.transaction().execute(async (trx) => {
        const id = await this.#repo.insertRole(trx, {
          name: body.name,
          description: body.description ?? '',
          permissions: JSON.stringify(body.permissions),
        });
        const role = await this.#role(trx, id);
        await this.#audit(trx, actor, 'role.created', id, created(roleFields(role)));
        return role;
      }),
    );
  }

  /** Changed permissions reach a holder's tokens at their next refresh (at most the access-token lifetime). */
  async update(actor: Actor, id: number, body: RoleUpdateBody, expectedVersion?: number): Promise<RoleItem> {
    requirePermission(actor, 'patch:roles');
    const values = given(body);
    if (values.permissions) checkPermissions(actor, values.permissions);
    return this.#unique(() =>
      this.#db.transaction().execute(async (trx) => {
        const before = await this.#role(trx, id);
        if (before.builtIn) throw builtIn(before);
        requireVersion(before, expectedVersion);
        const columns = {
          ...(values.name === undefined ? {} : { name: values.name }),
          ...(values.description === undefined ? {} : { description: values.description }),
          ...(values.permissions === undefined ? {} : { permissions: JSON.stringify(values.permissions) }),
        };
        if (!(await this.#repo.updateRole(trx, id, before.version, columns))) throw changedMeanwhile();
        const after = await this.#role(trx, id);
        await this.#audit(trx, actor, 'role.updated', id, diff(roleFields(before), roleFields(after)));
        return after;
      }),
    );
  }

  /** Deleting a custom role takes it from its holders; built-in roles are never deleted. */
  async delete(actor: Actor, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:roles');
    await this.#db.transaction().execute(async (trx) => {
      const before = await this.#role(trx, id);
      if (before.builtIn) throw builtIn(before);
      requireVersion(before, expectedVersion);
      const holders = await this.#repo.holdersOf(trx, id);
      if (!(await this.#repo.deleteRole(trx, id, before.version))) {
        if (!(await this.#repo.roleById(trx, id))) throw new NotFound(`There is no role ${id}.`);
        throw changedMeanwhile();
      }
      await this.#audit(trx, actor, 'role.deleted', id, { ...removed(roleFields(before)), holders: [holders, null] });
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
