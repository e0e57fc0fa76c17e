import { type Command, InvalidArgumentError, Option } from 'commander';
import { type ExitCode, usage } from './errors.ts';
import { ApiClient } from './http.ts';
import type { Io } from './io.ts';
import { chooseColumns, label, printJson, report, say, show, type View } from './output.ts';
import {
  type ActionSpec,
  confirmAction,
  type Input,
  type OptionSpec,
  RESOURCES,
  type ResourceSpec,
  relatedNames,
} from './resources.ts';

/** What a run of the client ends with, and what the help printer knows about each command. */
export interface RunState {
  exitCode: ExitCode;
  /** The command asked for JSON: errors are printed as JSON too. */
  json: boolean;
  examples: WeakMap<Command, string[]>;
  /** The FIELDS section of a create/update/submit command's help, read from the server when help was asked. */
  fieldHelp: WeakMap<Command, string>;
  /** Which action a command runs, for help and completion. */
  actions: WeakMap<Command, { resource: ResourceSpec; action: ActionSpec }>;
}

const SERVER_HELP = 'the Backlot server (default: BACKLOT_URL, else the one saved at login)';
const PROFILE_HELP = 'which saved session to use (default: BACKLOT_PROFILE, else "default")';

/**
 * Registers the API client's commands (login, logout, whoami, …, and one group per resource) on `program`.
 * `only`: the resource this run is about, whose group alone is built (the others cost start-up time for nothing).
 */
export function registerClientCommands(program: Command, io: Io, state: RunState, only?: string): void {
  registerSession(program, io, state);
  const single = RESOURCES.find((r) => r.name === only);
  for (const resource of single ? [single] : RESOURCES) {
    const group = program.command(resource.name).description(resource.summary);
    groupAction(group, io, state);
    state.examples.set(group, resource.actions.flatMap((a) => a.examples ?? []).slice(0, 4));
    for (const action of resource.actions) registerAction(group, resource, action, io, state);
  }
}

/** `backlot movies` alone shows its help; `backlot movies frobnicate` is a usage error naming the commands. */
export function groupAction(group: Command, io: Io, state: RunState): void {
  group.usage('<command> [flags]');
  group.argument('[command]').action((name: string | undefined) => {
    if (name === undefined) {
      group.outputHelp();
      return;
    }
    const known = group.commands.map((c) => c.name()).join(', ');
    state.exitCode = report(io, usage(`unknown command '${name}' for '${group.name()}'; it has: ${known}`), false);
  });
}

/** The client's commands end with their own exit codes (SPEC §9), never through main's CommanderError mapping. */
function guarded<A extends unknown[]>(
  io: Io,
  state: RunState,
  work: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    const self = args.at(-1) as Command;
    const options = self.opts();
    state.json = Boolean(options.json || options.jq !== undefined || options.fields !== undefined);
    try {
      await work(...args);
    } catch (error) {
      state.exitCode = report(io, error, state.json, options.filter as string | undefined);
    }
  };
}

function leaf(parent: Command, name: string, summary: string): Command {
  return parent
    .command(name)
    .description(summary)
    .option('--server <url>', SERVER_HELP)
    .option('--profile <name>', PROFILE_HELP);
}

function jsonOptions(command: Command, lists = false): Command {
  return command
    .option('--json', 'print the JSON the server answered')
    .option('--jq <expr>', 'filter the JSON with a jq expression (implies --json; no jq install needed)')
    .option('--fields <a,b>', `only these fields of ${lists ? 'each item' : 'the answer'} (implies --json)`, list);
}

function registerAction(group: Command, resource: ResourceSpec, action: ActionSpec, io: Io, state: RunState): void {
  const command = jsonOptions(leaf(group, action.name, action.summary), action.lists);
  state.actions.set(command, { resource, action });
  if (action.id) command.argument('<id>', `the ${resource.one}'s id`, idArg);
  for (const spec of action.options ?? []) command.addOption(option(spec));
  if (action.lists) {
    command
      .option('--columns <a,b>', `the table's columns (default: ${resource.columns.map(label).join(',')})`, list)
      .option('--wide', 'every column, uncut');
  }
  if (action.ifMatch) {
    command.addOption(
      new Option('--if-match <version>', 'only if the item is still at this version (else exit 6)').argParser(idArg),
    );
  }
  if (action.confirm) command.option('--yes', 'do not ask for confirmation (needed without a terminal)');
  if (action.fields) {
    command
      .usage(`${action.id ? '<id> ' : ''}--FIELD VALUE … [flags]`)
      .allowUnknownOption()
      .allowExcessArguments();
  }
  state.examples.set(command, action.examples ?? fieldExamples(resource, action));
  command.action(
    guarded(io, state, async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const options = self.opts();
      const api = new ApiClient({ server: options.server, profile: options.profile }, io.env);
      const input: Input = {
        api,
        io,
        id: action.id ? (self.processedArgs[0] as number) : 0,
        options,
        tokens: action.fields ? self.args.slice(action.id ? 1 : 0) : [],
        json: state.json,
        resource,
        action,
        hints: [],
      };
      if (action.confirm) await confirmAction(input);
      const body = await action.run(input);
      if (body !== undefined) await print(input, body);
      for (const hint of input.hints) io.stderr.write(`${hint}\n`);
    }),
  );
}

function fieldExamples(resource: ResourceSpec, action: ActionSpec): string[] {
  const sample: Record<string, string> = {
    movies: '--title 1984 --release-date 1984-10-10 --genres drama,thriller --price-cents 1299 --stock 3',
    actors: '--name "Ann Actor" --age 33',
    clients: '--full-name "Ann Client" --email ann@example.com --phone 0612345678',
    contracts: '--client-id 5 --total-cents 775000 --due-cents 775000',
    events: '--contract-id 4 --name Gala --starts-at "2030-05-01 18:00" --ends-at "2030-05-01 23:00"',
    users: '--email ann@example.com --full-name "Ann Smith" --roles sales,support',
    roles: '--name night_desk --permissions get:movies,get:orders',
    orders: '--assignee-id 7',
  };
  if (!action.fields) return [];
  const fields = sample[resource.name] ?? '';
  return action.id
    ? [`backlot ${resource.name} ${action.name} 12 ${fields.split(' --')[0]}`]
    : [`backlot ${resource.name} ${action.name} ${fields}`];
}

/** Prints an answer: JSON (--json, --fields, --jq), else a table or an item view with related items named. */
async function print(input: Input, body: unknown): Promise<void> {
  const { io, options, json, resource, action } = input;
  if (body === null) {
    say(io, action.done?.(input) ?? 'Done.', json);
    return;
  }
  if (json) {
    const fields = options.fields as string[] | undefined;
    const picked = fields ? pick(body, fields) : body;
    if (options.jq !== undefined) await (await import('./jq.ts')).printJq(io, picked, String(options.jq));
    else printJson(io, picked);
    return;
  }
  const rows = (Array.isArray(body) ? body : [body]) as Record<string, unknown>[];
  const view: View = { columns: resource.columns, wide: Boolean(options.wide) };
  if (options.columns) view.only = columnsOption(rows, options.columns as string[], view);
  view.names = await relatedNames(input.api, resource, rows);
  show(io, body, view);
}

function columnsOption(rows: Record<string, unknown>[], wanted: string[], view: View): string[] {
  const known = chooseColumns(rows, { ...view, wide: true });
  if (rows.length === 0) return wanted;
  return wanted.map((name) => {
    const field = known.find((k) => k === name || label(k) === name);
    if (!field) throw usage(`no column ${name}; the columns are: ${known.map(label).join(', ')}`);
    return field;
  });
}

/** --fields a,b: only these keys, of each item of a list answer or of the one item. */
function pick(body: unknown, fields: string[]): unknown {
  const only = (item: unknown) =>
    item && typeof item === 'object'
      ? Object.fromEntries(fields.filter((f) => Object.hasOwn(item, f)).map((f) => [f, (item as never)[f]]))
      : item;
  if (Array.isArray(body)) return body.map(only);
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)) {
    return { ...body, items: (body as { items: unknown[] }).items.map(only) };
  }
  return only(body);
}

function option(spec: OptionSpec): Option {
  const made = new Option(spec.flags, spec.description);
  if (spec.required) made.makeOptionMandatory();
  if (spec.kind === 'id') made.argParser(idArg);
  if (spec.kind === 'int') made.argParser(intArg);
  if (spec.kind === 'repeat')
    made.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  return made;
}

function list(value: string): string[] {
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('give one name or more, comma-separated.');
  return items;
}

function idArg(value: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new InvalidArgumentError('not an id (a positive integer).');
  return Number(value);
}

function intArg(value: string): number {
  if (!/^-?\d{1,15}$/.test(value)) throw new InvalidArgumentError('not an integer.');
  return Number(value);
}

/** login, logout, whoami, token, passwd, auth status, stats, completion: their code is loaded when they run. */
function registerSession(program: Command, io: Io, state: RunState): void {
  const session = () => import('./session.ts');
  const run =
    (name: keyof Awaited<ReturnType<typeof session>>) =>
    (...args: unknown[]) =>
      guarded(io, state, async (...a: unknown[]) => {
        const self = a.at(-1) as Command;
        const handler = (await session())[name] as (io: Io, options: Record<string, unknown>) => Promise<void>;
        await handler(io, { ...self.opts(), json: state.json });
      })(...args);

  const login = leaf(program, 'login', 'sign in and keep the session for the other commands')
    .option('--email <email>', 'your email (asked for on a terminal)')
    .option(
      '--password-stdin',
      'read the password from stdin (else it is asked for, without echo); a second line is the new password if the server requires one',
    )
    .action(run('login'));
  state.examples.set(login, [
    'backlot login --server https://backlot.example.com',
    'echo "$PASSWORD" | backlot login --email me@example.com --password-stdin',
    'backlot login --profile work --server https://backlot.example.com',
  ]);

  const passwd = leaf(program, 'passwd', 'change your password (asked for without echo); ends your other sessions')
    .option('--password-stdin', 'read the current password, then the new one, one a line, from stdin')
    .action(run('passwd'));
  state.examples.set(passwd, ['backlot passwd', 'printf "%s\\n%s\\n" "$OLD" "$NEW" | backlot passwd --password-stdin']);

  const logout = leaf(program, 'logout', 'end the session, on the server and here')
    .option('--everywhere', 'end every session of yours: other terminals, browsers and devices too')
    .action(run('logout'));
  state.examples.set(logout, ['backlot logout', 'backlot logout --everywhere']);

  jsonOptions(leaf(program, 'whoami', 'who you are signed in as, with your roles and permissions')).action(
    run('whoami'),
  );

  leaf(
    program,
    'token',
    'print an access token valid for at least a minute (export BACKLOT_TOKEN=$(backlot token))',
  ).action(run('token'));

  const auth = program.command('auth').description('the saved sessions (profiles)');
  groupAction(auth, io, state);
  jsonOptions(
    auth
      .command('status')
      .description('list the saved sessions: profile, server, email, and which one is in use')
      .option('--profile <name>', PROFILE_HELP),
  ).action(run('authStatus'));

  const stats = jsonOptions(leaf(program, 'stats', "the dashboard's figures that you may see")).action(run('stats'));
  state.examples.set(stats, ['backlot stats', "backlot stats --jq '.counts'"]);

  const completion = program
    .command('completion')
    .description('print a shell completion script: bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .action(
      guarded(io, state, async (shell: string) => {
        const { completionScript } = await import('./completion.ts');
        io.stdout.write(completionScript(program, shell));
      }),
    );
  state.examples.set(completion, [
    'source <(backlot completion bash)        # in ~/.bashrc',
    'backlot completion zsh > ~/.zfunc/_backlot        # with fpath+=(~/.zfunc) in ~/.zshrc',
    'backlot completion fish > ~/.config/fish/completions/backlot.fish',
  ]);
}
