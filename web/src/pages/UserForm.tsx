import { Button, Group, MultiSelect, Stack, TagsInput, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, data, type Schemas } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';
import { GeneralErrors } from '../components/forms.tsx';
import { Guarded } from '../components/Guarded.tsx';
import { useItemForm } from '../components/ItemForm.tsx';

export interface UserValues {
  email: string;
  fullName: string;
  employeeNumber: string;
  roles: string[];
}

export const USER_FIELDS = ['email', 'fullName', 'employeeNumber', 'roles'] as const;

export function userValues(user?: Schemas['User']): UserValues {
  return {
    email: user?.email ?? '',
    fullName: user?.fullName ?? '',
    employeeNumber: user?.employeeNumber ?? '',
    roles: user?.roles ?? [],
  };
}

/** A request body of these values: an empty employee number is none. */
export function userBody<V extends Partial<UserValues>>(values: V) {
  const { employeeNumber, ...rest } = values;
  return { ...rest, ...(employeeNumber === undefined ? {} : { employeeNumber: employeeNumber || null }) };
}

interface Props {
  initial: UserValues;
  /** The fields the signed-in user may not change, and why. */
  reasons: Partial<Record<keyof UserValues, string>>;
  submitLabel: string;
  onSubmit(values: UserValues): Promise<void>;
}

export function UserForm({ initial, reasons, submitLabel, onSubmit }: Props) {
  const { t } = useTranslation();
  const form = useItemForm(initial, USER_FIELDS, onSubmit);
  const text = (field: 'email' | 'fullName' | 'employeeNumber', label: string, required = false) => (
    <Guarded reason={reasons[field]}>
      <TextInput
        label={t(label)}
        type={field === 'email' ? 'email' : 'text'}
        required={required && !reasons[field]}
        value={form.values[field]}
        error={form.server.errors[field]}
        onChange={(event) => form.set(field)(event.currentTarget.value)}
      />
    </Guarded>
  );
  return (
    <form onSubmit={form.submit} aria-label={submitLabel}>
      <Stack maw={520}>
        <GeneralErrors messages={form.server.general} />
        {text('email', 'user.email', true)}
        {text('fullName', 'user.fullName', true)}
        {text('employeeNumber', 'user.employeeNumber')}
        <RolesInput
          value={form.values.roles}
          onChange={form.set('roles')}
          error={form.server.errors.roles}
          reason={reasons.roles}
        />
        {USER_FIELDS.some((field) => !reasons[field]) && (
          <Group>
            <Button type="submit" loading={form.busy}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/**
 * The roles of a user: picked from `GET /roles` by whoever may read them, else typed by name (management grants
 * roles without reading the list). The server refuses a role the caller may not grant, and says why.
 */
function RolesInput({
  value,
  onChange,
  error,
  reason,
}: {
  value: string[];
  onChange(roles: string[]): void;
  error?: string;
  reason?: string;
}) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const listed = can('get:roles');
  const roles = useQuery({
    queryKey: ['role-names'],
    enabled: listed && !reason,
    queryFn: async () =>
      data(await api.GET('/api/v1/roles', { params: { query: { limit: 200 } } })).items.map((role) => role.name),
  });
  const common = { label: t('user.roles'), value, onChange, error };
  return (
    <Guarded reason={reason}>
      {listed ? (
        <MultiSelect {...common} data={[...new Set([...(roles.data ?? []), ...value])]} searchable />
      ) : (
        <TagsInput {...common} description={reason ? undefined : t('user.rolesTyped')} />
      )}
    </Guarded>
  );
}
