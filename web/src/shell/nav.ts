/** The console's pages, each with the permission it needs (the server still checks every call). */
export interface NavItem {
  to: string;
  label: string;
  /** Any of these permissions shows the page. */
  anyOf: string[];
}

export const NAV: readonly NavItem[] = [
  { to: '/', label: 'nav.dashboard', anyOf: [] },
  { to: '/movies', label: 'nav.movies', anyOf: ['get:movies'] },
  { to: '/actors', label: 'nav.actors', anyOf: ['get:actors'] },
  { to: '/inventory', label: 'nav.inventory', anyOf: ['patch:inventory'] },
  { to: '/orders', label: 'nav.orders', anyOf: ['get:orders'] },
  { to: '/clients', label: 'nav.clients', anyOf: ['get:clients'] },
  { to: '/contracts', label: 'nav.contracts', anyOf: ['get:contracts'] },
  { to: '/events', label: 'nav.events', anyOf: ['get:events'] },
  { to: '/bookings', label: 'nav.bookings', anyOf: ['get:bookings', 'get:bookings:own'] },
  { to: '/users', label: 'nav.users', anyOf: ['get:users'] },
  { to: '/roles', label: 'nav.roles', anyOf: ['get:roles'] },
  { to: '/audit', label: 'nav.audit', anyOf: ['get:audit'] },
];

export function visibleNav(can: (permission: string) => boolean): NavItem[] {
  return NAV.filter((item) => item.anyOf.length === 0 || item.anyOf.some((permission) => can(permission)));
}
