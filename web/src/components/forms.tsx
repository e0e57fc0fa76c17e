import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { isProblem, mapProblem, type Problem } from '../lib/problem.ts';

/** A form's server-side state: the messages of the last refusal, mapped onto its fields. */
export function useServerErrors(fields: readonly string[]) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  return {
    errors,
    general,
    clear() {
      setErrors({});
      setGeneral([]);
    },
    /** Shows a refusal: `errors[]` beside their fields, the rest above the form. */
    show(failure: unknown) {
      const problem: Problem | undefined =
        failure instanceof ApiError ? failure.problem : isProblem(failure) ? failure : undefined;
      if (!problem) {
        setErrors({});
        setGeneral([failure instanceof Error ? failure.message : String(failure)]);
        return;
      }
      const mapped = mapProblem(problem, fields);
      setErrors(mapped.fields);
      setGeneral(problem.status === 403 ? [problem.detail ?? 'Forbidden'] : mapped.general);
    },
  };
}

export function GeneralErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert color="red" role="alert">
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <List>
          {messages.map((message) => (
            <List.Item key={message}>{message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The 412 message: someone else changed the item; their values, and a way to continue from them. */
export function ConflictNotice({ rows, onReload }: { rows: { label: string; value: ReactNode }[]; onReload(): void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" role="alert" title={t('conflict.title')}>
      <Stack gap="xs">
        <Text size="sm">{t('conflict.text')}</Text>
        <List size="sm">
          {rows.map((row) => (
            <List.Item key={row.label}>
              {row.label}: <strong>{row.value}</strong>
            </List.Item>
          ))}
        </List>
        <Group>
          <Button size="xs" onClick={onReload}>
            {t('conflict.reload')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** A plain message for a refused read (403, 404). */
export function ReadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <Alert color="red" role="alert">
      {problem?.status === 403
        ? t('errors.forbidden')
        : problem?.status === 404
          ? t('errors.notFound')
          : (problem?.detail ?? t('errors.generic'))}
    </Alert>
  );
}
