import { Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { type OneTimePassword, OneTimePasswordDialog } from '../components/OneTimePassword.tsx';
import { UserForm, userBody, userValues } from './UserForm.tsx';

export default function UserNew() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The one-time password lives here only, until the dialog closes.
  const [created, setCreated] = useState<{ id: number; password: OneTimePassword }>();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('user.new')}
      </Title>
      <UserForm
        initial={userValues()}
        reasons={{}}
        submitLabel={t('user.create')}
        onSubmit={async (values) => {
          // No password: the server answers a one-time password, once.
          const user = data(await api.POST('/api/v1/users', { body: userBody(values) }));
          await queryClient.invalidateQueries({ queryKey: ['list'] });
          setCreated({
            id: user.id,
            password: { name: user.fullName, email: user.email, password: user.oneTimePassword ?? '' },
          });
        }}
      />
      <OneTimePasswordDialog
        shown={created?.password}
        onClose={() => {
          const id = created?.id;
          setCreated(undefined);
          if (id !== undefined) void navigate({ to: `/users/${id}` });
        }}
      />
    </Stack>
  );
}
