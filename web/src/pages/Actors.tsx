import { Anchor, Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Column, ListView } from '../components/ListView.tsx';
import { date } from '../lib/format.ts';

const columns: Column<Actor>[] = [
  {
    id: 'name',
    header: 'actor.name',
    sort: 'name',
    cell: (actor) => (
      <Anchor component={Link} to={`/actors/${actor.id}`}>
        {actor.name}
      </Anchor>
    ),
  },
  { id: 'age', header: 'actor.age', cell: (actor) => actor.age ?? '' },
  { id: 'gender', header: 'actor.gender', cell: (actor) => actor.gender ?? '' },
  { id: 'createdAt', header: 'common.createdAt', sort: 'createdAt', cell: (actor) => date(actor.createdAt) },
];

export default function Actors() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <ListView<Actor>
      title={t('nav.actors')}
      path="/api/v1/actors"
      route="/actors"
      columns={columns}
      filterFields={[
        { name: 'name', label: 'actor.name' },
        { name: 'age', label: 'actor.age' },
        { name: 'gender', label: 'actor.gender' },
      ]}
      searchable
      defaultSort="name"
      actions={
        can('post:actors') && (
          <Button component={Link} to="/actors/new">
            {t('actor.new')}
          </Button>
        )
      }
    />
  );
}
