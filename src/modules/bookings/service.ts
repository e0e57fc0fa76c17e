import type { Caller } from '../../access/authorize.ts';
import { authorize, requirePermission } from '../../access/authorize.ts';
import { type Changes, created, diff, recordAudit, removed } from '../../audit/audit.ts';
import { businessMetrics } from '../../business-metrics.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { Conflict, RuleViolation } from '../../errors.ts';
import { type IdempotencyRequest, type Outcome, runIdempotent } from '../../idempotency/idempotency.ts';
import type { ListParams } from '../../lists/list.ts';
import { listDb, planListOn } from '../../lists/list.ts';
import { found } from '../items.ts';
import { removeItem, updateItem } from '../versioned-write.ts';
import { BOOKING_LIST, BookingsRepository } from './repository.ts';
import type { BookingCreateBody, BookingItem } from './schemas.ts';

/** Booking requests: outside requesters submit and follow their own; management accepts or rejects them. */
export class BookingsService {
  readonly #db: Db;
  readonly #handle: DatabaseHandle;
  readonly #repo: BookingsRepository;

  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#repo = new BookingsRepository(handle.dialect);
  }

  #audit(trx: Db, actor: Caller, action: string, entityId: number, changes: Changes) {
    return recordAudit(trx, this.#handle.dialect, actor, { action, entity: 'bookings', entityId, changes });
  }

  /** A booking as the caller may see it: another requester's booking does not exist for them (404). */
  #booking(id: number, expectedVersion: number | undefined, scope: number | undefined) {
    const read = (trx: Db) => this.#repo.booking(trx, id, scope);
    return { table: 'bookings' as const, id, what: `booking ${id}`, expectedVersion, read };
  }

  /** `get:bookings:own` reads only the caller's bookings: their id becomes a condition of every read. */
  #readScope(actor: Caller): number | undefined {
    return authorize(actor, 'get', 'bookings') === 'own' ? actor.userId : undefined;
  }

  async list(actor: Caller, params: ListParams) {
    const scope = this.#readScope(actor);
    const plan = await planListOn(this.#handle, params, BOOKING_LIST, actor.userId);
    return this.#repo.list(listDb(this.#handle, plan, scope !== undefined), plan, scope);
  }

  /** Someone else's booking is, for a requester, a booking that does not exist (404). */
  async get(actor: Caller, id: number): Promise<BookingItem> {
    const scope = this.#readScope(actor);
    return found(await this.#repo.booking(this.#db, id, scope), `booking ${id}`);
  }

  /** A booking request of the caller's, pending; `startsAt` must be in the future. A repeated key changes nothing. */
  submit(actor: Caller, body: BookingCreateBody, idempotency?: IdempotencyRequest): Promise<Outcome<BookingItem>> {
    requirePermission(actor, 'post:bookings');
    return runIdempotent(this.#db, actor, idempotency, async (trx) => {
      const startsAt = new Date(body.startsAt);
      if (startsAt.getTime() <= Date.now()) {
        throw new RuleViolation('A booking must start in the future.', 'starts_in_past', [
          { path: '/startsAt', message: 'must be in the future' },
        ]);
      }
      const id = await this.#repo.insert(trx, {
        topic: body.topic,
        startsAt: startsAt.toISOString(),
        durationMinutes: body.durationMinutes,
        attendees: body.attendees,
        address: body.address,
        notes: body.notes ?? null,
        requesterId: actor.userId,
      });
      const booking = found(await this.#repo.booking(trx, id), `booking ${id}`);
      await this.#audit(trx, actor, 'booking.submitted', id, created(bookingFields(booking)));
      return booking;
    });
  }

  async accept(actor: Caller, id: number, note: string | undefined, expectedVersion?: number): Promise<BookingItem> {
    const booking = await this.#decide(actor, id, 'accepted', note ?? null, expectedVersion);
    businessMetrics.bookingDecided('accepted');
    return booking;
  }

  async reject(actor: Caller, id: number, reason: string, expectedVersion?: number): Promise<BookingItem> {
    const booking = await this.#decide(actor, id, 'rejected', reason, expectedVersion);
    businessMetrics.bookingDecided('rejected');
    return booking;
  }

  /** Only a pending booking is decided: two deciders take turns, and the second finds it decided (409). */
  async #decide(
    actor: Caller,
    id: number,
    status: 'accepted' | 'rejected',
    note: string | null,
    expectedVersion: number | undefined,
  ): Promise<BookingItem> {
    requirePermission(actor, 'decide:bookings');
    return this.#db.transaction().execute(async (trx) => {
      const { after } = await updateItem(
        { trx, dialect: this.#handle.dialect, actor },
        {
          ...this.#booking(id, expectedVersion, undefined),
          check: (_trx, before) => requirePending(before),
          write: (trx, version) => this.#repo.decide(trx, id, { status, decidedBy: actor.userId, note }, version),
          audit: (before, after) => ({
            action: `booking.${status}`,
            changes: diff(decisionFields(before), decisionFields(after)),
          }),
        },
      );
      return after;
    });
  }

  /**
   * `delete:bookings` (management) deletes any booking; `delete:bookings:own` withdraws the caller's own booking
   * while it is pending. Another requester's booking is not found (404), a decided one of theirs is a 409.
   */
  async delete(actor: Caller, id: number, expectedVersion?: number): Promise<void> {
    const access = authorize(actor, 'delete', 'bookings');
    const scope = access === 'own' ? actor.userId : undefined;
    await this.#db.transaction().execute((trx) =>
      removeItem(
        { trx, dialect: this.#handle.dialect, actor },
        {
          ...this.#booking(id, expectedVersion, scope),
          check: (_trx, before) => {
            if (scope !== undefined) requirePending(before);
          },
          write: (trx, version) => this.#repo.delete(trx, id, version, scope),
          audit: (before) => ({
            action: scope === undefined ? 'booking.deleted' : 'booking.withdrawn',
            changes: removed(bookingFields(before)),
          }),
        },
      ),
    );
  }
}

function requirePending(booking: BookingItem): void {
  if (booking.status !== 'pending') {
    throw new Conflict(`Booking ${booking.id} is ${booking.status}, not pending.`, 'booking_not_pending');
  }
}

function bookingFields(booking: BookingItem) {
  const { topic, startsAt, durationMinutes, attendees, address, notes, requesterId } = booking;
  return {
    topic,
    startsAt,
    durationMinutes,
    attendees,
    address,
    notes,
    requesterId,
    ...decisionFields(booking),
  };
}

function decisionFields(booking: BookingItem) {
  const { status, decidedBy, decidedAt, decisionNote } = booking;
  return { status, decidedBy, decidedAt, decisionNote };
}
