import { Button, Checkbox, Code, Fieldset, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client.ts';
import { PERMISSIONS } from '../api/values.ts';
import { usePermissions } from '../auth/useSession.ts';
import { GeneralErrors } from '../components/forms.tsx';
import { Guarded } from '../components/Guarded.tsx';
import { useItemForm } from '../components/ItemForm.tsx';

type Permission = (typeof PERMISSIONS)[number];

const ALL: Permission = '*';
const CONCRETE = PERMISSIONS.filter((permission) => permission !== ALL);

/** The catalogue grouped by resource (`action:resource[:own]`), in its own order. */
const GROUPS = CONCRETE.reduce((groups, permission) => {
  const resource = permission.split(':')[1] ?? '';
  groups.set(resource, [...(groups.get(resource) ?? []), permission]);
  return groups;
}, new Map<string, Permission[]>());

export interface RoleValues {
  name: string;
  description: string;
  permissions: string[];
}

export const ROLE_FIELDS = ['name', 'description', 'permissions'] as const;

export function roleValues(role?: Schemas['Role']): RoleValues {
  return { name: role?.name ?? '', description: role?.description ?? '', permissions: role?.permissions ?? [] };
}

interface Props {
  initial: RoleValues;
  /** Why the role cannot be changed, when it cannot (a built-in role). */
  reason?: string;
  submitLabel: string;
  onSubmit(values: RoleValues): Promise<void>;
}

export function RoleForm({ initial, reason, submitLabel, onSubmit }: Props) {
  const { t } = useTranslation();
  const form = useItemForm(initial, ROLE_FIELDS, onSubmit);
  return (
    <form onSubmit={form.submit} aria-label={submitLabel}>
      <Stack>
        <GeneralErrors messages={form.server.general} />
        <Stack maw={520}>
          <Guarded reason={reason}>
            <TextInput
              label={t('role.name')}
              description={reason ? undefined : t('role.nameHint')}
              required={!reason}
              value={form.values.name}
              error={form.server.errors.name}
              onChange={(event) => form.set('name')(event.currentTarget.value)}
            />
          </Guarded>
          <Guarded reason={reason}>
            <Textarea
              label={t('role.description')}
              autosize
              minRows={2}
              value={form.values.description}
              error={form.server.errors.description}
              onChange={(event) => form.set('description')(event.currentTarget.value)}
            />
          </Guarded>
        </Stack>
        <PermissionPicker
          value={form.values.permissions}
          onChange={form.set('permissions')}
          disabled={reason !== undefined}
          error={form.server.errors.permissions}
        />
        {!reason && (
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
 * The permission catalogue as checkboxes grouped by resource, each `:own` variant explained. Only what the caller
 * holds can be granted (the server refuses the rest); `*` stands for every permission, later ones included.
 */
function PermissionPicker({
  value,
  onChange,
  disabled,
  error,
}: {
  value: string[];
  onChange(permissions: string[]): void;
  disabled: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const every = value.includes(ALL);
  const toggle = (permission: Permission, on: boolean) =>
    onChange(CONCRETE.filter((each) => (each === permission ? on : value.includes(each))));
  const label = (permission: Permission): ReactNode => {
    const [action = '', , own] = permission.split(':');
    const verb = t(`permission.actions.${action}`);
    return (
      <>
        {own ? t('permission.ownOnly', { action: verb }) : verb} <Code>{permission}</Code>
      </>
    );
  };
  return (
    <Fieldset legend={t('role.permissions')} variant="unstyled">
      <Stack>
        {!disabled && CONCRETE.some((permission) => !can(permission)) && (
          <Text size="sm" c="dimmed">
            {t('role.notHeld')}
          </Text>
        )}
        {error && (
          <Text size="sm" className="filter-error">
            {error}
          </Text>
        )}
        <Checkbox
          label={
            <>
              {t('role.every')} <Code>{ALL}</Code>
            </>
          }
          checked={every}
          disabled={disabled || !CONCRETE.every((permission) => can(permission))}
          onChange={(event) => onChange(event.currentTarget.checked ? [ALL] : [])}
        />
        <div className="grid grid-3">
          {[...GROUPS].map(([resource, permissions]) => (
            <Fieldset key={resource} legend={t(`nav.${resource}`)}>
              <Stack gap="xs">
                {permissions.map((permission) => {
                  const [action, , own] = permission.split(':');
                  return (
                    <Checkbox
                      key={permission}
                      label={label(permission)}
                      description={own ? t(`permission.own.${action}_${resource}`) : undefined}
                      checked={every || value.includes(permission)}
                      disabled={disabled || every || !can(permission)}
                      onChange={(event) => toggle(permission, event.currentTarget.checked)}
                    />
                  );
                })}
              </Stack>
            </Fieldset>
          ))}
        </div>
      </Stack>
    </Fieldset>
  );
}
