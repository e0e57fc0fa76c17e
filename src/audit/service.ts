import type { Actor } from '../access/authorize.ts';
import { requirePermission } from '../access/authorize.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { ListParams, ListSpec } from '../lists/list.ts';
import { pageOf, planList } from '../lists/list.ts';
import { listAuditEntries, sealPending, type VerifyResult, verifyAuditChain } from './audit.ts';

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
    const plan = planList(params, AUDIT_LIST, { me: actor.userId, now: new Date() });
    const rows = await listAuditEntries(this.#handle.db, plan);
    const page = pageOf(rows, plan);
    return {
      // An entry not sealed yet has no place in the chain and no hash: it is shown as pending.
      items: page.rows.map(({ prevHash: _prevHash, seq, hash, changes, ...row }) => ({
        ...row,
        changes: JSON.parse(changes) as Record<string, [unknown, unknown]>,
        hash: seq === null ? null : hash,
        pending: seq === null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  verify(actor: Actor): Promise<VerifyResult> {
    requirePermission(actor, 'get:audit');
    return verifyAuditChain(this.#handle.db);
  }

  /**
   * Seals every entry committed so far, now, on this node's pool: for one-shot commands, which end before a sealer
   * would, and for tests. Safe beside a running sealer (sealBatch).
   */
  sealPending(): Promise<number> {
    return sealPending(this.#handle.db, this.#handle.dialect);
  }
}
