import { Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { restore } from '../auth/session.ts';
import { useMe, useSessionState } from '../auth/useSession.ts';
import { ChangePassword } from './ChangePassword.tsx';
import { Shell } from './Shell.tsx';
import { SignIn } from './SignIn.tsx';

/** The gate: sign-in, then the forced password change when due, then the console. */
export function Root() {
  const { t } = useTranslation();
  const state = useSessionState();
  const me = useMe();
  useEffect(() => {
    void restore();
  }, []);
  if (state === 'signed-out') return <SignIn />;
  if (state === 'unknown' || me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.data?.mustChangePassword) return <ChangePassword forced />;
  return <Shell />;
}
