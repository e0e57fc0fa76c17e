import type { Services } from '../../services.ts';
import { demoActor } from '../bookings/seed.ts';

/**
 * Orders for the demo clients in every state (pending, some assigned; fulfilled; cancelled), placed by the demo
 * store clerk through the real rules and dated back over the past year so the dashboard has months to show.
 * Runs after the casting and relations seeds.
 */
export async function seedStore(services: Services, actorIds: Record<string, number>): Promise<void> {
  const clerkId = actorIds.store_clerk ?? actorIds.admin ?? 0;
  const clerk = await demoActor(services, clerkId);
  const { store } = services;
  const clients = (await services.relations.listClients(clerk, { limit: 200, sort: 'createdAt' })).items;
  const movies = (await services.casting.listMovies(clerk, { limit: 200, filter: 'stock>=8', sort: 'createdAt' }))
    .items;
  if (clients.length === 0 || movies.length === 0) return;
  const now = new Date();
  let serial = 0;
  for (const [index, client] of clients.entries()) {
    for (let n = 0; n < 2; n++) {
      serial++;
      const lines = 1 + (serial % 3);
      const items = Array.from({ length: lines }, (_, line) => ({
        movieId: movies[(serial * 2 + line * 3) % movies.length]!.id,
        quantity: 1 + ((serial + line) % 2),
      }));
      const { value: order } = await store.placeOrder(clerk, {
        clientId: client.id,
        items,
        ...(serial % 4 === 0 ? { assigneeId: clerkId } : {}),
      });
      const placed = new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - ((index * 2 + n * 5) % 11), 3 + ((serial * 5) % 24), 10),
      );
      if (placed < now) await store.backdateOrder(order.id, placed.toISOString());
      if (serial % 3 === 1) await store.fulfilOrder(clerk, order.id);
      else if (serial % 3 === 2 && serial % 2 === 0) await store.cancelOrder(clerk, order.id);
    }
  }
}
