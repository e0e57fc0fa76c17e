import { Type } from '@sinclair/typebox';

const Count = Type.Integer({ minimum: 0 });
const Optional = Type.Optional;

export const Overview = Type.Object(
  {
    counts: Type.Object(
      {
        movies: Optional(Count),
        actors: Optional(Count),
        clients: Optional(Count),
        contracts: Optional(Count),
        events: Optional(Count),
        bookings: Optional(Type.Integer({ minimum: 0, description: "A requester's: their own" })),
        orders: Optional(Count),
        users: Optional(Type.Integer({ minimum: 0, description: 'Active users' })),
      },
      { description: 'How many items of each resource the caller may read' },
    ),
    sales: Optional(
      Type.Object(
        {
          months: Type.Array(
            Type.Object({
              month: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM (UTC)' }),
              totalCents: Type.Integer(),
              orders: Count,
            }),
            { description: 'The last 12 months, oldest first, months without sales included' },
          ),
        },
        { description: 'Orders not cancelled, by the month they were placed (needs get:orders)' },
      ),
    ),
    orders: Optional(
      Type.Object({ pending: Count, fulfilled: Count, cancelled: Count }, { description: 'Needs get:orders' }),
    ),
    contracts: Optional(
      Type.Object(
        {
          notSigned: Type.Integer({ minimum: 0, description: 'Drafts' }),
          notFullyPaid: Type.Integer({ minimum: 0, description: 'With dueCents > 0' }),
          dueCents: Type.Integer({ minimum: 0, description: 'The sum of dueCents' }),
        },
        { description: 'Needs get:contracts' },
      ),
    ),
    events: Optional(Type.Object({ withoutSupport: Count }, { description: 'Needs get:events' })),
    bookings: Optional(
      Type.Object(
        {
          scope: Type.Union([Type.Literal('all'), Type.Literal('own')]),
          pending: Count,
          accepted: Count,
          rejected: Count,
        },
        { description: 'Needs get:bookings, or get:bookings:own for the own ones of the caller' },
      ),
    ),
  },
  { $id: 'Overview' },
);

export type OverviewItem = typeof Overview.static;
