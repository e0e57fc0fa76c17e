import { Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { MovieForm, movieBody, movieValues } from './MovieForm.tsx';

export default function MovieNew() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { can } = usePermissions();
  const editable = new Set([
    'title',
    'releaseDate',
    'genres',
    ...(can('patch:inventory') ? ['priceCents', 'stock'] : []),
  ]);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('movie.new')}
      </Title>
      <MovieForm
        initial={movieValues()}
        editable={editable}
        submitLabel={t('common.create')}
        onSubmit={async (values) => {
          const body = movieBody(values, editable) as { title: string; releaseDate: string };
          const movie = data(await api.POST('/api/v1/movies', { body }));
          await queryClient.invalidateQueries({ queryKey: ['list'] });
          await navigate({ to: `/movies/${movie.id}` });
        }}
      />
    </Stack>
  );
}
