import { Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { RoleForm, roleValues } from './RoleForm.tsx';

export default function RoleNew() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('role.new')}
      </Title>
      <RoleForm
        initial={roleValues()}
        submitLabel={t('common.create')}
        onSubmit={async (values) => {
          const role = data(await api.POST('/api/v1/roles', { body: values }));
          await queryClient.invalidateQueries({ queryKey: ['list'] });
          await queryClient.invalidateQueries({ queryKey: ['role-names'] });
          await navigate({ to: `/roles/${role.id}` });
        }}
      />
    </Stack>
  );
}
