import { Anchor, Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Movie } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { type Column, ListView } from '../components/ListView.tsx';
import { date, money, number } from '../lib/format.ts';

export const movieFilterFields = [
  { name: 'title', label: 'movie.title' },
  { name: 'releaseDate', label: 'movie.releaseDate' },
  { name: 'genres', label: 'movie.genres' },
  { name: 'priceCents', label: 'movie.priceCents' },
  { name: 'stock', label: 'movie.stock' },
];

export const movieColumns: Column<Movie>[] = [
  {
    id: 'title',
    header: 'movie.title',
    sort: 'title',
    cell: (movie) => (
      <Anchor component={Link} to={`/movies/${movie.id}`}>
        {movie.title}
      </Anchor>
    ),
  },
  { id: 'releaseDate', header: 'movie.releaseDate', sort: 'releaseDate', cell: (movie) => date(movie.releaseDate) },
  { id: 'genres', header: 'movie.genres', cell: (movie) => movie.genres.join(', ') },
  { id: 'priceCents', header: 'movie.price', sort: 'priceCents', cell: (movie) => money(movie.priceCents) },
  { id: 'stock', header: 'movie.stock', sort: 'stock', cell: (movie) => number(movie.stock) },
];

export default function Movies() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <ListView<Movie>
      title={t('nav.movies')}
      path="/api/v1/movies"
      route="/movies"
      columns={movieColumns}
      filterFields={movieFilterFields}
      searchable
      defaultSort="title"
      actions={
        can('post:movies') && (
          <Button component={Link} to="/movies/new">
            {t('movie.new')}
          </Button>
        )
      }
    />
  );
}
