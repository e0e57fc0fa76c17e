import { Anchor, Badge, Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Column, ListView } from '../components/ListView.tsx';

type Role = Schemas['Role'];

function Kind({ builtIn }: { builtIn: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={builtIn ? 'gray' : 'blue'}>
      {builtIn ? t('role.builtIn') : t('role.custom')}
    </Badge>
  );
}

const columns: Column<Role>[] = [
  {
    id: 'name',
    header: 'role.name',
    sort: 'name',
    cell: (role) => (
      <Anchor component={Link} to={`/roles/${role.id}`}>
        {role.name}
      </Anchor>
    ),
  },
  { id: 'description', header: 'role.description', cell: (role) => role.description },
  { id: 'builtIn', header: 'role.kind', cell: (role) => <Kind builtIn={role.builtIn} /> },
  { id: 'permissions', header: 'role.permissions', cell: (role) => role.permissions.join(', ') },
];

export default function Roles() {
  const { t } = useTranslation();
  const { can } = usePermissions();
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
      actions={
        can('post:roles') && (
          <Button component={Link} to="/roles/new">
            {t('role.new')}
          </Button>
        )
      }
    />
  );
}
