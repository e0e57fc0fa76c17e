import { type FormEvent, useState } from 'react';
import { data } from '../api/client.ts';
import { useServerErrors } from './forms.tsx';

/**
 * The item being edited and the 412 it may meet: the version loaded, or the newer one the user chose to continue
 * from. Key the form by `current.version`, so that taking their version resets it.
 */
export function useEdit<T extends { version: number }>(loaded: T | undefined) {
  const [conflict, setConflict] = useState<T>();
  const [base, setBase] = useState<T>();
  const current = loaded && base && base.version >= loaded.version ? base : loaded;
  return {
    current,
    conflict,
    /**
     * The answer of a change sent with `If-Match`: on 412 the stored version is read again and shown beside the
     * user's input (undefined is returned); otherwise the item, or its refusal thrown for the form to show.
     */
    async settle<R>(result: { data?: R; error?: unknown; response: Response }, reread: () => Promise<T>) {
      if (result.response.status === 412) {
        setConflict(await reread());
        return undefined;
      }
      const item = data(result);
      setConflict(undefined);
      setBase(undefined);
      return item;
    },
    takeTheirs() {
      setBase(conflict);
      setConflict(undefined);
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
