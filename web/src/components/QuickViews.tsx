import { Button, Group } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ListSearch } from '../router.tsx';

export interface QuickView {
  /** The label's translation key. */
  label: string;
  filter: string;
}

/** Saved filters one click away; the one in use is marked as pressed. */
export function QuickViews({ route, views }: { route: string; views: QuickView[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as ListSearch;
  if (views.length === 0) return null;
  return (
    <Group gap="xs" role="group" aria-label={t('list.quickViews')}>
      {views.map((view) => {
        const active = search.filter === view.filter;
        return (
          <Button
            key={view.label}
            size="xs"
            variant={active ? 'filled' : 'default'}
            aria-pressed={active}
            onClick={() => void navigate({ to: route, search: active ? {} : { filter: view.filter } } as never)}
          >
            {t(view.label)}
          </Button>
        );
      })}
    </Group>
  );
}
