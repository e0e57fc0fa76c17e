import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ReadError } from '../components/forms.tsx';
import { money, number } from '../lib/format.ts';

const LOW_STOCK = 5;

// The charts' code (recharts) is a chunk of its own, asked for once the figures are shown.
const charts = () => import('./DashboardCharts.tsx');
const RevenueChart = lazy(() => charts().then((module) => ({ default: module.RevenueChart })));
const OrdersChart = lazy(() => charts().then((module) => ({ default: module.OrdersChart })));
const StatusDonut = lazy(() => charts().then((module) => ({ default: module.StatusDonut })));
const StockChart = lazy(() => charts().then((module) => ({ default: module.StockChart })));

/**
 * A chart, rendered after the first screen: until its code has loaded, a placeholder of the chart's own size, so
 * that nothing moves when it comes.
 */
function Chart({ height, circle = false, children }: { height: number; circle?: boolean; children: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const placeholder = <Skeleton height={height} circle={circle} animate={false} aria-hidden="true" />;
  return mounted ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}

function Figure({ label, value, to }: { label: string; value: ReactNode; to?: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {/* A long figure (an amount) is set smaller rather than cut off by its card. */}
      <Text fz={String(value).length > 8 ? 22 : 28} fw={700}>
        {to ? (
          <Anchor component={Link} to={to} inherit aria-label={`${label}: ${value}`}>
            {value}
          </Anchor>
        ) : (
          value
        )}
      </Text>
    </Card>
  );
}

function Panel({
  title,
  link,
  children,
}: {
  title: string;
  link?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {link && (
          <Anchor component={Link} to={link.to} size="sm">
            {link.label}
          </Anchor>
        )}
      </Group>
      {children}
    </Card>
  );
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const overview = useQuery({
    queryKey: ['overview'],
    queryFn: async () => data(await api.GET('/api/v1/stats/overview')),
  });
  const showsStock = can('get:movies') && can('patch:inventory');
  const lowStock = useQuery({
    queryKey: ['low-stock'],
    enabled: showsStock,
    queryFn: async () =>
      data(
        await api.GET('/api/v1/movies', {
          params: { query: { filter: `stock<=${LOW_STOCK}`, sort: 'stock,title', limit: 10 } },
        }),
      ),
  });
  if (overview.error) return <ReadError error={overview.error} />;
  const stats = overview.data;
  // Both answers are asked for at once; the first screen shows them together, so no panel appears late.
  if (!stats || (showsStock && lowStock.isPending)) return null;
  const counts = stats.counts;
  const links: Record<string, string> = {
    movies: '/movies',
    actors: '/actors',
    orders: '/orders',
    clients: '/clients',
    contracts: '/contracts',
    events: '/events',
    bookings: stats.bookings?.scope === 'own' ? '/my-bookings' : '/bookings',
    users: '/users',
  };
  const months = (stats.sales?.months ?? []).map((month) => ({
    month: month.month,
    revenue: month.totalCents / 100,
    orders: month.orders,
  }));

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('nav.dashboard')}
      </Title>
      <div className="grid grid-4">
        {Object.entries(counts).map(([key, value]) => (
          <Figure key={key} label={t(`dashboard.counts.${key}`)} value={number(value)} to={links[key]} />
        ))}
      </div>
      <div className="grid grid-2">
        {stats.sales && (
          <Panel title={t('dashboard.revenue')} link={{ to: '/orders', label: t('dashboard.seeOrders') }}>
            <Chart height={240}>
              <RevenueChart months={months} label={t('dashboard.revenueSeries')} />
            </Chart>
          </Panel>
        )}
        {stats.sales && (
          <Panel title={t('dashboard.ordersOverTime')} link={{ to: '/orders', label: t('dashboard.seeOrders') }}>
            <Chart height={240}>
              <OrdersChart months={months} label={t('dashboard.ordersSeries')} />
            </Chart>
          </Panel>
        )}
        {stats.orders && (
          <Panel title={t('dashboard.orderStatus')} link={{ to: '/orders', label: t('dashboard.seeOrders') }}>
            <Group>
              <Chart height={160} circle>
                <StatusDonut
                  parts={[
                    { name: t('order.statuses.pending'), value: stats.orders.pending, color: 'yellow.6' },
                    { name: t('order.statuses.fulfilled'), value: stats.orders.fulfilled, color: 'green.6' },
                    { name: t('order.statuses.cancelled'), value: stats.orders.cancelled, color: 'gray.6' },
                  ]}
                />
              </Chart>
              <Stack gap={4}>
                {(['pending', 'fulfilled', 'cancelled'] as const).map((status) => (
                  <Anchor key={status} component={Link} to={`/orders?filter=status%3D${status}`}>
                    {t(`order.statuses.${status}`)}: {number(stats.orders?.[status])}
                  </Anchor>
                ))}
              </Stack>
            </Group>
          </Panel>
        )}
        {lowStock.data && (
          <Panel
            title={t('dashboard.lowStock', { n: LOW_STOCK })}
            link={{ to: `/inventory?filter=stock%3C%3D${LOW_STOCK}`, label: t('dashboard.seeInventory') }}
          >
            {lowStock.data.items.length === 0 ? (
              <Text>{t('dashboard.noLowStock')}</Text>
            ) : (
              <Chart height={240}>
                <StockChart
                  movies={lowStock.data.items.map((movie) => ({ title: movie.title, stock: movie.stock }))}
                  label={t('movie.stock')}
                />
              </Chart>
            )}
          </Panel>
        )}
        {stats.contracts && (
          <Panel title={t('dashboard.contracts')} link={{ to: '/contracts', label: t('dashboard.seeContracts') }}>
            <div className="grid grid-auto">
              <Figure label={t('dashboard.notSigned')} value={number(stats.contracts.notSigned)} />
              <Figure label={t('dashboard.notFullyPaid')} value={number(stats.contracts.notFullyPaid)} />
              <Figure label={t('dashboard.due')} value={money(stats.contracts.dueCents)} />
            </div>
          </Panel>
        )}
        {(stats.events || stats.bookings) && (
          <Panel title={t('dashboard.eventsBookings')}>
            <div className="grid grid-auto">
              {stats.events && (
                <Figure label={t('dashboard.withoutSupport')} value={number(stats.events.withoutSupport)} />
              )}
              {stats.bookings && (
                <Figure
                  label={t('dashboard.pendingBookings')}
                  value={number(stats.bookings.pending)}
                  to={stats.bookings.scope === 'own' ? '/my-bookings' : '/bookings?filter=status%3Dpending'}
                />
              )}
            </div>
          </Panel>
        )}
      </div>
    </Stack>
  );
}
