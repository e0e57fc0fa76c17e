import { type TSchema, Type } from '@sinclair/typebox';

/** Shared request and response schemas: one source for validation, serialisation and the OpenAPI document. */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const Timestamp = Type.String({ format: 'date-time' });

export const ItemFields = {
  id: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
};

export const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
    sort: Type.Optional(Type.String({ maxLength: 200 })),
    filter: Type.Optional(Type.String({ maxLength: 1000 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    permission: Type.Optional(Type.String({ description: 'On a 403: the permission that would allow the request' })),
  },
  { $id: 'Problem', description: 'An RFC 9457 problem' },
);

const ProblemRef = Type.Ref(ProblemSchema);

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or invalid',
  401: 'No, bad or expired token',
  403: 'Not permitted',
  404: 'No such item',
  409: 'Conflict',
  412: 'If-Match does not match',
  422: 'A business rule refuses it',
  429: 'Too many requests',
};

/** The problem responses an operation documents. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(
    statuses.map((status) => [status, Type.Unsafe({ ...ProblemRef, description: DESCRIPTIONS[status] ?? 'Error' })]),
  );
}

export const NoContent = Type.Null({ description: 'Done' });

export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 100 })) });
