import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './app.css';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import './i18n/i18n.ts';
import { queryClient } from './lib/query.ts';
import { router } from './router.tsx';
import { theme } from './theme.ts';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'backlot.color-scheme' });

/**
 * Modals do not lock the page's scroll (react-remove-scroll would write a <style>, which the CSP forbids), and the
 * close button of every one is named in the current language.
 */
function Modals({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ModalsProvider modalProps={{ lockScroll: false, closeButtonProps: { 'aria-label': t('common.close') } }}>
      {children}
    </ModalsProvider>
  );
}

// No inline <style> elements (the CSP forbids them): Mantine's variables come from its stylesheet.
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
      withCssVariables={false}
      withGlobalClasses={false}
    >
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <Modals>
          <RouterProvider router={router} />
        </Modals>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
