import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Column, ListView } from '../components/ListView.tsx';
import { QuickViews } from '../components/QuickViews.tsx';
import { date } from '../lib/format.ts';

type Event = Schemas['Event'];

const columns: Column<Event>[] = [
  {
    id: 'name',
    header: 'event.name',
    sort: 'name',
    cell: (event) => (
      <Anchor component={Link} to={`/events/${event.id}`}>
        {event.name}
      </Anchor>
    ),
  },
  { id: 'startsAt', header: 'event.startsAt', sort: 'startsAt', cell: (event) => date(event.startsAt) },
  { id: 'location', header: 'event.location', cell: (event) => event.location ?? '' },
  { id: 'clientId', header: 'event.client', cell: (event) => `#${event.clientId}` },
  {
    id: 'supportContactId',
    header: 'event.support',
    cell: (event) => (event.supportContactId ? `#${event.supportContactId}` : ''),
  },
];

export default function Events() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const views = [
    { label: 'quick.withoutSupport', filter: 'supportContactId is null' },
    ...(can('patch:events', true) && !can('patch:events')
      ? [{ label: 'quick.myEvents', filter: 'supportContactId=me' }]
      : []),
  ];
  return (
    <ListView<Event>
      title={t('nav.events')}
      path="/api/v1/events"
      route="/events"
      columns={columns}
      filterFields={[
        { name: 'name', label: 'event.name' },
        { name: 'startsAt', label: 'event.startsAt' },
        { name: 'location', label: 'event.location' },
        { name: 'supportContactId', label: 'event.support' },
      ]}
      searchable
      defaultSort="startsAt"
      toolbar={<QuickViews route="/events" views={views} />}
    />
  );
}
