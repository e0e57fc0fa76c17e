import { Anchor, Badge, Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Order } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Column, ListView } from '../components/ListView.tsx';
import { date, money } from '../lib/format.ts';

export function OrderStatus({ status }: { status: Order['status'] }) {
  const { t } = useTranslation();
  const color = status === 'pending' ? 'yellow' : status === 'fulfilled' ? 'green' : 'gray';
  return (
    <Badge color={color} variant="light">
      {t(`order.statuses.${status}`)}
    </Badge>
  );
}

const columns: Column<Order>[] = [
  {
    id: 'id',
    header: 'order.number',
    cell: (order) => (
      <Anchor component={Link} to={`/orders/${order.id}`}>
        #{order.id}
      </Anchor>
    ),
  },
  { id: 'createdAt', header: 'order.placed', sort: 'createdAt', cell: (order) => date(order.createdAt) },
  { id: 'clientId', header: 'order.client', sort: 'clientId', cell: (order) => `#${order.clientId}` },
  { id: 'status', header: 'order.status', sort: 'status', cell: (order) => <OrderStatus status={order.status} /> },
  { id: 'totalCents', header: 'order.total', sort: 'totalCents', cell: (order) => money(order.totalCents) },
  { id: 'assigneeId', header: 'order.assignee', cell: (order) => (order.assigneeId ? `#${order.assigneeId}` : '') },
];

export default function Orders() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <ListView<Order>
      title={t('nav.orders')}
      path="/api/v1/orders"
      route="/orders"
      columns={columns}
      filterFields={[
        { name: 'status', label: 'order.status' },
        { name: 'clientId', label: 'order.client' },
        { name: 'assigneeId', label: 'order.assignee' },
        { name: 'totalCents', label: 'order.totalCents' },
        { name: 'createdAt', label: 'order.placed' },
      ]}
      defaultSort="-createdAt"
      actions={
        can('post:orders') && (
          <Button component={Link} to="/orders/new">
            {t('order.new')}
          </Button>
        )
      }
    />
  );
}
