import { CliError, EXIT, usage } from './errors.ts';
import type { ApiClient } from './http.ts';
import { type Io, interactive } from './io.ts';
import { money, printJson, progress, say } from './output.ts';

/** What an action receives: the client, its ID (when it takes one), its options and its --FIELD tokens. */
export interface Input {
  api: ApiClient;
  io: Io;
  id: number;
  options: Record<string, unknown>;
  /** The --FIELD VALUE tokens, typed against the request's schema by `body()`. */
  tokens: string[];
  json: boolean;
  resource: ResourceSpec;
  action: ActionSpec;
  /** Said on stderr after the output (not data). */
  hints: string[];
}

export interface OptionSpec {
  flags: string;
  description: string;
  required?: boolean;
  /** `id`: a positive integer; `int`: an integer; `repeat`: may be given several times, collected in a list. */
  kind?: 'id' | 'int' | 'repeat';
}

/** The request whose JSON schema (in the server's OpenAPI document) types the --FIELD VALUE pairs. */
export interface FieldsSpec {
  method: 'POST' | 'PATCH';
  path: string;
  /** Every required field must be given (creation). */
  create: boolean;
}

export interface ActionSpec {
  name: string;
  summary: string;
  /** Takes the item's ID as its argument. */
  id?: boolean;
  fields?: FieldsSpec;
  options?: OptionSpec[];
  /** Cannot be undone: asks first on a terminal, needs --yes without one. The verb says what: "Delete". */
  confirm?: string;
  /** Takes --if-match VERSION. */
  ifMatch?: boolean;
  /** Lists items (--columns, --wide, --fields apply to items). */
  lists?: boolean;
  examples?: string[];
  /** Returns the answer's body to print, null for "done" (then `done` is said), undefined when it printed itself. */
  run(input: Input): Promise<unknown>;
  done?(input: Input): string;
}

export interface ResourceSpec {
  name: string;
  /** One item, in messages: "Deleted movie 5." */
  one: string;
  /** "a" or "an", for "create an event". */
  article: 'a' | 'an';
  summary: string;
  /** The columns of a table, most useful first (the last ones give way on a narrow terminal). */
  columns: string[];
  /** Fields that hold another item's id, and which resource: shown with that item's name. */
  related?: Record<string, string>;
  /** What a confirmation shows of an item beside its name. */
  details?: string[];
  /** A filter for the examples. */
  sampleFilter?: string;
  /** Creation honours Idempotency-Key: send one, so that a retry cannot create twice. */
  idempotent?: boolean;
  actions: ActionSpec[];
}

type Generic = 'list' | 'show' | 'create' | 'update' | 'delete' | 'export';

interface Page {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

const LIST_OPTIONS: OptionSpec[] = [
  {
    flags: '--filter <expr>',
    description: 'the filter language (backlot help filter), e.g. "stock=0 or priceCents>2000"',
  },
  { flags: '--sort <fields>', description: 'sortable fields, comma-separated, - for descending' },
  { flags: '--limit <n>', description: 'items per page, 1-200 (default 50; 200 with --all)', kind: 'int' },
  { flags: '--q <text>', description: 'search the name-like fields' },
];

/** The names by which a user is shown (their email) and other items. */
const NAME_FIELDS: Record<string, string> = {
  movies: 'title',
  actors: 'name',
  clients: 'fullName',
  users: 'email',
  roles: 'name',
  events: 'name',
  bookings: 'topic',
};

export function article(resource: ResourceSpec): string {
  return `${resource.article} ${resource.one}`;
}

function generic(resource: Omit<ResourceSpec, 'actions'>, which: Generic): ActionSpec {
  const base = `/${resource.name}`;
  const r = resource as ResourceSpec;
  switch (which) {
    case 'list':
      return {
        name: 'list',
        summary: `list ${resource.name}`,
        lists: true,
        options: [...LIST_OPTIONS, { flags: '--all', description: 'follow nextCursor to the last page' }],
        examples: [
          `backlot ${resource.name} list`,
          ...(resource.sampleFilter ? [`backlot ${resource.name} list --filter "${resource.sampleFilter}" --all`] : []),
          `backlot ${resource.name} list --json --jq '.items[].id'`,
        ],
        run: (input) => list(input),
      };
    case 'export':
      return {
        name: 'export',
        summary: `write every ${resource.one} (all pages) as CSV to stdout`,
        options: LIST_OPTIONS.filter((o) => !o.flags.startsWith('--limit')),
        examples: [
          `backlot ${resource.name} export${resource.sampleFilter ? ` --filter "${resource.sampleFilter}"` : ''} > ${resource.name}.csv`,
        ],
        run: async (input) => (await import('./export.ts')).exportCsv(input, fetchAll),
      };
    case 'show':
      return {
        name: 'show',
        summary: `show one ${resource.one}`,
        id: true,
        examples: [`backlot ${resource.name} show 12`, `backlot ${resource.name} show 12 --json --fields id,version`],
        run: ({ api, id }) => api.call('GET', `${base}/${id}`),
      };
    case 'create':
      return {
        name: 'create',
        summary: `create ${article(r)}`,
        fields: { method: 'POST', path: base, create: true },
        run: async (input) =>
          input.api.call('POST', base, {
            body: await body(input),
            headers: resource.idempotent ? { 'idempotency-key': await idempotencyKey() } : undefined,
          }),
      };
    case 'update':
      return {
        name: 'update',
        summary: `change ${article(r)}`,
        id: true,
        ifMatch: true,
        fields: { method: 'PATCH', path: `${base}/{id}`, create: false },
        run: async (input) => {
          if (input.tokens.length === 0) throw usage('say what to change: --FIELD VALUE …');
          return input.api.call('PATCH', `${base}/${input.id}`, {
            body: await body(input),
            headers: ifMatch(input),
          });
        },
      };
    case 'delete':
      return {
        name: 'delete',
        summary: `delete ${article(r)} (asks first unless --yes)`,
        id: true,
        confirm: 'Delete',
        ifMatch: true,
        examples: [`backlot ${resource.name} delete 12`, `backlot ${resource.name} delete 12 --yes --if-match 3`],
        run: async (input) => input.api.call('DELETE', `${base}/${input.id}`, { headers: ifMatch(input) }),
        done: ({ id }) => `Deleted ${resource.one} ${id}.`,
      };
  }
}

/** The --FIELD VALUE pairs, typed by the request's schema in the server's OpenAPI document. */
async function body(input: Input): Promise<Record<string, unknown>> {
  const spec = input.action.fields!;
  const [{ requestSchema }, { parseFields }] = await Promise.all([import('./openapi.ts'), import('./fields.ts')]);
  const schema = await requestSchema(input.api, spec.method, spec.path);
  return parseFields(input.tokens, schema, spec.create);
}

/** node:crypto is loaded only by the commands that create. */
async function idempotencyKey(): Promise<string> {
  return (await import('node:crypto')).randomUUID();
}

function ifMatch(input: Input): Record<string, string> | undefined {
  const version = input.options.ifMatch as number | undefined;
  return version === undefined ? undefined : { 'if-match': `"${version}"` };
}

function listQuery(options: Record<string, unknown>, all: boolean) {
  const limit = options.limit as number | undefined;
  if (limit !== undefined && (limit < 1 || limit > 200)) throw usage('--limit must be between 1 and 200');
  return {
    filter: options.filter as string | undefined,
    sort: options.sort as string | undefined,
    q: options.q as string | undefined,
    limit: limit ?? (all ? 200 : undefined),
  };
}

/** Every page of a list, with a progress line on a terminal. */
async function fetchAll(input: Input): Promise<Record<string, unknown>[]> {
  const { api, io, options, resource } = input;
  const query = listQuery(options, true);
  let page = await api.call<Page>('GET', `/${resource.name}`, { query });
  const items = [...page.items];
  const bar = progress(io, `Fetching ${resource.name}:`);
  bar.update(items.length);
  while (page.nextCursor) {
    page = await api.call<Page>('GET', `/${resource.name}`, { query: { ...query, cursor: page.nextCursor } });
    items.push(...page.items);
    bar.update(items.length);
  }
  bar.done();
  return items;
}

async function list(input: Input): Promise<unknown> {
  const { api, io, options, json, resource } = input;
  if (options.all) {
    const items = await fetchAll(input);
    return json ? { items, nextCursor: null } : items;
  }
  const page = await api.call<Page>('GET', `/${resource.name}`, { query: listQuery(options, false) });
  if (json) return page;
  if (page.nextCursor && io.stderr.isTTY) input.hints.push('More: use --all.');
  return page.items;
}

/** The names of the items that `rows` refer to, by field, fetched in one list request per resource. */
export async function relatedNames(
  api: ApiClient,
  resource: ResourceSpec,
  rows: Record<string, unknown>[],
): Promise<Record<string, Record<string, string>>> {
  const related = resource.related ?? {};
  const byResource = new Map<string, Set<number>>();
  for (const [field, target] of Object.entries(related)) {
    for (const row of rows) {
      const value = row[field];
      if (typeof value === 'number') {
        const ids = byResource.get(target) ?? new Set();
        ids.add(value);
        byResource.set(target, ids);
      }
    }
  }
  const found = new Map<string, Record<string, string>>();
  await Promise.all(
    [...byResource].map(async ([target, ids]) => {
      const nameField = NAME_FIELDS[target];
      if (!nameField || ids.size === 0 || ids.size > 200) return;
      try {
        const page = await api.call<Page>('GET', `/${target}`, {
          query: { filter: `id in (${[...ids].join(',')})`, limit: 200 },
        });
        found.set(
          target,
          Object.fromEntries(page.items.map((item) => [String(item.id), String(item[nameField] ?? '')])),
        );
      } catch {
        // Names are a courtesy: without the permission to read them, ids alone are shown.
      }
    }),
  );
  const names: Record<string, Record<string, string>> = {};
  for (const [field, target] of Object.entries(related)) {
    const map = found.get(target);
    if (map) names[field] = map;
  }
  return names;
}

/** "movie 12 “Static” (2020-01-02)": what a confirmation shows. */
export function describe(resource: ResourceSpec, item: Record<string, unknown>): string {
  const nameField = NAME_FIELDS[resource.name];
  const name = nameField && typeof item[nameField] === 'string' ? ` “${item[nameField]}”` : '';
  const details = (resource.details ?? [])
    .filter((field) => item[field] !== null && item[field] !== undefined)
    .map((field) => (/.Cents$/.test(field) ? money(Number(item[field])) : String(item[field])));
  return `${resource.one} ${item.id}${name}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
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

const ALL: Generic[] = ['list', 'show', 'create', 'update', 'delete', 'export'];
const USERS = 'users';

/** Every resource of the API client and what can be done with it (SPEC §9). */
export const RESOURCES: ResourceSpec[] = [
  resource(
    {
      name: 'movies',
      one: 'movie',
      article: 'a',
      summary: 'films, their cast, price and stock',
      columns: ['id', 'title', 'releaseDate', 'priceCents', 'stock', 'genres', 'updatedAt'],
      details: ['releaseDate'],
      sampleFilter: 'releaseDate>=2020-01-01 and stock>0',
    },
    ALL,
    (base) => [
      {
        name: 'cast',
        summary: 'cast an actor in a movie, or change their part',
        id: true,
        options: [
          { flags: '--actor <id>', description: 'the actor', required: true, kind: 'id' },
          { flags: '--character <name>', description: 'the part they play', required: true },
          { flags: '--billing <n>', description: 'their rank in the credits', kind: 'int' },
        ],
        examples: ['backlot movies cast 12 --actor 7 --character Mara --billing 1'],
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
        examples: ['backlot movies uncast 12 --actor 7'],
        run: ({ api, id, options }) => api.call('DELETE', `${base}/${id}/cast/${options.actor}`),
        done: ({ id, options }) => `Removed actor ${options.actor} from movie ${id}.`,
      },
    ],
  ),
  resource(
    {
      name: 'actors',
      one: 'actor',
      article: 'an',
      summary: 'actors and their filmography',
      columns: ['id', 'name', 'age', 'gender', 'updatedAt'],
      sampleFilter: 'age<30',
    },
    ALL,
  ),
  resource(
    {
      name: 'clients',
      one: 'client',
      article: 'a',
      summary: 'the CRM: clients',
      columns: ['id', 'fullName', 'companyName', 'email', 'salesContactId', 'phone', 'lastContactAt'],
      details: ['email'],
      related: { salesContactId: USERS },
      sampleFilter: 'salesContactId=me',
    },
    ALL,
  ),
  resource(
    {
      name: 'contracts',
      one: 'contract',
      article: 'a',
      summary: "clients' contracts",
      columns: ['id', 'clientId', 'status', 'totalCents', 'dueCents', 'signedAt', 'salesContactId'],
      details: ['status', 'totalCents'],
      related: { clientId: 'clients', salesContactId: USERS },
      sampleFilter: 'status=signed and dueCents>0',
    },
    ['list', 'show', 'create', 'update', 'export'],
    (base) => [
      {
        name: 'sign',
        summary: 'sign a contract (once; it cannot be unsigned)',
        id: true,
        confirm: 'Sign',
        examples: ['backlot contracts sign 4', 'backlot contracts sign 4 --yes'],
        run: ({ api, id }) => api.call('POST', `${base}/${id}/sign`),
      },
    ],
  ),
  resource(
    {
      name: 'events',
      one: 'event',
      article: 'an',
      summary: 'events of signed contracts',
      columns: [
        'id',
        'name',
        'startsAt',
        'clientId',
        'supportContactId',
        'location',
        'attendees',
        'endsAt',
        'contractId',
      ],
      related: { clientId: 'clients', supportContactId: USERS },
      sampleFilter: 'supportContactId is null',
    },
    ['list', 'show', 'create', 'update', 'export'],
    (base) => [
      {
        name: 'assign',
        summary: 'assign support to an event',
        id: true,
        options: [{ flags: '--support <user>', description: 'a user id, an email, or none', required: true }],
        examples: ['backlot events assign 9 --support ann@example.com', 'backlot events assign 9 --support none'],
        run: async ({ api, id, options }) =>
          api.call('PATCH', `${base}/${id}`, {
            body: { supportContactId: await userRef(api, String(options.support)) },
          }),
      },
    ],
  ),
  resource(
    {
      name: 'bookings',
      one: 'booking',
      article: 'a',
      summary: 'requests to book an event',
      idempotent: true,
      columns: ['id', 'topic', 'startsAt', 'status', 'durationMinutes', 'attendees', 'requesterId', 'decidedBy'],
      details: ['status', 'startsAt'],
      related: { requesterId: USERS, decidedBy: USERS },
      sampleFilter: 'status=pending',
    },
    ['list', 'show', 'create', 'delete', 'export'],
    (base, make) => [
      {
        ...make('create'),
        name: 'submit',
        summary: 'submit a booking request',
        examples: [
          'backlot bookings submit --topic Launch --starts-at "2030-05-01 18:00" --duration-minutes 90 \\\n    --attendees 40 --address.street "1 Main St" --address.city Lyon --address.postal-code 69001 --address.country FR',
        ],
      },
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
        examples: ["backlot bookings reject 3 --reason 'Fully booked'"],
        run: ({ api, id, options }) => api.call('POST', `${base}/${id}/reject`, { body: { reason: options.reason } }),
      },
      {
        name: 'withdraw',
        summary: 'withdraw your pending booking',
        id: true,
        confirm: 'Withdraw',
        run: ({ api, id }) => api.call('DELETE', `${base}/${id}`),
        done: ({ id }) => `Withdrew booking ${id}.`,
      },
    ],
  ),
  resource(
    {
      name: 'orders',
      one: 'order',
      article: 'an',
      summary: 'store orders',
      idempotent: true,
      columns: ['id', 'clientId', 'status', 'totalCents', 'createdAt', 'assigneeId', 'fulfilledAt'],
      details: ['status', 'totalCents'],
      related: { clientId: 'clients', assigneeId: USERS },
      sampleFilter: 'status=pending',
    },
    ['list', 'show', 'update', 'export'],
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
        examples: ['backlot orders place --client 5 --item 12:2 --item 14:1'],
        run: async ({ api, options }) =>
          api.call('POST', base, {
            body: { clientId: options.client, items: (options.item as string[]).map(orderItem) },
            headers: { 'idempotency-key': await idempotencyKey() },
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
        summary: 'cancel a pending order (gives the stock back; cannot be undone)',
        id: true,
        confirm: 'Cancel',
        run: ({ api, id }) => api.call('POST', `${base}/${id}/cancel`),
      },
    ],
  ),
  resource(
    {
      name: 'users',
      one: 'user',
      article: 'a',
      summary: 'staff and requester accounts',
      columns: ['id', 'email', 'fullName', 'roles', 'active', 'lastLoginAt', 'employeeNumber'],
      details: ['fullName'],
      sampleFilter: 'active=true',
    },
    ALL,
    (base) => [
      {
        name: 'reset-password',
        summary: 'give a user a one-time password (shown once) and end their sessions',
        id: true,
        confirm: 'Reset the password of',
        run: ({ api, id }) => api.call('POST', `${base}/${id}/reset-password`),
      },
      {
        name: 'deactivate',
        summary: 'deactivate a user and end their sessions',
        id: true,
        confirm: 'Deactivate',
        run: ({ api, id }) => api.call('DELETE', `${base}/${id}`),
        done: ({ id }) => `Deactivated user ${id}.`,
      },
    ],
  ),
  resource(
    {
      name: 'roles',
      one: 'role',
      article: 'a',
      summary: 'roles and their permissions',
      columns: ['id', 'name', 'builtIn', 'description', 'permissions'],
    },
    ALL,
  ),
  resource(
    {
      name: 'audit',
      one: 'audit entry',
      article: 'an',
      summary: 'the tamper-evident record of every change',
      columns: ['id', 'at', 'actorId', 'action', 'entity', 'entityId'],
      related: { actorId: USERS },
      sampleFilter: 'entity=movies',
    },
    ['list', 'export'],
    (base) => [
      {
        name: 'verify',
        summary: 're-check the hash chain (exit 1 when broken)',
        run: async ({ api, io, json }) => {
          const result = await api.call<{
            ok: boolean;
            checked: number;
            brokenAt: { id: number; reason: string } | null;
          }>('GET', `${base}/verify`);
          if (json) printJson(io, result);
          if (!result.ok) {
            const at = result.brokenAt;
            throw new CliError(
              EXIT.failure,
              `the audit chain is broken${at ? ` at entry ${at.id}: ${at.reason}` : ''}`,
            );
          }
          say(io, `The audit chain is intact: ${result.checked} entries checked.`, json);
          return undefined;
        },
      },
    ],
  ),
];

/** Asks before an action that cannot be undone, naming the item; --yes skips it, and is needed off a terminal. */
export async function confirmAction(input: Input): Promise<void> {
  const { action, resource, io, options, api, id } = input;
  if (options.yes) return;
  const verb = action.confirm!;
  if (!interactive(io)) {
    throw usage(`${action.name} cannot be undone: say --yes when there is no terminal to ask on`);
  }
  const item = await api.call<Record<string, unknown>>('GET', `/${resource.name}/${id}`);
  const { confirm } = await import('./prompt.ts');
  if (!(await confirm(io, `${verb} ${describe(resource, item)}?`))) {
    throw new CliError(EXIT.failure, `not done: ${verb.toLowerCase()} ${resource.one} ${id} was cancelled`);
  }
}
