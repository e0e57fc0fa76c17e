/** Helpers of the store tests: clients, movies and orders arranged directly through the services. */
import type { TestBacklot } from '../support.ts';

let sequence = 0;

/** A client made through the relations service (as the system administrator). */
export async function newClient(backlot: TestBacklot): Promise<{ id: number }> {
  const n = ++sequence;
  return backlot.services.relations.createClient(backlot.system, {
    fullName: `Store client ${n}`,
    email: `store.client.${n}.${process.pid}@example.com`,
  });
}

/** A movie on sale at `priceCents` with `stock` copies. */
export async function stockedMovie(backlot: TestBacklot, priceCents: number, stock: number): Promise<{ id: number }> {
  return backlot.services.casting.createMovie(backlot.system, {
    title: `Store movie ${++sequence}`,
    releaseDate: '2021-01-01',
    priceCents,
    stock,
  });
}

export async function stockOf(backlot: TestBacklot, movieId: number): Promise<number> {
  const row = await backlot.services.handle.db
    .selectFrom('movies')
    .select('stock')
    .where('id', '=', movieId)
    .executeTakeFirstOrThrow();
  return row.stock;
}

/** How many orders hold this movie. */
export async function ordersOf(backlot: TestBacklot, movieId: number): Promise<number> {
  const row = await backlot.services.handle.db
    .selectFrom('orderItems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('movieId', '=', movieId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function auditActions(backlot: TestBacklot, entity: string, id: number): Promise<string[]> {
  const rows = await backlot.services.handle.db
    .selectFrom('auditEntries')
    .select('action')
    .where('entity', '=', entity)
    .where('entityId', '=', String(id))
    .orderBy('id')
    .execute();
  return rows.map((row) => row.action);
}
