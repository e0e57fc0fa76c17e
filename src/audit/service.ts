import type { Actor } from '../access/authorize.ts';
import { requirePermission } from '../access/authorize.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { ListParams, ListSpec } from '../lists/list.ts';
import { pageOf, planList } from '../lists/list.ts';
import { listAuditEntries, type VerifyResult, verifyAuditChain } from './audit.ts';

export const AUDIT_LIST: ListSpec = {
  fields: {
    id: { column: 'id', type: 'integer' },
    at: { column: 'at', type: 'datetime' },
    actorId: { column: 'actorId', type: 'integer', nullable: true },
    action: { column: 'action', type: 'string' },
    entity: { column: 'entity', type: 'string' },
    entityId: { column: 'entityId', type: 'string' },
    requestId: { column: 'requestId', type: 'string', nullable: true },
  },
  sortable: { at: 'at' },
  search: ['action', 'entity'],
  idColumn: 'id',
  defaultSort: '-at',
};

/** Reading and verifying the trail; writing happens inside each module's transactions (audit.ts). */
export class AuditService {
  readonly #handle: DatabaseHandle;
  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
  }

  async list(actor: Actor, params: ListParams) {
    requirePermission(actor, 'get:audit');
    const plan = planList(params, AUDIT_LIST, { me: actor.userId, now: new Date(), dialect: this.#handle.dialect });
    const rows = await listAuditEntries(this.#handle.db, plan);
    const page = pageOf(rows, plan);
    return {
      items: page.rows.map(({ prevHash: _prevHash, changes, ...row }) => ({
        ...row,
        changes: JSON.parse(changes) as Record<string, [unknown, unknown]>,
      })),
      nextCursor: page.nextCursor,
    };
  }

  verify(actor: Actor): Promise<VerifyResult> {
    requirePermission(actor, 'get:audit');
    return verifyAuditChain(this.#handle.db);
  }
}
