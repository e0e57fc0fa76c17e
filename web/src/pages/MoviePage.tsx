import { Anchor, Button, Group, NumberInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, data, ifMatch, type MovieWithCast } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ActorPicker } from '../components/ActorPicker.tsx';
import { ConflictNotice, GeneralErrors, ReadError, useServerErrors } from '../components/forms.tsx';
import { ItemTabs } from '../components/History.tsx';
import { date, money } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';
import { MovieForm, movieBody, movieValues } from './MovieForm.tsx';

export default function MoviePage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const movieId = Number(id);
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [conflict, setConflict] = useState<MovieWithCast>();
  const [resetKey, setResetKey] = useState(0);
  const [base, setBase] = useState<MovieWithCast>();

  const movie = useQuery({
    queryKey: ['movie', movieId],
    queryFn: async () =>
      data(await api.GET('/api/v1/movies/{id}', { params: { path: { id: movieId } } })) as MovieWithCast,
  });
  if (movie.error) return <ReadError error={movie.error} />;
  if (!movie.data) return null;
  // The version being edited: the one loaded, or the newer one the user chose to continue from after a 412.
  const current = base && base.version >= movie.data.version ? base : movie.data;

  const editable = new Set([
    ...(can('patch:movies') ? ['title', 'releaseDate', 'genres'] : []),
    ...(can('patch:inventory') ? ['priceCents', 'stock'] : []),
  ]);

  async function save(values: ReturnType<typeof movieValues>) {
    const body = movieBody(values, editable, movieValues(current));
    if (Object.keys(body).length === 0) return;
    const result = await api.PATCH('/api/v1/movies/{id}', {
      params: { path: { id: movieId }, header: ifMatch(current) },
      body,
    });
    if (result.response.status === 412) {
      const latest = data(await api.GET('/api/v1/movies/{id}', { params: { path: { id: movieId } } }));
      setConflict(latest as MovieWithCast);
      return;
    }
    data(result);
    setConflict(undefined);
    setBase(undefined);
    notify('green', t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: ['movie', movieId] });
    await queryClient.invalidateQueries({ queryKey: ['list'] });
  }

  function remove() {
    modals.openConfirmModal({
      title: t('movie.deleteTitle'),
      children: t('movie.deleteText', { title: current.title }),
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        const result = await api.DELETE('/api/v1/movies/{id}', {
          params: { path: { id: movieId }, header: ifMatch(current) },
        });
        if (!result.response.ok) {
          const message = (result.error as { detail?: string } | undefined)?.detail ?? t('errors.generic');
          notify('red', message);
          return;
        }
        await queryClient.invalidateQueries({ queryKey: ['list'] });
        await navigate({ to: '/movies' });
      },
    });
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {current.title}
        </Title>
        {can('delete:movies') && (
          <Button color="red" variant="light" onClick={remove}>
            {t('common.delete')}
          </Button>
        )}
      </Group>
      <ItemTabs
        entity="movies"
        id={movieId}
        details={
          <Stack>
            {conflict && (
              <ConflictNotice
                rows={[
                  { label: t('movie.title'), value: conflict.title },
                  { label: t('movie.releaseDate'), value: date(conflict.releaseDate) },
                  { label: t('movie.genres'), value: conflict.genres.join(', ') },
                  { label: t('movie.price'), value: money(conflict.priceCents) },
                  { label: t('movie.stock'), value: conflict.stock },
                ]}
                onReload={() => {
                  setBase(conflict);
                  setConflict(undefined);
                  setResetKey((key) => key + 1);
                }}
              />
            )}
            <MovieForm
              key={current.version}
              initial={movieValues(current)}
              editable={editable}
              submitLabel={t('common.save')}
              onSubmit={save}
              resetKey={resetKey}
            />
          </Stack>
        }
        more={[
          { value: 'cast', label: t('movie.cast'), panel: <Cast movie={current} canEdit={can('patch:movies')} /> },
        ]}
      />
    </Stack>
  );
}

function Cast({ movie, canEdit }: { movie: MovieWithCast; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [actorId, setActorId] = useState<number | null>(null);
  const [character, setCharacter] = useState('');
  const [billing, setBilling] = useState<number | string>('');
  const server = useServerErrors(['character', 'billing', 'actorId']);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['movie', movie.id] });
    await queryClient.invalidateQueries({ queryKey: ['actor'] });
  };

  async function cast(event: FormEvent) {
    event.preventDefault();
    if (actorId === null) return;
    server.clear();
    try {
      data(
        await api.PUT('/api/v1/movies/{id}/cast/{actorId}', {
          params: { path: { id: movie.id, actorId } },
          body: { character, ...(billing === '' ? {} : { billing: Number(billing) }) },
        }),
      );
      setActorId(null);
      setCharacter('');
      setBilling('');
      notify('green', t('movie.castDone'));
      await refresh();
    } catch (failure) {
      server.show(failure);
    }
  }

  async function uncast(actor: number) {
    const result = await api.DELETE('/api/v1/movies/{id}/cast/{actorId}', {
      params: { path: { id: movie.id, actorId: actor } },
    });
    if (!result.response.ok) server.show(new ApiError({ ...(result.error as object), status: result.response.status }));
    await refresh();
  }

  return (
    <Stack>
      <Table aria-label={t('movie.cast')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('actor.name')}</Table.Th>
            <Table.Th>{t('movie.character')}</Table.Th>
            <Table.Th>{t('movie.billing')}</Table.Th>
            {canEdit && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {movie.cast.map((member) => (
            <Table.Tr key={member.actorId}>
              <Table.Td>
                <Anchor component={Link} to={`/actors/${member.actorId}`}>
                  {member.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{member.character}</Table.Td>
              <Table.Td>{member.billing ?? ''}</Table.Td>
              {canEdit && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => void uncast(member.actorId)}
                    aria-label={t('movie.uncast', { name: member.name })}
                  >
                    {t('movie.uncastShort')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <form onSubmit={cast} aria-label={t('movie.castActor')}>
          <Stack maw={520}>
            <Title order={2} size="h4">
              {t('movie.castActor')}
            </Title>
            <GeneralErrors messages={server.general} />
            <ActorPicker label={t('movie.actor')} value={actorId} onChange={setActorId} error={server.errors.actorId} />
            <TextInput
              label={t('movie.character')}
              required
              value={character}
              error={server.errors.character}
              onChange={(event) => setCharacter(event.currentTarget.value)}
            />
            <NumberInput
              label={t('movie.billing')}
              min={1}
              allowDecimal={false}
              value={billing}
              error={server.errors.billing}
              onChange={setBilling}
            />
            <Group>
              <Button type="submit">{t('movie.castSubmit')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
