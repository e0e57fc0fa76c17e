import { Alert, Button, Code, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { showValue } from '../components/History.tsx';
import { type Column, ListView } from '../components/ListView.tsx';
import { date } from '../lib/format.ts';

interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string;
  changes: Record<string, unknown[]>;
}

const columns: Column<AuditEntry>[] = [
  { id: 'at', header: 'history.at', sort: 'at', cell: (entry) => date(entry.at) },
  { id: 'actorId', header: 'history.who', cell: (entry) => (entry.actorId === null ? '' : `#${entry.actorId}`) },
  { id: 'action', header: 'history.action', cell: (entry) => <Code>{entry.action}</Code> },
  { id: 'entity', header: 'audit.item', cell: (entry) => `${entry.entity} #${entry.entityId}` },
  {
    id: 'changes',
    header: 'history.changes',
    csv: (entry) => JSON.stringify(entry.changes),
    cell: (entry) =>
      Object.entries(entry.changes).map(([field, change]) => (
        <Text key={field} size="sm">
          {field}: <del>{showValue(change[0])}</del> → <ins>{showValue(change[1])}</ins>
        </Text>
      )),
  },
];

/** The audit trail: filters (who, what, when, which item), each change as before → after, and the chain's check. */
export default function Audit() {
  const { t } = useTranslation();
  const [verdict, setVerdict] = useState<{
    ok: boolean;
    checked: number;
    brokenAt: { id: number; reason: string } | null;
  }>();
  const [busy, setBusy] = useState(false);
  async function verify() {
    setBusy(true);
    try {
      setVerdict(data(await api.GET('/api/v1/audit/verify')));
    } finally {
      setBusy(false);
    }
  }
  return (
    <ListView<AuditEntry>
      title={t('nav.audit')}
      path="/api/v1/audit"
      route="/audit"
      columns={columns}
      filterFields={[
        { name: 'actorId', label: 'history.who' },
        { name: 'action', label: 'history.action' },
        { name: 'at', label: 'history.at' },
        { name: 'entity', label: 'audit.entity' },
        { name: 'entityId', label: 'audit.entityId' },
      ]}
      searchable
      defaultSort="-at"
      actions={
        <Button variant="default" onClick={() => void verify()} loading={busy}>
          {t('audit.verify')}
        </Button>
      }
      toolbar={
        verdict && (
          <Alert color={verdict.ok ? 'green' : 'red'} role="status">
            {verdict.ok
              ? t('audit.sound', { count: verdict.checked })
              : t('audit.broken', { id: verdict.brokenAt?.id, reason: verdict.brokenAt?.reason })}
          </Alert>
        )
      }
    />
  );
}
