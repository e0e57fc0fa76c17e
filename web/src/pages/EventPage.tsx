import { Button, Group, Select, Stack, Table, Tabs, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, ifMatch } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ReadError } from '../components/forms.tsx';
import { History } from '../components/History.tsx';
import { date } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';

/** Active users with the support role: the only ones an event can be assigned to. */
function useSupportStaff(enabled: boolean) {
  return useQuery({
    queryKey: ['support-staff'],
    enabled,
    queryFn: async () => {
      const page = data(await api.GET('/api/v1/users', { params: { query: { filter: 'active=true', limit: 200 } } }));
      return page.items.filter((user) => user.roles.includes('support'));
    },
  });
}

export default function EventPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const eventId = Number(id);
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const mayAssign = can('patch:events');
  const staff = useSupportStaff(mayAssign);
  const [support, setSupport] = useState<string | null>(null);
  const event = useQuery({
    queryKey: ['event', eventId],
    queryFn: async () => data(await api.GET('/api/v1/events/{id}', { params: { path: { id: eventId } } })),
  });
  if (event.error) return <ReadError error={event.error} />;
  if (!event.data) return null;
  const current = event.data;

  async function assign() {
    const result = await api.POST('/api/v1/events/{id}/assign', {
      params: { path: { id: eventId }, header: ifMatch(current) },
      body: { supportContactId: support === null ? null : Number(support) },
    });
    if (result.response.ok) notify('green', t('event.assigned'));
    else notify('red', (result.error as { detail?: string } | undefined)?.detail ?? t('errors.generic'));
    await queryClient.invalidateQueries({ queryKey: ['event', eventId] });
  }

  const rows: [string, string][] = [
    [t('event.startsAt'), date(current.startsAt)],
    [t('event.endsAt'), date(current.endsAt)],
    [t('event.location'), current.location ?? ''],
    [t('event.attendees'), current.attendees === null ? '' : String(current.attendees)],
    [t('event.client'), `#${current.clientId}`],
    [t('event.contract'), `#${current.contractId}`],
    [t('event.support'), current.supportContactId ? `#${current.supportContactId}` : t('event.noSupport')],
  ];
  return (
    <Stack>
      <Title order={1} size="h2">
        {current.name}
      </Title>
      <Tabs defaultValue="details" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">{t('common.details')}</Tabs.Tab>
          {can('get:audit') && <Tabs.Tab value="history">{t('history.tab')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <Stack>
            <Table aria-label={t('common.details')} maw={520}>
              <Table.Tbody>
                {rows.map(([label, value]) => (
                  <Table.Tr key={label}>
                    <Table.Th>{label}</Table.Th>
                    <Table.Td>{value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {mayAssign && (
              <Group align="flex-end">
                <Select
                  label={t('event.assignSupport')}
                  data={(staff.data ?? []).map((user) => ({ value: String(user.id), label: user.fullName }))}
                  value={support}
                  onChange={setSupport}
                  clearable
                  w={260}
                />
                <Button onClick={() => void assign()}>{t('event.assign')}</Button>
              </Group>
            )}
          </Stack>
        </Tabs.Panel>
        {can('get:audit') && (
          <Tabs.Panel value="history" pt="md">
            <History entity="events" id={eventId} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
