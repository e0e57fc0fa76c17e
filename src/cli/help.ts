import type { Command, Help } from 'commander';
import type { RunState } from './commands.ts';
import { ApiClient } from './http.ts';
import type { Io } from './io.ts';

/** Help as gh lays it out: what it does, USAGE, COMMANDS, FIELDS, FLAGS, EXAMPLES, LEARN MORE. */
export function formatHelp(command: Command, helper: Help, state: RunState): string {
  const width = helper.helpWidth ?? 80;
  const sections: string[] = [];
  const description = command.description();
  if (description) sections.push(`${description[0]!.toUpperCase()}${description.slice(1)}.`);
  const path = commandPath(command);
  const usage = command.usage().replace('[options]', '[flags]');
  sections.push(section('USAGE', [`${path} ${usage}`.trim()]));

  const commands = helper.visibleCommands(command);
  if (commands.length > 0) {
    sections.push(
      section(
        'COMMANDS',
        table(
          commands.map((c) => [c.name(), c.description()]),
          width,
        ),
      ),
    );
  }
  const fields = state.fieldHelp.get(command);
  if (fields) sections.push(`FIELDS\n${fields}`);
  const args = helper.visibleArguments(command).filter((a) => a.description);
  if (args.length > 0 && commands.length === 0) {
    sections.push(
      section(
        'ARGUMENTS',
        table(
          args.map((a) => [a.name(), a.description]),
          width,
        ),
      ),
    );
  }
  const options = helper.visibleOptions(command);
  if (options.length > 0) {
    sections.push(
      section(
        'FLAGS',
        table(
          options.map((o) => [o.flags, o.description + (o.mandatory ? ' (required)' : '')]),
          width,
        ),
      ),
    );
  }
  const examples = state.examples.get(command) ?? [];
  if (examples.length > 0)
    sections.push(
      section(
        'EXAMPLES',
        examples.map((e) => `$ ${e}`),
      ),
    );
  const more = [
    commands.length > 0 ? `Use \`${path} <command> --help\` for more about a command.` : '',
    'Environment: `backlot help environment` · exit codes: `backlot help exit-codes` · filters: `backlot help filter`',
    'Read the manual: docs/cli.md',
  ].filter(Boolean);
  sections.push(section('LEARN MORE', more));
  return `${sections.join('\n\n')}\n`;
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function section(title: string, lines: string[]): string {
  return `${title}\n${lines.map((l) => `  ${l}`.replaceAll('\n', '\n  ')).join('\n')}`;
}

function table(rows: [string, string][], width: number): string[] {
  const left = Math.min(32, Math.max(...rows.map(([a]) => a.length)));
  return rows.map(([a, b]) => {
    const pad = a.length > left ? `${a}\n${' '.repeat(left + 2)}` : a.padEnd(left);
    return `${pad}  ${wrap(b, Math.max(30, width - left - 6), left + 2)}`;
  });
}

function wrap(text: string, width: number, indent: number): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

export const TOPICS: Record<string, string> = {
  environment: `ENVIRONMENT
  BACKLOT_URL        the server, when --server is not given (else the one saved at login)
  BACKLOT_TOKEN      an access token to use instead of the saved session (never refreshed)
  BACKLOT_PROFILE    which saved session to use, when --profile is not given (default: "default")
  XDG_CONFIG_HOME    where the sessions are kept: $XDG_CONFIG_HOME/backlot/credentials.json (else ~/.config)
  XDG_CACHE_HOME     where the server's request schemas are cached: $XDG_CACHE_HOME/backlot (else ~/.cache)
  NO_COLOR           no colour (https://no-color.org)
  FORCE_COLOR        colour even when not on a terminal (0 or false: never); CLICOLOR_FORCE=1 likewise
  TERM=dumb          no colour, no progress line
  COLUMNS            the width tables fit (else the terminal's; no limit in a pipe)
  TZ                 the time zone dates and times are shown in (else the system's)

  The server commands (serve, db) read the server's settings: see docs/configuration.md.
`,
  'exit-codes': `EXIT CODES
  0    success
  1    failure: a 400 or 5xx answer, the server unreachable, a broken audit chain
  2    usage: an unknown command, option or field, a missing argument, a bad value, no --yes off a terminal
  3    not logged in, or the session has expired or ended (401)
  4    forbidden (403): the message names the permission needed; or a new password is required
  5    not found (404)
  6    conflict or refused by a rule (409, 412 --if-match, 422)
  130  interrupted (Ctrl-C)
`,
  filter: `FILTERS
  --filter takes one small language on every list (and on export):

    field op value           op: = != < <= > >= ~ (contains, ignoring case)
    field is [not] null      field in (a, b, c)
    a and b, a or b, not a, ( … )        (French: et, ou)

  Values: numbers, 'quoted' or "quoted" text, bare words, dates (2030-01-01), times, me (your user id),
  today, now. Fields are the JSON field names of the resource.

EXAMPLES
  $ backlot contracts list --filter "status=signed and dueCents>0"
  $ backlot clients list --filter "salesContactId=me"
  $ backlot events list --filter "supportContactId is null"
  $ backlot movies list --filter "genres~'drama' and releaseDate>=2020-01-01"
`,
};

/** Finds the command that `words` names (`['movies', 'create']`), or undefined. */
export function findCommand(program: Command, words: string[]): Command | undefined {
  let command: Command | undefined = program;
  for (const word of words) {
    command = command?.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!command) return undefined;
  }
  return command;
}

/**
 * Before help is printed for create, update or submit: reads their fields (types, required) from the server's
 * OpenAPI document, so that the help lists them. Help still prints if the server cannot be reached.
 */
export async function loadFieldHelp(
  program: Command,
  words: string[],
  argv: string[],
  state: RunState,
  io: Io,
): Promise<void> {
  let command: Command | undefined;
  for (let n = words.length; n > 0 && !command; n--) command = findCommand(program, words.slice(0, n));
  const target = command && state.actions.get(command);
  const fields = target?.action.fields;
  if (!command || !fields) return;
  const flag = (name: string) => {
    const index = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (index < 0) return undefined;
    const arg = argv[index]!;
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  };
  let text: string;
  try {
    const api = new ApiClient({ server: flag('--server'), profile: flag('--profile') }, io.env);
    const [{ requestSchema }, { describeFields }] = await Promise.all([import('./openapi.ts'), import('./fields.ts')]);
    const schema = await requestSchema(api, fields.method, fields.path);
    const described = describeFields(schema, fields.create);
    text = table(described, 100)
      .map((l) => `  ${l}`)
      .join('\n');
    text += `\n\n  Read from ${api.server}. A list takes a,b or a JSON array; an object takes JSON or --FIELD.SUBFIELD;\n  null clears a field that may be null.`;
  } catch (error) {
    text = `  (the fields could not be read from the server: ${error instanceof Error ? error.message : String(error)})`;
  }
  state.fieldHelp.set(command, text);
}
