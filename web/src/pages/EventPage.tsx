import { Button, Group, NumberInput, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, ifMatch, type Schemas } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ConflictNotice, GeneralErrors, ReadError } from '../components/forms.tsx';
import { Guarded } from '../components/Guarded.tsx';
import { ItemTabs } from '../components/History.tsx';
import { changed, useEdit, useItemForm } from '../components/ItemForm.tsx';
import { useStaff, useUserName } from '../components/Staff.tsx';
import { date } from '../lib/format.ts';
import { fromLocalInput, toLocalInput } from '../lib/local-time.ts';
import { notify } from '../lib/notify.ts';

type Event = Schemas['Event'];

interface EventValues {
  name: string;
  startsAt: string;
  endsAt: string;
  location: string;
  attendees: number | string;
  notes: string;
  contractId: number | string;
}

const FIELDS = ['name', 'startsAt', 'endsAt', 'location', 'attendees', 'notes', 'contractId'] as const;

function eventValues(event: Event): EventValues {
  return {
    name: event.name,
    startsAt: toLocalInput(event.startsAt),
    endsAt: toLocalInput(event.endsAt),
    location: event.location ?? '',
    attendees: event.attendees ?? '',
    notes: event.notes ?? '',
    contractId: event.contractId,
  };
}

function eventBody(values: Partial<EventValues>) {
  const { startsAt, endsAt, location, attendees, notes, contractId, ...rest } = values;
  return {
    ...rest,
    ...(startsAt === undefined ? {} : { startsAt: fromLocalInput(startsAt) ?? '' }),
    ...(endsAt === undefined ? {} : { endsAt: fromLocalInput(endsAt) ?? '' }),
    ...(location === undefined ? {} : { location: location || null }),
    ...(attendees === undefined ? {} : { attendees: attendees === '' ? null : Number(attendees) }),
    ...(notes === undefined ? {} : { notes: notes || null }),
    ...(contractId === undefined ? {} : { contractId: Number(contractId) }),
  };
}

type Reasons = { all?: string; contractId?: string; supportContactId?: string };

/** SPEC §3: support edits only the events assigned to them, and neither moves them nor assigns support. */
function useReasons(event: Event): Reasons {
  const { t } = useTranslation();
  const { can, me } = usePermissions();
  if (can('patch:events')) return {};
  if (!can('patch:events', true)) return { all: t('reason.event.noPermission') };
  if (event.supportContactId !== me?.id) return { all: t('reason.event.notYours') };
  return { contractId: t('reason.event.contract'), supportContactId: t('reason.event.support') };
}

export default function EventPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const eventId = Number(id);
  const { can } = usePermissions();
  const mayAssign = can('patch:events');
  const staff = useStaff('support', mayAssign);
  const [support, setSupport] = useState<string | null>(null);
  const edit = useEdit(['event', eventId], async () =>
    data(await api.GET('/api/v1/events/{id}', { params: { path: { id: eventId } } })),
  );
  if (edit.error) return <ReadError error={edit.error} />;
  const current = edit.current;
  if (!current) return null;

  const assign = async () => {
    const result = await api.POST('/api/v1/events/{id}/assign', {
      params: { path: { id: eventId }, header: ifMatch(current) },
      body: { supportContactId: support === null ? null : Number(support) },
    });
    if (result.response.ok) notify('green', t('event.assigned'));
    else notify('red', (result.error as { detail?: string } | undefined)?.detail ?? t('errors.generic'));
    await edit.refresh();
  };

  const save = async (values: EventValues) => {
    const body = eventBody(changed(values, eventValues(current)));
    if (Object.keys(body).length === 0) return;
    await edit.saved(
      await api.PATCH('/api/v1/events/{id}', { params: { path: { id: eventId }, header: ifMatch(current) }, body }),
    );
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {current.name}
      </Title>
      <ItemTabs
        entity="events"
        id={eventId}
        details={
          <Stack>
            {edit.conflict && (
              <ConflictNotice
                rows={[
                  { label: t('event.name'), value: edit.conflict.name },
                  { label: t('event.startsAt'), value: date(edit.conflict.startsAt) },
                  { label: t('event.endsAt'), value: date(edit.conflict.endsAt) },
                  { label: t('event.location'), value: edit.conflict.location ?? '' },
                  { label: t('event.attendees'), value: edit.conflict.attendees ?? '' },
                ]}
                onReload={edit.takeTheirs}
              />
            )}
            <EventForm key={current.version} event={current} showSupport={!mayAssign} onSubmit={save} />
            {mayAssign && (
              <Group align="flex-end">
                <Select
                  label={t('event.assignSupport')}
                  data={(staff.data ?? []).map((user) => ({ value: String(user.id), label: user.fullName }))}
                  value={support}
                  onChange={setSupport}
                  clearable
                  w={260}
                />
                <Button onClick={() => void assign()}>{t('event.assign')}</Button>
              </Group>
            )}
          </Stack>
        }
      />
    </Stack>
  );
}

/** The event's fields; its support contact is changed by the assignment beside it, so `showSupport` only shows it. */
function EventForm({
  event,
  showSupport,
  onSubmit,
}: {
  event: Event;
  showSupport: boolean;
  onSubmit(values: EventValues): Promise<void>;
}) {
  const { t } = useTranslation();
  const reasons = useReasons(event);
  const form = useItemForm(eventValues(event), FIELDS, onSubmit);
  const supportName = useUserName(event.supportContactId);
  const reason = (field: keyof Reasons) => reasons.all ?? reasons[field];
  const text = (field: 'name' | 'startsAt' | 'endsAt' | 'location', label: string, type?: string) => (
    <Guarded reason={reasons.all}>
      <TextInput
        type={type}
        label={t(label)}
        required={field !== 'location' && !reasons.all}
        value={form.values[field]}
        error={form.server.errors[field]}
        onChange={(change) => form.set(field)(change.currentTarget.value)}
      />
    </Guarded>
  );
  return (
    <form onSubmit={form.submit} aria-label={t('common.details')}>
      <Stack maw={520}>
        {reasons.all && (
          <Text size="sm" c="dimmed">
            {reasons.all}
          </Text>
        )}
        <GeneralErrors messages={form.server.general} />
        {text('name', 'event.name')}
        {text('startsAt', 'event.startsAt', 'datetime-local')}
        {text('endsAt', 'event.endsAt', 'datetime-local')}
        {text('location', 'event.location')}
        <Guarded reason={reasons.all}>
          <NumberInput
            label={t('event.attendees')}
            min={0}
            allowDecimal={false}
            value={form.values.attendees}
            error={form.server.errors.attendees}
            onChange={form.set('attendees')}
          />
        </Guarded>
        <Guarded reason={reasons.all}>
          <Textarea
            label={t('event.notes')}
            autosize
            minRows={2}
            value={form.values.notes}
            error={form.server.errors.notes}
            onChange={(change) => form.set('notes')(change.currentTarget.value)}
          />
        </Guarded>
        <Guarded reason={t('reason.event.client')}>
          <TextInput label={t('event.client')} value={`#${event.clientId}`} />
        </Guarded>
        <Guarded reason={reason('contractId')}>
          <NumberInput
            label={t('event.contract')}
            min={1}
            allowDecimal={false}
            prefix="#"
            value={form.values.contractId}
            error={form.server.errors.contractId}
            onChange={form.set('contractId')}
          />
        </Guarded>
        {showSupport && (
          <Guarded reason={reason('supportContactId')}>
            <TextInput label={t('event.support')} value={supportName || t('event.noSupport')} />
          </Guarded>
        )}
        {!reasons.all && (
          <Group>
            <Button type="submit" loading={form.busy}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
