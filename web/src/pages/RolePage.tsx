import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, data, ifMatch } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ConflictNotice, ReadError } from '../components/forms.tsx';
import { ItemTabs } from '../components/History.tsx';
import { changed, useEdit } from '../components/ItemForm.tsx';
import { notify } from '../lib/notify.ts';
import { RoleForm, roleValues } from './RoleForm.tsx';

export default function RolePage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const roleId = Number(id);
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const edit = useEdit(['role', roleId], async () =>
    data(await api.GET('/api/v1/roles/{id}', { params: { path: { id: roleId } } })),
  );
  if (edit.error) return <ReadError error={edit.error} />;
  const current = edit.current;
  if (!current) return null;

  // Whoever picks roles for a user sees the new name or the role gone.
  const namesChanged = () => queryClient.invalidateQueries({ queryKey: ['role-names'] });

  const remove = () =>
    modals.openConfirmModal({
      title: t('role.deleteTitle', { name: current.name }),
      children: t('role.deleteText'),
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        const result = await api.DELETE('/api/v1/roles/{id}', {
          params: { path: { id: roleId }, header: ifMatch(current) },
        });
        if (!result.response.ok) {
          notify('red', (result.error as { detail?: string } | undefined)?.detail ?? t('errors.generic'));
          return;
        }
        notify('green', t('role.deleted', { name: current.name }));
        await queryClient.invalidateQueries({ queryKey: ['list'] });
        await namesChanged();
        await navigate({ to: '/roles' });
      },
    });

  const reason = current.builtIn
    ? t('role.builtInNotice')
    : can('patch:roles')
      ? undefined
      : t('reason.role.noPermission');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {current.name}
        </Title>
        {can('delete:roles') && !current.builtIn && (
          <Button color="red" variant="light" onClick={remove}>
            {t('common.delete')}
          </Button>
        )}
      </Group>
      <ItemTabs
        entity="roles"
        id={roleId}
        details={
          <Stack>
            {current.builtIn && <Alert color="gray">{t('role.builtInNotice')}</Alert>}
            {edit.conflict && (
              <ConflictNotice
                rows={[
                  { label: t('role.name'), value: edit.conflict.name },
                  { label: t('role.description'), value: edit.conflict.description },
                  { label: t('role.permissions'), value: edit.conflict.permissions.join(', ') },
                ]}
                onReload={edit.takeTheirs}
              />
            )}
            <RoleForm
              key={current.version}
              initial={roleValues(current)}
              reason={reason}
              submitLabel={t('common.save')}
              onSubmit={async (values) => {
                const body = changed(values, roleValues(current));
                if (Object.keys(body).length === 0) return;
                const answer = await api.PATCH('/api/v1/roles/{id}', {
                  params: { path: { id: roleId }, header: ifMatch(current) },
                  body,
                });
                if (await edit.saved(answer)) await namesChanged();
              }}
            />
          </Stack>
        }
      />
    </Stack>
  );
}
