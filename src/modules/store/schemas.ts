import { Type } from '@sinclair/typebox';
import { Id, ItemFields, Timestamp } from '../../http/schemas.ts';

export const MAX_ORDER_ITEMS = 100;
export const MAX_QUANTITY = 10_000;

export const OrderStatus = Type.Union([Type.Literal('pending'), Type.Literal('fulfilled'), Type.Literal('cancelled')]);

export const OrderLine = Type.Object({
  movieId: Type.Integer(),
  quantity: Type.Integer(),
  unitPriceCents: Type.Integer({ description: "The movie's price when the order was placed" }),
});

export const Order = Type.Object(
  {
    ...ItemFields,
    clientId: Type.Integer(),
    assigneeId: Type.Union([Type.Integer(), Type.Null()]),
    status: OrderStatus,
    items: Type.Array(OrderLine),
    totalCents: Type.Integer(),
    fulfilledAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'Order' },
);

export const OrderCreate = Type.Object(
  {
    clientId: Id,
    items: Type.Array(
      Type.Object(
        { movieId: Id, quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_ORDER_ITEMS, description: 'A movie named twice is ordered once, quantities summed' },
    ),
    assigneeId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);

export const OrderUpdate = Type.Object(
  { assigneeId: Type.Union([Id, Type.Null()], { description: 'An active user, or null' }) },
  { additionalProperties: false },
);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ maxLength: 255, description: 'A repeat with the same key returns the first answer' }),
  ),
});

export type OrderItem = typeof Order.static;
export type OrderLineItem = typeof OrderLine.static;
export type OrderCreateBody = typeof OrderCreate.static;
export type OrderStatusValue = typeof OrderStatus.static;
