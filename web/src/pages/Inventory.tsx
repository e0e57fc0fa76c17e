import { useTranslation } from 'react-i18next';
import type { Movie } from '../api/client.ts';
import { ListView } from '../components/ListView.tsx';
import { movieColumns, movieFilterFields } from './Movies.tsx';

/** The clerk's view of the movies: stock first, lowest first; a movie's page sets its price and stock. */
export default function Inventory() {
  const { t } = useTranslation();
  return (
    <ListView<Movie>
      title={t('nav.inventory')}
      path="/api/v1/movies"
      route="/inventory"
      columns={movieColumns}
      filterFields={movieFilterFields}
      searchable
      defaultSort="stock,title"
    />
  );
}
