import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { data } from '../api/client.ts';
import { notify } from '../lib/notify.ts';
import { useServerErrors } from './forms.tsx';

/** What openapi-fetch answers. */
interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * An item page's item, and its changes sent with `If-Match`: `current` is the version loaded, or the newer one the
 * user chose to continue from after a 412. Key the form by `current.version`, so that taking theirs resets it.
 */
export function useEdit<T extends { version: number }>(queryKey: QueryKey, read: () => Promise<T>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const item = useQuery({ queryKey, queryFn: read });
  const [conflict, setConflict] = useState<T>();
  const [base, setBase] = useState<T>();
  const loaded = item.data;
  const current = loaded && base && base.version >= loaded.version ? base : loaded;
  /** Reads the item again, and the lists it is in. */
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey });
    await queryClient.invalidateQueries({ queryKey: ['list'] });
  };
  return {
    error: item.error,
    current,
    conflict,
    refresh,
    takeTheirs() {
      setBase(conflict);
      setConflict(undefined);
    },
    /**
     * The answer of a change: on 412 the stored version is read again and shown beside the user's input; a refusal
     * is thrown for the form to show beside its fields. True when it was saved.
     */
    async saved(answer: Answer): Promise<boolean> {
      if (answer.response.status === 412) {
        setConflict(await read());
        return false;
      }
      data(answer);
      setConflict(undefined);
      setBase(undefined);
      notify('green', t('common.saved'));
      await refresh();
      return true;
    },
  };
}

/** A form's values, whether it is being sent, and the server's refusal beside its fields. */
export function useItemForm<V extends object>(
  initial: V,
  fields: readonly string[],
  onSubmit: (values: V) => Promise<void>,
) {
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const server = useServerErrors(fields);
  return {
    values,
    busy,
    server,
    set:
      <K extends keyof V>(key: K) =>
      (value: V[K]) =>
        setValues((previous) => ({ ...previous, [key]: value })),
    async submit(event: FormEvent) {
      event.preventDefault();
      setBusy(true);
      server.clear();
      try {
        await onSubmit(values);
      } catch (failure) {
        server.show(failure);
      } finally {
        setBusy(false);
      }
    },
  };
}

/** The fields whose value differs from `initial`, as a PATCH body. */
export function changed<V extends object>(values: V, initial: V): Partial<V> {
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => {
      const before = initial[key as keyof V];
      return Array.isArray(value) ? JSON.stringify(value) !== JSON.stringify(before) : value !== before;
    }),
  ) as Partial<V>;
}
