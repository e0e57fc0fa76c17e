import { type Command, InvalidArgumentError, Option } from 'commander';
import { removeCredentials, saveCredentials } from './credentials.ts';
import { ApiError, CliError, EXIT, usage } from './errors.ts';
import { parseFields } from './fields.ts';
import { ApiClient, credentialsFromToken, type TokenAnswer } from './http.ts';
import { report, say, show } from './output.ts';
import { askLine, askSecret, interactive, readStdin } from './prompt.ts';
import { type ActionSpec, type OptionSpec, RESOURCES } from './resources.ts';

const SERVER_HELP =
  'the Backlot server (default: BACKLOT_URL, else the one saved at login, else http://127.0.0.1:3000)';

const FIELD_HELP = `
Fields: --FIELD VALUE or --FIELD=VALUE, named as in the API (--release-date is releaseDate; --address.city sets
address.city). A value that parses as JSON is sent as JSON (12, true, null, '["drama","crime"]', '"1984"'),
anything else as a string.`;

/** Registers the API client's commands (login, logout, whoami, token, and one group per resource) on `program`. */
export function registerClientCommands(program: Command): void {
  registerSession(program);
  for (const resource of RESOURCES) {
    const group = program.command(resource.name).description(resource.summary);
    for (const action of resource.actions) registerAction(group, action);
  }
}

/** The client's commands end with their own exit codes (SPEC §9), never through main's CommanderError mapping. */
function guarded<A extends unknown[]>(work: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await work(...args);
    } catch (error) {
      process.exitCode = report(error);
    }
  };
}

function leaf(parent: Command, name: string, summary: string): Command {
  return parent.command(name).description(summary).option('--server <url>', SERVER_HELP);
}

function registerAction(group: Command, action: ActionSpec): void {
  const command = leaf(group, action.name, action.summary).option('--json', 'print the JSON the server answered');
  if (action.id) command.argument('<id>', 'the item id', idArg);
  for (const spec of action.options ?? []) command.addOption(option(spec));
  if (action.fields) {
    command
      .usage(`[options] ${action.id ? '<id> ' : ''}--FIELD VALUE …`)
      .allowUnknownOption()
      .allowExcessArguments()
      .addHelpText('after', FIELD_HELP);
  }
  command.action(
    guarded(async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const options = self.opts();
      const api = new ApiClient(options.server as string | undefined);
      const input = {
        api,
        id: action.id ? (self.processedArgs[0] as number) : 0,
        options,
        fields: action.fields ? parseFields(self.args.slice(action.id ? 1 : 0)) : {},
        json: Boolean(options.json),
      };
      const body = await action.run(input);
      if (body === undefined) return;
      if (body === null) say(action.done?.(input) ?? 'Done.', input.json);
      else show(body, input.json);
    }),
  );
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

function idArg(value: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new InvalidArgumentError('not an id (a positive integer).');
  return Number(value);
}

function intArg(value: string): number {
  if (!/^-?\d{1,15}$/.test(value)) throw new InvalidArgumentError('not an integer.');
  return Number(value);
}

function registerSession(program: Command): void {
  leaf(program, 'login', 'sign in and keep the session for the other commands')
    .option('--email <email>', 'your email (asked for on a terminal)')
    .option('--password-stdin', 'read the password from stdin (else it is asked for, without echo)')
    .action(
      guarded(async (options: { server?: string; email?: string; passwordStdin?: boolean }) => {
        const api = new ApiClient(options.server);
        let email = options.email;
        if (!email) {
          if (options.passwordStdin || !interactive()) throw usage('say --email (there is no terminal to ask on)');
          email = await askLine('Email: ');
        }
        let password: string;
        if (options.passwordStdin) password = await readStdin();
        else if (interactive()) password = await askSecret('Password: ');
        else throw usage('there is no terminal to ask for the password on: use --password-stdin');
        if (!email || !password) throw usage('an email and a password are needed');
        const answer = await api.anonymous<TokenAnswer>('POST', '/auth/token', { body: { email, password } });
        saveCredentials(credentialsFromToken(api.server, email, answer));
        say(`Logged in to ${api.server} as ${email}.`);
      }),
    );

  leaf(program, 'logout', 'end the session, on the server and here').action(
    guarded(async (options: { server?: string }) => {
      const api = new ApiClient(options.server);
      const session = api.session;
      if (!session && !api.usesEnvToken) throw new CliError(EXIT.unauthenticated, `not logged in to ${api.server}`);
      try {
        await api.call('POST', '/auth/logout');
      } catch (error) {
        // A session the server has already ended is as good as ended here.
        const ended =
          (error instanceof CliError || error instanceof ApiError) && error.exitCode === EXIT.unauthenticated;
        if (!ended) {
          if (session) removeCredentials();
          throw error;
        }
      }
      if (session) removeCredentials();
      say(`Logged out of ${api.server}.`);
    }),
  );

  leaf(program, 'whoami', 'who you are signed in as, with your roles and permissions')
    .option('--json', 'print the JSON the server answered')
    .action(
      guarded(async (options: { server?: string; json?: boolean }) => {
        const api = new ApiClient(options.server);
        show(await api.call('GET', '/auth/me'), Boolean(options.json));
      }),
    );

  leaf(
    program,
    'token',
    'print an access token valid for at least a minute (export BACKLOT_TOKEN=$(backlot token))',
  ).action(
    guarded(async (options: { server?: string }) => {
      const api = new ApiClient(options.server);
      process.stdout.write(`${await api.accessToken(60)}\n`);
    }),
  );
}
