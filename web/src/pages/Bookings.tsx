import { Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, ifMatch } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Booking, BookingStatus, confirmRemoval, Place, When } from '../components/bookings.tsx';
import { GeneralErrors, useServerErrors } from '../components/forms.tsx';
import { type Column, ListView } from '../components/ListView.tsx';
import { QuickViews } from '../components/QuickViews.tsx';
import { useUserName } from '../components/Staff.tsx';
import { countryName } from '../lib/countries.ts';
import { number } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';

const DECISION_MODAL = 'booking-decision';

function UserName({ id }: { id: number | null }) {
  return <>{useUserName(id)}</>;
}

/** What management reads before deciding: the whole request. */
function Summary({ booking }: { booking: Booking }) {
  const { t, i18n } = useTranslation();
  const { street, postalCode, city, state, country } = booking.address;
  const rows: [string, ReactNode][] = [
    [t('booking.topic'), booking.topic],
    [t('booking.startsAt'), <When key="when" booking={booking} />],
    [t('booking.attendees'), number(booking.attendees)],
    [
      t('booking.address'),
      [street, `${postalCode} ${city}`, state, countryName(country, i18n.language)].filter(Boolean).join(', '),
    ],
    [t('booking.requester'), <UserName key="requester" id={booking.requesterId} />],
    [t('booking.notes'), booking.notes ?? '—'],
  ];
  return (
    <Table aria-label={t('booking.details')} variant="vertical" withTableBorder>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={130}>{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Accepts a pending booking with an optional note, or rejects it with a reason (required), at its version. */
function DecisionForm({ booking, decision }: { booking: Booking; decision: 'accept' | 'reject' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const field = decision === 'accept' ? 'note' : 'reason';
  const server = useServerErrors([field]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    server.clear();
    const params = { path: { id: booking.id }, header: ifMatch(booking) };
    try {
      if (decision === 'accept') {
        data(await api.POST('/api/v1/bookings/{id}/accept', { params, body: text ? { note: text } : {} }));
      } else {
        data(await api.POST('/api/v1/bookings/{id}/reject', { params, body: { reason: text } }));
      }
      modals.close(DECISION_MODAL);
      notify('green', t(decision === 'accept' ? 'booking.accepted' : 'booking.rejected'));
    } catch (failure) {
      server.show(failure);
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ['list'] });
    }
  }

  return (
    <form onSubmit={submit} aria-label={t(decision === 'accept' ? 'booking.acceptTitle' : 'booking.rejectTitle')}>
      <Stack>
        <Summary booking={booking} />
        <GeneralErrors messages={server.general} />
        <Textarea
          label={t(decision === 'accept' ? 'booking.note' : 'booking.reason')}
          required={decision === 'reject'}
          autosize
          minRows={2}
          data-autofocus
          value={text}
          error={server.errors[field]}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.close(DECISION_MODAL)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={decision === 'accept' ? undefined : 'red'} loading={busy}>
            {t(decision === 'accept' ? 'booking.acceptConfirm' : 'booking.rejectConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Actions({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const decide = (decision: 'accept' | 'reject') =>
    modals.open({
      modalId: DECISION_MODAL,
      title: t(decision === 'accept' ? 'booking.acceptTitle' : 'booking.rejectTitle'),
      size: 'lg',
      children: <DecisionForm booking={booking} decision={decision} />,
    });
  const remove = () =>
    confirmRemoval(
      booking,
      {
        title: t('booking.deleteTitle'),
        text: t('booking.deleteText', { topic: booking.topic }),
        confirm: t('common.delete'),
        removed: t('booking.deleted'),
      },
      () => queryClient.invalidateQueries({ queryKey: ['list'] }),
    );
  const pending = booking.status === 'pending';
  return (
    <Group gap={4} wrap="nowrap">
      {pending && can('decide:bookings') && (
        <>
          <Button
            size="compact-sm"
            aria-label={t('booking.accept', { topic: booking.topic })}
            onClick={() => decide('accept')}
          >
            {t('booking.acceptShort')}
          </Button>
          <Button
            size="compact-sm"
            color="red"
            variant="light"
            aria-label={t('booking.reject', { topic: booking.topic })}
            onClick={() => decide('reject')}
          >
            {t('booking.rejectShort')}
          </Button>
        </>
      )}
      {can('delete:bookings') && (
        <Button
          size="compact-sm"
          variant="default"
          aria-label={t('booking.delete', { topic: booking.topic })}
          onClick={remove}
        >
          {t('common.delete')}
        </Button>
      )}
    </Group>
  );
}

const columns: Column<Booking>[] = [
  {
    id: 'topic',
    header: 'booking.topic',
    sort: 'topic',
    cell: (booking) => (
      <>
        {booking.topic}
        <Text size="xs" c="dimmed">
          <UserName id={booking.requesterId} />
        </Text>
      </>
    ),
  },
  {
    id: 'startsAt',
    header: 'booking.startsAt',
    sort: 'startsAt',
    cell: (booking) => <When booking={booking} />,
  },
  { id: 'attendees', header: 'booking.attendees', sort: 'attendees', cell: (booking) => number(booking.attendees) },
  {
    id: 'place',
    header: 'booking.place',
    csv: (booking) => `${booking.address.city}, ${booking.address.country}`,
    cell: (booking) => <Place booking={booking} />,
  },
  {
    id: 'status',
    header: 'booking.status',
    sort: 'status',
    cell: (booking) => <BookingStatus booking={booking} withDecider />,
  },
  { id: 'actions', header: 'common.actions', csv: () => '', cell: (booking) => <Actions booking={booking} /> },
];

/** Bookings, for management: the pending ones are a quick view (where the navigation opens the list). */
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
        { name: 'decidedBy', label: 'booking.decider' },
      ]}
      searchable
      defaultSort="startsAt"
      toolbar={
        <QuickViews
          route="/bookings"
          views={[
            { label: 'quick.pending', filter: 'status=pending' },
            { label: 'booking.decided', filter: 'status!=pending' },
          ]}
        />
      }
    />
  );
}
