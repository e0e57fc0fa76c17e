import { Anchor, Button, Group, Stack, Table, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ActorWithFilmography, api, data, ifMatch } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ConflictNotice, ReadError } from '../components/forms.tsx';
import { ItemTabs } from '../components/History.tsx';
import { date } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';
import { ActorForm, actorBody, actorValues } from './ActorForm.tsx';

export default function ActorPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const actorId = Number(id);
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [conflict, setConflict] = useState<ActorWithFilmography>();
  const [base, setBase] = useState<ActorWithFilmography>();
  const actor = useQuery({
    queryKey: ['actor', actorId],
    queryFn: async () =>
      data(await api.GET('/api/v1/actors/{id}', { params: { path: { id: actorId } } })) as ActorWithFilmography,
  });
  if (actor.error) return <ReadError error={actor.error} />;
  if (!actor.data) return null;
  const current = base && base.version >= actor.data.version ? base : actor.data;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {current.name}
        </Title>
        {can('delete:actors') && (
          <Button
            color="red"
            variant="light"
            onClick={() =>
              modals.openConfirmModal({
                title: t('actor.deleteTitle'),
                children: t('actor.deleteText', { name: current.name }),
                labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
                confirmProps: { color: 'red' },
                onConfirm: async () => {
                  const result = await api.DELETE('/api/v1/actors/{id}', {
                    params: { path: { id: actorId }, header: ifMatch(current) },
                  });
                  if (!result.response.ok) {
                    notify('red', (result.error as { detail?: string } | undefined)?.detail ?? t('errors.generic'));
                    return;
                  }
                  await queryClient.invalidateQueries({ queryKey: ['list'] });
                  await navigate({ to: '/actors' });
                },
              })
            }
          >
            {t('common.delete')}
          </Button>
        )}
      </Group>
      <ItemTabs
        entity="actors"
        id={actorId}
        details={
          <Stack>
            {conflict && (
              <ConflictNotice
                rows={[
                  { label: t('actor.name'), value: conflict.name },
                  { label: t('actor.age'), value: conflict.age ?? '' },
                  { label: t('actor.gender'), value: conflict.gender ?? '' },
                ]}
                onReload={() => {
                  setBase(conflict);
                  setConflict(undefined);
                }}
              />
            )}
            <ActorForm
              key={current.version}
              initial={actorValues(current)}
              readOnly={!can('patch:actors')}
              submitLabel={t('common.save')}
              onSubmit={async (values) => {
                const result = await api.PATCH('/api/v1/actors/{id}', {
                  params: { path: { id: actorId }, header: ifMatch(current) },
                  body: actorBody(values),
                });
                if (result.response.status === 412) {
                  const latest = data(await api.GET('/api/v1/actors/{id}', { params: { path: { id: actorId } } }));
                  setConflict(latest as ActorWithFilmography);
                  return;
                }
                data(result);
                setConflict(undefined);
                setBase(undefined);
                notify('green', t('common.saved'));
                await queryClient.invalidateQueries({ queryKey: ['actor', actorId] });
              }}
            />
          </Stack>
        }
        more={[
          {
            value: 'filmography',
            label: t('actor.filmography'),
            panel: (
              <Table aria-label={t('actor.filmography')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('movie.title')}</Table.Th>
                    <Table.Th>{t('movie.releaseDate')}</Table.Th>
                    <Table.Th>{t('movie.character')}</Table.Th>
                    <Table.Th>{t('movie.billing')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {current.filmography.map((role) => (
                    <Table.Tr key={role.movieId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/movies/${role.movieId}`}>
                          {role.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{date(role.releaseDate)}</Table.Td>
                      <Table.Td>{role.character}</Table.Td>
                      <Table.Td>{role.billing ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ),
          },
        ]}
      />
    </Stack>
  );
}
