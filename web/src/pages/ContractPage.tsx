import { Button, Group, NumberInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { GeneralErrors, ReadError, useServerErrors } from '../components/forms.tsx';
import { ItemTabs } from '../components/History.tsx';
import { date, money } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';
import { ContractStatus } from './Contracts.tsx';

export default function ContractPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const contractId = Number(id);
  const { can, me } = usePermissions();
  const queryClient = useQueryClient();
  const contract = useQuery({
    queryKey: ['contract', contractId],
    queryFn: async () => data(await api.GET('/api/v1/contracts/{id}', { params: { path: { id: contractId } } })),
  });
  if (contract.error) return <ReadError error={contract.error} />;
  if (!contract.data) return null;
  const current = contract.data;
  const mine = current.salesContactId === me?.id;
  const maySign = can('patch:contracts') || (can('patch:contracts', true) && mine);
  const mayCreateEvent = can('post:events') || (can('post:events', true) && mine);

  function sign() {
    modals.openConfirmModal({
      title: t('contract.signTitle'),
      children: t('contract.signText', { id: current.id }),
      labels: { confirm: t('contract.sign'), cancel: t('common.cancel') },
      onConfirm: async () => {
        const result = await api.POST('/api/v1/contracts/{id}/sign', { params: { path: { id: contractId } } });
        if (result.response.ok) notify('green', t('contract.signed'));
        else notify('red', (result.error as { detail?: string } | undefined)?.detail ?? t('errors.generic'));
        await queryClient.invalidateQueries({ queryKey: ['contract', contractId] });
        await queryClient.invalidateQueries({ queryKey: ['history'] });
      },
    });
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('contract.title', { id: current.id })}
        </Title>
        <ContractStatus status={current.status} />
      </Group>
      <ItemTabs
        entity="contracts"
        id={contractId}
        details={
          <Stack>
            <Table aria-label={t('common.details')} maw={520}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th>{t('contract.client')}</Table.Th>
                  <Table.Td>#{current.clientId}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('contract.total')}</Table.Th>
                  <Table.Td>{money(current.totalCents)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('contract.due')}</Table.Th>
                  <Table.Td>{money(current.dueCents)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('contract.signedAt')}</Table.Th>
                  <Table.Td>{date(current.signedAt)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            {maySign && (
              <Group>
                <Button onClick={sign}>{t('contract.sign')}</Button>
              </Group>
            )}
            {current.status === 'signed' && mayCreateEvent && <NewEvent contractId={current.id} />}
          </Stack>
        }
      />
    </Stack>
  );
}

function NewEvent({ contractId }: { contractId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [location, setLocation] = useState('');
  const [attendees, setAttendees] = useState<number | string>('');
  const server = useServerErrors(['name', 'startsAt', 'endsAt', 'location', 'attendees', 'contractId']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    server.clear();
    const toIso = (local: string) => (local ? new Date(local).toISOString() : local);
    try {
      const created = data(
        await api.POST('/api/v1/events', {
          body: {
            contractId,
            name,
            startsAt: toIso(startsAt),
            endsAt: toIso(endsAt),
            ...(location ? { location } : {}),
            ...(attendees === '' ? {} : { attendees: Number(attendees) }),
          } as never,
        }),
      ) as { id: number };
      await navigate({ to: `/events/${created.id}` });
    } catch (failure) {
      server.show(failure);
    }
  }

  return (
    <form onSubmit={submit} aria-label={t('event.new')}>
      <Stack maw={520}>
        <Title order={2} size="h4">
          {t('event.new')}
        </Title>
        <GeneralErrors messages={server.general} />
        <TextInput
          label={t('event.name')}
          required
          value={name}
          error={server.errors.name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('event.startsAt')}
          required
          value={startsAt}
          error={server.errors.startsAt}
          onChange={(e) => setStartsAt(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('event.endsAt')}
          required
          value={endsAt}
          error={server.errors.endsAt}
          onChange={(e) => setEndsAt(e.currentTarget.value)}
        />
        <TextInput
          label={t('event.location')}
          value={location}
          error={server.errors.location}
          onChange={(e) => setLocation(e.currentTarget.value)}
        />
        <NumberInput
          label={t('event.attendees')}
          min={0}
          allowDecimal={false}
          value={attendees}
          error={server.errors.attendees}
          onChange={setAttendees}
        />
        <Group>
          <Button type="submit">{t('event.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
