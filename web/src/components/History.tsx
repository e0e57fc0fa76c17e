import { Alert, Code, Table, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { quote } from '../lib/filter.ts';
import { date } from '../lib/format.ts';

/** A value of an audit change, as text. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An item's audit entries, newest first, each change as before → after. */
export function History({ entity, id }: { entity: string; id: number }) {
  const { t } = useTranslation();
  const entries = useQuery({
    queryKey: ['history', entity, id],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/audit', {
          params: {
            query: { filter: `entity=${quote(entity)} and entityId=${quote(String(id))}`, sort: '-at', limit: 100 },
          },
        }),
      ),
  });
  if (entries.error) {
    return (
      <Alert color="red" role="alert">
        {entries.error.message}
      </Alert>
    );
  }
  if (entries.data?.items.length === 0) return <Text>{t('history.empty')}</Text>;
  return (
    <Table aria-label={t('history.tab')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('history.at')}</Table.Th>
          <Table.Th>{t('history.who')}</Table.Th>
          <Table.Th>{t('history.action')}</Table.Th>
          <Table.Th>{t('history.changes')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(entries.data?.items ?? []).map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td>{date(entry.at)}</Table.Td>
            <Table.Td>{entry.actorId === null ? t('history.system') : `#${entry.actorId}`}</Table.Td>
            <Table.Td>
              <Code>{entry.action}</Code>
            </Table.Td>
            <Table.Td>
              {Object.entries(entry.changes).map(([field, change]) => (
                <Text key={field} size="sm">
                  {field}: <del>{showValue(change[0])}</del> → <ins>{showValue(change[1])}</ins>
                </Text>
              ))}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** An item page's tabs: its details, the page's own tabs, and its History for whoever may read the audit trail. */
export function ItemTabs({
  entity,
  id,
  details,
  more = [],
}: {
  entity: string;
  id: number;
  details: ReactNode;
  more?: { value: string; label: string; panel: ReactNode }[];
}) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const history = can('get:audit');
  return (
    <Tabs defaultValue="details" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="details">{t('common.details')}</Tabs.Tab>
        {more.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value}>
            {tab.label}
          </Tabs.Tab>
        ))}
        {history && <Tabs.Tab value="history">{t('history.tab')}</Tabs.Tab>}
      </Tabs.List>
      <Tabs.Panel value="details" pt="md">
        {details}
      </Tabs.Panel>
      {more.map((tab) => (
        <Tabs.Panel key={tab.value} value={tab.value} pt="md">
          {tab.panel}
        </Tabs.Panel>
      ))}
      {history && (
        <Tabs.Panel value="history" pt="md">
          <History entity={entity} id={id} />
        </Tabs.Panel>
      )}
    </Tabs>
  );
}
