import {
  ActionIcon,
  Burger,
  Button,
  Group,
  Kbd,
  Menu,
  NavLink,
  Text,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { spotlight } from '@mantine/spotlight';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { signOut } from '../auth/session.ts';
import { usePermissions } from '../auth/useSession.ts';
import { LANGUAGES } from '../i18n/i18n.ts';
import { CommandPalette } from './CommandPalette.tsx';
import { visibleNav } from './nav.ts';

export function Shell() {
  const { t, i18n } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { can, me } = usePermissions();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const path = useRouterState({ select: (state) => state.location.pathname });
  const items = visibleNav(can);

  return (
    <>
      <a href="#main" className="skip-link">
        {t('shell.skip')}
      </a>
      <header className="shell-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} className="shell-burger" size="sm" aria-label={t('shell.menu')} />
            <Text fw={700} size="lg" component={Link} to="/" className="brand">
              Backlot
            </Text>
          </Group>
          <Group wrap="nowrap" gap="xs">
            <Button variant="default" size="xs" onClick={() => spotlight.open()} aria-keyshortcuts="Control+K Meta+K">
              {t('shell.search')}&nbsp;<Kbd size="xs">Ctrl K</Kbd>
            </Button>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={scheme === 'dark' ? t('shell.lightTheme') : t('shell.darkTheme')}
              onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
            >
              <span aria-hidden="true">{scheme === 'dark' ? '☀' : '☾'}</span>
            </ActionIcon>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" size="xs" aria-label={t('shell.userMenu', { name: me?.fullName ?? '' })}>
                  {me?.fullName}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me?.email}</Menu.Label>
                <Menu.Item component={Link} to="/account">
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Label>{t('shell.language')}</Menu.Label>
                {LANGUAGES.map((language) => (
                  <Menu.Item
                    key={language.code}
                    lang={language.code}
                    aria-current={i18n.resolvedLanguage === language.code ? 'true' : undefined}
                    onClick={() => void i18n.changeLanguage(language.code)}
                  >
                    {language.name}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item onClick={() => void signOut()}>{t('shell.signOut')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </header>
      <div className="shell-body">
        <nav className="shell-nav" aria-label={t('shell.navigation')} data-opened={opened || undefined}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              search={item.search as never}
              label={t(item.label)}
              active={item.to === '/' ? path === '/' : path.startsWith(item.to)}
              onClick={close}
            />
          ))}
        </nav>
        <main className="shell-main" id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <CommandPalette items={items} />
    </>
  );
}
