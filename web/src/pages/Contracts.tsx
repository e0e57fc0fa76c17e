import { Anchor, Badge } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Column, ListView } from '../components/ListView.tsx';
import { QuickViews } from '../components/QuickViews.tsx';
import { date, money } from '../lib/format.ts';

type Contract = Schemas['Contract'];

export function ContractStatus({ status }: { status: Contract['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'signed' ? 'green' : 'gray'} variant="light">
      {t(`contract.statuses.${status}`)}
    </Badge>
  );
}

const columns: Column<Contract>[] = [
  {
    id: 'id',
    header: 'contract.number',
    cell: (contract) => (
      <Anchor component={Link} to={`/contracts/${contract.id}`}>
        #{contract.id}
      </Anchor>
    ),
  },
  { id: 'clientId', header: 'contract.client', sort: 'clientId', cell: (contract) => `#${contract.clientId}` },
  {
    id: 'status',
    header: 'contract.status',
    sort: 'status',
    cell: (contract) => <ContractStatus status={contract.status} />,
  },
  { id: 'totalCents', header: 'contract.total', sort: 'totalCents', cell: (contract) => money(contract.totalCents) },
  { id: 'dueCents', header: 'contract.due', sort: 'dueCents', cell: (contract) => money(contract.dueCents) },
  { id: 'signedAt', header: 'contract.signedAt', cell: (contract) => date(contract.signedAt) },
];

export default function Contracts() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const views = [
    ...(can('patch:contracts', true) && !can('patch:contracts')
      ? [{ label: 'quick.myUnsigned', filter: 'salesContactId=me and status=draft' }]
      : []),
    { label: 'quick.moneyDue', filter: 'status=signed and dueCents>0' },
  ];
  return (
    <ListView<Contract>
      title={t('nav.contracts')}
      path="/api/v1/contracts"
      route="/contracts"
      columns={columns}
      filterFields={[
        { name: 'status', label: 'contract.status' },
        { name: 'clientId', label: 'contract.client' },
        { name: 'totalCents', label: 'contract.totalCents' },
        { name: 'dueCents', label: 'contract.dueCents' },
        { name: 'salesContactId', label: 'client.salesContact' },
      ]}
      searchable
      defaultSort="-createdAt"
      toolbar={<QuickViews route="/contracts" views={views} />}
    />
  );
}
