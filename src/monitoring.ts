/**
 * Business events and unexpected errors for error monitoring (Sentry when SENTRY_DSN is set).
 * Services call `monitor.event(...)` after a change commits; with no monitoring configured it does nothing.
 */
export interface Monitor {
  /** A monitored business event: a user created or changed, a contract signed. */
  event(name: string, data: Record<string, string | number | boolean | null>): void;
  /** An unexpected error. */
  error(error: unknown, context?: Record<string, string>): void;
}

const nothing: Monitor = { event() {}, error() {} };

let current: Monitor = nothing;

export const monitor: Monitor = {
  event: (name, data) => current.event(name, data),
  error: (error, context) => current.error(error, context),
};

/** Installs the process's monitor (at start-up), or removes it. */
export function setMonitor(next: Monitor | undefined): void {
  current = next ?? nothing;
}
