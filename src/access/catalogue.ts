/**
 * The permission catalogue and the built-in roles (SPEC §3): the one source that the runtime,
 * the migrations, the docs and the authorization tests are all generated from.
 */
export const RESOURCES = {
  movies: ['get:movies', 'post:movies', 'patch:movies', 'delete:movies'],
  actors: ['get:actors', 'post:actors', 'patch:actors', 'delete:actors'],
  inventory: ['patch:inventory'],
  orders: ['get:orders', 'post:orders', 'patch:orders'],
  clients: ['get:clients', 'post:clients', 'patch:clients', 'patch:clients:own', 'delete:clients'],
  contracts: ['get:contracts', 'post:contracts', 'patch:contracts', 'patch:contracts:own'],
  events: ['get:events', 'post:events', 'post:events:own', 'patch:events', 'patch:events:own'],
  bookings: [
    'post:bookings',
    'get:bookings',
    'get:bookings:own',
    'decide:bookings',
    'delete:bookings',
    'delete:bookings:own',
  ],
  users: ['get:users', 'post:users', 'patch:users', 'delete:users'],
  roles: ['get:roles', 'post:roles', 'patch:roles', 'delete:roles'],
  audit: ['get:audit'],
} as const;

export type Resource = keyof typeof RESOURCES;
export type Permission = (typeof RESOURCES)[Resource][number];

/** Every permission of the catalogue, in catalogue order. */
export const PERMISSIONS: readonly Permission[] = Object.values(RESOURCES).flat();

/** `*` grants every permission. */
export const ALL = '*';

const castingAssistant: Permission[] = ['get:movies', 'get:actors'];
const castingDirector: Permission[] = [
  ...castingAssistant,
  'post:actors',
  'patch:actors',
  'delete:actors',
  'patch:movies',
];
const executiveProducer: Permission[] = [...castingDirector, 'post:movies', 'delete:movies'];

export interface BuiltInRole {
  name: string;
  description: string;
  permissions: readonly (Permission | typeof ALL)[];
}

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  { name: 'casting_assistant', description: 'Reads movies and actors.', permissions: castingAssistant },
  {
    name: 'casting_director',
    description: 'Manages actors and edits movies and their cast.',
    permissions: castingDirector,
  },
  { name: 'executive_producer', description: 'Also adds and removes movies.', permissions: executiveProducer },
  {
    name: 'store_clerk',
    description: 'Sets prices and stock, takes and fulfils orders.',
    permissions: [
      'get:movies',
      'get:actors',
      'patch:inventory',
      'get:clients',
      'post:clients',
      'get:orders',
      'post:orders',
      'patch:orders',
    ],
  },
  {
    name: 'sales',
    description: 'Owns clients, their contracts and the events of signed contracts.',
    permissions: [
      'get:clients',
      'post:clients',
      'patch:clients:own',
      'get:contracts',
      'patch:contracts:own',
      'get:events',
      'post:events:own',
      'get:users',
    ],
  },
  {
    name: 'support',
    description: 'Runs the events assigned to them.',
    permissions: ['get:clients', 'get:contracts', 'get:events', 'patch:events:own', 'get:users'],
  },
  {
    name: 'management',
    description: 'Runs the company: contracts, support assignments, staff, bookings, audit.',
    permissions: [
      'get:clients',
      'get:contracts',
      'post:contracts',
      'patch:contracts',
      'get:events',
      'patch:events',
      'get:users',
      'post:users',
      'patch:users',
      'delete:users',
      'get:bookings',
      'decide:bookings',
      'delete:bookings',
      'get:audit',
    ],
  },
  {
    name: 'requester',
    description: 'Submits booking requests and follows their own.',
    permissions: ['post:bookings', 'get:bookings:own', 'delete:bookings:own'],
  },
  { name: 'admin', description: 'Every permission.', permissions: [ALL] },
];

export function isPermission(value: string): value is Permission | typeof ALL {
  return value === ALL || (PERMISSIONS as readonly string[]).includes(value);
}

/** The concrete permissions a list of granted ones stands for (`*` expands to the whole catalogue). */
export function expandPermissions(granted: Iterable<string>): Permission[] {
  const set = new Set(granted);
  if (set.has(ALL)) return [...PERMISSIONS];
  return PERMISSIONS.filter((permission) => set.has(permission));
}
