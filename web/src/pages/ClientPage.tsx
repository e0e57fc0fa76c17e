import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, data, ifMatch, type Schemas } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ConflictNotice, GeneralErrors, ReadError } from '../components/forms.tsx';
import { Guarded } from '../components/Guarded.tsx';
import { ItemTabs } from '../components/History.tsx';
import { changed, useEdit, useItemForm } from '../components/ItemForm.tsx';
import { useStaff, useUserName } from '../components/Staff.tsx';
import { date } from '../lib/format.ts';
import { fromLocalInput, toLocalInput } from '../lib/local-time.ts';

type Client = Schemas['Client'];

interface ClientValues {
  fullName: string;
  email: string;
  phone: string;
  companyName: string;
  salesContactId: string | null;
  lastContactAt: string;
}

const FIELDS = ['fullName', 'email', 'phone', 'companyName', 'salesContactId', 'lastContactAt'] as const;

function clientValues(client: Client): ClientValues {
  return {
    fullName: client.fullName,
    email: client.email,
    phone: client.phone ?? '',
    companyName: client.companyName ?? '',
    salesContactId: client.salesContactId === null ? null : String(client.salesContactId),
    lastContactAt: toLocalInput(client.lastContactAt),
  };
}

function clientBody(values: Partial<ClientValues>) {
  const { phone, companyName, salesContactId, lastContactAt, ...rest } = values;
  return {
    ...rest,
    ...(phone === undefined ? {} : { phone: phone || null }),
    ...(companyName === undefined ? {} : { companyName: companyName || null }),
    ...(salesContactId === undefined
      ? {}
      : { salesContactId: salesContactId === null ? null : Number(salesContactId) }),
    ...(lastContactAt === undefined ? {} : { lastContactAt: fromLocalInput(lastContactAt) }),
  };
}

type Reasons = { all?: string; salesContactId?: string };

/** SPEC §3: sales edit their own clients only, and never reassign them; `patch:clients` edits every client. */
function useReasons(client: Client): Reasons {
  const { t } = useTranslation();
  const { can, me } = usePermissions();
  if (can('patch:clients')) return {};
  if (!can('patch:clients', true)) return { all: t('reason.client.noPermission') };
  if (client.salesContactId !== me?.id) return { all: t('reason.client.notYours') };
  return { salesContactId: t('reason.client.salesContact') };
}

export default function ClientPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const clientId = Number(id);
  const edit = useEdit(['client', clientId], async () =>
    data(await api.GET('/api/v1/clients/{id}', { params: { path: { id: clientId } } })),
  );
  if (edit.error) return <ReadError error={edit.error} />;
  const current = edit.current;
  if (!current) return null;

  const save = async (values: ClientValues) => {
    const body = clientBody(changed(values, clientValues(current)));
    if (Object.keys(body).length === 0) return;
    await edit.saved(
      await api.PATCH('/api/v1/clients/{id}', { params: { path: { id: clientId }, header: ifMatch(current) }, body }),
    );
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {current.fullName}
      </Title>
      {current.companyName && <Text>{current.companyName}</Text>}
      <ItemTabs
        entity="clients"
        id={clientId}
        details={
          <Stack>
            {edit.conflict && (
              <ConflictNotice
                rows={[
                  { label: t('client.fullName'), value: edit.conflict.fullName },
                  { label: t('client.email'), value: edit.conflict.email },
                  { label: t('client.phone'), value: edit.conflict.phone ?? '' },
                  { label: t('client.companyName'), value: edit.conflict.companyName ?? '' },
                  { label: t('client.lastContactAt'), value: date(edit.conflict.lastContactAt) },
                ]}
                onReload={edit.takeTheirs}
              />
            )}
            <ClientForm key={current.version} client={current} onSubmit={save} />
          </Stack>
        }
      />
    </Stack>
  );
}

function ClientForm({ client, onSubmit }: { client: Client; onSubmit(values: ClientValues): Promise<void> }) {
  const { t } = useTranslation();
  const reasons = useReasons(client);
  const form = useItemForm(clientValues(client), FIELDS, onSubmit);
  const reason = (field: keyof Reasons) => reasons.all ?? reasons[field];
  const reassign = reason('salesContactId') === undefined;
  const sales = useStaff('sales', reassign);
  const salesName = useUserName(client.salesContactId);
  const text = (field: 'fullName' | 'email' | 'phone' | 'companyName', label: string, required = false) => (
    <Guarded reason={reasons.all}>
      <TextInput
        label={t(label)}
        required={required && !reasons.all}
        value={form.values[field]}
        error={form.server.errors[field]}
        onChange={(event) => form.set(field)(event.currentTarget.value)}
      />
    </Guarded>
  );
  return (
    <form onSubmit={form.submit} aria-label={t('common.details')}>
      <Stack maw={520}>
        {reasons.all && (
          <Text size="sm" c="dimmed">
            {reasons.all}
          </Text>
        )}
        <GeneralErrors messages={form.server.general} />
        {text('fullName', 'client.fullName', true)}
        {text('email', 'client.email', true)}
        {text('phone', 'client.phone')}
        {text('companyName', 'client.companyName')}
        {reassign ? (
          <Select
            label={t('client.salesContact')}
            data={(sales.data ?? []).map((user) => ({ value: String(user.id), label: user.fullName }))}
            value={form.values.salesContactId}
            onChange={form.set('salesContactId')}
            error={form.server.errors.salesContactId}
            clearable
          />
        ) : (
          <Guarded reason={reason('salesContactId')}>
            <TextInput label={t('client.salesContact')} value={salesName} />
          </Guarded>
        )}
        <Guarded reason={reasons.all}>
          <TextInput
            type="datetime-local"
            label={t('client.lastContactAt')}
            value={form.values.lastContactAt}
            error={form.server.errors.lastContactAt}
            onChange={(event) => form.set('lastContactAt')(event.currentTarget.value)}
          />
        </Guarded>
        {!reasons.all && (
          <Group>
            <Button type="submit" loading={form.busy}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
