import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Movie } from '../api/client.ts';
import { GeneralErrors, useServerErrors } from '../components/forms.tsx';

export interface MovieValues {
  title: string;
  releaseDate: string;
  genres: string;
  price: number | string;
  stock: number | string;
}

export const MOVIE_FIELDS = ['title', 'releaseDate', 'genres', 'priceCents', 'stock'] as const;

export function movieValues(movie?: Movie): MovieValues {
  return {
    title: movie?.title ?? '',
    releaseDate: movie?.releaseDate ?? '',
    genres: movie?.genres.join(', ') ?? '',
    price: movie ? movie.priceCents / 100 : 0,
    stock: movie?.stock ?? 0,
  };
}

/** The body of the fields that may be written, and that changed from `initial` when editing. */
export function movieBody(values: MovieValues, editable: ReadonlySet<string>, initial?: MovieValues) {
  const body: Record<string, unknown> = {};
  const changed = (key: keyof MovieValues) => !initial || initial[key] !== values[key];
  if (editable.has('title') && changed('title')) body.title = values.title;
  if (editable.has('releaseDate') && changed('releaseDate')) body.releaseDate = values.releaseDate;
  if (editable.has('genres') && changed('genres')) {
    body.genres = values.genres
      .split(',')
      .map((genre) => genre.trim())
      .filter((genre) => genre !== '');
  }
  if (editable.has('priceCents') && changed('price')) body.priceCents = Math.round(Number(values.price) * 100);
  if (editable.has('stock') && changed('stock')) body.stock = Number(values.stock);
  return body;
}

interface Props {
  initial: MovieValues;
  /** The fields the signed-in user may write; the others are shown read-only. */
  editable: ReadonlySet<string>;
  submitLabel: string;
  onSubmit(values: MovieValues): Promise<void>;
  /** Bumped to reset the form to `initial` (after a save, or to take someone else's version). */
  resetKey?: number;
}

export function MovieForm({ initial, editable, submitLabel, onSubmit, resetKey }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const server = useServerErrors(MOVIE_FIELDS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when asked
  useEffect(() => setValues(initial), [resetKey]);

  const set = (key: keyof MovieValues) => (value: string | number) => setValues({ ...values, [key]: value });

  async function submit(event: FormEvent) {
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
  }

  const readOnly = (field: string) => !editable.has(field);
  return (
    <form onSubmit={submit} aria-label={submitLabel}>
      <Stack maw={520}>
        <GeneralErrors messages={server.general} />
        <TextInput
          label={t('movie.title')}
          value={values.title}
          readOnly={readOnly('title')}
          required={!readOnly('title')}
          error={server.errors.title}
          onChange={(event) => set('title')(event.currentTarget.value)}
        />
        <TextInput
          label={t('movie.releaseDate')}
          description={t('movie.dateFormat')}
          value={values.releaseDate}
          readOnly={readOnly('releaseDate')}
          required={!readOnly('releaseDate')}
          error={server.errors.releaseDate}
          onChange={(event) => set('releaseDate')(event.currentTarget.value)}
        />
        <TextInput
          label={t('movie.genres')}
          description={t('movie.genresHint')}
          value={values.genres}
          readOnly={readOnly('genres')}
          error={server.errors.genres}
          onChange={(event) => set('genres')(event.currentTarget.value)}
        />
        <Group grow>
          <NumberInput
            label={t('movie.price')}
            value={values.price}
            min={0}
            decimalScale={2}
            readOnly={readOnly('priceCents')}
            error={server.errors.priceCents}
            onChange={set('price')}
          />
          <NumberInput
            label={t('movie.stock')}
            value={values.stock}
            min={0}
            allowDecimal={false}
            readOnly={readOnly('stock')}
            error={server.errors.stock}
            onChange={set('stock')}
          />
        </Group>
        {editable.size > 0 && (
          <Group>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
