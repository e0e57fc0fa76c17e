import { type Selectable, sql } from 'kysely';
import type { Db, Dialect } from '../../db/database.ts';
import { insertId, now } from '../../db/database.ts';
import type { OrdersTable } from '../../db/schema.ts';
import { itemFields, type ListPlan, type ListSpec, listRows, pageOf } from '../../lists/list.ts';
import type { OrderItem, OrderLineItem, OrderStatusValue } from './schemas.ts';

export const ORDER_LIST: ListSpec = {
  fields: {
    ...itemFields('orders'),
    clientId: { column: 'orders.clientId', type: 'integer' },
    assigneeId: { column: 'orders.assigneeId', type: 'integer', nullable: true },
    status: { column: 'orders.status', type: 'enum', values: ['pending', 'fulfilled', 'cancelled'] },
    totalCents: { column: 'orders.totalCents', type: 'integer', bigint: true },
    fulfilledAt: { column: 'orders.fulfilledAt', type: 'datetime', nullable: true },
  },
  sortable: {
    createdAt: 'orders.createdAt',
    updatedAt: 'orders.updatedAt',
    totalCents: 'orders.totalCents',
    status: 'orders.status',
    clientId: 'orders.clientId',
  },
  idColumn: 'orders.id',
  defaultSort: '-createdAt',
};

/** A movie's stock and current price, as the store sees them. */
export interface Shelf {
  stock: number;
  priceCents: number;
}

function toStatus(value: string): OrderStatusValue {
  return value === 'fulfilled' || value === 'cancelled' ? value : 'pending';
}

function toOrder(row: Selectable<OrdersTable>, items: OrderLineItem[]): OrderItem {
  return {
    id: row.id,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    clientId: row.clientId,
    assigneeId: row.assigneeId,
    status: toStatus(row.status),
    items,
    totalCents: Number(row.totalCents),
    fulfilledAt: row.fulfilledAt,
  };
}

const allOrders = (db: Db) => db.selectFrom('orders').selectAll('orders');

/** SQL of the store: orders, their items, and the stock and price columns of movies. */
export class StoreRepository {
  readonly #dialect: Dialect;
  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  /** The items of these orders, each order's in ascending movie id. */
  async #itemsOf(db: Db, orderIds: readonly number[]): Promise<Map<number, OrderLineItem[]>> {
    const map = new Map<number, OrderLineItem[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return map;
    const rows = await db
      .selectFrom('orderItems')
      .select(['orderId', 'movieId', 'quantity', 'unitPriceCents'])
      .where('orderId', 'in', [...orderIds])
      .orderBy('orderId')
      .orderBy('movieId')
      .execute();
    for (const { orderId, movieId, quantity, unitPriceCents } of rows) {
      map.get(orderId)?.push({ movieId, quantity, unitPriceCents });
    }
    return map;
  }

  async list(db: Db, plan: ListPlan) {
    const rows = await listRows(db, plan, allOrders);
    const page = pageOf(rows, plan);
    const items = await this.#itemsOf(
      db,
      page.rows.map((row) => row.id),
    );
    return { items: page.rows.map((row) => toOrder(row, items.get(row.id) ?? [])), nextCursor: page.nextCursor };
  }

  async order(db: Db, id: number): Promise<OrderItem | undefined> {
    const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toOrder(row, (await this.#itemsOf(db, [id])).get(id) ?? []);
  }

  /**
   * Takes `quantity` copies of a movie off the shelf in one conditional UPDATE, which waits for any other writer
   * of the row and re-reads it: `taken` is false when the movie is missing or has fewer in stock. Never a read then
   * a write. Where UPDATE can return rows (PostgreSQL, SQLite) it also gives the movie's price as of that update,
   * which spares the order a statement; MySQL/MariaDB cannot, and leave `priceCents` out.
   */
  async takeStock(db: Db, movieId: number, quantity: number): Promise<{ taken: boolean; priceCents?: number }> {
    const update = db
      .updateTable('movies')
      .set((eb) => ({ stock: eb('stock', '-', quantity), updatedAt: now(), version: eb('version', '+', 1) }))
      .where('id', '=', movieId)
      .where('stock', '>=', quantity);
    if (this.#dialect === 'mysql') return { taken: Number((await update.executeTakeFirst()).numUpdatedRows) === 1 };
    const row = await update.returning('priceCents').executeTakeFirst();
    return row === undefined ? { taken: false } : { taken: true, priceCents: row.priceCents };
  }

  /** Puts copies back on the shelf (a cancelled order). */
  async giveStock(db: Db, movieId: number, quantity: number): Promise<void> {
    await db
      .updateTable('movies')
      .set((eb) => ({ stock: eb('stock', '+', quantity), updatedAt: now(), version: eb('version', '+', 1) }))
      .where('id', '=', movieId)
      .execute();
  }

  /** The stock and price of these movies (missing ones are absent). */
  async shelves(db: Db, movieIds: readonly number[]): Promise<Map<number, Shelf>> {
    if (movieIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('movies')
      .select(['id', 'stock', 'priceCents'])
      .where('id', 'in', [...movieIds])
      .execute();
    return new Map(rows.map((row) => [row.id, { stock: row.stock, priceCents: row.priceCents }]));
  }

  /** Inserts a pending order and its items (in ascending movie id); returns it as a read would, without one. */
  async insertOrder(
    db: Db,
    order: { clientId: number; assigneeId: number | null; totalCents: number },
    items: readonly OrderLineItem[],
  ): Promise<OrderItem> {
    const at = now();
    const row = { ...order, status: 'pending', fulfilledAt: null, createdAt: at, updatedAt: at, version: 1 };
    let id: number;
    if (this.#dialect === 'postgres') {
      // One statement, so one round trip, for the order and its items: each round trip to the server costs about as
      // much as the statement itself.
      const placed = await db
        .with('placed', (q) => q.insertInto('orders').values(row).returning('id'))
        .insertInto('orderItems')
        .columns(['orderId', 'movieId', 'quantity', 'unitPriceCents'])
        .expression(
          sql`select placed.id, line.movie_id, line.quantity, line.unit_price_cents from placed, unnest(${items.map((item) => item.movieId)}::integer[], ${items.map((item) => item.quantity)}::integer[], ${items.map((item) => item.unitPriceCents)}::integer[]) as line(movie_id, quantity, unit_price_cents)`,
        )
        .returning('orderId')
        .executeTakeFirstOrThrow();
      id = placed.orderId;
    } else {
      id = await insertId(db.insertInto('orders').values(row), this.#dialect);
      await db
        .insertInto('orderItems')
        .values(items.map((item) => ({ orderId: id, ...item })))
        .execute();
    }
    return toOrder(
      { id, ...row },
      [...items].sort((a, b) => a.movieId - b.movieId),
    );
  }

  /** Moves a pending order at `version` to `status` in one statement; false when nothing matched. */
  async finish(db: Db, id: number, status: 'fulfilled' | 'cancelled', version: number): Promise<boolean> {
    const at = now();
    const result = await db
      .updateTable('orders')
      .set((eb) => ({
        status,
        ...(status === 'fulfilled' ? { fulfilledAt: at } : {}),
        updatedAt: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async assign(db: Db, id: number, assigneeId: number | null, version: number): Promise<boolean> {
    const result = await db
      .updateTable('orders')
      .set({ assigneeId, updatedAt: now(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Demo data only: dates an order back, so the dashboard's months are not all this one. */
  async backdate(db: Db, id: number, at: string): Promise<void> {
    await db.updateTable('orders').set({ createdAt: at, updatedAt: at }).where('id', '=', id).execute();
  }
}
