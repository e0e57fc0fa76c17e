import { type InsertQueryBuilder, type InsertResult, type Selectable, sql } from 'kysely';
import type { Db, Dialect } from '../../db/database.ts';
import { insertId, now } from '../../db/database.ts';
import type { ClientsTable, Database, EventsTable } from '../../db/schema.ts';
import { itemFields, type ListPlan, type ListSpec, listRows, pageOf } from '../../lists/list.ts';
import type { ClientItem, ContractItem, EventItem } from './schemas.ts';

export const CLIENT_LIST: ListSpec = {
  fields: {
    ...itemFields('clients'),
    fullName: { column: 'clients.fullName', type: 'string' },
    email: { column: 'clients.email', type: 'string' },
    phone: { column: 'clients.phone', type: 'string', nullable: true },
    companyName: { column: 'clients.companyName', type: 'string', nullable: true },
    salesContactId: { column: 'clients.salesContactId', type: 'integer', nullable: true },
    lastContactAt: { column: 'clients.lastContactAt', type: 'datetime', nullable: true },
  },
  sortable: {
    fullName: 'clients.fullName',
    email: 'clients.email',
    createdAt: 'clients.createdAt',
    updatedAt: 'clients.updatedAt',
  },
  search: ['clients.fullName', 'clients.email', 'clients.companyName'],
  idColumn: 'clients.id',
  defaultSort: 'fullName',
};

export const CONTRACT_LIST: ListSpec = {
  fields: {
    ...itemFields('contracts'),
    clientId: { column: 'contracts.clientId', type: 'integer' },
    salesContactId: { column: 'clients.salesContactId', type: 'integer', nullable: true },
    totalCents: { column: 'contracts.totalCents', type: 'integer', bigint: true },
    dueCents: { column: 'contracts.dueCents', type: 'integer', bigint: true },
    status: { column: 'contracts.status', type: 'enum', values: ['draft', 'signed'] },
    signedAt: { column: 'contracts.signedAt', type: 'datetime', nullable: true },
  },
  sortable: {
    totalCents: 'contracts.totalCents',
    dueCents: 'contracts.dueCents',
    status: 'contracts.status',
    clientId: 'contracts.clientId',
    createdAt: 'contracts.createdAt',
    updatedAt: 'contracts.updatedAt',
  },
  search: ['clients.fullName', 'clients.companyName'],
  idColumn: 'contracts.id',
  defaultSort: '-createdAt',
};

export const EVENT_LIST: ListSpec = {
  fields: {
    ...itemFields('events'),
    name: { column: 'events.name', type: 'string' },
    contractId: { column: 'events.contractId', type: 'integer' },
    clientId: { column: 'events.clientId', type: 'integer' },
    supportContactId: { column: 'events.supportContactId', type: 'integer', nullable: true },
    startsAt: { column: 'events.startsAt', type: 'datetime' },
    endsAt: { column: 'events.endsAt', type: 'datetime' },
    location: { column: 'events.location', type: 'string', nullable: true },
    attendees: { column: 'events.attendees', type: 'integer', nullable: true },
    notes: { column: 'events.notes', type: 'text', nullable: true },
  },
  sortable: {
    name: 'events.name',
    startsAt: 'events.startsAt',
    endsAt: 'events.endsAt',
    createdAt: 'events.createdAt',
    updatedAt: 'events.updatedAt',
  },
  search: ['events.name', 'events.location'],
  idColumn: 'events.id',
  defaultSort: 'startsAt',
};

export type ClientValues = Partial<
  Pick<ClientItem, 'fullName' | 'email' | 'phone' | 'companyName' | 'salesContactId' | 'lastContactAt'>
>;
export type ContractValues = Partial<Pick<ContractItem, 'totalCents' | 'dueCents'>>;
export type EventValues = Partial<
  Pick<
    EventItem,
    'name' | 'contractId' | 'clientId' | 'supportContactId' | 'startsAt' | 'endsAt' | 'location' | 'attendees' | 'notes'
  >
>;
export type NewEvent = Required<Omit<EventValues, 'clientId'>>;

function toClient(row: Selectable<ClientsTable>): ClientItem {
  return row;
}

function toEvent(row: Selectable<EventsTable>): EventItem {
  return row;
}

function toContract(row: Omit<ContractItem, 'status'> & { status: string }): ContractItem {
  return {
    ...row,
    totalCents: Number(row.totalCents),
    dueCents: Number(row.dueCents),
    status: row.status === 'signed' ? 'signed' : 'draft',
  };
}

/** Who may touch an item: the owner column the `:own` scope compares with the caller. */
export interface Ownership {
  exists: boolean;
  ownerId: number | null;
}

const allClients = (db: Db) => db.selectFrom('clients').selectAll('clients');
const allEvents = (db: Db) => db.selectFrom('events').selectAll('events');

/** Contracts with their client's sales contact, who owns them. */
function contractsQuery(db: Db) {
  return db
    .selectFrom('contracts')
    .innerJoin('clients', 'clients.id', 'contracts.clientId')
    .selectAll('contracts')
    .select('clients.salesContactId');
}

/** SQL of the relations module: clients, contracts and events. `ownerId` arguments are `:own` scopes. */
export class RelationsRepository {
  readonly #dialect: Dialect;
  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  /** Inserts the rows an INSERT … SELECT produces (zero or one) and returns the new id, if any. */
  async #insertSelected(query: InsertQueryBuilder<Database, 'events', InsertResult>): Promise<number | undefined> {
    if (this.#dialect === 'mysql') {
      const result = await query.executeTakeFirstOrThrow();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 0 ? undefined : Number(result.insertId);
    }
    const row = await query.returning(sql<number>`id`.as('id')).executeTakeFirst();
    return row === undefined ? undefined : Number(row.id);
  }

  /** An integer parameter in a SELECT list: PostgreSQL would otherwise type it as text. */
  #int(value: number | null) {
    return this.#dialect === 'postgres' ? sql<number | null>`cast(${value} as integer)` : sql<number | null>`${value}`;
  }

  // Clients ----------------------------------------------------------------------------------------------------

  async listClients(db: Db, plan: ListPlan) {
    const rows = await listRows(db, plan, allClients);
    const page = pageOf(rows, plan);
    return { items: page.rows.map(toClient), nextCursor: page.nextCursor };
  }

  async client(db: Db, id: number): Promise<ClientItem | undefined> {
    const row = await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toClient(row);
  }

  async insertClient(db: Db, values: Required<ClientValues>): Promise<number> {
    const at = now();
    return insertId(
      db.insertInto('clients').values({ ...values, createdAt: at, updatedAt: at, version: 1 }),
      this.#dialect,
    );
  }

  /** Updates a client at `version`, and only if `ownerId` (when given) is its sales contact. */
  async updateClient(
    db: Db,
    id: number,
    version: number,
    values: ClientValues,
    ownerId: number | undefined,
  ): Promise<boolean> {
    const result = await db
      .updateTable('clients')
      .set({ ...values, updatedAt: now(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .$if(ownerId !== undefined, (q) => q.where('salesContactId', '=', ownerId ?? 0))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Deletes a client at `version` that has no contract, in one statement; false otherwise. */
  async deleteClient(db: Db, id: number, version: number): Promise<boolean> {
    const result = await db
      .deleteFrom('clients')
      .where('id', '=', id)
      .where('version', '=', version)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('contracts').select('contracts.id').where('contracts.clientId', '=', id))),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async contractCount(db: Db, clientId: number): Promise<number> {
    const row = await db
      .selectFrom('contracts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('clientId', '=', clientId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  // Contracts --------------------------------------------------------------------------------------------------

  async listContracts(db: Db, plan: ListPlan) {
    const rows = await listRows(db, plan, contractsQuery);
    const page = pageOf(rows, plan);
    return { items: page.rows.map(toContract), nextCursor: page.nextCursor };
  }

  async contract(db: Db, id: number): Promise<ContractItem | undefined> {
    const row = await contractsQuery(db).where('contracts.id', '=', id).executeTakeFirst();
    return row && toContract(row);
  }

  async contractOwnership(db: Db, id: number): Promise<Ownership> {
    const row = await db
      .selectFrom('contracts')
      .innerJoin('clients', 'clients.id', 'contracts.clientId')
      .select('clients.salesContactId')
      .where('contracts.id', '=', id)
      .executeTakeFirst();
    return { exists: row !== undefined, ownerId: row?.salesContactId ?? null };
  }

  async insertContract(db: Db, values: { clientId: number; totalCents: number; dueCents: number }): Promise<number> {
    const at = now();
    return insertId(
      db
        .insertInto('contracts')
        .values({ ...values, status: 'draft', signedAt: null, createdAt: at, updatedAt: at, version: 1 }),
      this.#dialect,
    );
  }

  /** The `:own` scope of a contract: its client's sales contact is the caller, checked by the same statement. */
  #ownedContract(ownerId: number) {
    return (eb: import('kysely').ExpressionBuilder<Database, 'contracts'>) =>
      eb(
        'contracts.clientId',
        'in',
        eb.selectFrom('clients').select('clients.id').where('salesContactId', '=', ownerId),
      );
  }

  async updateContract(
    db: Db,
    id: number,
    version: number,
    values: ContractValues,
    ownerId: number | undefined,
  ): Promise<boolean> {
    const result = await db
      .updateTable('contracts')
      .set({ ...values, updatedAt: now(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .$if(ownerId !== undefined, (q) => q.where(this.#ownedContract(ownerId ?? 0)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Signs a draft contract at `version` (owned by `ownerId` when given); false when nothing matched. */
  async signContract(db: Db, id: number, version: number, ownerId: number | undefined): Promise<boolean> {
    const at = now();
    const result = await db
      .updateTable('contracts')
      .set((eb) => ({ status: 'signed', signedAt: at, updatedAt: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .where('version', '=', version)
      .$if(ownerId !== undefined, (q) => q.where(this.#ownedContract(ownerId ?? 0)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // Events -----------------------------------------------------------------------------------------------------

  async listEvents(db: Db, plan: ListPlan) {
    const rows = await listRows(db, plan, allEvents);
    const page = pageOf(rows, plan);
    return { items: page.rows.map(toEvent), nextCursor: page.nextCursor };
  }

  async event(db: Db, id: number): Promise<EventItem | undefined> {
    const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEvent(row);
  }

  /**
   * Creates the event of a signed contract in one INSERT … SELECT: the contract's state and (for `:own`) its
   * client's sales contact are conditions of the same statement. Undefined when no row qualified.
   */
  insertEvent(db: Db, event: NewEvent, ownerId: number | undefined): Promise<number | undefined> {
    const at = now();
    const source = db
      .selectFrom('contracts')
      .innerJoin('clients', 'clients.id', 'contracts.clientId')
      .select((eb) => [
        eb.val(event.name).as('name'),
        'contracts.id as contractId',
        'contracts.clientId as clientId',
        this.#int(event.supportContactId).as('supportContactId'),
        eb.val(event.startsAt).as('startsAt'),
        eb.val(event.endsAt).as('endsAt'),
        eb.val(event.location).as('location'),
        this.#int(event.attendees).as('attendees'),
        eb.val(event.notes).as('notes'),
        eb.val(at).as('createdAt'),
        eb.val(at).as('updatedAt'),
        this.#int(1).as('version'),
      ])
      .where('contracts.id', '=', event.contractId)
      .where('contracts.status', '=', 'signed')
      .$if(ownerId !== undefined, (q) => q.where('clients.salesContactId', '=', ownerId ?? 0));
    return this.#insertSelected(
      db
        .insertInto('events')
        .columns([
          'name',
          'contractId',
          'clientId',
          'supportContactId',
          'startsAt',
          'endsAt',
          'location',
          'attendees',
          'notes',
          'createdAt',
          'updatedAt',
          'version',
        ])
        .expression(source),
    );
  }

  /** Updates an event at `version`, and only if `ownerId` (when given) is its support contact. */
  async updateEvent(
    db: Db,
    id: number,
    version: number,
    values: EventValues,
    ownerId: number | undefined,
  ): Promise<boolean> {
    const result = await db
      .updateTable('events')
      .set({ ...values, updatedAt: now(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .$if(ownerId !== undefined, (q) => q.where('supportContactId', '=', ownerId ?? 0))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
