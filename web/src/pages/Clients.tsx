import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Column, ListView } from '../components/ListView.tsx';
import { QuickViews } from '../components/QuickViews.tsx';
import { date } from '../lib/format.ts';

type Client = Schemas['Client'];

const columns: Column<Client>[] = [
  {
    id: 'fullName',
    header: 'client.fullName',
    sort: 'fullName',
    cell: (client) => (
      <Anchor component={Link} to={`/clients/${client.id}`}>
        {client.fullName}
      </Anchor>
    ),
  },
  { id: 'companyName', header: 'client.companyName', cell: (client) => client.companyName ?? '' },
  { id: 'email', header: 'client.email', sort: 'email', cell: (client) => client.email },
  {
    id: 'salesContactId',
    header: 'client.salesContact',
    cell: (client) => (client.salesContactId ? `#${client.salesContactId}` : ''),
  },
  { id: 'createdAt', header: 'common.createdAt', sort: 'createdAt', cell: (client) => date(client.createdAt) },
];

export default function Clients() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <ListView<Client>
      title={t('nav.clients')}
      path="/api/v1/clients"
      route="/clients"
      columns={columns}
      filterFields={[
        { name: 'fullName', label: 'client.fullName' },
        { name: 'companyName', label: 'client.companyName' },
        { name: 'email', label: 'client.email' },
        { name: 'salesContactId', label: 'client.salesContact' },
      ]}
      searchable
      defaultSort="fullName"
      toolbar={
        <QuickViews
          route="/clients"
          views={can('patch:clients', true) ? [{ label: 'quick.myClients', filter: 'salesContactId=me' }] : []}
        />
      }
    />
  );
}
