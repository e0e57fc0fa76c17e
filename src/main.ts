import { Command, CommanderError, Option } from 'commander';
import { registerClientCommands } from './cli/commands.ts';
import { CliError, EXIT } from './cli/errors.ts';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';

// The server stack is loaded only by the commands that use it, so the API client starts fast.
const load = {
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

function config(): Config {
  loadDotEnv();
  return loadConfig();
}

async function withDatabase<T>(work: (cfg: Config, handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const cfg = config();
  const handle = (await load.database()).openDatabase(cfg.databaseUrl);
  try {
    return await work(cfg, handle);
  } finally {
    await handle.close();
  }
}

function refuseInProduction(cfg: Config, what: string): void {
  if (cfg.production) throw new ConfigError('NODE_ENV', `${what} is refused when NODE_ENV=production`);
}

const program = new Command('backlot')
  .description('Backlot: the back office for companies that make films, sell them and stage events.')
  .exitOverride()
  .showHelpAfterError();

program
  .command('serve')
  .description('start the server')
  .action(async () => {
    const cfg = config();
    const [{ serve }, { createLogger }] = await Promise.all([load.server(), load.logger()]);
    await serve(cfg, createLogger(cfg));
  });

const db = program.command('db').description('manage the database');

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
      refuseInProduction(cfg, 'seeding demo data');
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
        const total = options.scale;
        await seedScale(services, total, (done) => progress(done, total));
        process.stderr.write('\n');
      }
    }),
  );

db.command('reset')
  .description('drop every table (then run `db migrate`)')
  .option('--yes', 'really drop everything')
  .action((options: { yes?: boolean }) =>
    withDatabase(async (cfg, handle) => {
      refuseInProduction(cfg, 'resetting the database');
      if (!options.yes) throw new CommanderError(EXIT.usage, 'usage', 'this drops every table: say --yes to go ahead');
      const dropped = await (await load.reset()).resetDatabase(handle);
      console.log(`Dropped ${dropped.length} tables.`);
    }),
  );

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

db.command('backup')
  .description('back up the database into FILE: SQLite through its online backup API, others in a portable format')
  .argument('<file>', 'the backup file to write (must not exist)')
  .action((file: string) =>
    transferring(async (transfer) => {
      const format = await transfer.backup(config().databaseUrl, file);
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
      const snapshot = await transfer.restore(file, config().databaseUrl, { replace: options.yes, progress });
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
      const snapshot = await transfer.copy(options.from, options.to, { replace: options.yes, progress });
      console.log(`Copied ${rowsMoved(snapshot, startedAt)}.`);
    }),
  );

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new CommanderError(EXIT.usage, 'usage', `not a positive number: ${value}`);
  return Number(value);
}

function progress(done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
}

// login, logout, whoami, token and the resource commands: the API client, which ends with its own exit codes.
registerClientCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') process.exit(EXIT.ok);
    if (error.code === 'usage') console.error(`backlot: ${error.message}`);
    process.exit(EXIT.usage);
  }
  if (error instanceof CliError) {
    console.error(`backlot: ${error.message}`);
    process.exit(error.exitCode);
  }
  if (error instanceof ConfigError) {
    console.error(`backlot: invalid configuration: ${error.message}`);
    process.exit(EXIT.failure);
  }
  console.error(`backlot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(EXIT.failure);
}
