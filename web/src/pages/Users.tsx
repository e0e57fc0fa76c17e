import { Anchor, Badge, Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Column, ListView } from '../components/ListView.tsx';
import { date } from '../lib/format.ts';

type User = Schemas['User'];

const columns: Column<User>[] = [
  {
    id: 'fullName',
    header: 'user.fullName',
    sort: 'fullName',
    cell: (user) => (
      <Anchor component={Link} to={`/users/${user.id}`}>
        {user.fullName}
      </Anchor>
    ),
  },
  { id: 'email', header: 'user.email', sort: 'email', cell: (user) => user.email },
  { id: 'roles', header: 'user.roles', cell: (user) => user.roles.join(', ') },
  {
    id: 'active',
    header: 'user.active',
    cell: (user) => (
      <Badge color={user.active ? 'green' : 'gray'} variant="light">
        {user.active ? '✓' : '—'}
      </Badge>
    ),
  },
  { id: 'lastLoginAt', header: 'user.lastLogin', cell: (user) => date(user.lastLoginAt) },
];

export default function Users() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <ListView<User>
      title={t('nav.users')}
      path="/api/v1/users"
      route="/users"
      columns={columns}
      filterFields={[
        { name: 'fullName', label: 'user.fullName' },
        { name: 'email', label: 'user.email' },
        { name: 'active', label: 'user.active' },
      ]}
      searchable
      defaultSort="fullName"
      actions={
        can('post:users') && (
          <Button component={Link} to="/users/new">
            {t('user.new')}
          </Button>
        )
      }
    />
  );
}
