import type { Caller } from '../../access/authorize.ts';
import { can } from '../../access/authorize.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { type CountedTable, StatsRepository } from './repository.ts';
import type { OverviewItem } from './schemas.ts';

/** The first instant of the month `back` months before the one `at` is in, and its YYYY-MM, in UTC. */
function monthStart(at: Date, back: number): { month: string; iso: string } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - back, 1));
  const iso = start.toISOString();
  return { month: iso.slice(0, 7), iso };
}

/** Counts by status, every status present. */
function byStatus<S extends string>(counts: Map<string, number>, statuses: readonly S[]): Record<S, number> {
  return Object.fromEntries(statuses.map((status) => [status, counts.get(status) ?? 0])) as Record<S, number>;
}

/** The dashboard's figures: each part only when the caller may read the resource it is about. */
export class StatsService {
  readonly #db: Db;
  readonly #repo = new StatsRepository();

  constructor(handle: DatabaseHandle) {
    // Counts and sums over whole tables (a second at a million rows on SQLite): off the event loop there.
    this.#db = handle.reads;
  }

  async overview(actor: Caller, at = new Date()): Promise<OverviewItem> {
    const db = this.#db;
    const overview: OverviewItem = { counts: {} };
    const counted: [CountedTable, string][] = [
      ['movies', 'get:movies'],
      ['actors', 'get:actors'],
      ['clients', 'get:clients'],
      ['contracts', 'get:contracts'],
      ['events', 'get:events'],
      ['orders', 'get:orders'],
    ];
    for (const [table, permission] of counted) {
      if (can(actor, permission)) overview.counts[table] = await this.#repo.count(db, table);
    }
    if (can(actor, 'get:users')) overview.counts.users = await this.#repo.activeUsers(db);

    if (can(actor, 'get:orders')) {
      overview.orders = byStatus(await this.#repo.ordersByStatus(db), ['pending', 'fulfilled', 'cancelled']);
      const months = Array.from({ length: 12 }, (_, i) => monthStart(at, 11 - i));
      const sales = await this.#repo.salesByMonth(db, months[0]!.iso);
      overview.sales = {
        months: months.map(({ month }) => {
          const found = sales.find((row) => row.month === month);
          return { month, totalCents: found?.totalCents ?? 0, orders: found?.orders ?? 0 };
        }),
      };
    }
    if (can(actor, 'get:contracts')) overview.contracts = await this.#repo.contractFigures(db);
    if (can(actor, 'get:events')) overview.events = { withoutSupport: await this.#repo.eventsWithoutSupport(db) };

    // `get:bookings:own` sees the figures of the caller's own bookings, never anyone else's.
    const bookingScope = can(actor, 'get:bookings') ? 'all' : can(actor, 'get:bookings:own') ? 'own' : undefined;
    if (bookingScope !== undefined) {
      const counts = await this.#repo.bookingsByStatus(db, bookingScope === 'own' ? actor.userId : undefined);
      const statuses = byStatus(counts, ['pending', 'accepted', 'rejected']);
      overview.bookings = { scope: bookingScope, ...statuses };
      overview.counts.bookings = statuses.pending + statuses.accepted + statuses.rejected;
    }
    return overview;
  }
}
