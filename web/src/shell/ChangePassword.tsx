import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { refresh, signOut } from '../auth/session.ts';
import { notify } from '../lib/notify.ts';
import { mapProblem, type Problem } from '../lib/problem.ts';

/** Change one's password; `forced` when the server requires it before anything else (after a reset). */
export function ChangePassword({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { error, response } = await api.POST('/api/v1/auth/password', {
      body: { currentPassword: current, newPassword: next },
    });
    setBusy(false);
    if (response.ok) {
      setCurrent('');
      setNext('');
      setErrors({});
      setGeneral([]);
      notify('green', t('password.changed'));
      await refresh();
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      return;
    }
    const mapped = mapProblem({ ...(error as Problem), status: response.status }, ['currentPassword', 'newPassword']);
    setErrors(mapped.fields);
    setGeneral(Object.keys(mapped.fields).length > 0 ? [] : mapped.general);
  }

  const form = (
    <form onSubmit={submit} aria-labelledby="password-title">
      <Stack>
        <Title order={forced ? 1 : 2} size="h3" id="password-title">
          {t('password.title')}
        </Title>
        {forced && <Text>{t('password.forced')}</Text>}
        {general.map((message) => (
          <Alert key={message} color="red" role="alert">
            {message}
          </Alert>
        ))}
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={current}
          error={errors.currentPassword}
          onChange={(event) => setCurrent(event.currentTarget.value)}
        />
        <PasswordInput
          label={t('password.new')}
          autoComplete="new-password"
          required
          value={next}
          error={errors.newPassword}
          onChange={(event) => setNext(event.currentTarget.value)}
        />
        <Button type="submit" loading={busy}>
          {t('password.submit')}
        </Button>
        {forced && (
          <Button variant="subtle" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </Button>
        )}
      </Stack>
    </form>
  );
  if (!forced) return form;
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={420}>
        {form}
      </Paper>
    </Center>
  );
}
