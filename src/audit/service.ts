import type { Caller } from '../access/authorize.ts';
import { requirePermission } from '../access/authorize.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { ListParams } from '../lists/list.ts';
import { listDb, planListOn } from '../lists/list.ts';
import { sealPending, type VerifyResult, verifyAuditChain } from './audit.ts';
import { AUDIT_LIST, listEntries } from './repository.ts';

/** Reading and verifying the trail; writing happens inside each module's transactions (audit.ts). */
export class AuditService {
  readonly #handle: DatabaseHandle;
  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
  }

  async list(actor: Caller, params: ListParams) {
    requirePermission(actor, 'get:audit');
    const plan = await planListOn(this.#handle, params, AUDIT_LIST, actor.userId);
    return listEntries(listDb(this.#handle, plan), plan);
  }

  verify(actor: Caller): Promise<VerifyResult> {
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
