/** An instant as the value of a `datetime-local` input, in the browser's time zone ('' for none). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** A `datetime-local` input's value as an ISO instant in UTC; empty is null. */
export function fromLocalInput(local: string): string | null {
  return local ? new Date(local).toISOString() : null;
}
