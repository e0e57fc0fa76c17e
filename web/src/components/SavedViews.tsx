import { ActionIcon, Button, Group, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import type { ListSearch } from '../router.tsx';
import { GeneralErrors, useServerErrors } from './forms.tsx';

type ViewList =
  | 'movies'
  | 'actors'
  | 'orders'
  | 'clients'
  | 'contracts'
  | 'events'
  | 'bookings'
  | 'users'
  | 'roles'
  | 'audit';

/** The user's own saved views of a list (kept on the server), and saving the current filter under a name. */
export function SavedViews({ list, route }: { list: ViewList; route: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useSearch({ strict: false }) as ListSearch;
  const [name, setName] = useState('');
  const server = useServerErrors(['name']);
  const views = useQuery({
    queryKey: ['views', list],
    queryFn: async () => data(await api.GET('/api/v1/views', { params: { query: { list } } })).items,
  });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!search.filter) return;
    server.clear();
    try {
      data(await api.POST('/api/v1/views', { body: { list, name, filter: search.filter, sort: search.sort ?? null } }));
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['views', list] });
    } catch (failure) {
      server.show(failure);
    }
  }

  async function remove(id: number) {
    await api.DELETE('/api/v1/views/{id}', { params: { path: { id } } });
    await queryClient.invalidateQueries({ queryKey: ['views', list] });
  }

  return (
    <Group gap="xs" align="flex-end">
      {(views.data ?? []).map((view) => (
        <Group key={view.id} gap={0} wrap="nowrap">
          <Button
            size="xs"
            variant={search.filter === view.filter ? 'filled' : 'default'}
            aria-pressed={search.filter === view.filter}
            onClick={() =>
              void navigate({ to: route, search: { filter: view.filter, sort: view.sort ?? undefined } } as never)
            }
          >
            {view.name}
          </Button>
          <ActionIcon
            variant="default"
            size={30}
            aria-label={t('views.delete', { name: view.name })}
            onClick={() => void remove(view.id)}
          >
            <span aria-hidden="true">×</span>
          </ActionIcon>
        </Group>
      ))}
      {search.filter && (
        <form onSubmit={save} aria-label={t('views.save')}>
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              label={t('views.name')}
              required
              value={name}
              error={server.errors.name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Button size="xs" type="submit" variant="default">
              {t('views.save')}
            </Button>
          </Group>
          <GeneralErrors messages={server.general} />
        </form>
      )}
    </Group>
  );
}
