/** The console's pages, each with the permission it needs (the server still checks every call). */
export interface NavItem {
  to: string;
  /** The list state the link opens with (a quick view). */
  search?: Record<string, string>;
  label: string;
  /** Any of these permissions shows the page. */
  anyOf: string[];
  /** Any of these hides it again (a page another one covers). */
  noneOf?: string[];
}

/** What the dashboard has figures of: a user who may read none of them has no dashboard. */
const DASHBOARD_READS = [
  'get:movies',
  'get:actors',
  'get:orders',
  'get:clients',
  'get:contracts',
  'get:events',
  'get:bookings',
  'get:users',
];

export const NAV: readonly NavItem[] = [
  { to: '/', label: 'nav.dashboard', anyOf: DASHBOARD_READS },
  { to: '/movies', label: 'nav.movies', anyOf: ['get:movies'] },
  { to: '/actors', label: 'nav.actors', anyOf: ['get:actors'] },
  { to: '/inventory', label: 'nav.inventory', anyOf: ['patch:inventory'] },
  { to: '/orders', label: 'nav.orders', anyOf: ['get:orders'] },
  { to: '/clients', label: 'nav.clients', anyOf: ['get:clients'] },
  { to: '/contracts', label: 'nav.contracts', anyOf: ['get:contracts'] },
  { to: '/events', label: 'nav.events', anyOf: ['get:events'] },
  // Management opens the bookings on those waiting for a decision.
  { to: '/bookings', search: { filter: 'status=pending' }, label: 'nav.bookings', anyOf: ['get:bookings'] },
  // A requester's own page; whoever reads every booking has the list above instead.
  {
    to: '/my-bookings',
    label: 'booking.mine',
    anyOf: ['post:bookings', 'get:bookings:own'],
    noneOf: ['get:bookings'],
  },
  { to: '/users', label: 'nav.users', anyOf: ['get:users'] },
  { to: '/roles', label: 'nav.roles', anyOf: ['get:roles'] },
  { to: '/audit', label: 'nav.audit', anyOf: ['get:audit'] },
];

export function visibleNav(can: (permission: string) => boolean): NavItem[] {
  return NAV.filter(
    (item) =>
      (item.anyOf.length === 0 || item.anyOf.some((permission) => can(permission))) &&
      !item.noneOf?.some((permission) => can(permission)),
  );
}
