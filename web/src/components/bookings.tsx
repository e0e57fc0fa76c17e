import { Badge, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ifMatch, type Schemas } from '../api/client.ts';
import { countryName } from '../lib/countries.ts';
import { date } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';
import { useUserName } from './Staff.tsx';

export type Booking = Schemas['Booking'];

const COLORS = { pending: 'yellow', accepted: 'green', rejected: 'red' } as const;

/** Where a booking takes place: its city and country. */
export function Place({ booking }: { booking: Booking }) {
  const { i18n } = useTranslation();
  const { city, country } = booking.address;
  return (
    <>
      {city}, {countryName(country, i18n.language)}
    </>
  );
}

/** When a booking starts (in the user's time zone), and for how long. */
export function When({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="nowrap">{date(booking.startsAt)}</span>
      <Text size="xs" c="dimmed">
        {t('booking.minutes', { count: booking.durationMinutes })}
      </Text>
    </>
  );
}

/** A booking's status and, once decided, when (and for management, by whom) with the note or the reason. */
export function BookingStatus({ booking, withDecider = false }: { booking: Booking; withDecider?: boolean }) {
  const { t } = useTranslation();
  const decider = useUserName(withDecider ? booking.decidedBy : null);
  const when = date(booking.decidedAt);
  return (
    <Stack gap={2} align="flex-start">
      <Badge variant="light" color={COLORS[booking.status]} miw="max-content">
        {t(`booking.statuses.${booking.status}`)}
      </Badge>
      {booking.decidedAt && (
        <Text size="xs" c="dimmed">
          {withDecider && decider ? t('booking.decidedBy', { when, who: decider }) : t('booking.decidedAt', { when })}
        </Text>
      )}
      {booking.decisionNote && <Text size="sm">{booking.decisionNote}</Text>}
    </Stack>
  );
}

/**
 * Deletes a booking at the version shown (management deletes, a requester withdraws), once the user has confirmed it;
 * then says how it went and calls `done`.
 */
export function confirmRemoval(
  booking: Booking,
  labels: { title: string; text: string; confirm: string; removed: string },
  done: () => Promise<void>,
): void {
  modals.openConfirmModal({
    title: labels.title,
    children: labels.text,
    labels: { confirm: labels.confirm, cancel: i18n.t('common.cancel') },
    confirmProps: { color: 'red' },
    onConfirm: async () => {
      const result = await api.DELETE('/api/v1/bookings/{id}', {
        params: { path: { id: booking.id }, header: ifMatch(booking) },
      });
      if (result.response.ok) notify('green', labels.removed);
      else notify('red', (result.error as { detail?: string } | undefined)?.detail ?? i18n.t('errors.generic'));
      await done();
    },
  });
}
