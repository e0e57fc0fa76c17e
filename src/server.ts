import type { FastifyBaseLogger } from 'fastify';
import { AuditSealer } from './audit/sealer.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { SERVING_TIMEOUTS } from './db/resilience.ts';
import { resolveJwtSecret } from './db/secrets.ts';
import { type App, buildApp } from './http/app.ts';
import { FallbackCounterStore, MemoryCounterStore, RedisCounterStore } from './modules/identity/throttle.ts';
import { setMonitor } from './monitoring.ts';
import { createServices, type Services } from './services.ts';

export interface Backlot {
  app: App;
  services: Services;
  handle: DatabaseHandle;
  /** Links committed audit entries into the hash chain (on one node of the cluster at a time). */
  sealer: AuditSealer | undefined;
  close(): Promise<void>;
}

/**
 * Migrations may rewrite large tables, longer than a request may wait: they run on a connection of their own, without
 * the serving timeouts. (An in-memory SQLite database exists only on its one connection, and SQLite has no timeouts.)
 */
async function migrateWithoutTimeouts(url: string, serving: DatabaseHandle): Promise<string[]> {
  if (serving.dialect === 'sqlite') return migrateToLatest(serving);
  const admin = openDatabase(url, { poolSize: 1 });
  try {
    return await migrateToLatest(admin);
  } finally {
    await admin.close();
  }
}

/** Opens the database, brings its schema up to date and builds the app; nothing listens yet. */
export async function createBacklot(
  config: Config,
  logger: FastifyBaseLogger | false,
  options: { migrate?: boolean; sealer?: boolean } = {},
): Promise<Backlot> {
  const handle = openDatabase(config.databaseUrl, {
    sessionCache: config.sessionCache,
    pageCache: config.listCache,
    preparedStatements: config.preparedStatements,
    onConnectionError: (error) => {
      if (logger) logger.warn({ err: error }, 'a database connection was lost');
    },
    timeouts: SERVING_TIMEOUTS,
  });
  // Shared counters for several nodes; without Redis each node counts on its own.
  // Redis unreachable never holds a request: commands fail at once while disconnected and after 500 ms unanswered,
  // and then the rate limits fail open to this node's own counting (docs/deployment.md).
  const redis = config.redisUrl
    ? new (await import('ioredis')).Redis(config.redisUrl, {
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        commandTimeout: 500,
        enableOfflineQueue: false,
      })
    : undefined;
  let redisWarnedAt = 0;
  const redisTrouble = (error: unknown) => {
    // One line per half minute, not one per request.
    if (!logger || Date.now() - redisWarnedAt < 30_000) return;
    redisWarnedAt = Date.now();
    logger.warn({ err: error }, 'Redis does not answer: rate limits count on this node only');
  };
  redis?.on('error', redisTrouble);
  // Counting starts shared: the node waits (briefly) for Redis before it serves, and serves without it otherwise.
  if (redis && redis.status !== 'ready') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  // Loaded only when used: the Sentry SDK alone adds tens of MiB to the process.
  const sentry = config.sentryDsn
    ? (await import('./sentry.ts')).sentryMonitor(config.sentryDsn, config.nodeEnv)
    : undefined;
  if (sentry) setMonitor(sentry);
  try {
    const counters = redis
      ? new FallbackCounterStore(new RedisCounterStore(redis), new MemoryCounterStore(), redisTrouble)
      : undefined;
    const services = createServices({ ...config, jwtSecret: resolveJwtSecret(config) }, handle, counters);
    if (options.migrate ?? config.migrateOnStart) {
      const applied = await migrateWithoutTimeouts(config.databaseUrl, handle);
      if (applied.length > 0 && logger) logger.info({ applied }, 'database migrated');
    }
    if (config.adminEmail && config.adminPassword) {
      const made = await services.identity.ensureFirstAdmin(config.adminEmail, config.adminPassword);
      if (made && logger) logger.info({ email: config.adminEmail }, 'first administrator created');
    }
    const app = await buildApp({ config, services, logger, redis });
    const sealer =
      options.sealer === false
        ? undefined
        : new AuditSealer(handle, { url: config.databaseUrl, intervalMs: config.auditSealIntervalMs, logger });
    sealer?.start();
    return {
      app,
      services,
      handle,
      sealer,
      async close() {
        // Keep-alive connections are closed after their current response, new requests answer 503 (at most 5 s).
        await app.drain(5000);
        await app.close();
        // Requests still being worked on finish before the database closes (at most 10 s).
        await Promise.race([app.whenIdle(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
        // The entries those requests wrote are sealed before the sealer gives up its lock.
        await sealer?.stop();
        await handle.close();
        redis?.disconnect();
        if (sentry) {
          await sentry.close();
          setMonitor(undefined);
        }
      },
    };
  } catch (error) {
    await handle.close();
    redis?.disconnect();
    throw error;
  }
}

/** Serves until SIGTERM or SIGINT, then finishes requests in flight and closes the database. */
export async function serve(config: Config, logger: FastifyBaseLogger): Promise<void> {
  const backlot = await createBacklot(config, logger);
  await backlot.app.listen({ port: config.port, host: config.host });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (config.shutdownDelaySeconds > 0) {
      // Still serving, but unready: the load balancer's health checks take the node out before it closes.
      backlot.app.draining = true;
      logger.info({ signal, seconds: config.shutdownDelaySeconds }, 'stopping: unready, still serving');
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelaySeconds * 1000));
    }
    logger.info({ signal }, 'stopping: finishing requests in flight');
    // A database connection that broke mid-way must not keep the process from ending (a client that never confirms
    // its end, a socket left open): past the drain's own bounds, the process ends anyway.
    setTimeout(() => {
      logger.error('stopping took longer than 20 s: exiting');
      exitFlushed(logger, 1);
    }, 20_000).unref();
    await backlot.close();
    logger.info('stopped');
    exitFlushed(logger, 0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** Ends the process once the log lines written so far are out (logs are written asynchronously). */
function exitFlushed(logger: FastifyBaseLogger, code: number): void {
  const flush = (logger as FastifyBaseLogger & { flush?: (done: () => void) => void }).flush;
  if (typeof flush !== 'function') process.exit(code);
  flush.call(logger, () => process.exit(code));
}
