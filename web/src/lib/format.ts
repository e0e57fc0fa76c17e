import i18n from 'i18next';

/** The currency the console shows `…Cents` amounts in (the API stores minor units and names no currency). */
export const CURRENCY = 'EUR';

export function money(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return new Intl.NumberFormat(i18n.language, { style: 'currency', currency: CURRENCY }).format(cents / 100);
}

export function number(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return new Intl.NumberFormat(i18n.language).format(value);
}

export function date(value: string | null | undefined): string {
  if (!value) return '';
  // A date alone (YYYY-MM-DD) is a calendar day: shown as such, not shifted by the time zone.
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    ...(value.length > 10 ? { timeStyle: 'short' } : { timeZone: 'UTC' }),
  }).format(parsed);
}
