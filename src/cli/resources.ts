import { randomUUID } from 'node:crypto';
import { CliError, EXIT, usage } from './errors.ts';
import type { ApiClient } from './http.ts';
import { dim, printJson, progress, say, show } from './output.ts';
import { confirm, interactive } from './prompt.ts';

/** What an action receives: the client, its ID (when it takes one), its options and its --FIELD VALUE body. */
export interface Input {
  api: ApiClient;
  id: number;
  options: Record<string, unknown>;
  fields: Record<string, unknown>;
  json: boolean;
}

export interface OptionSpec {
  flags: string;
  description: string;
  required?: boolean;
  /** `id`: a positive integer; `int`: an integer; `repeat`: may be given several times, collected in a list. */
  kind?: 'id' | 'int' | 'repeat';
}

export interface ActionSpec {
  name: string;
  summary: string;
  /** Takes the item's ID as its argument. */
  id?: boolean;
  /** Takes `--FIELD VALUE` pairs as the request body. */
  fields?: boolean;
  options?: OptionSpec[];
  /** Returns the answer's body to print, null for "done" (then `done` is said), undefined when it printed itself. */
  run(input: Input): Promise<unknown>;
  done?(input: Input): string;
}

export interface ResourceSpec {
  name: string;
  /** One item, in messages: "Deleted movie 5." */
  one: string;
  summary: string;
  /** Creation honours Idempotency-Key: send one, so that a retry cannot create twice. */
  idempotent?: boolean;
  actions: ActionSpec[];
}

type Generic = 'list' | 'show' | 'create' | 'update' | 'delete';

interface Page {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

const LIST_OPTIONS: OptionSpec[] = [
  { flags: '--filter <expr>', description: 'filter language, e.g. "releaseDate>=2020-01-01 and genres~\'drama\'"' },
  { flags: '--sort <fields>', description: 'sortable fields, comma-separated, - for descending' },
  { flags: '--limit <n>', description: 'items per page, 1-200 (default 50; 200 with --all)', kind: 'int' },
  { flags: '--q <text>', description: 'search the name-like fields' },
  { flags: '--all', description: 'follow nextCursor to the last page' },
];

function generic(resource: Omit<ResourceSpec, 'actions'>, which: Generic): ActionSpec {
  const base = `/${resource.name}`;
  switch (which) {
    case 'list':
      return {
        name: 'list',
        summary: `list ${resource.name}`,
        options: LIST_OPTIONS,
        run: (input) => list(input, resource.name),
      };
    case 'show':
      return {
        name: 'show',
        summary: `show one ${resource.one}`,
        id: true,
        run: ({ api, id }) => api.call('GET', `${base}/${id}`),
      };
    case 'create':
      return {
        name: 'create',
        summary: `create a ${resource.one}`,
        fields: true,
        run: ({ api, fields }) =>
          api.call('POST', base, {
            body: fields,
            headers: resource.idempotent ? { 'idempotency-key': randomUUID() } : undefined,
          }),
      };
    case 'update':
      return {
        name: 'update',
        summary: `change a ${resource.one}`,
        id: true,
        fields: true,
        run: ({ api, id, fields }) => {
          if (Object.keys(fields).length === 0) throw usage('say what to change: --FIELD VALUE …');
          return api.call('PATCH', `${base}/${id}`, { body: fields });
        },
      };
    case 'delete':
      return {
        name: 'delete',
        summary: `delete a ${resource.one} (asks first unless --yes)`,
        id: true,
        options: [{ flags: '--yes', description: 'do not ask for confirmation' }],
        run: async ({ api, id, options }) => {
          if (!options.yes) {
            if (!interactive()) throw usage(`deleting needs --yes when there is no terminal to ask on`);
            if (!(await confirm(`Delete ${resource.one} ${id}?`))) throw new CliError(EXIT.failure, 'not deleted');
          }
          return api.call('DELETE', `${base}/${id}`);
        },
        done: ({ id }) => `Deleted ${resource.one} ${id}.`,
      };
  }
}

async function list({ api, options, json }: Input, name: string): Promise<undefined> {
  const all = Boolean(options.all);
  const limit = options.limit as number | undefined;
  if (limit !== undefined && (limit < 1 || limit > 200)) throw usage('--limit must be between 1 and 200');
  const query = {
    filter: options.filter as string | undefined,
    sort: options.sort as string | undefined,
    q: options.q as string | undefined,
    limit: limit ?? (all ? 200 : undefined),
  };
  let page = await api.call<Page>('GET', `/${name}`, { query });
  if (!all) {
    show(json ? page : page.items, json);
    if (!json && page.nextCursor && process.stderr.isTTY)
      process.stderr.write(`${dim(process.stderr, 'More: use --all.')}\n`);
    return;
  }
  const items = [...page.items];
  const bar = progress(`Fetching ${name}:`);
  bar.update(items.length);
  while (page.nextCursor) {
    page = await api.call<Page>('GET', `/${name}`, { query: { ...query, cursor: page.nextCursor } });
    items.push(...page.items);
    bar.update(items.length);
  }
  bar.done();
  if (json) printJson({ items, nextCursor: null });
  else show(items, false);
}

/** Resolves `--support`: a user id, an email (looked up), or `none` to unassign. */
async function userRef(api: ApiClient, value: string): Promise<number | null> {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'none' || value === 'null') return null;
  if (!value.includes('@')) throw usage(`--support takes a user id, an email or none, not ${value}`);
  const filter = `email='${value.replaceAll("'", "''")}'`;
  const page = await api.call<Page>('GET', '/users', { query: { filter, limit: 2 } });
  const found = page.items[0];
  if (!found) throw new CliError(EXIT.notFound, `no user has the email ${value}`);
  return Number(found.id);
}

function orderItem(value: string): { movieId: number; quantity: number } {
  const match = /^(\d+):(\d+)$/.exec(value);
  if (!match) throw usage(`--item takes MOVIE:QTY (a movie id and a quantity), not ${value}`);
  return { movieId: Number(match[1]), quantity: Number(match[2]) };
}

function resource(
  spec: Omit<ResourceSpec, 'actions'>,
  operations: Generic[],
  extra: (base: string, make: (op: Generic) => ActionSpec) => ActionSpec[] = () => [],
): ResourceSpec {
  const make = (op: Generic) => generic(spec, op);
  return { ...spec, actions: [...operations.map(make), ...extra(`/${spec.name}`, make)] };
}

const ALL: Generic[] = ['list', 'show', 'create', 'update', 'delete'];

/** Every resource of the API client and what can be done with it (SPEC §9). */
export const RESOURCES: ResourceSpec[] = [
  resource({ name: 'movies', one: 'movie', summary: 'films, their cast, price and stock' }, ALL, (base) => [
    {
      name: 'cast',
      summary: 'cast an actor in a movie, or change their part',
      id: true,
      options: [
        { flags: '--actor <id>', description: 'the actor', required: true, kind: 'id' },
        { flags: '--character <name>', description: 'the part they play', required: true },
        { flags: '--billing <n>', description: 'their rank in the credits', kind: 'int' },
      ],
      run: ({ api, id, options }) =>
        api.call('PUT', `${base}/${id}/cast/${options.actor}`, {
          body: {
            character: options.character,
            ...(options.billing === undefined ? {} : { billing: options.billing }),
          },
        }),
    },
    {
      name: 'uncast',
      summary: 'remove an actor from a movie',
      id: true,
      options: [{ flags: '--actor <id>', description: 'the actor', required: true, kind: 'id' }],
      run: ({ api, id, options }) => api.call('DELETE', `${base}/${id}/cast/${options.actor}`),
      done: ({ id, options }) => `Removed actor ${options.actor} from movie ${id}.`,
    },
  ]),
  resource({ name: 'actors', one: 'actor', summary: 'actors and their filmography' }, ALL),
  resource({ name: 'clients', one: 'client', summary: 'the CRM: clients' }, ALL),
  resource(
    { name: 'contracts', one: 'contract', summary: "clients' contracts" },
    ['list', 'show', 'create', 'update'],
    (base) => [
      {
        name: 'sign',
        summary: 'sign a contract (once)',
        id: true,
        run: ({ api, id }) => api.call('POST', `${base}/${id}/sign`),
      },
    ],
  ),
  resource(
    { name: 'events', one: 'event', summary: 'events of signed contracts' },
    ['list', 'show', 'create', 'update'],
    (base) => [
      {
        name: 'assign',
        summary: 'assign support to an event',
        id: true,
        options: [{ flags: '--support <user>', description: 'a user id, an email, or none', required: true }],
        run: async ({ api, id, options }) =>
          api.call('PATCH', `${base}/${id}`, {
            body: { supportContactId: await userRef(api, String(options.support)) },
          }),
      },
    ],
  ),
  resource(
    { name: 'bookings', one: 'booking', summary: 'requests to book an event', idempotent: true },
    ['list', 'show', 'create', 'delete'],
    (base, make) => [
      { ...make('create'), name: 'submit', summary: 'submit a booking request' },
      {
        name: 'accept',
        summary: 'accept a pending booking',
        id: true,
        options: [{ flags: '--note <text>', description: 'a note for the requester' }],
        run: ({ api, id, options }) =>
          api.call('POST', `${base}/${id}/accept`, { body: options.note === undefined ? {} : { note: options.note } }),
      },
      {
        name: 'reject',
        summary: 'reject a pending booking',
        id: true,
        options: [{ flags: '--reason <text>', description: 'why', required: true }],
        run: ({ api, id, options }) => api.call('POST', `${base}/${id}/reject`, { body: { reason: options.reason } }),
      },
      {
        name: 'withdraw',
        summary: 'withdraw your pending booking',
        id: true,
        run: ({ api, id }) => api.call('DELETE', `${base}/${id}`),
        done: ({ id }) => `Withdrew booking ${id}.`,
      },
    ],
  ),
  resource(
    { name: 'orders', one: 'order', summary: 'store orders', idempotent: true },
    ['list', 'show', 'update'],
    (base) => [
      {
        name: 'place',
        summary: 'place an order',
        options: [
          { flags: '--client <id>', description: 'the client', required: true, kind: 'id' },
          {
            flags: '--item <movie:qty>',
            description: 'a movie id and a quantity; repeat for more',
            required: true,
            kind: 'repeat',
          },
        ],
        run: ({ api, options }) =>
          api.call('POST', base, {
            body: { clientId: options.client, items: (options.item as string[]).map(orderItem) },
            headers: { 'idempotency-key': randomUUID() },
          }),
      },
      {
        name: 'fulfil',
        summary: 'fulfil a pending order',
        id: true,
        run: ({ api, id }) => api.call('POST', `${base}/${id}/fulfil`),
      },
      {
        name: 'cancel',
        summary: 'cancel a pending order (gives the stock back)',
        id: true,
        run: ({ api, id }) => api.call('POST', `${base}/${id}/cancel`),
      },
    ],
  ),
  resource({ name: 'users', one: 'user', summary: 'staff and requester accounts' }, ALL, (base) => [
    {
      name: 'reset-password',
      summary: 'give a user a one-time password (shown once) and end their sessions',
      id: true,
      run: ({ api, id }) => api.call('POST', `${base}/${id}/reset-password`),
    },
    {
      name: 'deactivate',
      summary: 'deactivate a user and end their sessions',
      id: true,
      run: ({ api, id }) => api.call('DELETE', `${base}/${id}`),
      done: ({ id }) => `Deactivated user ${id}.`,
    },
  ]),
  resource({ name: 'roles', one: 'role', summary: 'roles and their permissions' }, ALL),
  resource(
    { name: 'audit', one: 'audit entry', summary: 'the tamper-evident record of every change' },
    ['list'],
    (base) => [
      {
        name: 'verify',
        summary: 're-check the hash chain (exit 1 when broken)',
        run: async ({ api, json }) => {
          const result = await api.call<{
            ok: boolean;
            checked: number;
            brokenAt: { id: number; reason: string } | null;
          }>('GET', `${base}/verify`);
          if (json) printJson(result);
          if (!result.ok) {
            const at = result.brokenAt;
            throw new CliError(
              EXIT.failure,
              `the audit chain is broken${at ? ` at entry ${at.id}: ${at.reason}` : ''}`,
            );
          }
          say(`The audit chain is intact: ${result.checked} entries checked.`, json);
          return undefined;
        },
      },
    ],
  ),
];
