import { Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { ActorForm, actorBody, actorValues } from './ActorForm.tsx';

export default function ActorNew() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('actor.new')}
      </Title>
      <ActorForm
        initial={actorValues()}
        readOnly={false}
        submitLabel={t('common.create')}
        onSubmit={async (values) => {
          const actor = data(await api.POST('/api/v1/actors', { body: actorBody(values) }));
          await queryClient.invalidateQueries({ queryKey: ['list'] });
          await navigate({ to: `/actors/${actor.id}` });
        }}
      />
    </Stack>
  );
}
