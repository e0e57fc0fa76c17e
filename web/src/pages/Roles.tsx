import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client.ts';
import { type Column, ListView } from '../components/ListView.tsx';

type Role = Schemas['Role'];

const columns: Column<Role>[] = [
  { id: 'name', header: 'role.name', sort: 'name', cell: (role) => role.name },
  { id: 'description', header: 'role.description', cell: (role) => role.description },
  {
    id: 'builtIn',
    header: 'role.kind',
    cell: (role) => (
      <Badge variant="light" color={role.builtIn ? 'gray' : 'blue'}>
        {role.builtIn ? '🔒' : '✎'}
      </Badge>
    ),
  },
  { id: 'permissions', header: 'role.permissions', cell: (role) => role.permissions.join(', ') },
];

export default function Roles() {
  const { t } = useTranslation();
  return (
    <ListView<Role>
      title={t('nav.roles')}
      path="/api/v1/roles"
      route="/roles"
      columns={columns}
      filterFields={[
        { name: 'name', label: 'role.name' },
        { name: 'description', label: 'role.description' },
      ]}
      searchable
      defaultSort="name"
    />
  );
}
