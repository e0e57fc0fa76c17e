import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import type { NavItem } from './nav.ts';

/** Ctrl/⌘-K: jump to any page, or find a movie, actor or client by name. */
export function CommandPalette({ items }: { items: NavItem[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 200);

  const found = useQuery({
    queryKey: ['palette', q, can('get:movies'), can('get:actors'), can('get:clients')],
    enabled: q.length >= 2,
    queryFn: async () => {
      const query = { q, limit: 5 };
      const [movies, actors, clients] = await Promise.all([
        can('get:movies') ? api.GET('/api/v1/movies', { params: { query } }) : undefined,
        can('get:actors') ? api.GET('/api/v1/actors', { params: { query } }) : undefined,
        can('get:clients') ? api.GET('/api/v1/clients', { params: { query } }) : undefined,
      ]);
      const go = (to: string) => () => void navigate({ to });
      const actions: SpotlightActionData[] = [
        ...(movies?.data?.items ?? []).map((movie) => ({
          id: `movie-${movie.id}`,
          group: t('nav.movies'),
          label: movie.title,
          description: movie.releaseDate,
          onClick: go(`/movies/${movie.id}`),
        })),
        ...(actors?.data?.items ?? []).map((actor) => ({
          id: `actor-${actor.id}`,
          group: t('nav.actors'),
          label: actor.name,
          onClick: go(`/actors/${actor.id}`),
        })),
        ...(clients?.data?.items ?? []).map((client) => ({
          id: `client-${client.id}`,
          group: t('nav.clients'),
          label: client.fullName,
          description: client.email,
          onClick: go(`/clients/${client.id}`),
        })),
      ];
      return actions;
    },
  });

  const pages: SpotlightActionData[] = items.map((item) => ({
    id: `page-${item.to}`,
    group: t('palette.pages'),
    label: t(item.label),
    onClick: () => void navigate({ to: item.to, search: item.search }),
  }));
  const lower = query.trim().toLowerCase();
  const actions = [
    ...pages.filter((page) => String(page.label).toLowerCase().includes(lower)),
    ...(q.length >= 2 ? (found.data ?? []) : []),
  ];

  return (
    <Spotlight
      actions={actions}
      filter={(_query, all) => all}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      nothingFound={t('palette.nothing')}
      searchProps={{ placeholder: t('palette.placeholder'), 'aria-label': t('palette.placeholder') }}
      limit={20}
      lockScroll={false}
    />
  );
}
