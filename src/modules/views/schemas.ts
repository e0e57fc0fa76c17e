import { Type } from '@sinclair/typebox';

/** The lists a view can be saved for. */
export const VIEW_LISTS = [
  'movies',
  'actors',
  'orders',
  'clients',
  'contracts',
  'events',
  'bookings',
  'users',
  'roles',
  'audit',
] as const;

const List = Type.Union(
  VIEW_LISTS.map((list) => Type.Literal(list)),
  { description: 'The list the view filters' },
);

export const SavedView = Type.Object(
  {
    id: Type.Integer(),
    list: Type.String(),
    name: Type.String(),
    filter: Type.String(),
    sort: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'SavedView' },
);

export const SavedViewCreate = Type.Object(
  {
    list: List,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    filter: Type.String({ minLength: 1, maxLength: 1000 }),
    sort: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const SavedViewQuery = Type.Object({ list: Type.Optional(List) }, { additionalProperties: false });

export type SavedViewItem = typeof SavedView.static;
export type SavedViewCreateBody = typeof SavedViewCreate.static;
