import type { Actor } from '../../access/authorize.ts';
import { authorize, can, requirePermission } from '../../access/authorize.ts';
import { created, diff, recordAudit, removed } from '../../audit/audit.ts';
import { businessMetrics } from '../../business-metrics.ts';
import { type DatabaseHandle, type Db, lockRow } from '../../db/database.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.ts';
import { type AppError, Conflict, Forbidden, NotFound, PreconditionFailed, RuleViolation } from '../../errors.ts';
import type { ListParams } from '../../lists/list.ts';
import { planList } from '../../lists/list.ts';
import { monitor } from '../../monitoring.ts';
import { changedMeanwhile, forbiddenField, found, given, requireVersion } from '../items.ts';
import {
  CLIENT_LIST,
  type ClientValues,
  CONTRACT_LIST,
  type ContractValues,
  EVENT_LIST,
  type EventValues,
  type Ownership,
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

  #audit(
    trx: Db,
    actor: Actor,
    action: string,
    entity: string,
    entityId: number,
    changes: Record<string, [unknown, unknown]>,
  ) {
    return recordAudit(trx, this.#handle.dialect, actor, { action, entity, entityId, changes });
  }

  /**
   * Why a scoped write touched no row: the item does not exist (404), the `:own` scope excluded it (403), or its
   * version moved (412). Asked only after the write, so it explains the refusal and never decides it.
   */
  #refusal(what: string, ownership: Ownership, scope: number | undefined, expected: number | undefined): AppError {
    if (!ownership.exists) return new NotFound(`There is no ${what}.`);
    if (scope !== undefined && ownership.ownerId !== scope) return new Forbidden(`The ${what} is not yours.`);
    if (expected !== undefined)
      return new PreconditionFailed(`The ${what} is not at version ${expected}: read it again.`);
    return changedMeanwhile();
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

  listClients(actor: Actor, params: ListParams) {
    requirePermission(actor, 'get:clients');
    return this.#repo.listClients(this.#db, planList(params, CLIENT_LIST, { me: actor.userId, now: new Date() }));
  }

  async getClient(actor: Actor, id: number): Promise<ClientItem> {
    requirePermission(actor, 'get:clients');
    return found(await this.#repo.client(this.#db, id), `client ${id}`);
  }

  /** A client created by someone who works `:own` clients (sales) is theirs; naming another needs `patch:clients`. */
  async createClient(actor: Actor, body: ClientCreateBody): Promise<ClientItem> {
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

  async updateClient(actor: Actor, id: number, body: ClientUpdateBody, expectedVersion?: number): Promise<ClientItem> {
    const access = authorize(actor, 'patch', 'clients');
    const values: ClientValues = given(body);
    if (access === 'own' && values.salesContactId !== undefined) {
      throw forbiddenField('salesContactId', 'only management of all clients reassigns them');
    }
    if (values.email !== undefined) values.email = values.email.toLowerCase();
    if (values.lastContactAt) values.lastContactAt = isoInstant(values.lastContactAt);
    const scope = access === 'own' ? actor.userId : undefined;
    return this.#unique('email', () =>
      this.#db.transaction().execute(async (trx) => {
        await lockRow(trx, this.#handle.dialect, 'clients', id);
        const before = found(await this.#repo.client(trx, id), `client ${id}`);
        await this.#requireStaff(trx, values.salesContactId, 'sales', 'salesContactId');
        const version = expectedVersion ?? before.version;
        if (!(await this.#repo.updateClient(trx, id, version, values, scope))) {
          throw this.#refusal(`client ${id}`, await this.#repo.clientOwnership(trx, id), scope, expectedVersion);
        }
        const after = found(await this.#repo.client(trx, id), `client ${id}`);
        await this.#audit(trx, actor, 'client.updated', 'clients', id, diff(clientFields(before), clientFields(after)));
        return after;
      }),
    );
  }

  async deleteClient(actor: Actor, id: number, expectedVersion?: number): Promise<void> {
    requirePermission(actor, 'delete:clients');
    const hasContracts = () =>
      new Conflict(`Client ${id} has contracts or orders and cannot be deleted.`, 'client_in_use');
    try {
      await this.#db.transaction().execute(async (trx) => {
        await lockRow(trx, this.#handle.dialect, 'clients', id);
        const before = found(await this.#repo.client(trx, id), `client ${id}`);
        requireVersion(before, expectedVersion);
        if (!(await this.#repo.deleteClient(trx, id, before.version))) {
          if ((await this.#repo.contractCount(trx, id)) > 0) throw hasContracts();
          throw changedMeanwhile();
        }
        await this.#audit(trx, actor, 'client.deleted', 'clients', id, removed(clientFields(before)));
      });
    } catch (error) {
      // Another module's rows (orders) refer to the client: the foreign key refuses, and so do we.
      if (isForeignKeyViolation(error)) throw hasContracts();
      throw error;
    }
  }

  // Contracts --------------------------------------------------------------------------------------------------

  listContracts(actor: Actor, params: ListParams) {
    requirePermission(actor, 'get:contracts');
    return this.#repo.listContracts(this.#db, planList(params, CONTRACT_LIST, { me: actor.userId, now: new Date() }));
  }

  async getContract(actor: Actor, id: number): Promise<ContractItem> {
    requirePermission(actor, 'get:contracts');
    return found(await this.#repo.contract(this.#db, id), `contract ${id}`);
  }

  async createContract(actor: Actor, body: ContractCreateBody): Promise<ContractItem> {
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
    actor: Actor,
    id: number,
    body: ContractUpdateBody,
    expectedVersion?: number,
  ): Promise<ContractItem> {
    const access = authorize(actor, 'patch', 'contracts');
    const values: ContractValues = given(body);
    const scope = access === 'own' ? actor.userId : undefined;
    return this.#db.transaction().execute(async (trx) => {
      await lockRow(trx, this.#handle.dialect, 'contracts', id);
      const before = found(await this.#repo.contract(trx, id), `contract ${id}`);
      checkAmounts(values.totalCents ?? before.totalCents, values.dueCents ?? before.dueCents);
      const version = expectedVersion ?? before.version;
      if (!(await this.#repo.updateContract(trx, id, version, values, scope))) {
        throw this.#refusal(`contract ${id}`, await this.#repo.contractOwnership(trx, id), scope, expectedVersion);
      }
      const after = found(await this.#repo.contract(trx, id), `contract ${id}`);
      await this.#audit(
        trx,
        actor,
        'contract.updated',
        'contracts',
        id,
        diff(contractFields(before), contractFields(after)),
      );
      return after;
    });
  }

  /** Signs a draft contract, once; a signed contract is never unsigned. */
  async signContract(actor: Actor, id: number, expectedVersion?: number): Promise<ContractItem> {
    const access = authorize(actor, 'patch', 'contracts');
    const scope = access === 'own' ? actor.userId : undefined;
    const contract = await this.#db.transaction().execute(async (trx) => {
      if (!(await this.#repo.signContract(trx, id, expectedVersion, scope))) {
        const ownership = await this.#repo.contractOwnership(trx, id);
        if (ownership.exists && (scope === undefined || ownership.ownerId === scope) && ownership.status === 'signed') {
          throw new Conflict(`Contract ${id} is already signed.`, 'already_signed');
        }
        throw this.#refusal(`contract ${id}`, ownership, scope, expectedVersion);
      }
      const after = found(await this.#repo.contract(trx, id), `contract ${id}`);
      await this.#audit(trx, actor, 'contract.signed', 'contracts', id, {
        status: ['draft', 'signed'],
        signedAt: [null, after.signedAt],
      });
      return after;
    });
    businessMetrics.contractSigned();
    monitor.event('contract.signed', { contractId: contract.id, clientId: contract.clientId, actorId: actor.userId });
    return contract;
  }

  // Events -----------------------------------------------------------------------------------------------------

  listEvents(actor: Actor, params: ListParams) {
    requirePermission(actor, 'get:events');
    return this.#repo.listEvents(this.#db, planList(params, EVENT_LIST, { me: actor.userId, now: new Date() }));
  }

  async getEvent(actor: Actor, id: number): Promise<EventItem> {
    requirePermission(actor, 'get:events');
    return found(await this.#repo.event(this.#db, id), `event ${id}`);
  }

  /** The one event of a signed contract; `:own` means the contract's client is the caller's. */
  async createEvent(actor: Actor, body: EventCreateBody): Promise<EventItem> {
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

  async updateEvent(actor: Actor, id: number, body: EventUpdateBody, expectedVersion?: number): Promise<EventItem> {
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
    const scope = access === 'own' ? actor.userId : undefined;
    return this.#oneEventPerContract(() =>
      this.#db.transaction().execute(async (trx) => {
        await lockRow(trx, this.#handle.dialect, 'events', id);
        const before = found(await this.#repo.event(trx, id), `event ${id}`);
        checkSchedule(values.startsAt ?? before.startsAt, values.endsAt ?? before.endsAt);
        await this.#requireStaff(trx, values.supportContactId, 'support', 'supportContactId');
        if (values.contractId !== undefined && values.contractId !== before.contractId) {
          const contract = await this.#repo.contract(trx, values.contractId);
          if (!contract) throw noSuchContract(values.contractId);
          // A signed contract is never unsigned, so this check cannot go stale before the update.
          if (contract.status !== 'signed') throw notSigned(values.contractId);
          values.clientId = contract.clientId;
        }
        const version = expectedVersion ?? before.version;
        if (!(await this.#repo.updateEvent(trx, id, version, values, scope))) {
          throw this.#refusal(`event ${id}`, await this.#repo.eventOwnership(trx, id), scope, expectedVersion);
        }
        const after = found(await this.#repo.event(trx, id), `event ${id}`);
        await this.#audit(trx, actor, 'event.updated', 'events', id, diff(eventFields(before), eventFields(after)));
        return after;
      }),
    );
  }

  /** Assigns (or with null, unassigns) the support contact of an event: management's `patch:events` only. */
  assignSupport(actor: Actor, id: number, supportContactId: number | null, expectedVersion?: number) {
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
