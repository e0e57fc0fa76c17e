import type { Input } from './resources.ts';

type Row = Record<string, unknown>;

/**
 * `<resource> export`: every page as CSV (RFC 4180) on stdout. Values are the API's own (cents, ISO 8601 UTC),
 * for a spreadsheet or another program; a text cell that a spreadsheet would run as a formula is quoted with '.
 */
export async function exportCsv(input: Input, fetchAll: (input: Input) => Promise<Row[]>): Promise<undefined> {
  const items = await fetchAll(input);
  const columns: string[] = [];
  for (const item of items) {
    for (const [key, value] of Object.entries(item)) {
      const flat =
        value === null ||
        typeof value !== 'object' ||
        (Array.isArray(value) && value.every((v) => typeof v !== 'object'));
      if (flat && !columns.includes(key)) columns.push(key);
    }
  }
  const lines = [columns.map(csvCell).join(',')];
  for (const item of items) lines.push(columns.map((c) => csvCell(item[c])).join(','));
  input.io.stdout.write(`${lines.join('\r\n')}\r\n`);
  if (input.io.stderr.isTTY) input.io.stderr.write(`${items.length} ${input.resource.name} exported.\n`);
  return undefined;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join(', ') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
