import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../api/client.ts';
import { GeneralErrors, useServerErrors } from '../components/forms.tsx';

export interface ActorValues {
  name: string;
  age: number | string;
  gender: string;
}

export function actorValues(actor?: Actor): ActorValues {
  return { name: actor?.name ?? '', age: actor?.age ?? '', gender: actor?.gender ?? '' };
}

export function actorBody(values: ActorValues) {
  return {
    name: values.name,
    age: values.age === '' ? null : Number(values.age),
    gender: values.gender.trim() === '' ? null : values.gender.trim(),
  };
}

export function ActorForm({
  initial,
  readOnly,
  submitLabel,
  onSubmit,
}: {
  initial: ActorValues;
  readOnly: boolean;
  submitLabel: string;
  onSubmit(values: ActorValues): Promise<void>;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const server = useServerErrors(['name', 'age', 'gender']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    server.clear();
    try {
      await onSubmit(values);
    } catch (failure) {
      server.show(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label={submitLabel}>
      <Stack maw={520}>
        <GeneralErrors messages={server.general} />
        <TextInput
          label={t('actor.name')}
          required={!readOnly}
          readOnly={readOnly}
          value={values.name}
          error={server.errors.name}
          onChange={(event) => setValues({ ...values, name: event.currentTarget.value })}
        />
        <NumberInput
          label={t('actor.age')}
          readOnly={readOnly}
          min={0}
          allowDecimal={false}
          value={values.age}
          error={server.errors.age}
          onChange={(age) => setValues({ ...values, age })}
        />
        <TextInput
          label={t('actor.gender')}
          readOnly={readOnly}
          value={values.gender}
          error={server.errors.gender}
          onChange={(event) => setValues({ ...values, gender: event.currentTarget.value })}
        />
        {!readOnly && (
          <Group>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
