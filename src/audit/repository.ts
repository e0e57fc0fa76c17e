import type { Db } from '../db/database.ts';
import { type ListPlan, type ListSpec, pageOf } from '../lists/list.ts';
import { type Changes, listAuditEntries } from './audit.ts';

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

/** One page of the trail as the API shows it: changes parsed, the chain's link left out, unsealed entries pending. */
export async function listEntries(db: Db, plan: ListPlan) {
  const page = pageOf(await listAuditEntries(db, plan), plan);
  return {
    // An entry not sealed yet has no place in the chain and no hash: it is shown as pending.
    items: page.rows.map(({ prevHash: _prevHash, seq, hash, changes, ...row }) => ({
      ...row,
      changes: JSON.parse(changes) as Changes,
      hash: seq === null ? null : hash,
      pending: seq === null,
    })),
    nextCursor: page.nextCursor,
  };
}
