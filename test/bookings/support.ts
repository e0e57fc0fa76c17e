const HOUR = 3600_000;

/** A valid booking request a month from now; `extra` replaces fields. */
export function bookingBody(extra: Record<string, unknown> = {}) {
  return {
    topic: 'Product launch',
    startsAt: new Date(Date.now() + 30 * 24 * HOUR).toISOString(),
    durationMinutes: 90,
    attendees: 40,
    address: { street: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
    ...extra,
  };
}
