import type { Selectable } from 'kysely';
import type { Db, Dialect } from '../../db/database.ts';
import { insertId, now } from '../../db/database.ts';
import type { BookingsTable } from '../../db/schema.ts';
import { applyList, itemFields, type ListPlan, type ListSpec, listRows, pageOf } from '../../lists/list.ts';
import type { BookingItem, BookingStatusValue } from './schemas.ts';

export const BOOKING_LIST: ListSpec = {
  fields: {
    ...itemFields('bookings'),
    topic: { column: 'bookings.topic', type: 'string' },
    startsAt: { column: 'bookings.startsAt', type: 'datetime' },
    durationMinutes: { column: 'bookings.durationMinutes', type: 'integer' },
    attendees: { column: 'bookings.attendees', type: 'integer' },
    'address.street': { column: 'bookings.addressStreet', type: 'string' },
    'address.city': { column: 'bookings.addressCity', type: 'string' },
    'address.state': { column: 'bookings.addressState', type: 'string', nullable: true },
    'address.postalCode': { column: 'bookings.addressPostalCode', type: 'string' },
    'address.country': { column: 'bookings.addressCountry', type: 'string' },
    notes: { column: 'bookings.notes', type: 'text', nullable: true },
    status: { column: 'bookings.status', type: 'enum', values: ['pending', 'accepted', 'rejected'] },
    requesterId: { column: 'bookings.requesterId', type: 'integer' },
    decidedBy: { column: 'bookings.decidedBy', type: 'integer', nullable: true },
    decidedAt: { column: 'bookings.decidedAt', type: 'datetime', nullable: true },
  },
  sortable: {
    startsAt: 'bookings.startsAt',
    topic: 'bookings.topic',
    status: 'bookings.status',
    durationMinutes: 'bookings.durationMinutes',
    attendees: 'bookings.attendees',
    createdAt: 'bookings.createdAt',
    updatedAt: 'bookings.updatedAt',
  },
  search: ['bookings.topic', 'bookings.addressCity'],
  idColumn: 'bookings.id',
  defaultSort: 'startsAt',
};

export interface NewBooking {
  topic: string;
  startsAt: string;
  durationMinutes: number;
  attendees: number;
  address: BookingItem['address'];
  notes: string | null;
  requesterId: number;
}

type BookingRow = Selectable<BookingsTable>;

function toStatus(value: string): BookingStatusValue {
  return value === 'accepted' || value === 'rejected' ? value : 'pending';
}

function toBooking(row: BookingRow): BookingItem {
  return {
    id: row.id,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    topic: row.topic,
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    attendees: row.attendees,
    address: {
      street: row.addressStreet,
      city: row.addressCity,
      ...(row.addressState === null ? {} : { state: row.addressState }),
      postalCode: row.addressPostalCode,
      country: row.addressCountry,
    },
    notes: row.notes,
    status: toStatus(row.status),
    requesterId: row.requesterId,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
  };
}

const allBookings = (db: Db) => db.selectFrom('bookings').selectAll('bookings');

/**
 * SQL of the bookings module. `requesterId` arguments are the `:own` scope: a condition of the same statement as the
 * read or the write, never a check made apart from it.
 */
export class BookingsRepository {
  readonly #dialect: Dialect;
  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  async list(db: Db, plan: ListPlan, requesterId: number | undefined) {
    const rows =
      requesterId === undefined
        ? await listRows(db, plan, allBookings)
        : await applyList(allBookings(db).where('bookings.requesterId', '=', requesterId), plan).execute();
    const page = pageOf(rows, plan);
    return { items: page.rows.map(toBooking), nextCursor: page.nextCursor };
  }

  async booking(db: Db, id: number, requesterId?: number): Promise<BookingItem | undefined> {
    const row = await db
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', id)
      .$if(requesterId !== undefined, (q) => q.where('requesterId', '=', requesterId ?? 0))
      .executeTakeFirst();
    return row && toBooking(row);
  }

  insert(db: Db, booking: NewBooking): Promise<number> {
    const at = now();
    const { address } = booking;
    return insertId(
      db.insertInto('bookings').values({
        topic: booking.topic,
        startsAt: booking.startsAt,
        durationMinutes: booking.durationMinutes,
        attendees: booking.attendees,
        addressStreet: address.street,
        addressCity: address.city,
        addressState: address.state ?? null,
        addressPostalCode: address.postalCode,
        addressCountry: address.country,
        notes: booking.notes,
        status: 'pending',
        requesterId: booking.requesterId,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      }),
      this.#dialect,
    );
  }

  /** Accepts or rejects a pending booking at `version` in one statement; false when nothing matched. */
  async decide(
    db: Db,
    id: number,
    decision: { status: 'accepted' | 'rejected'; decidedBy: number; note: string | null },
    version: number,
  ): Promise<boolean> {
    const at = now();
    const result = await db
      .updateTable('bookings')
      .set((eb) => ({
        status: decision.status,
        decidedBy: decision.decidedBy,
        decidedAt: at,
        decisionNote: decision.note,
        updatedAt: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Deletes a booking at `version` in one statement, and for the `:own` scope only the requester's own
   * booking while it is pending. False when nothing matched.
   */
  async delete(db: Db, id: number, version: number, requesterId: number | undefined): Promise<boolean> {
    const result = await db
      .deleteFrom('bookings')
      .where('id', '=', id)
      .where('version', '=', version)
      .$if(requesterId !== undefined, (q) =>
        q.where('requesterId', '=', requesterId ?? 0).where('status', '=', 'pending'),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}
