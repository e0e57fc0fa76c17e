import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ReadError } from '../components/forms.tsx';
import { ItemTabs } from '../components/History.tsx';
import { date, money } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';
import { OrderStatus } from './Orders.tsx';

export default function OrderPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const orderId = Number(id);
  const { can, me } = usePermissions();
  const queryClient = useQueryClient();
  const order = useQuery({
    queryKey: ['order', orderId],
    queryFn: async () => data(await api.GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } })),
  });
  const movieIds = order.data?.items.map((line) => line.movieId) ?? [];
  const movies = useQuery({
    queryKey: ['order-movies', movieIds],
    enabled: movieIds.length > 0,
    queryFn: async () =>
      data(
        await api.GET('/api/v1/movies', {
          params: { query: { filter: `id in (${movieIds.join(',')})`, limit: 200 } },
        }),
      ),
  });
  if (order.error) return <ReadError error={order.error} />;
  if (!order.data) return null;
  const current = order.data;
  const titles = new Map((movies.data?.items ?? []).map((movie) => [movie.id, movie.title]));

  async function act(action: 'fulfil' | 'cancel' | 'assign' | 'unassign') {
    const path = { params: { path: { id: orderId } } };
    const result =
      action === 'fulfil'
        ? await api.POST('/api/v1/orders/{id}/fulfil', path)
        : action === 'cancel'
          ? await api.POST('/api/v1/orders/{id}/cancel', path)
          : await api.PATCH('/api/v1/orders/{id}', {
              ...path,
              body: { assigneeId: action === 'assign' ? (me?.id ?? null) : null },
            });
    if (!result.response.ok) {
      notify('red', (result.error as { detail?: string } | undefined)?.detail ?? t('errors.generic'));
    } else {
      notify('green', t(`order.done.${action}`));
    }
    await queryClient.invalidateQueries({ queryKey: ['order', orderId] });
    await queryClient.invalidateQueries({ queryKey: ['list'] });
  }

  const pending = current.status === 'pending';
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('order.title', { id: current.id })}
        </Title>
        <OrderStatus status={current.status} />
      </Group>
      <ItemTabs
        entity="orders"
        id={orderId}
        details={
          <Stack>
            <Text>
              {t('order.client')}: #{current.clientId} · {t('order.placed')}: {date(current.createdAt)}
              {current.fulfilledAt && ` · ${t('order.fulfilledAt')}: ${date(current.fulfilledAt)}`}
            </Text>
            <Text>
              {t('order.assignee')}: {current.assigneeId ? `#${current.assigneeId}` : t('order.nobody')}
            </Text>
            <Table aria-label={t('order.lines')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('movie.title')}</Table.Th>
                  <Table.Th>{t('order.quantity')}</Table.Th>
                  <Table.Th>{t('order.unitPrice')}</Table.Th>
                  <Table.Th>{t('order.lineTotal')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {current.items.map((line) => (
                  <Table.Tr key={line.movieId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/movies/${line.movieId}`}>
                        {titles.get(line.movieId) ?? `#${line.movieId}`}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{line.quantity}</Table.Td>
                    <Table.Td>{money(line.unitPriceCents)}</Table.Td>
                    <Table.Td>{money(line.unitPriceCents * line.quantity)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text fw={700}>
              {t('order.total')}: {money(current.totalCents)}
            </Text>
            {can('patch:orders') && (
              <Group>
                {pending && <Button onClick={() => void act('fulfil')}>{t('order.fulfil')}</Button>}
                {pending && (
                  <Button
                    color="red"
                    variant="light"
                    onClick={() =>
                      modals.openConfirmModal({
                        title: t('order.cancelTitle'),
                        children: t('order.cancelText'),
                        labels: { confirm: t('order.cancel'), cancel: t('common.back') },
                        confirmProps: { color: 'red' },
                        onConfirm: () => void act('cancel'),
                      })
                    }
                  >
                    {t('order.cancel')}
                  </Button>
                )}
                {current.assigneeId !== me?.id && (
                  <Button variant="default" onClick={() => void act('assign')}>
                    {t('order.assignMe')}
                  </Button>
                )}
                {current.assigneeId !== null && (
                  <Button variant="default" onClick={() => void act('unassign')}>
                    {t('order.unassign')}
                  </Button>
                )}
              </Group>
            )}
          </Stack>
        }
      />
    </Stack>
  );
}
