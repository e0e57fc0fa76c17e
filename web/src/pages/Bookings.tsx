import { Badge, Button, Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Column, ListView } from '../components/ListView.tsx';
import { QuickViews } from '../components/QuickViews.tsx';
import { date } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';

type Booking = Schemas['Booking'];

function Decide({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  if (booking.status !== 'pending') return null;
  const run = async (call: Promise<{ response: Response; error?: unknown }>, done: string) => {
    const result = await call;
    if (result.response.ok) notify('green', done);
    else notify('red', (result.error as { detail?: string } | undefined)?.detail ?? t('errors.generic'));
    await queryClient.invalidateQueries({ queryKey: ['list'] });
  };
  const path = { params: { path: { id: booking.id } } };
  return (
    <Group gap={4} wrap="nowrap">
      {can('decide:bookings') && (
        <>
          <Button
            size="compact-xs"
            onClick={() =>
              void run(api.POST('/api/v1/bookings/{id}/accept', { ...path, body: {} }), t('booking.accepted'))
            }
          >
            {t('booking.accept', { topic: booking.topic })}
          </Button>
          <Button
            size="compact-xs"
            color="red"
            variant="light"
            onClick={() => {
              const reason = window.prompt(t('booking.reason'));
              if (reason)
                void run(
                  api.POST('/api/v1/bookings/{id}/reject', { ...path, body: { reason } }),
                  t('booking.rejected'),
                );
            }}
          >
            {t('booking.reject', { topic: booking.topic })}
          </Button>
        </>
      )}
      {(can('delete:bookings') || can('delete:bookings:own')) && (
        <Button
          size="compact-xs"
          variant="default"
          onClick={() => void run(api.DELETE('/api/v1/bookings/{id}', path), t('booking.deleted'))}
        >
          {can('delete:bookings')
            ? t('booking.delete', { topic: booking.topic })
            : t('booking.withdraw', { topic: booking.topic })}
        </Button>
      )}
    </Group>
  );
}

function BookingStatus({ status }: { status: Booking['status'] }) {
  const { t } = useTranslation();
  return <>{t(`booking.statuses.${status}`)}</>;
}

const columns: Column<Booking>[] = [
  { id: 'topic', header: 'booking.topic', sort: 'topic', cell: (booking) => booking.topic },
  { id: 'startsAt', header: 'booking.startsAt', sort: 'startsAt', cell: (booking) => date(booking.startsAt) },
  { id: 'durationMinutes', header: 'booking.duration', cell: (booking) => booking.durationMinutes },
  { id: 'attendees', header: 'booking.attendees', cell: (booking) => booking.attendees },
  {
    id: 'status',
    header: 'booking.status',
    sort: 'status',
    cell: (booking) => (
      <Badge
        variant="light"
        color={booking.status === 'pending' ? 'yellow' : booking.status === 'accepted' ? 'green' : 'red'}
      >
        <BookingStatus status={booking.status} />
      </Badge>
    ),
  },
  { id: 'actions', header: 'common.actions', csv: () => '', cell: (booking) => <Decide booking={booking} /> },
];

/** Bookings: management decides (pending first); a requester sees their own and may withdraw a pending one. */
export default function Bookings() {
  const { t } = useTranslation();
  return (
    <ListView<Booking>
      title={t('nav.bookings')}
      path="/api/v1/bookings"
      route="/bookings"
      columns={columns}
      filterFields={[
        { name: 'status', label: 'booking.status' },
        { name: 'topic', label: 'booking.topic' },
        { name: 'startsAt', label: 'booking.startsAt' },
        { name: 'address.country', label: 'booking.country' },
      ]}
      searchable
      defaultSort="status,startsAt"
      toolbar={<QuickViews route="/bookings" views={[{ label: 'quick.pending', filter: 'status=pending' }]} />}
    />
  );
}
