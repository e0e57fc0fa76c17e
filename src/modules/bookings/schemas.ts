import { Type } from '@sinclair/typebox';
import { ItemFields, Timestamp } from '../../http/schemas.ts';
import { COUNTRY_CODES } from './countries.ts';

const Topic = Type.String({ minLength: 1, maxLength: 200 });
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601, stored in UTC; in the future' });
const DurationMinutes = Type.Integer({ minimum: 15, maximum: 1440 });
const Attendees = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const Notes = Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()]);
const Note = Type.String({ minLength: 1, maxLength: 2000 });

/** A country is one of the officially assigned ISO 3166-1 alpha-2 codes, upper case. */
const Country = Type.Unsafe<string>({
  type: 'string',
  enum: [...COUNTRY_CODES],
  description: 'ISO 3166-1 alpha-2 code, upper case (FR, US, JP…)',
});

export const BookingStatus = Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('rejected')]);

export const Address = Type.Object(
  {
    street: Type.String({ minLength: 1, maxLength: 200 }),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    state: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    postalCode: Type.String({ minLength: 1, maxLength: 20 }),
    country: Country,
  },
  { additionalProperties: false },
);

export const Booking = Type.Object(
  {
    ...ItemFields,
    topic: Type.String(),
    startsAt: Timestamp,
    durationMinutes: Type.Integer(),
    attendees: Type.Integer(),
    address: Type.Object({
      street: Type.String(),
      city: Type.String(),
      state: Type.Optional(Type.String()),
      postalCode: Type.String(),
      country: Type.String(),
    }),
    notes: Type.Union([Type.String(), Type.Null()]),
    status: BookingStatus,
    requesterId: Type.Integer({ description: 'Who submitted it' }),
    decidedBy: Type.Union([Type.Integer(), Type.Null()]),
    decidedAt: Type.Union([Timestamp, Type.Null()]),
    decisionNote: Type.Union([Type.String(), Type.Null()], { description: 'The note of an acceptance, or why not' }),
  },
  { $id: 'Booking' },
);

export const BookingCreate = Type.Object(
  {
    topic: Topic,
    startsAt: DateTime,
    durationMinutes: DurationMinutes,
    attendees: Attendees,
    address: Address,
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false },
);

export const BookingAccept = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false });

export const BookingReject = Type.Object({ reason: Note }, { additionalProperties: false });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ maxLength: 255, description: 'A repeat with the same key returns the first answer' }),
  ),
});

export type BookingItem = typeof Booking.static;
export type BookingCreateBody = typeof BookingCreate.static;
export type BookingStatusValue = typeof BookingStatus.static;
