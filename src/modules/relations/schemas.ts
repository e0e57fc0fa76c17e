import { type TSchema, Type } from '@sinclair/typebox';
import { Id, ItemFields, Timestamp } from '../../http/schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const FullName = Type.String({ minLength: 1, maxLength: 200 });
const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
const Phone = Nullable(Type.String({ minLength: 1, maxLength: 32 }));
const CompanyName = Nullable(Type.String({ minLength: 1, maxLength: 200 }));
const UserRef = Nullable(Id);
const Cents = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000 });
const EventName = Type.String({ minLength: 1, maxLength: 200 });
const Location = Nullable(Type.String({ minLength: 1, maxLength: 300 }));
const Attendees = Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }));
const Notes = Nullable(Type.String({ maxLength: 10_000 }));
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601, stored in UTC' });

export const ContractStatus = Type.Union([Type.Literal('draft'), Type.Literal('signed')]);

export const Client = Type.Object(
  {
    ...ItemFields,
    fullName: Type.String(),
    email: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    companyName: Type.Union([Type.String(), Type.Null()]),
    salesContactId: Type.Union([Type.Integer(), Type.Null()]),
    lastContactAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'Client' },
);

export const ClientCreate = Type.Object(
  {
    fullName: FullName,
    email: Email,
    phone: Type.Optional(Phone),
    companyName: Type.Optional(CompanyName),
    salesContactId: Type.Optional(UserRef),
    lastContactAt: Type.Optional(Nullable(DateTime)),
  },
  { additionalProperties: false },
);

export const ClientUpdate = Type.Object(
  {
    fullName: Type.Optional(FullName),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    companyName: Type.Optional(CompanyName),
    salesContactId: Type.Optional(UserRef),
    lastContactAt: Type.Optional(Nullable(DateTime)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Contract = Type.Object(
  {
    ...ItemFields,
    clientId: Type.Integer(),
    salesContactId: Type.Union([Type.Integer(), Type.Null()], { description: "Read-only: the client's" }),
    totalCents: Type.Integer(),
    dueCents: Type.Integer(),
    status: ContractStatus,
    signedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'Contract' },
);

export const ContractCreate = Type.Object(
  {
    clientId: Id,
    totalCents: Cents,
    dueCents: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 9_000_000_000_000, description: 'default: totalCents' }),
    ),
  },
  { additionalProperties: false },
);

/** `status` is not here: only `POST /contracts/{id}/sign` changes it, and only once. */
export const ContractUpdate = Type.Object(
  { totalCents: Type.Optional(Cents), dueCents: Type.Optional(Cents) },
  { additionalProperties: false, minProperties: 1 },
);

export const Event = Type.Object(
  {
    ...ItemFields,
    name: Type.String(),
    contractId: Type.Integer(),
    clientId: Type.Integer({ description: "Read-only: the contract's client" }),
    supportContactId: Type.Union([Type.Integer(), Type.Null()]),
    startsAt: Timestamp,
    endsAt: Timestamp,
    location: Type.Union([Type.String(), Type.Null()]),
    attendees: Type.Union([Type.Integer(), Type.Null()]),
    notes: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Event' },
);

export const EventCreate = Type.Object(
  {
    name: EventName,
    contractId: Id,
    supportContactId: Type.Optional(UserRef),
    startsAt: DateTime,
    endsAt: DateTime,
    location: Type.Optional(Location),
    attendees: Type.Optional(Attendees),
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false },
);

export const EventUpdate = Type.Object(
  {
    name: Type.Optional(EventName),
    contractId: Type.Optional(Id),
    supportContactId: Type.Optional(UserRef),
    startsAt: Type.Optional(DateTime),
    endsAt: Type.Optional(DateTime),
    location: Type.Optional(Location),
    attendees: Type.Optional(Attendees),
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SupportAssignment = Type.Object({ supportContactId: UserRef }, { additionalProperties: false });

export type ClientItem = typeof Client.static;
export type ClientCreateBody = typeof ClientCreate.static;
export type ClientUpdateBody = typeof ClientUpdate.static;
export type ContractItem = typeof Contract.static;
export type ContractCreateBody = typeof ContractCreate.static;
export type ContractUpdateBody = typeof ContractUpdate.static;
export type EventItem = typeof Event.static;
export type EventCreateBody = typeof EventCreate.static;
export type EventUpdateBody = typeof EventUpdate.static;
