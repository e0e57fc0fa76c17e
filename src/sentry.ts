import * as Sentry from '@sentry/node';
import type { Monitor } from './monitoring.ts';

/**
 * Sentry as the process's monitor: unexpected errors as exceptions, business events as info messages.
 * No tracing and no automatic instrumentation: Backlot reports what it decides to report.
 */
export function sentryMonitor(dsn: string, environment: string): Monitor & { close(): Promise<boolean> } {
  Sentry.init({
    dsn,
    environment,
    defaultIntegrations: false,
    integrations: [Sentry.linkedErrorsIntegration(), Sentry.dedupeIntegration()],
    tracesSampleRate: 0,
  });
  return {
    event(name, data) {
      Sentry.captureMessage(name, { level: 'info', tags: { event: name }, extra: data });
    },
    error(error, context) {
      Sentry.captureException(error, context ? { tags: context } : undefined);
    },
    close: () => Sentry.close(2000),
  };
}
