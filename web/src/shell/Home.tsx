import { Navigate } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { usePermissions } from '../auth/useSession.ts';
import { visibleNav } from './nav.ts';

const Dashboard = lazy(() => import('../pages/Dashboard.tsx'));

/** `/`: the dashboard, or for a user who has none (a requester) the first page they have, their own bookings. */
export function Home() {
  const { can } = usePermissions();
  const first = visibleNav(can)[0];
  if (first && first.to !== '/') return <Navigate to={first.to} search={first.search} replace />;
  return (
    <Suspense fallback={null}>
      <Dashboard />
    </Suspense>
  );
}
