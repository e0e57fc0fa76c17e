import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { Home } from './shell/Home.tsx';
import { Root } from './shell/Root.tsx';

/** A list's state, all of it in the URL so a view can be bookmarked and shared. */
export interface ListSearch {
  q?: string;
  sort?: string;
  filter?: string;
  cursor?: string;
}

export function listSearch(search: Record<string, unknown>): ListSearch {
  const pick = (key: string) =>
    typeof search[key] === 'string' && search[key] !== '' ? (search[key] as string) : undefined;
  return { q: pick('q'), sort: pick('sort'), filter: pick('filter'), cursor: pick('cursor') };
}

const rootRoute = createRootRoute({ component: Root });

const page = (path: string, load: () => Promise<{ default: React.ComponentType }>, list = false) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    component: lazyRouteComponent(load),
    ...(list ? { validateSearch: listSearch } : {}),
  });

const routeTree = rootRoute.addChildren([
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home }),
  page('/movies', () => import('./pages/Movies.tsx'), true),
  page('/movies/new', () => import('./pages/MovieNew.tsx')),
  page('/movies/$id', () => import('./pages/MoviePage.tsx')),
  page('/inventory', () => import('./pages/Inventory.tsx'), true),
  page('/actors', () => import('./pages/Actors.tsx'), true),
  page('/actors/new', () => import('./pages/ActorNew.tsx')),
  page('/actors/$id', () => import('./pages/ActorPage.tsx')),
  page('/orders', () => import('./pages/Orders.tsx'), true),
  page('/orders/new', () => import('./pages/OrderNew.tsx')),
  page('/orders/$id', () => import('./pages/OrderPage.tsx')),
  page('/clients', () => import('./pages/Clients.tsx'), true),
  page('/clients/$id', () => import('./pages/ClientPage.tsx')),
  page('/contracts', () => import('./pages/Contracts.tsx'), true),
  page('/contracts/$id', () => import('./pages/ContractPage.tsx')),
  page('/events', () => import('./pages/Events.tsx'), true),
  page('/events/$id', () => import('./pages/EventPage.tsx')),
  page('/bookings', () => import('./pages/Bookings.tsx'), true),
  page('/my-bookings', () => import('./pages/MyBookings.tsx')),
  page('/users', () => import('./pages/Users.tsx'), true),
  page('/users/new', () => import('./pages/UserNew.tsx')),
  page('/users/$id', () => import('./pages/UserPage.tsx')),
  page('/roles', () => import('./pages/Roles.tsx'), true),
  page('/roles/new', () => import('./pages/RoleNew.tsx')),
  page('/roles/$id', () => import('./pages/RolePage.tsx')),
  page('/audit', () => import('./pages/Audit.tsx'), true),
  page('/account', () => import('./pages/Account.tsx')),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });
