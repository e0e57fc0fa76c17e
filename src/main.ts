import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { groupAction, type RunState, registerClientCommands } from './cli/commands.ts';
import { CliError, EXIT, type ExitCode } from './cli/errors.ts';
import { colours, type Io, outputWidth, processIo } from './cli/io.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';

// The server stack (and its configuration) is loaded only by the commands that use it, so the client starts fast.
const load = {
  config: () => import('./config.ts'),
  database: () => import('./db/database.ts'),
  migrate: () => import('./db/migrate.ts'),
  reset: () => import('./db/reset.ts'),
  secrets: () => import('./db/secrets.ts'),
  seed: () => import('./db/seed.ts'),
  logger: () => import('./logger.ts'),
  server: () => import('./server.ts'),
  services: () => import('./services.ts'),
  transfer: () => import('./db/transfer.ts'),
};

async function config(): Promise<Config> {
  const { loadConfig, loadDotEnv } = await load.config();
  loadDotEnv();
  return loadConfig();
}

async function withDatabase<T>(work: (cfg: Config, handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const cfg = await config();
  const handle = (await load.database()).openDatabase(cfg.databaseUrl);
  try {
    return await work(cfg, handle);
  } finally {
    await handle.close();
  }
}

async function refuseInProduction(cfg: Config, what: string): Promise<void> {
  const { ConfigError } = await load.config();
  if (cfg.production) throw new ConfigError('NODE_ENV', `${what} is refused when NODE_ENV=production`);
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

function registerServerCommands(program: Command, io: Io, state: RunState): void {
  program
    .command('serve')
    .description('start the server')
    .action(async () => {
      const cfg = await config();
      // Before the server's code is loaded: this may start the process again with its V8 flags (src/runtime.ts).
      (await import('./runtime.ts')).withServerFlags(cfg.databaseUrl);
      const [{ serve }, { createLogger }] = await Promise.all([load.server(), load.logger()]);
      await serve(cfg, createLogger(cfg));
    });

  const db = program.command('db').description('manage the database (works on DATABASE_URL directly)');
  groupAction(db, io, state);

  db.command('migrate')
    .description('apply pending migrations')
    .action(() =>
      withDatabase(async (_cfg, handle) => {
        const applied = await (await load.migrate()).migrateToLatest(handle);
        console.log(applied.length > 0 ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
      }),
    );

  db.command('status')
    .description('list applied and pending migrations')
    .action(() =>
      withDatabase(async (_cfg, handle) => {
        const status = await (await load.migrate()).migrationStatus(handle);
        for (const name of status.applied) console.log(`applied  ${name}`);
        for (const name of status.pending) console.log(`pending  ${name}`);
        console.log(`${status.applied.length} applied, ${status.pending.length} pending`);
      }),
    );

  db.command('seed')
    .description('fill the database with demo data')
    .option('--demo', 'one user per built-in role and a believable catalogue')
    .addOption(new Option('--scale <n>', 'add about N rows per main table, for load tests').argParser(positiveInt))
    .action((options: { demo?: boolean; scale?: number }) =>
      withDatabase(async (cfg, handle) => {
        await refuseInProduction(cfg, 'seeding demo data');
        if (!options.demo && options.scale === undefined)
          throw new CommanderError(EXIT.usage, 'usage', 'say --demo, --scale N, or both');
        const [{ migrateToLatest }, { createServices }, { resolveJwtSecret }, { DEMO_PASSWORD, seedDemo, seedScale }] =
          await Promise.all([load.migrate(), load.services(), load.secrets(), load.seed()]);
        await migrateToLatest(handle);
        const services = createServices({ ...cfg, jwtSecret: resolveJwtSecret(cfg) }, handle);
        if (options.demo) {
          const { users, alreadyThere } = await seedDemo(services);
          console.log(
            `${alreadyThere ? 'The demo data was already there' : 'Demo data is in'}. Sign in as any of these, password ${DEMO_PASSWORD}:`,
          );
          for (const email of users) console.log(`  ${email}`);
        }
        if (options.scale !== undefined) {
          const started = Date.now();
          await seedScale(services, options.scale, progress);
          if (process.stderr.isTTY && process.env.TERM !== 'dumb') process.stderr.write('\n');
          console.log(
            `Added about ${options.scale} rows to every main table in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
          );
        }
        // No server may be running to seal what the seed recorded: link it into the audit chain now.
        await services.audit.sealPending();
        if (options.scale !== undefined) await (await load.database()).tidyAfterBulkLoad(handle);
      }),
    );

  db.command('backup')
    .description('back up the database into FILE: SQLite through its online backup API, others in a portable format')
    .argument('<file>', 'the backup file to write (must not exist)')
    .action((file: string) =>
      transferring(async (transfer) => {
        const format = await transfer.backup((await config()).databaseUrl, file);
        console.log(`Backed up into ${file} (${format === 'sqlite' ? 'an SQLite database' : 'portable format'}).`);
      }),
    );

  db.command('restore')
    .description('restore a backup made by `db backup` into the database (it must be empty, or say --yes)')
    .argument('<file>', 'the backup file')
    .option('--yes', 'replace everything in a database that is not empty')
    .action((file: string, options: { yes?: boolean }) =>
      transferring(async (transfer) => {
        const startedAt = performance.now();
        const snapshot = await transfer.restore(file, (await config()).databaseUrl, {
          replace: options.yes,
          progress: (done, total) => progress('rows', done, total),
        });
        console.log(`Restored ${rowsMoved(snapshot, startedAt)}.`);
      }),
    );

  db.command('copy')
    .description('copy every row from one database to another (SQLite, PostgreSQL, MySQL), e.g. to move off SQLite')
    .requiredOption('--from <url>', 'the source database URL')
    .requiredOption('--to <url>', 'the target database URL (it must be empty, or say --yes)')
    .option('--yes', 'replace everything in a target that is not empty')
    .action((options: { from: string; to: string; yes?: boolean }) =>
      transferring(async (transfer) => {
        const startedAt = performance.now();
        const snapshot = await transfer.copy(options.from, options.to, {
          replace: options.yes,
          progress: (done, total) => progress('rows', done, total),
        });
        console.log(`Copied ${rowsMoved(snapshot, startedAt)}.`);
      }),
    );

  db.command('reset')
    .description('drop every table (then run `db migrate`)')
    .option('--yes', 'really drop everything')
    .action((options: { yes?: boolean }) =>
      withDatabase(async (cfg, handle) => {
        await refuseInProduction(cfg, 'resetting the database');
        if (!options.yes)
          throw new CommanderError(EXIT.usage, 'usage', 'this drops every table: say --yes to go ahead');
        const dropped = await (await load.reset()).resetDatabase(handle);
        console.log(`Dropped ${dropped.length} tables.`);
      }),
    );
}

/** Runs a backup, restore or copy; a refusal (a non-empty target, a damaged file) ends with the conflict code. */
async function transferring<T>(work: (transfer: Awaited<ReturnType<typeof load.transfer>>) => Promise<T>): Promise<T> {
  const transfer = await load.transfer();
  try {
    return await work(transfer);
  } catch (error) {
    if (error instanceof transfer.TransferRefused) throw new CliError(EXIT.conflict, error.message);
    throw error;
  } finally {
    if (process.stderr.isTTY) process.stderr.write('\n');
  }
}

function rowsMoved(snapshot: { tables: { rows: number }[] }, startedAt: number): string {
  const rows = snapshot.tables.reduce((sum, table) => sum + table.rows, 0);
  const seconds = (performance.now() - startedAt) / 1000;
  return `${rows} rows of ${snapshot.tables.length} tables in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s)`;
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new CommanderError(EXIT.usage, 'usage', `not a positive number: ${value}`);
  return Number(value);
}

let lastTable = '';
/** A progress bar per table on a terminal (one line each); nothing when stderr is not a terminal. */
function progress(table: string, done: number, total: number): void {
  if (!process.stderr.isTTY || process.env.TERM === 'dumb') return;
  if (lastTable !== '' && table !== lastTable) process.stderr.write('\n');
  lastTable = table;
  const width = 30;
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r${table.padEnd(13)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
}

/** Whether this run shows help, and for which command words (`backlot help movies`, `movies --help`, `movies`). */
function helpRequest(argv: string[]): string[] | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  if (argv[0] === 'help') return words.slice(1);
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) return words;
  if (words.length === 1 && argv.length === 1) return words;
  return undefined;
}

/** Runs the `backlot` command with these arguments (without `node backlot`) and returns its exit code. */
export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  const state: RunState = {
    exitCode: EXIT.ok,
    json: argv.some((a) => /^--(json$|jq(=|$)|fields(=|$))/.test(a)),
    examples: new WeakMap(),
    fieldHelp: new WeakMap(),
    actions: new WeakMap(),
  };
  const helpWords = helpRequest(argv);
  const help = helpWords && (await import('./cli/help.ts'));
  const program = new Command('backlot')
    .description('Backlot: the back office for companies that make films, sell them and stage events')
    .version(version(), '--version', 'print the version')
    .helpCommand(false)
    .exitOverride()
    .showHelpAfterError(state.json ? false : '(add --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => {
        if (state.json)
          io.stderr.write(
            `${JSON.stringify({ detail: text.replace(/^error: /, '').trim(), code: 'usage', exitCode: EXIT.usage })}\n`,
          );
        else write(text);
      },
      getOutHelpWidth: () => Math.min(outputWidth(io), 120) || 80,
      getErrHelpWidth: () => 80,
      getOutHasColors: () => colours(io, io.stdout),
      getErrHasColors: () => colours(io, io.stderr),
    });
  if (help) {
    program.configureHelp({ formatHelp: (command, helper) => help.formatHelp(command, helper, state) });
  }
  state.examples.set(program, [
    'backlot login --server https://backlot.example.com',
    'backlot movies list --filter "releaseDate>=2020-01-01" --sort -releaseDate',
    "backlot contracts list --json --jq '.items[] | select(.dueCents > 0) | .id'",
    'backlot help environment',
  ]);
  groupAction(program, io, state);
  program.usage('<command> [subcommand] [flags]');
  registerServerCommands(program, io, state);
  // `backlot movies …` builds the movies commands only; help and completion need them all.
  registerClientCommands(program, io, state, helpWords ? undefined : argv[0]);
  program
    .command('help')
    .description('help about a command, or a topic: environment, exit-codes, filter')
    .argument('[topic...]', 'a command (movies create) or a topic')
    .action((topic: string[]) => {
      if (!help) return;
      const text = help.TOPICS[topic.join(' ')];
      if (text) {
        io.stdout.write(text);
        return;
      }
      const command = help.findCommand(program, topic);
      if (!command) {
        io.stderr.write(
          `backlot: no command or help topic '${topic.join(' ')}'; topics: ${Object.keys(help.TOPICS).join(', ')}\n`,
        );
        state.exitCode = EXIT.usage;
        return;
      }
      command.outputHelp();
    });

  try {
    if (help && helpWords) await help.loadFieldHelp(program, helpWords, argv, state, io);
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (error) {
    return failure(error, io);
  }
}

async function failure(error: unknown, io: Io): Promise<ExitCode> {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT.ok;
    if (error.code === 'usage') io.stderr.write(`backlot: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof CliError) {
    io.stderr.write(`backlot: ${error.message}\n`);
    return error.exitCode;
  }
  const { ConfigError } = await load.config();
  if (error instanceof ConfigError) {
    io.stderr.write(`backlot: invalid configuration: ${error.message}\n`);
    return EXIT.failure;
  }
  io.stderr.write(`backlot: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.failure;
}
