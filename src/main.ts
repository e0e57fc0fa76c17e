import { Command, CommanderError, Option } from 'commander';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest, migrationStatus } from './db/migrate.ts';
import { resetDatabase } from './db/reset.ts';
import { resolveJwtSecret } from './db/secrets.ts';
import { DEMO_PASSWORD, seedDemo, seedScale } from './db/seed.ts';
import { createLogger } from './logger.ts';
import { serve } from './server.ts';
import { createServices } from './services.ts';

/** Exit codes of the CLI (SPEC §9). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

function config(): Config {
  loadDotEnv();
  return loadConfig();
}

async function withDatabase<T>(work: (cfg: Config, handle: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const cfg = config();
  const handle = openDatabase(cfg.databaseUrl);
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
    await serve(cfg, createLogger(cfg));
  });

const db = program.command('db').description('manage the database');

db.command('migrate')
  .description('apply pending migrations')
  .action(() =>
    withDatabase(async (_cfg, handle) => {
      const applied = await migrateToLatest(handle);
      console.log(applied.length > 0 ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
    }),
  );

db.command('status')
  .description('list applied and pending migrations')
  .action(() =>
    withDatabase(async (_cfg, handle) => {
      const status = await migrationStatus(handle);
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
      const dropped = await resetDatabase(handle);
      console.log(`Dropped ${dropped.length} tables.`);
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
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') process.exit(EXIT.ok);
    if (error.code === 'usage') console.error(`backlot: ${error.message}`);
    process.exit(EXIT.usage);
  }
  if (error instanceof ConfigError) {
    console.error(`backlot: invalid configuration: ${error.message}`);
    process.exit(EXIT.failure);
  }
  console.error(`backlot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(EXIT.failure);
}
