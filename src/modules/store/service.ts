import type { Caller } from '../../access/authorize.ts';
import { can, requirePermission } from '../../access/authorize.ts';
import { type Changes, created, diff, recordAudit } from '../../audit/audit.ts';
import { businessMetrics } from '../../business-metrics.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { type AppError, Conflict, type FieldError, RuleViolation } from '../../errors.ts';
import { type IdempotencyRequest, type Outcome, runIdempotent } from '../../idempotency/idempotency.ts';
import type { ListParams } from '../../lists/list.ts';
import { listDb, planListOn } from '../../lists/list.ts';
import { forbiddenField, found } from '../items.ts';
import { updateItem, type Writer } from '../versioned-write.ts';
import { ORDER_LIST, StoreRepository } from './repository.ts';
import type { OrderCreateBody, OrderItem, OrderLineItem } from './schemas.ts';

/** What the store needs to know about user accounts (the identity module answers). */
export interface UserDirectory {
  /** Whether the user exists and is active. */
  isActiveUser(db: Db, userId: number): Promise<boolean>;
}

/** One line of an order after merging: a movie, how many, and where it was first named in the request. */
interface Wanted {
  movieId: number;
  quantity: number;
  index: number;
}

/** Merges the lines that name one movie twice, in ascending movie id: the order in which stock is locked. */
function mergeLines(items: OrderCreateBody['items']): Wanted[] {
  const byMovie = new Map<number, Wanted>();
  for (const [index, { movieId, quantity }] of items.entries()) {
    const line = byMovie.get(movieId);
    if (line) line.quantity += quantity;
    else byMovie.set(movieId, { movieId, quantity, index });
  }
  return [...byMovie.values()].sort((a, b) => a.movieId - b.movieId);
}

function requirePending(order: OrderItem): void {
  if (order.status !== 'pending') {
    throw new Conflict(`Order ${order.id} is ${order.status}, not pending.`, 'order_not_pending');
  }
}

/** The store: orders placed for clients, priced and taken from stock at once; fulfilled or cancelled by staff. */
export class StoreService {
  readonly #db: Db;
  readonly #handle: DatabaseHandle;
  readonly #repo: StoreRepository;
  readonly #users: UserDirectory;

  constructor(handle: DatabaseHandle, users: UserDirectory) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#repo = new StoreRepository(handle.dialect);
    this.#users = users;
  }

  #writer(trx: Db, actor: Caller): Writer {
    return { trx, dialect: this.#handle.dialect, actor };
  }

  #audit(trx: Db, actor: Caller, action: string, entityId: number, changes: Changes) {
    return recordAudit(trx, this.#handle.dialect, actor, { action, entity: 'orders', entityId, changes });
  }

  async #requireAssignee(db: Db, userId: number | null | undefined): Promise<void> {
    if (userId === null || userId === undefined) return;
    if (!(await this.#users.isActiveUser(db, userId))) {
      throw new RuleViolation(`User ${userId} is not an active user.`, 'invalid_assignee', [
        { path: '/assigneeId', message: 'must be an active user' },
      ]);
    }
  }

  #order(id: number, expectedVersion: number | undefined) {
    const read = (trx: Db) => this.#repo.order(trx, id);
    return { table: 'orders' as const, id, what: `order ${id}`, expectedVersion, read };
  }

  async list(actor: Caller, params: ListParams) {
    requirePermission(actor, 'get:orders');
    const plan = await planListOn(this.#handle, params, ORDER_LIST, actor.userId);
    return this.#repo.list(listDb(this.#handle, plan), plan);
  }

  async get(actor: Caller, id: number): Promise<OrderItem> {
    requirePermission(actor, 'get:orders');
    return found(await this.#repo.order(this.#db, id), `order ${id}`);
  }

  /**
   * Places an order: each movie's stock is taken by a conditional UPDATE (in ascending movie id, so concurrent orders
   * never deadlock), then priced at its current price, all in one transaction. If any movie is short, nothing is
   * taken and the 409 names every short movie. A repeated Idempotency-Key returns the first answer.
   */
  async placeOrder(
    actor: Caller,
    body: OrderCreateBody,
    idempotency?: IdempotencyRequest,
  ): Promise<Outcome<OrderItem>> {
    requirePermission(actor, 'post:orders');
    const assigneeId = body.assigneeId ?? null;
    if (assigneeId !== null && !can(actor, 'patch:orders')) {
      throw forbiddenField('assigneeId', 'assigning orders needs patch:orders');
    }
    const wanted = mergeLines(body.items);
    const outcome = await runIdempotent(this.#db, actor, idempotency, async (trx) => {
      await this.#requireAssignee(trx, assigneeId);
      const refused: Wanted[] = [];
      // Each movie's price as of taking its copies; read again below where the database could not return it.
      const prices = new Map<number, number>();
      for (const line of wanted) {
        const { taken, priceCents } = await this.#repo.takeStock(trx, line.movieId, line.quantity);
        if (!taken) refused.push(line);
        else if (priceCents !== undefined) prices.set(line.movieId, priceCents);
      }
      if (refused.length > 0 || prices.size < wanted.length) {
        const shelves = await this.#repo.shelves(
          trx,
          wanted.map((line) => line.movieId),
        );
        if (refused.length > 0) {
          businessMetrics.orderRefusedForStock();
          throw stockRefusal(refused, shelves);
        }
        for (const [movieId, shelf] of shelves) prices.set(movieId, shelf.priceCents);
      }
      const items: OrderLineItem[] = wanted.map(({ movieId, quantity }) => ({
        movieId,
        quantity,
        unitPriceCents: prices.get(movieId) ?? 0,
      }));
      const totalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
      let order: OrderItem;
      try {
        order = await this.#repo.insertOrder(trx, { clientId: body.clientId, assigneeId, totalCents }, items);
      } catch (error) {
        // The movies exist (their stock was just taken), so a missing referenced row is the client.
        if (isForeignKeyViolation(error)) {
          throw new RuleViolation(`There is no client ${body.clientId}.`, 'no_such_client', [
            { path: '/clientId', message: 'is not an existing client' },
          ]);
        }
        throw error;
      }
      await this.#audit(trx, actor, 'order.placed', order.id, created(orderFields(order)));
      return order;
    });
    if (!outcome.replayed) businessMetrics.orderPlaced();
    return outcome;
  }

  async fulfilOrder(actor: Caller, id: number, expectedVersion?: number): Promise<OrderItem> {
    requirePermission(actor, 'patch:orders');
    return this.#db.transaction().execute(async (trx) => {
      const { after } = await updateItem(this.#writer(trx, actor), {
        ...this.#order(id, expectedVersion),
        check: (_trx, before) => requirePending(before),
        write: (trx, version) => this.#repo.finish(trx, id, 'fulfilled', version),
        audit: (_before, after) => ({
          action: 'order.fulfilled',
          changes: { status: ['pending', 'fulfilled'], fulfilledAt: [null, after.fulfilledAt] },
        }),
      });
      return after;
    });
  }

  /** Cancels a pending order and puts its copies back on the shelf, in the same transaction. */
  async cancelOrder(actor: Caller, id: number, expectedVersion?: number): Promise<OrderItem> {
    requirePermission(actor, 'patch:orders');
    return this.#db.transaction().execute(async (trx) => {
      const { after } = await updateItem(this.#writer(trx, actor), {
        ...this.#order(id, expectedVersion),
        check: (_trx, before) => requirePending(before),
        write: async (trx, version, before) => {
          if (!(await this.#repo.finish(trx, id, 'cancelled', version))) return false;
          // Items come in ascending movie id: the same lock order as placing.
          for (const item of before.items) await this.#repo.giveStock(trx, item.movieId, item.quantity);
          return true;
        },
        audit: (before) => ({
          action: 'order.cancelled',
          changes: {
            status: ['pending', 'cancelled'],
            restocked: [null, before.items.map(({ movieId, quantity }) => ({ movieId, quantity }))],
          },
        }),
      });
      return after;
    });
  }

  /** Assigns the order to an active user (or, with null, to nobody). */
  async assignOrder(
    actor: Caller,
    id: number,
    assigneeId: number | null,
    expectedVersion?: number,
  ): Promise<OrderItem> {
    requirePermission(actor, 'patch:orders');
    return this.#db.transaction().execute(async (trx) => {
      const { after } = await updateItem(this.#writer(trx, actor), {
        ...this.#order(id, expectedVersion),
        check: (trx) => this.#requireAssignee(trx, assigneeId),
        write: (trx, version) => this.#repo.assign(trx, id, assigneeId, version),
        audit: (before, after) => ({
          action: 'order.assigned',
          changes: diff(orderFields(before), orderFields(after)),
        }),
      });
      return after;
    });
  }

  /** Demo data only: dates an order back (see seed.ts). */
  backdateOrder(id: number, at: string): Promise<void> {
    return this.#repo.backdate(this.#db, id, at);
  }
}

/** 422 naming every movie that does not exist, else 409 naming every movie short of stock and what is left. */
function stockRefusal(refused: readonly Wanted[], shelves: Map<number, { stock: number }>): AppError {
  const missing = refused.filter((line) => !shelves.has(line.movieId));
  if (missing.length > 0) {
    return new RuleViolation(
      `There is no movie ${missing.map((line) => line.movieId).join(', ')}.`,
      'no_such_movie',
      missing.map((line) => ({ path: `/items/${line.index}`, message: `movie ${line.movieId} does not exist` })),
    );
  }
  const errors: FieldError[] = refused.map((line) => {
    const stock = shelves.get(line.movieId)?.stock ?? 0;
    return {
      path: `/items/${line.index}`,
      message: `movie ${line.movieId}: ${stock} in stock, ${line.quantity} wanted`,
    };
  });
  const movies = refused.map((line) => `movie ${line.movieId} (${shelves.get(line.movieId)?.stock ?? 0} left)`);
  return new Conflict(`Not enough stock for ${movies.join(', ')}.`, 'insufficient_stock', errors);
}

function orderFields(order: OrderItem) {
  const { clientId, assigneeId, status, items, totalCents, fulfilledAt } = order;
  return { clientId, assigneeId, status, items, totalCents, fulfilledAt };
}
