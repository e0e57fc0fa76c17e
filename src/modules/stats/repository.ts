import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Tables whose rows are counted as they are. */
export type CountedTable = 'movies' | 'actors' | 'clients' | 'contracts' | 'events' | 'orders';

/**
 * Read-only aggregates over every module's tables, for the dashboard. The one place that reads other modules' tables
 * directly: counting through each service would mean a query per item or a method per figure in every module.
 */
export class StatsRepository {
  async count(db: Db, table: CountedTable): Promise<number> {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async activeUsers(db: Db): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Bookings per status, of one requester when `requesterId` is given. */
  async bookingsByStatus(db: Db, requesterId: number | undefined): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('bookings')
      .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
      .$if(requesterId !== undefined, (q) => q.where('requesterId', '=', requesterId ?? 0))
      .groupBy('status')
      .execute();
    return new Map(rows.map((row) => [row.status, Number(row.count)]));
  }

  async ordersByStatus(db: Db): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('orders')
      .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute();
    return new Map(rows.map((row) => [row.status, Number(row.count)]));
  }

  /**
   * Orders not cancelled and placed since `since`, summed per YYYY-MM. The month is the first 7 characters of the
   * stored ISO 8601 UTC timestamp: substr() means the same on SQLite, PostgreSQL and MySQL, with no time-zone maths.
   */
  async salesByMonth(db: Db, since: string): Promise<{ month: string; totalCents: number; orders: number }[]> {
    // Written out, not bound: PostgreSQL must see the same expression in SELECT and GROUP BY.
    const month = sql<string>`substr(${sql.ref('orders.createdAt')}, 1, 7)`;
    const rows = await db
      .selectFrom('orders')
      .select((eb) => [
        month.as('month'),
        eb.fn.sum<number | string>('orders.totalCents').as('totalCents'),
        eb.fn.countAll<number>().as('orders'),
      ])
      .where('orders.status', '!=', 'cancelled')
      .where('orders.createdAt', '>=', since)
      .groupBy(month)
      .execute();
    return rows.map((row) => ({ month: row.month, totalCents: Number(row.totalCents), orders: Number(row.orders) }));
  }

  async contractFigures(db: Db): Promise<{ notSigned: number; notFullyPaid: number; dueCents: number }> {
    // Literals, not parameters: PostgreSQL cannot type sum(case … then $1 else $2 end).
    const one = sql.lit(1);
    const zero = sql.lit(0);
    const row = await db
      .selectFrom('contracts')
      .select((eb) => [
        eb.fn
          .sum<number | string | null>(eb.case().when('status', '=', 'draft').then(one).else(zero).end())
          .as('notSigned'),
        eb.fn
          .sum<number | string | null>(eb.case().when('dueCents', '>', 0).then(one).else(zero).end())
          .as('notFullyPaid'),
        eb.fn.sum<number | string | null>('dueCents').as('dueCents'),
      ])
      .executeTakeFirstOrThrow();
    return {
      notSigned: Number(row.notSigned ?? 0),
      notFullyPaid: Number(row.notFullyPaid ?? 0),
      dueCents: Number(row.dueCents ?? 0),
    };
  }

  async eventsWithoutSupport(db: Db): Promise<number> {
    const row = await db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('supportContactId', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
