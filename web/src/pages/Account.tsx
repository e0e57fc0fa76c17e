import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { signOut } from '../auth/session.ts';
import { usePermissions } from '../auth/useSession.ts';
import { ChangePassword } from '../shell/ChangePassword.tsx';

export default function Account() {
  const { t } = useTranslation();
  const { me } = usePermissions();
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
      <Button variant="default" onClick={() => void signOut()}>
        {t('shell.signOut')}
      </Button>
    </Stack>
  );
}
