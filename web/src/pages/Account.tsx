import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useTranslation } from 'react-i18next';
import { signOut, signOutEverywhere } from '../auth/session.ts';
import { usePermissions } from '../auth/useSession.ts';
import { notify } from '../lib/notify.ts';
import { ChangePassword } from '../shell/ChangePassword.tsx';

export default function Account() {
  const { t } = useTranslation();
  const { me } = usePermissions();

  function everywhere() {
    modals.openConfirmModal({
      title: t('account.everywhereTitle'),
      children: t('account.everywhereConfirm'),
      labels: { confirm: t('account.everywhere'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          await signOutEverywhere();
        } catch (failure) {
          notify('red', t('account.everywhereFailed', { reason: failure instanceof Error ? failure.message : '' }));
        }
      },
    });
  }

  return (
    <Stack maw={520}>
      <Title order={1} size="h2">
        {t('nav.account')}
      </Title>
      <Text>
        {me?.fullName} · {me?.email}
      </Text>
      <Text size="sm">
        {t('account.roles')}: {me?.roles.join(', ')}
      </Text>
      <Paper withBorder p="md">
        <ChangePassword />
      </Paper>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h3">
            {t('account.everywhere')}
          </Title>
          <Text size="sm">{t('account.everywhereText')}</Text>
          <Group>
            <Button color="red" variant="light" onClick={everywhere}>
              {t('account.everywhere')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Group>
        <Button variant="default" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </Button>
      </Group>
    </Stack>
  );
}
