import type { Caller } from '../../access/authorize.ts';
import { type Access, authorize, can, requirePermission } from '../../access/authorize.ts';
import { type Changes, created, diff, recordAudit, removed } from '../../audit/audit.ts';
import { businessMetrics } from '../../business-metrics.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.ts';
import { Conflict, Forbidden, RuleViolation } from '../../errors.ts';
import type { ListParams } from '../../lists/list.ts';
import { listDb, planListOn } from '../../lists/list.ts';
import { monitor } from '../../monitoring.ts';
import { forbiddenField, found, given } from '../items.ts';
import { type OwnScope, removeItem, updateItem, type Writer } from '../versioned-write.ts';
import {
  CLIENT_LIST,
  type ClientValues,
  CONTRACT_LIST,
  type ContractValues,
  EVENT_LIST,
  type EventValues,
  RelationsRepository,
} from './repository.ts';
import type {
  ClientCreateBody,
  ClientItem,
  ClientUpdateBody,
  ContractCreateBody,
  ContractItem,
  ContractUpdateBody,
  EventCreateBody,
  EventItem,
  EventUpdateBody,
} from './schemas.ts';

/** What the relations module needs to know about staff accounts (the identity module answers). */
export interface StaffDirectory {
  /** Whether the user exists, is active and holds the role. */
  isActiveWithRole(db: Db, userId: number, role: string): Promise<boolean>;
}

function isoInstant(value: string): string {
  return new Date(value).toISOString();
}

/** Clients, their contracts and events: the CRM of the sales, support and management departments. */
export class RelationsService {
  readonly #db: Db;
  readonly #handle: DatabaseHandle;
  readonly #repo: RelationsRepository;
  readonly #staff: StaffDirectory;

  constructor(handle: DatabaseHandle, staff: StaffDirectory) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#repo = new RelationsRepository(handle.dialect);
    this.#staff = staff;
  }

  #writer(trx: Db, actor: Caller): Writer {
    return { trx, dialect: this.#handle.dialect, actor };
  }

  #audit(trx: Db, actor: Caller, action: string, entity: string, entityId: number, changes: Changes) {
    return recordAudit(trx, this.#handle.dialect, actor, { action, entity, entityId, changes });
  }

  async #requireStaff(db: Db, userId: number | null | undefined, role: string, field: string): Promise<void> {
    if (userId === null || userId === undefined) return;
    if (!(await this.#staff.isActiveWithRole(db, userId, role))) {
      const message = `must be an active user with the ${role} role`;
      throw new RuleViolation(`User ${userId} is not an active ${role} user.`, 'invalid_assignee', [
        { path: `/${field}`, message },
      ]);
    }
  }

  // Clients ----------------------------------------------------------------------------------------------------

  async listClients(actor: Caller, params: ListParams) {
    requirePermission(actor, 'get:clients');
    const plan = await planListOn(this.#handle, params, CLIENT_LIST, actor.userId);
    return this.#repo.listClients(listDb(this.#handle, plan), plan);
  }

  async getClient(actor: Caller, id: number): Promise<ClientItem> {
    requirePermission(actor, 'get:clients');
    return found(await this.#repo.client(this.#db, id), `client ${id}`);
  }

  /** A client created by someone who works `:own` clients (sales) is theirs; naming another needs `patch:clients`. */
  async createClient(actor: Caller, body: ClientCreateBody): Promise<ClientItem> {
    requirePermission(actor, 'post:clients');
    if (body.salesContactId !== undefined && !can(actor, 'patch:clients')) {
      throw forbiddenField('salesContactId', 'a client you create is yours');
    }
    const salesContactId =
      body.salesContactId !== undefined
        ? body.salesContactId
        : actor.permissions.has('patch:clients:own')
          ? actor.userId
          : null;
    const values = {
      fullName: body.fullName,
      email: body.email.toLowerCase(),
      phone: body.phone ?? null,
      companyName: body.companyName ?? null,
      salesContactId,
      lastContactAt: body.lastContactAt ? isoInstant(body.lastContactAt) : null,
    };
    return this.#unique('email', () =>
      this.#db.transaction().execute(async (trx) => {
        if (body.salesContactId !== undefined) await this.#requireStaff(trx, salesContactId, 'sales', 'salesContactId');
        const id = await this.#repo.insertClient(trx, values);
        const client = found(await this.#repo.client(trx, id), `client ${id}`);
        await this.#audit(trx, actor, 'client.created', 'clients', id, created(clientFields(client)));
        return client;
      }),
    );
  }

  async updateClient(actor: Caller, id: number, body: ClientUpdateBody, expectedVersion?: number): Promise<ClientItem> {
    const access = authorize(actor, 'patch', 'clients');
    const values: ClientValues = given(body);
    if (access === 'own' && values.salesContactId !== undefined) {
      throw forbiddenField('salesContactId', 'only management of all clients reassigns them');
    }
    if (values.email !== undefined) values.email = values.email.toLowerCase();
    if (values.lastContactAt) values.lastContactAt = isoInstant(values.lastContactAt);
    const owner = ownScope<ClientItem>(actor, access, (client) => client.salesContactId);
    return this.#unique('email', () =>
      this.#db.transaction().execute(async (trx) => {
        const { after } = await updateItem(this.#writer(trx, actor), {
          ...this.#client(id, expectedVersion),
          scope: owner,
          check: (trx) => this.#requireStaff(trx, values.salesContactId, 'sales', 'salesContactId'),
          write: (trx, version) => this.#repo.updateClient(trx, id, version, values, owner?.userId),
          audit: (before, after) => ({
            action: 'client.updated',
            changes: diff(clientFields(before), clientFields(after)),
          }),
        });
        return after;
      }),
    );
  }

  async deleteClient(actor: Caller, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:clients');
    const hasContracts = () =>
      new Conflict(`Client ${id} has contracts or orders and cannot be deleted.`, 'client_in_use');
    try {
      await this.#db.transaction().execute((trx) =>
        removeItem(this.#writer(trx, actor), {
          ...this.#client(id, expectedVersion),
          check: async (trx) => {
            if ((await this.#repo.contractCount(trx, id)) > 0) throw hasContracts();
          },
          write: (trx, version) => this.#repo.deleteClient(trx, id, version),
          audit: (before) => ({ action: 'client.deleted', changes: removed(clientFields(before)) }),
        }),
      );
    } catch (error) {
      // Another module's rows (orders) refer to the client: the foreign key refuses, and so do we.
      if (isForeignKeyViolation(error)) throw hasContracts();
      throw error;
    }
  }

  #client(id: number, expectedVersion: number | undefined) {
    const read = (trx: Db) => this.#repo.client(trx, id);
    return { table: 'clients' as const, id, what: `client ${id}`, expectedVersion, read };
  }

  #contract(id: number, expectedVersion: number | undefined) {
    const read = (trx: Db) => this.#repo.contract(trx, id);
    return { table: 'contracts' as const, id, what: `contract ${id}`, expectedVersion, read };
  }

  #event(id: number, expectedVersion: number | undefined) {
    const read = (trx: Db) => this.#repo.event(trx, id);
    return { table: 'events' as const, id, what: `event ${id}`, expectedVersion, read };
  }

  // Contracts --------------------------------------------------------------------------------------------------

  async listContracts(actor: Caller, params: ListParams) {
    requirePermission(actor, 'get:contracts');
    const plan = await planListOn(this.#handle, params, CONTRACT_LIST, actor.userId);
    return this.#repo.listContracts(listDb(this.#handle, plan), plan);
  }

  async getContract(actor: Caller, id: number): Promise<ContractItem> {
    requirePermission(actor, 'get:contracts');
    return found(await this.#repo.contract(this.#db, id), `contract ${id}`);
  }

  async createContract(actor: Caller, body: ContractCreateBody): Promise<ContractItem> {
    requirePermission(actor, 'post:contracts');
    const dueCents = body.dueCents ?? body.totalCents;
    checkAmounts(body.totalCents, dueCents);
    return this.#db.transaction().execute(async (trx) => {
      if (!(await this.#repo.client(trx, body.clientId))) {
        throw new RuleViolation(`There is no client ${body.clientId}.`, 'no_such_client', [
          { path: '/clientId', message: 'is not an existing client' },
        ]);
      }
      const id = await this.#repo.insertContract(trx, {
        clientId: body.clientId,
        totalCents: body.totalCents,
        dueCents,
      });
      const contract = found(await this.#repo.contract(trx, id), `contract ${id}`);
      await this.#audit(trx, actor, 'contract.created', 'contracts', id, created(contractFields(contract)));
      return contract;
    });
  }

  /** Amounts only: the client never changes, and `status` moves only through signContract. */
  async updateContract(
    actor: Caller,
    id: number,
    body: ContractUpdateBody,
    expectedVersion?: number,
  ): Promise<ContractItem> {
    const access = authorize(actor, 'patch', 'contracts');
    const values: ContractValues = given(body);
    const owner = ownScope<ContractItem>(actor, access, (contract) => contract.salesContactId);
    return this.#db.transaction().execute(async (trx) => {
      const { after } = await updateItem(this.#writer(trx, actor), {
        ...this.#contract(id, expectedVersion),
        scope: owner,
        check: (_trx, before) =>
          checkAmounts(values.totalCents ?? before.totalCents, values.dueCents ?? before.dueCents),
        write: (trx, version) => this.#repo.updateContract(trx, id, version, values, owner?.userId),
        audit: (before, after) => ({
          action: 'contract.updated',
          changes: diff(contractFields(before), contractFields(after)),
        }),
      });
      return after;
    });
  }

  /** Signs a draft contract, once; a signed contract is never unsigned. */
  async signContract(actor: Caller, id: number, expectedVersion?: number): Promise<ContractItem> {
    const access = authorize(actor, 'patch', 'contracts');
    const owner = ownScope<ContractItem>(actor, access, (contract) => contract.salesContactId);
    const contract = await this.#db.transaction().execute(async (trx) => {
      const { after } = await updateItem(this.#writer(trx, actor), {
        ...this.#contract(id, expectedVersion),
        scope: owner,
        check: (_trx, before) => {
          if (before.status === 'signed') throw new Conflict(`Contract ${id} is already signed.`, 'already_signed');
        },
        write: (trx, version) => this.#repo.signContract(trx, id, version, owner?.userId),
        audit: (_before, after) => ({
          action: 'contract.signed',
          changes: { status: ['draft', 'signed'], signedAt: [null, after.signedAt] },
        }),
      });
      return after;
    });
    businessMetrics.contractSigned();
    monitor.event('contract.signed', { contractId: contract.id, clientId: contract.clientId, actorId: actor.userId });
    return contract;
  }

  // Events -----------------------------------------------------------------------------------------------------

  async listEvents(actor: Caller, params: ListParams) {
    requirePermission(actor, 'get:events');
    const plan = await planListOn(this.#handle, params, EVENT_LIST, actor.userId);
    return this.#repo.listEvents(listDb(this.#handle, plan), plan);
  }

  async getEvent(actor: Caller, id: number): Promise<EventItem> {
    requirePermission(actor, 'get:events');
    return found(await this.#repo.event(this.#db, id), `event ${id}`);
  }

  /** The one event of a signed contract; `:own` means the contract's client is the caller's. */
  async createEvent(actor: Caller, body: EventCreateBody): Promise<EventItem> {
    const access = authorize(actor, 'post', 'events');
    if (body.supportContactId !== undefined && body.supportContactId !== null && !can(actor, 'patch:events')) {
      throw forbiddenField('supportContactId', 'only management assigns support');
    }
    const event = {
      name: body.name,
      contractId: body.contractId,
      supportContactId: body.supportContactId ?? null,
      startsAt: isoInstant(body.startsAt),
      endsAt: isoInstant(body.endsAt),
      location: body.location ?? null,
      attendees: body.attendees ?? null,
      notes: body.notes ?? null,
    };
    checkSchedule(event.startsAt, event.endsAt);
    const scope = access === 'own' ? actor.userId : undefined;
    return this.#oneEventPerContract(() =>
      this.#db.transaction().execute(async (trx) => {
        await this.#requireStaff(trx, event.supportContactId, 'support', 'supportContactId');
        const id = await this.#repo.insertEvent(trx, event, scope);
        if (id === undefined) {
          const ownership = await this.#repo.contractOwnership(trx, body.contractId);
          if (!ownership.exists) throw noSuchContract(body.contractId);
          if (scope !== undefined && ownership.ownerId !== scope) {
            throw new Forbidden(`The client of contract ${body.contractId} is not yours.`);
          }
          throw notSigned(body.contractId);
        }
        const created_ = found(await this.#repo.event(trx, id), `event ${id}`);
        await this.#audit(trx, actor, 'event.created', 'events', id, created(eventFields(created_)));
        return created_;
      }),
    );
  }

  async updateEvent(actor: Caller, id: number, body: EventUpdateBody, expectedVersion?: number): Promise<EventItem> {
    const access = authorize(actor, 'patch', 'events');
    const values: EventValues = given(body);
    if (access === 'own') {
      if (values.contractId !== undefined) throw forbiddenField('contractId', 'support does not move events');
      if (values.supportContactId !== undefined) {
        throw forbiddenField('supportContactId', 'only management assigns support');
      }
    }
    if (values.startsAt) values.startsAt = isoInstant(values.startsAt);
    if (values.endsAt) values.endsAt = isoInstant(values.endsAt);
    const owner = ownScope<EventItem>(actor, access, (event) => event.supportContactId);
    return this.#oneEventPerContract(() =>
      this.#db.transaction().execute(async (trx) => {
        const { after } = await updateItem(this.#writer(trx, actor), {
          ...this.#event(id, expectedVersion),
          scope: owner,
          check: async (trx, before) => {
            checkSchedule(values.startsAt ?? before.startsAt, values.endsAt ?? before.endsAt);
            await this.#requireStaff(trx, values.supportContactId, 'support', 'supportContactId');
            if (values.contractId !== undefined && values.contractId !== before.contractId) {
              const contract = await this.#repo.contract(trx, values.contractId);
              if (!contract) throw noSuchContract(values.contractId);
              // A signed contract is never unsigned, so this check cannot go stale before the update.
              if (contract.status !== 'signed') throw notSigned(values.contractId);
              values.clientId = contract.clientId;
            }
          },
          write: (trx, version) => this.#repo.updateEvent(trx, id, version, values, owner?.userId),
          audit: (before, after) => ({
            action: 'event.updated',
            changes: diff(eventFields(before), eventFields(after)),
          }),
        });
        return after;
      }),
    );
  }

  /** Assigns (or with null, unassigns) the support contact of an event: management's `patch:events` only. */
  assignSupport(actor: Caller, id: number, supportContactId: number | null, expectedVersion?: number) {
    requirePermission(actor, 'patch:events');
    return this.updateEvent(actor, id, { supportContactId }, expectedVersion);
  }

  async #unique<T>(field: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Conflict(`Another client has this ${field}.`, 'duplicate', [
          { path: `/${field}`, message: 'is taken' },
        ]);
      }
      throw error;
    }
  }

  async #oneEventPerContract<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Conflict('This contract already has its event.', 'event_exists', [
          { path: '/contractId', message: 'already has an event' },
        ]);
      }
      throw error;
    }
  }
}

/** The `:own` scope of a caller whose access is only to their own items. */
function ownScope<T>(actor: Caller, access: Access, ownerOf: (item: T) => number | null): OwnScope<T> | undefined {
  return access === 'own' ? { userId: actor.userId, ownerOf } : undefined;
}

function checkAmounts(totalCents: number, dueCents: number): void {
  if (dueCents < 0 || dueCents > totalCents) {
    throw new RuleViolation('dueCents must be between 0 and totalCents.', 'due_out_of_range', [
      { path: '/dueCents', message: `must be between 0 and totalCents (${totalCents})` },
    ]);
  }
}

function checkSchedule(startsAt: string, endsAt: string): void {
  if (endsAt <= startsAt) {
    throw new RuleViolation('endsAt must be after startsAt.', 'ends_before_start', [
      { path: '/endsAt', message: 'must be after startsAt' },
    ]);
  }
}

function noSuchContract(id: number): RuleViolation {
  return new RuleViolation(`There is no contract ${id}.`, 'no_such_contract', [
    { path: '/contractId', message: 'is not an existing contract' },
  ]);
}

function notSigned(id: number): RuleViolation {
  return new RuleViolation(`Contract ${id} is not signed: an event needs a signed contract.`, 'contract_not_signed', [
    { path: '/contractId', message: 'is not signed' },
  ]);
}

function clientFields(client: ClientItem) {
  const { fullName, email, phone, companyName, salesContactId, lastContactAt } = client;
  return { fullName, email, phone, companyName, salesContactId, lastContactAt };
}

function contractFields(contract: ContractItem) {
  const { clientId, totalCents, dueCents, status, signedAt } = contract;
  return { clientId, totalCents, dueCents, status, signedAt };
}

function eventFields(event: EventItem) {
  const { name, contractId, clientId, supportContactId, startsAt, endsAt, location, attendees, notes } = event;
  return { name, contractId, clientId, supportContactId, startsAt, endsAt, location, attendees, notes };
}
