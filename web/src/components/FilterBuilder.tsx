import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FilterRow, OPERATORS, type Operator, parseFilter, rowOfError, toFilter } from '../lib/filter.ts';

export interface FilterField {
  name: string;
  /** The label's translation key. */
  label: string;
}

interface Props {
  fields: readonly FilterField[];
  value: string;
  /** The server's message about the filter (a 400 naming its column), if any. */
  error?: string;
  onApply(filter: string): void;
}

/** Rows of field, operator and value that write the filter language, beside a text field for the language itself. */
export function FilterBuilder({ fields, value, error, onApply }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [rows, setRows] = useState<FilterRow[]>(() => parseFilter(value) ?? []);
  const parsed = parseFilter(text);

  useEffect(() => {
    setText(value);
    setRows(parseFilter(value) ?? []);
  }, [value]);

  const errorRow = error && parsed ? rowOfError(parsed, error) : undefined;

  function changeRow(index: number, patch: Partial<FilterRow>) {
    const next = rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
    setRows(next);
    setText(toFilter(next));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(text.trim());
  }

  return (
    <form onSubmit={submit} aria-label={t('filter.title')}>
      <Stack gap="xs">
        {parsed === undefined && text.trim() !== '' ? (
          <Text size="sm" c="dimmed">
            {t('filter.tooComplex')}
          </Text>
        ) : (
          rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
              <Select
                aria-label={t('filter.field', { n: index + 1 })}
                data={fields.map((field) => ({ value: field.name, label: t(field.label) }))}
                value={row.field || null}
                onChange={(field) => changeRow(index, { field: field ?? '' })}
                w={170}
                error={errorRow === index ? error : undefined}
              />
              <Select
                aria-label={t('filter.operator', { n: index + 1 })}
                data={OPERATORS.map((op) => ({ value: op, label: t(`filter.ops.${op}`) }))}
                value={row.op}
                onChange={(op) => changeRow(index, { op: (op ?? '=') as Operator })}
                w={150}
              />
              {row.op !== 'is null' && row.op !== 'is not null' && (
                <TextInput
                  aria-label={t('filter.value', { n: index + 1 })}
                  value={row.value}
                  onChange={(event) => changeRow(index, { value: event.currentTarget.value })}
                  w={170}
                />
              )}
              <ActionIcon
                variant="subtle"
                size="lg"
                aria-label={t('filter.removeRow', { n: index + 1 })}
                onClick={() => {
                  const next = rows.filter((_, i) => i !== index);
                  setRows(next);
                  setText(toFilter(next));
                }}
              >
                <span aria-hidden="true">×</span>
              </ActionIcon>
            </Group>
          ))
        )}
        <Group gap="xs" align="flex-end">
          {(parsed !== undefined || text.trim() === '') && (
            <Button
              variant="default"
              size="xs"
              onClick={() => setRows([...rows, { field: fields[0]?.name ?? '', op: '=', value: '' }])}
            >
              {t('filter.addRow')}
            </Button>
          )}
          <TextInput
            className="mono"
            label={t('filter.language')}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              const next = parseFilter(event.currentTarget.value);
              if (next) setRows(next);
            }}
            error={error}
            flex={1}
            miw={240}
          />
          <Button type="submit" size="sm">
            {t('filter.apply')}
          </Button>
          {value && (
            <Button variant="default" size="sm" onClick={() => onApply('')}>
              {t('filter.clear')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
