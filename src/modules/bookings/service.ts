import type { Actor } from '../../access/authorize.ts';
import { authorize, requirePermission } from '../../access/authorize.ts';
import { created, diff, recordAudit, removed } from '../../audit/audit.ts';
import { businessMetrics } from '../../business-metrics.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { type AppError, Conflict, NotFound, PreconditionFailed, RuleViolation } from '../../errors.ts';
import { type IdempotencyRequest, type Outcome, runIdempotent } from '../../idempotency/idempotency.ts';
import type { ListParams } from '../../lists/list.ts';
import { planList } from '../../lists/list.ts';
import { changedMeanwhile, found, requireVersion } from '../items.ts';
import { BOOKING_LIST, type BookingState, BookingsRepository } from './repository.ts';
import type { BookingCreateBody, BookingItem } from './schemas.ts';

function notPending(id: number, status: string): Conflict {
  return new Conflict(`Booking ${id} is ${status}, not pending.`, 'booking_not_pending');
}

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

  #audit(trx: Db, actor: Actor, action: string, entityId: number, changes: Record<string, [unknown, unknown]>) {
    return recordAudit(trx, this.#handle.dialect, actor, { action, entity: 'bookings', entityId, changes });
  }

  /** `get:bookings:own` reads only the caller's bookings: their id becomes a condition of every read. */
  #readScope(actor: Actor): number | undefined {
    return authorize(actor, 'get', 'bookings') === 'own' ? actor.userId : undefined;
  }

  /** Why a conditional write touched no row, asked after the write: gone (404), decided (409) or moved on (412). */
  #refusal(id: number, state: BookingState | undefined, expected: number | undefined): AppError {
    if (!state) return new NotFound(`There is no booking ${id}.`);
    if (state.status !== 'pending') return notPending(id, state.status);
    if (expected !== undefined && state.version !== expected) {
      return new PreconditionFailed(`Booking ${id} is at version ${state.version}, not ${expected}: read it again.`);
    }
    return changedMeanwhile();
  }

  list(actor: Actor, params: ListParams) {
    const scope = this.#readScope(actor);
    const plan = planList(params, BOOKING_LIST, { me: actor.userId, now: new Date() });
    return this.#repo.list(this.#db, plan, scope);
  }

  /** Someone else's booking is, for a requester, a booking that does not exist (404). */
  async get(actor: Actor, id: number): Promise<BookingItem> {
    const scope = this.#readScope(actor);
    return found(await this.#repo.booking(this.#db, id, scope), `booking ${id}`);
  }

  /** A booking request of the caller's, pending; `startsAt` must be in the future. A repeated key changes nothing. */
  submit(actor: Actor, body: BookingCreateBody, idempotency?: IdempotencyRequest): Promise<Outcome<BookingItem>> {
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

  async accept(actor: Actor, id: number, note: string | undefined, expectedVersion?: number): Promise<BookingItem> {
    const booking = await this.#decide(actor, id, 'accepted', note ?? null, expectedVersion);
    businessMetrics.bookingDecided('accepted');
    return booking;
  }

  async reject(actor: Actor, id: number, reason: string, expectedVersion?: number): Promise<BookingItem> {
    const booking = await this.#decide(actor, id, 'rejected', reason, expectedVersion);
    businessMetrics.bookingDecided('rejected');
    return booking;
  }

  /** Only a pending booking is decided, by one conditional UPDATE: two deciders cannot both win. */
  async #decide(
    actor: Actor,
    id: number,
    status: 'accepted' | 'rejected',
    note: string | null,
    expectedVersion: number | undefined,
  ): Promise<BookingItem> {
    requirePermission(actor, 'decide:bookings');
    return this.#db.transaction().execute(async (trx) => {
      if (!(await this.#repo.decide(trx, id, { status, decidedBy: actor.userId, note }, expectedVersion))) {
        throw this.#refusal(id, await this.#repo.state(trx, id), expectedVersion);
      }
      const after = found(await this.#repo.booking(trx, id), `booking ${id}`);
      const before = { status: 'pending', decidedBy: null, decidedAt: null, decisionNote: null };
      await this.#audit(trx, actor, `booking.${status}`, id, diff(before, decisionFields(after)));
      return after;
    });
  }

  /**
   * `delete:bookings` (management) deletes any booking; `delete:bookings:own` withdraws the caller's own booking
   * while it is pending. Another requester's booking is not found (404), a decided one of theirs is a 409.
   */
  async delete(actor: Actor, id: number, expectedVersion?: number): Promise<void> {
    const access = authorize(actor, 'delete', 'bookings');
    const scope = access === 'own' ? actor.userId : undefined;
    await this.#db.transaction().execute(async (trx) => {
      const before = found(await this.#repo.booking(trx, id, scope), `booking ${id}`);
      requireVersion(before, expectedVersion);
      if (scope !== undefined && before.status !== 'pending') throw notPending(id, before.status);
      if (!(await this.#repo.delete(trx, id, before.version, scope))) {
        // Gone meanwhile (404), decided meanwhile (409 for a requester), or changed meanwhile.
        const state = await this.#repo.state(trx, id, scope);
        if (!state) throw new NotFound(`There is no booking ${id}.`);
        if (scope !== undefined && state.status !== 'pending') throw notPending(id, state.status);
        throw changedMeanwhile();
      }
      const action = scope === undefined ? 'booking.deleted' : 'booking.withdrawn';
      await this.#audit(trx, actor, action, id, removed(bookingFields(before)));
    });
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
