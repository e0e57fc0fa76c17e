import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, data } from '../api/client.ts';

/** Picks an actor by name, searching the server as the user types. */
export function ActorPicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: number | null;
  onChange(id: number | null): void;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const actors = useQuery({
    queryKey: ['actor-picker', q],
    queryFn: async () => data(await api.GET('/api/v1/actors', { params: { query: { q: q || undefined, limit: 20 } } })),
  });
  return (
    <Select
      label={label}
      searchable
      required
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={(actors.data?.items ?? []).map((actor) => ({ value: String(actor.id), label: actor.name }))}
      value={value === null ? null : String(value)}
      onChange={(id) => onChange(id === null ? null : Number(id))}
      error={error}
      nothingFoundMessage="—"
    />
  );
}
