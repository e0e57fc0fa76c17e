import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, ifMatch } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ConflictNotice, ReadError } from '../components/forms.tsx';
import { ItemTabs } from '../components/History.tsx';
import { changed, useEdit } from '../components/ItemForm.tsx';
import { type OneTimePassword, OneTimePasswordDialog } from '../components/OneTimePassword.tsx';
import { date } from '../lib/format.ts';
import { notify } from '../lib/notify.ts';
import { USER_FIELDS, UserForm, userBody, userValues } from './UserForm.tsx';

export default function UserPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const userId = Number(id);
  const { can, me } = usePermissions();
  // A one-time password after a reset: in this state only, until its dialog closes.
  const [password, setPassword] = useState<OneTimePassword>();
  const edit = useEdit(['user', userId], async () =>
    data(await api.GET('/api/v1/users/{id}', { params: { path: { id: userId } } })),
  );
  if (edit.error) return <ReadError error={edit.error} />;
  const current = edit.current;
  if (!current) return null;
  const self = current.id === me?.id;

  const refusal = (result: { error?: unknown }) =>
    notify('red', (result.error as { detail?: string } | undefined)?.detail ?? t('errors.generic'));

  const resetPassword = () =>
    modals.openConfirmModal({
      title: t('user.resetTitle', { name: current.fullName }),
      children: t('user.resetText', { name: current.fullName }),
      labels: { confirm: t('user.resetPassword'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        const result = await api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id: userId } } });
        if (!result.response.ok || !result.data) return refusal(result);
        const { fullName, email, oneTimePassword } = result.data;
        setPassword({ name: fullName, email, password: oneTimePassword ?? '' });
        await edit.refresh();
      },
    });

  const deactivate = () =>
    modals.openConfirmModal({
      title: t('user.deactivateTitle', { name: current.fullName }),
      children: t('user.deactivateText', { name: current.fullName }),
      labels: { confirm: t('user.deactivate'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        // No If-Match: whatever changed meanwhile (the user's own password, say), access must end now.
        const result = await api.DELETE('/api/v1/users/{id}', { params: { path: { id: userId } } });
        if (!result.response.ok) return refusal(result);
        notify('green', t('user.deactivated', { name: current.fullName }));
        await edit.refresh();
      },
    });

  const reasons = can('patch:users')
    ? self
      ? { roles: t('reason.user.ownRoles') }
      : {}
    : Object.fromEntries(USER_FIELDS.map((field) => [field, t('reason.user.noPermission')]));

  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {current.fullName}
          </Title>
          <Group gap="xs">
            <Text>{current.email}</Text>
            {!current.active && (
              <Badge color="gray" variant="light">
                {t('user.inactive')}
              </Badge>
            )}
            {current.mustChangePassword && (
              <Badge color="orange" variant="light">
                {t('user.mustChangePassword')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('user.lastLogin')}: {current.lastLoginAt ? date(current.lastLoginAt) : '—'}
          </Text>
        </Stack>
        <Group gap="xs">
          {can('patch:users') && current.active && (
            <Button variant="default" onClick={resetPassword}>
              {t('user.resetPassword')}
            </Button>
          )}
          {can('delete:users') && current.active && !self && (
            <Button color="red" variant="light" onClick={deactivate}>
              {t('user.deactivate')}
            </Button>
          )}
        </Group>
      </Group>
      <ItemTabs
        entity="users"
        id={userId}
        details={
          <Stack>
            {edit.conflict && (
              <ConflictNotice
                rows={[
                  { label: t('user.fullName'), value: edit.conflict.fullName },
                  { label: t('user.email'), value: edit.conflict.email },
                  { label: t('user.employeeNumber'), value: edit.conflict.employeeNumber ?? '' },
                  { label: t('user.roles'), value: edit.conflict.roles.join(', ') },
                ]}
                onReload={edit.takeTheirs}
              />
            )}
            <UserForm
              key={current.version}
              initial={userValues(current)}
              reasons={reasons}
              submitLabel={t('common.save')}
              onSubmit={async (values) => {
                const body = userBody(changed(values, userValues(current)));
                if (Object.keys(body).length === 0) return;
                await edit.saved(
                  await api.PATCH('/api/v1/users/{id}', {
                    params: { path: { id: userId }, header: ifMatch(current) },
                    body,
                  }),
                );
              }}
            />
          </Stack>
        }
      />
      <OneTimePasswordDialog shown={password} onClose={() => setPassword(undefined)} />
    </Stack>
  );
}
