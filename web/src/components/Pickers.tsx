import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, type Movie } from '../api/client.ts';
import { money } from '../lib/format.ts';

interface PickerProps<T> {
  label: string;
  value: T | null;
  onChange(value: T | null): void;
  error?: string;
}

/** Picks a movie by title, each option with its price and stock. */
export function MoviePicker({ label, value, onChange, error }: PickerProps<Movie>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.title ?? '');
  const [q] = useDebouncedValue(search, 200);
  const movies = useQuery({
    queryKey: ['movie-picker', q],
    queryFn: async () => data(await api.GET('/api/v1/movies', { params: { query: { q: q || undefined, limit: 20 } } })),
  });
  const items = movies.data?.items ?? [];
  const options = value && !items.some((movie) => movie.id === value.id) ? [value, ...items] : items;
  return (
    <Select
      label={label}
      searchable
      required
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={options.map((movie) => ({
        value: String(movie.id),
        label: `${movie.title} — ${money(movie.priceCents)} — ${t('order.inStock', { count: movie.stock })}`,
      }))}
      value={value ? String(value.id) : null}
      onChange={(id) => onChange(options.find((movie) => String(movie.id) === id) ?? null)}
      error={error}
      nothingFoundMessage="—"
    />
  );
}

/** Picks a client by name. */
export function ClientPicker({ label, value, onChange, error }: PickerProps<number>) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const clients = useQuery({
    queryKey: ['client-picker', q],
    queryFn: async () =>
      data(await api.GET('/api/v1/clients', { params: { query: { q: q || undefined, limit: 20 } } })),
  });
  return (
    <Select
      label={label}
      searchable
      required
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={(clients.data?.items ?? []).map((client) => ({
        value: String(client.id),
        label: client.companyName ? `${client.fullName} (${client.companyName})` : client.fullName,
      }))}
      value={value === null ? null : String(value)}
      onChange={(id) => onChange(id === null ? null : Number(id))}
      error={error}
      nothingFoundMessage="—"
    />
  );
}
