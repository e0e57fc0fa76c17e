import { Alert, Button, Group, Progress, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, data } from '../api/client.ts';
import { csv, download } from '../lib/csv.ts';
import type { ListSearch } from '../router.tsx';
import { FilterBuilder, type FilterField } from './FilterBuilder.tsx';
import { SavedViews } from './SavedViews.tsx';

/** The list endpoints the console shows. */
export type ListPath =
  | '/api/v1/movies'
  | '/api/v1/actors'
  | '/api/v1/orders'
  | '/api/v1/clients'
  | '/api/v1/contracts'
  | '/api/v1/events'
  | '/api/v1/bookings'
  | '/api/v1/users'
  | '/api/v1/roles'
  | '/api/v1/audit';

export interface Column<T> {
  id: string;
  /** The header's translation key. */
  header: string;
  /** The sort field, when the server sorts by this column. */
  sort?: string;
  cell(item: T): ReactNode;
  /** The CSV value (defaults to the item's field of the same id). */
  csv?(item: T): unknown;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

async function fetchPage<T>(path: ListPath, query: Record<string, string | number | undefined>): Promise<Page<T>> {
  const result = await api.GET(path as '/api/v1/movies', { params: { query } });
  return data(result) as unknown as Page<T>;
}

interface Props<T> {
  title: string;
  path: ListPath;
  /** The console route of this list, for its URL state. */
  route: string;
  columns: Column<T>[];
  filterFields: FilterField[];
  searchable?: boolean;
  defaultSort: string;
  actions?: ReactNode;
  /** Extra fixed query (a quick view), not shown in the filter. */
  fixedFilter?: string;
  /** Shown above the filter (quick views). */
  toolbar?: ReactNode;
}

const PAGE_SIZE = 50;

/** A server list: sort, search, filter builder, keyset paging and CSV export, with all of its state in the URL. */
export function ListView<T extends { id: number }>(props: Props<T>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as ListSearch;
  const [exporting, setExporting] = useState<{ rows: number } | undefined>();
  const [exportError, setExportError] = useState<string>();
  const sort = search.sort ?? props.defaultSort;
  const wrapped =
    props.fixedFilter && search.filter
      ? `(${props.fixedFilter}) and (${search.filter})`
      : (props.fixedFilter ?? search.filter);

  const query = { limit: PAGE_SIZE, sort, q: search.q, filter: wrapped, cursor: search.cursor };
  const page = useQuery({
    queryKey: ['list', props.path, query],
    queryFn: () => fetchPage<T>(props.path, query),
    placeholderData: keepPreviousData,
  });

  const setSearch = (patch: Partial<ListSearch>) =>
    void navigate({
      to: props.route,
      search: (previous: ListSearch) => ({ ...previous, cursor: undefined, ...patch }),
    } as never);

  const onSearch = useDebouncedCallback((q: string) => setSearch({ q: q || undefined }), 300);

  const problem = page.error instanceof ApiError ? page.error.problem : undefined;
  const filterError = problem?.errors?.find((error) => error.path === 'filter')?.message;

  const columns = useMemo<ColumnDef<T>[]>(
    () =>
      props.columns.map((column) => ({
        id: column.id,
        header: () => t(column.header),
        cell: (context) => column.cell(context.row.original),
      })),
    [props.columns, t],
  );
  const table = useReactTable({
    data: page.data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
  });

  function toggleSort(field: string) {
    const current = sort.split(',')[0];
    setSearch({ sort: current === field ? `-${field}` : field });
  }

  async function exportCsv() {
    setExporting({ rows: 0 });
    setExportError(undefined);
    const rows: unknown[][] = [];
    try {
      let cursor: string | undefined;
      do {
        const next = await fetchPage<T>(props.path, { limit: 200, sort, q: search.q, filter: wrapped, cursor });
        for (const item of next.items) {
          rows.push(
            props.columns.map((column) =>
              column.csv ? column.csv(item) : (item as unknown as Record<string, unknown>)[column.id],
            ),
          );
        }
        setExporting({ rows: rows.length });
        cursor = next.nextCursor ?? undefined;
      } while (cursor);
      download(
        `${props.route.replace(/^\//, '')}.csv`,
        csv(
          props.columns.map((column) => t(column.header)),
          rows,
        ),
      );
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(undefined);
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {props.title}
        </Title>
        <Group gap="xs">
          {props.actions}
          <Button variant="default" onClick={() => void exportCsv()} loading={exporting !== undefined}>
            {t('list.export')}
          </Button>
        </Group>
      </Group>
      {exporting && (
        <Stack gap={4} role="status">
          <Text size="sm">{t('list.exporting', { count: exporting.rows })}</Text>
          <Progress value={100} animated aria-label={t('list.exportProgress')} />
        </Stack>
      )}
      {exportError && (
        <Alert color="red" role="alert">
          {exportError}
        </Alert>
      )}
      {props.toolbar}
      <SavedViews
        list={props.path.replace('/api/v1/', '') as Parameters<typeof SavedViews>[0]['list']}
        route={props.route}
      />
      {props.searchable && (
        <TextInput
          label={t('list.search')}
          defaultValue={search.q ?? ''}
          onChange={(event) => onSearch(event.currentTarget.value)}
          maw={360}
          type="search"
        />
      )}
      <FilterBuilder
        fields={props.filterFields}
        value={search.filter ?? ''}
        error={filterError}
        onApply={(value) => setSearch({ filter: value || undefined })}
      />
      {problem && !filterError && (
        <Alert color="red" role="alert">
          {problem.status === 403 ? t('errors.forbidden') : (problem.detail ?? t('errors.generic'))}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table striped highlightOnHover aria-busy={page.isFetching} aria-label={props.title}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const column = props.columns.find((candidate) => candidate.id === header.id);
                  const first = sort.split(',')[0] ?? '';
                  const direction =
                    column?.sort && first === column.sort
                      ? 'ascending'
                      : column?.sort && first === `-${column.sort}`
                        ? 'descending'
                        : undefined;
                  return (
                    <Table.Th key={header.id} aria-sort={direction ?? (column?.sort ? 'none' : undefined)}>
                      {column?.sort ? (
                        <UnstyledButton onClick={() => toggleSort(column.sort as string)} fw={700} fz="sm">
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">
                            {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
                          </span>
                        </UnstyledButton>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" role="status">
          {page.isPending ? t('common.loading') : t('list.shown', { count: page.data?.items.length ?? 0 })}
        </Text>
        <Group gap="xs">
          {search.cursor && (
            <Button variant="default" onClick={() => setSearch({ cursor: undefined })}>
              {t('list.first')}
            </Button>
          )}
          {page.data?.nextCursor && (
            <Button
              variant="default"
              onClick={() => setSearch({ ...search, cursor: page.data?.nextCursor ?? undefined })}
            >
              {t('list.next')}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
