import {
  Button,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import type { BookingCountry } from '../api/values.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Booking, BookingStatus, confirmRemoval, Place, When } from '../components/bookings.tsx';
import { GeneralErrors, ReadError, useServerErrors } from '../components/forms.tsx';
import { countryOptions } from '../lib/countries.ts';
import { date, number } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';

interface Values {
  topic: string;
  /** `YYYY-MM-DDTHH:mm` in the user's own time zone, as a datetime-local input gives it. */
  startsAt: string;
  durationMinutes: number | string;
  attendees: number | string;
  street: string;
  city: string;
  state: string;
  postalCode: string;
  country: BookingCountry | null;
  notes: string;
}

const EMPTY: Values = {
  topic: '',
  startsAt: '',
  durationMinutes: 60,
  attendees: '',
  street: '',
  city: '',
  state: '',
  postalCode: '',
  country: null,
  notes: '',
};

const FIELDS = [
  'topic',
  'startsAt',
  'durationMinutes',
  'attendees',
  'address.street',
  'address.city',
  'address.state',
  'address.postalCode',
  'address.country',
  'notes',
];

/** The user's time zone, which the date and time of the form are in. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A local date and time as the API wants it: ISO 8601 in UTC (left as typed when it is no date, for the server to say). */
function utc(local: string): string {
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

/**
 * Submits a booking request. Each attempt carries an Idempotency-Key: the same key while the form is unchanged (a
 * double click or a retry after a lost answer submits one request), a new one once the user changes anything.
 */
function RequestForm() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const server = useServerErrors(FIELDS);
  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setKey(crypto.randomUUID());
  };
  const text = (field: keyof Values) => (event: { currentTarget: { value: string } }) =>
    set(field, event.currentTarget.value);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    server.clear();
    try {
      data(
        await api.POST('/api/v1/bookings', {
          params: { header: { 'idempotency-key': key } },
          body: {
            topic: values.topic,
            startsAt: utc(values.startsAt),
            durationMinutes: Number(values.durationMinutes),
            attendees: Number(values.attendees),
            address: {
              street: values.street,
              city: values.city,
              ...(values.state ? { state: values.state } : {}),
              postalCode: values.postalCode,
              country: values.country as BookingCountry,
            },
            ...(values.notes ? { notes: values.notes } : {}),
          },
        }),
      );
      notify('green', t('booking.submitted'));
      setValues(EMPTY);
      setKey(crypto.randomUUID());
      await queryClient.invalidateQueries({ queryKey: ['list'] });
    } catch (failure) {
      server.show(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="request-title">
      <form onSubmit={submit} aria-labelledby="request-title">
        <Stack>
          <Title order={2} size="h4" id="request-title">
            {t('booking.request')}
          </Title>
          <GeneralErrors messages={server.general} />
          <TextInput
            label={t('booking.topic')}
            required
            value={values.topic}
            error={server.errors.topic}
            onChange={text('topic')}
          />
          <div className="grid grid-3">
            <TextInput
              type="datetime-local"
              label={t('booking.startsAtLocal')}
              description={t('booking.timeZone', { zone: TIME_ZONE })}
              required
              value={values.startsAt}
              error={server.errors.startsAt}
              onChange={text('startsAt')}
            />
            <NumberInput
              label={t('booking.durationMinutes')}
              description={t('booking.durationHint')}
              required
              min={15}
              max={1440}
              step={15}
              allowDecimal={false}
              value={values.durationMinutes}
              error={server.errors.durationMinutes}
              onChange={(value) => set('durationMinutes', value)}
            />
            <NumberInput
              label={t('booking.attendees')}
              description={t('booking.attendeesHint')}
              required
              min={1}
              allowDecimal={false}
              value={values.attendees}
              error={server.errors.attendees}
              onChange={(value) => set('attendees', value)}
            />
          </div>
          <Fieldset legend={t('booking.address')} variant="unstyled">
            <Stack gap="sm">
              <TextInput
                label={t('booking.street')}
                required
                value={values.street}
                error={server.errors['address.street']}
                onChange={text('street')}
              />
              <div className="grid grid-3">
                <TextInput
                  label={t('booking.postalCode')}
                  required
                  value={values.postalCode}
                  error={server.errors['address.postalCode']}
                  onChange={text('postalCode')}
                />
                <TextInput
                  label={t('booking.city')}
                  required
                  value={values.city}
                  error={server.errors['address.city']}
                  onChange={text('city')}
                />
                <TextInput
                  label={t('booking.state')}
                  value={values.state}
                  error={server.errors['address.state']}
                  onChange={text('state')}
                />
              </div>
              <Select
                label={t('booking.country')}
                required
                searchable
                data={countryOptions(i18n.language)}
                value={values.country}
                onChange={(code) => set('country', code as BookingCountry | null)}
                error={server.errors['address.country']}
                nothingFoundMessage={t('booking.noCountry')}
                maw={360}
              />
            </Stack>
          </Fieldset>
          <Textarea
            label={t('booking.notes')}
            autosize
            minRows={2}
            value={values.notes}
            error={server.errors.notes}
            onChange={text('notes')}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('booking.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Withdraws a pending request, once the user has confirmed it. */
function Withdraw({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const confirm = () =>
    confirmRemoval(
      booking,
      {
        title: t('booking.withdrawTitle'),
        text: t('booking.withdrawText', { topic: booking.topic, when: date(booking.startsAt) }),
        confirm: t('booking.withdrawConfirm'),
        removed: t('booking.withdrawn'),
      },
      () => queryClient.invalidateQueries({ queryKey: ['list'] }),
    );
  return (
    <Button
      size="compact-sm"
      variant="default"
      onClick={confirm}
      aria-label={t('booking.withdraw', { topic: booking.topic })}
    >
      {t('booking.withdrawShort')}
    </Button>
  );
}

/** The requester's own bookings, newest first, with their status and the decision once there is one. */
function OwnBookings() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const bookings = useInfiniteQuery({
    queryKey: ['list', '/api/v1/bookings', 'own'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET('/api/v1/bookings', { params: { query: { sort: '-createdAt', limit: 50, cursor: pageParam } } }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = bookings.data?.pages.flatMap((page) => page.items) ?? [];
  const mayWithdraw = can('delete:bookings', true);
  return (
    <Stack component="section" aria-labelledby="own-title">
      <Title order={2} size="h4" id="own-title">
        {t('booking.own')}
      </Title>
      {bookings.error && <ReadError error={bookings.error} />}
      {bookings.isSuccess && items.length === 0 && <Text>{t('booking.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-labelledby="own-title" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('booking.topic')}</Table.Th>
                <Table.Th>{t('booking.startsAt')}</Table.Th>
                <Table.Th>{t('booking.attendees')}</Table.Th>
                <Table.Th>{t('booking.place')}</Table.Th>
                <Table.Th>{t('booking.status')}</Table.Th>
                {mayWithdraw && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((booking) => (
                <Table.Tr key={booking.id}>
                  <Table.Td>{booking.topic}</Table.Td>
                  <Table.Td>
                    <When booking={booking} />
                  </Table.Td>
                  <Table.Td>{number(booking.attendees)}</Table.Td>
                  <Table.Td>
                    <Place booking={booking} />
                  </Table.Td>
                  <Table.Td>
                    <BookingStatus booking={booking} />
                  </Table.Td>
                  {mayWithdraw && <Table.Td>{booking.status === 'pending' && <Withdraw booking={booking} />}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {bookings.hasNextPage && (
        <Group>
          <Button variant="default" loading={bookings.isFetchingNextPage} onClick={() => void bookings.fetchNextPage()}>
            {t('booking.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** A requester's page: a form to request a booking, and their own bookings. */
export default function MyBookings() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <Stack maw={1100}>
      <Title order={1} size="h2">
        {t('booking.mine')}
      </Title>
      {can('post:bookings') && <RequestForm />}
      {can('get:bookings', true) && <OwnBookings />}
    </Stack>
  );
}
