import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Caller } from '../access/authorize.ts';
import { auditRoutes } from '../audit/routes.ts';
import type { Config } from '../config.ts';
import { ping } from '../db/database.ts';
import { migrationStatus } from '../db/migrate.ts';
import { within } from '../db/resilience.ts';
import { TooManyRequests } from '../errors.ts';
import { OneLinePerRequest, requestLogger } from '../logger.ts';
import { bookingsRoutes } from '../modules/bookings/routes.ts';
import { castingRoutes } from '../modules/casting/routes.ts';
import { personalTokensRoutes } from '../modules/identity/personal-tokens-routes.ts';
import { rolesRoutes } from '../modules/identity/roles-routes.ts';
import { authRoutes } from '../modules/identity/routes.ts';
import { usersRoutes } from '../modules/identity/users-routes.ts';
import { relationsRoutes } from '../modules/relations/routes.ts';
import { statsRoutes } from '../modules/stats/routes.ts';
import { storeRoutes } from '../modules/store/routes.ts';
import { viewsRoutes } from '../modules/views/routes.ts';
import { monitor } from '../monitoring.ts';
import type { Services } from '../services.ts';
import { authenticator } from './auth.ts';
import { mergePatch, methodsOf, notModified } from './conditional.ts';
import { type ConsolePages, registerConsole } from './console.ts';
import { clientErrorHandler, frameworkErrors, registerDraining } from './edge.ts';
import { itemEtag } from './etag.ts';
import { LazySchemas } from './lazy-schemas.ts';
import { registerMetrics } from './metrics.ts';
import { swaggerOptions } from './openapi.ts';
import { problem, registerProblemHandlers, sendProblem } from './problem.ts';
import { problemPages } from './problem-types.ts';
import { refreshCookie } from './refresh-cookie.ts';
import { ProblemSchema } from './schemas.ts';
import { securityHeaders } from './security-headers.ts';

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: { method: string; url: string; hidden: boolean }[];
    /** Compiles every validator and serializer not used yet (they are compiled on first use otherwise). */
    compileSchemas(): void;
    /** Resolves once no request is being worked on (after close, before the database goes). */
    whenIdle(): Promise<void>;
    /** Set when the node is about to stop: /readyz answers 503 so that load balancers move away first. */
    draining: boolean;
  }
}

export interface AppOptions {
  config: Config;
  services: Services;
  logger?: FastifyBaseLogger | false;
  /** Rate-limit counters shared with other nodes; in memory without it. */
  redis?: Redis;
}

const BODY_LIMIT = 1024 * 1024;
const READINESS_TIMEOUT_MS = 1000;

function ajv(coerceTypes: boolean | 'array') {
  const instance = new Ajv({ allErrors: true, coerceTypes, removeAdditional: false, useDefaults: true, strict: false });
  addFormats.default(instance);
  // RFC 3339 allows a leap second (23:59:60), which no Date can hold: refused here rather than failing later.
  const dateTime = instance.formats['date-time'] as { validate: (text: string) => boolean };
  instance.addFormat('date-time', {
    type: 'string',
    validate: (text: string) => dateTime.validate(text) && !Number.isNaN(Date.parse(text)),
  });
  return instance;
}

const ABORTED = Symbol('aborted');

/**
 * Counts the requests being worked on, so that shutdown closes the database only after the last one. A request
 * counts from its first hook to its response; one whose client went away counts until its handler has finished.
 */
function trackRequestsInFlight(app: FastifyInstance): void {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const done = () => {
    inFlight--;
    if (inFlight === 0) {
      for (const resolve of waiters) resolve();
      waiters = [];
    }
  };
  app.addHook('onRequest', (_request, _reply, next) => {
    inFlight++;
    next();
  });
  app.addHook('onResponse', (request, _reply, next) => {
    if (!(request as unknown as Record<symbol, boolean>)[ABORTED]) done();
    next();
  });
  app.addHook('onRequestAbort', (request, next) => {
    (request as unknown as Record<symbol, boolean>)[ABORTED] = true;
    next();
  });
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = async function tracked(this: FastifyInstance, request, reply) {
      try {
        return await handler.call(this, request, reply);
      } finally {
        if ((request as unknown as Record<symbol, boolean>)[ABORTED]) done();
      }
    };
  });
  app.decorate('whenIdle', () =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
  );
}

/** Deeper than any body of ours: a request nested further is refused before anything walks it. */
const MAX_BODY_DEPTH = 32;

/**
 * The JSON pointer of the first string (or key) holding a NUL character, or of the first value nested deeper than
 * MAX_BODY_DEPTH, with the reason. Iterative: a hostile body nested thousands deep cannot overflow the stack.
 */
function badPath(body: unknown): { path: string; keyword: string; message: string } | undefined {
  const stack: [unknown, string, number][] = [[body, '', 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, path, depth] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000'))
        return { path: path || '/', keyword: 'nul', message: 'must not contain NUL characters' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      return { path: path || '/', keyword: 'depth', message: `must not be nested more than ${MAX_BODY_DEPTH} deep` };
    }
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value);
    // Pushed in reverse, so the first bad field in document order is found first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as readonly [string, unknown];
      if (key.includes('\u0000')) {
        return {
          path: `${path}/${key.replaceAll('\u0000', '')}`,
          keyword: 'nul',
          message: 'must not contain NUL characters',
        };
      }
      stack.push([item, `${path}/${key}`, depth + 1]);
    }
  }
  return undefined;
}

/** A caller's X-Request-Id is kept when it is a plain token of at most 128 characters (what the audit stores). */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** Builds the HTTP application: every route, hook and error mapping, over the given services. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, services } = options;
  const lazy = new LazySchemas();
  const app = Fastify({
    loggerInstance: options.logger || undefined,
    logger: options.logger === false ? false : undefined,
    bodyLimit: BODY_LIMIT,
    // An over-long or malformed X-Request-Id is replaced, never stored (the audit keeps 128 characters).
    requestIdHeader: false,
    genReqId: (request) => requestId(request.headers['x-request-id']),
    trustProxy: config.trustProxy,
    // Shutdown, and requests refused before routing, answer problem+json (src/http/edge.ts).
    return503OnClosing: false,
    frameworkErrors,
    clientErrorHandler,
    // One line per request instead of two.
    logController: new OneLinePerRequest(options.logger || undefined),
    // A request's own logger is made when something logs through it (logger.ts).
    childLoggerFactory: requestLogger,
    schemaController: { compilersFactory: { buildSerializer: lazy.serializers() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every route, as registered: the OpenAPI test checks each one is documented.
  const routes: { method: string; url: string; hidden: boolean }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, hidden: route.schema?.hide === true });
    }
  });
  app.decorate('registeredRoutes', routes);
  app.decorate('compileSchemas', () => lazy.compileAll());

  // The body is validated strictly (no type coercion); query strings and paths are text, so they are coerced.
  // Each validator and serializer is compiled on its first use (lazy-schemas.ts).
  const bodyAjv = ajv(false);
  const textAjv = ajv('array');
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const body = httpPart === 'body';
    const validator = lazy.defer(() => (body ? bodyAjv : textAjv).compile(schema as object));
    const check = (data: unknown): boolean => {
      // NUL is refused in every string of a body: PostgreSQL cannot store it, and no field of ours needs it.
      const bad = body ? badPath(data) : undefined;
      if (bad !== undefined) {
        check.errors = [
          { instancePath: bad.path, schemaPath: '', keyword: bad.keyword, message: bad.message, params: {} },
        ];
        return false;
      }
      const validate = validator.get();
      const valid = validate(data) as boolean;
      check.errors = validate.errors;
      return valid;
    };
    check.errors = null as ErrorObject[] | null | undefined;
    return check;
  });
  // Bodies are JSON or forms: text/plain is answered with 415 like any other type.
  app.removeContentTypeParser('text/plain');

  const consolePages: ConsolePages = {};
  registerProblemHandlers(
    app,
    (error, request) => {
      request.log.error({ err: error }, 'unexpected error');
      monitor.error(error, { requestId: request.id, route: request.routeOptions.url ?? 'unmatched' });
    },
    methodsOf(routes),
    consolePages,
  );
  notModified(app);
  // A change that ends sessions is answered once this node has heard its own notification (db/session-cache.ts).
  const sessions = services.handle.sessions;
  app.addHook('onSend', (_request, _reply, payload, done) => {
    const heard = sessions.heard();
    if (heard === undefined) done(null, payload);
    else void heard.then(() => done(null, payload));
  });
  mergePatch(app, BODY_LIMIT);

  trackRequestsInFlight(app);
  registerDraining(app);
  // Declared up front so every request object has the same shape (V8 keeps it fast).
  app.decorateRequest('actor', null as unknown as Caller);

  const headers = securityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    // request.protocol believes X-Forwarded-Proto only from a proxy that TRUST_PROXY trusts.
    reply.headers(request.protocol === 'https' ? headers.https : headers.http).header('x-request-id', request.id);
    done();
  });

  app.addHook('preSerialization', itemEtag);
  app.addSchema(ProblemSchema);
  registerMetrics(app, services.handle, config.metricsToken);
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      global: false,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      // Redis unreachable: the request is let through (fail open) rather than refused or held.
      ...(options.redis ? { redis: options.redis, nameSpace: 'backlot:rate:', skipOnError: true } : {}),
      // Health, readiness and metrics are polled by infrastructure, not clients.
      allowList: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.url),
      errorResponseBuilder: (_request, context) =>
        new TooManyRequests(`Too many requests: at most ${context.max} a minute.`, Math.ceil(context.ttl / 1000)),
    });
    // A root hook, so it runs before authentication: unauthenticated floods are limited too.
    app.addHook('onRequest', app.rateLimit());
  }
  // Without CORS_ORIGINS no browser origin is allowed, and no hook needs to run for it.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.corsOrigins, exposedHeaders: ['etag', 'location', 'x-request-id'] });
  }
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(swagger, swaggerOptions());
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  problemPages(app);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.decorate('draining', false);
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (app.draining) return sendProblem(reply, problem(503, 'stopping', 'This node is stopping.'));
    try {
      // Bounded, so that a frozen database makes the node unready at once instead of holding the probe.
      const status = await within(
        ping(services.handle.db).then(() => migrationStatus(services.handle)),
        READINESS_TIMEOUT_MS,
      );
      const body = { database: 'ok', migrations: { applied: status.applied.length, pending: status.pending.length } };
      return status.pending.length > 0 ? reply.code(503).send(body) : body;
    } catch {
      return sendProblem(reply, problem(503, 'unavailable', 'The database does not answer.'));
    }
  });

  await app.register(
    async (api) => {
      refreshCookie(api, { secure: config.production, maxAgeSeconds: config.refreshTokenTtlSeconds });
      await api.register(authRoutes, { identity: services.identity });
      await api.register(async (protectedApi) => {
        protectedApi.addHook('onRequest', authenticator(services.identity));
        await protectedApi.register(castingRoutes, { casting: services.casting });
        await protectedApi.register(relationsRoutes, { relations: services.relations });
        await protectedApi.register(bookingsRoutes, { bookings: services.bookings });
        await protectedApi.register(storeRoutes, { store: services.store });
        await protectedApi.register(statsRoutes, { stats: services.stats });
        await protectedApi.register(usersRoutes, { users: services.users });
        await protectedApi.register(rolesRoutes, { roles: services.roles });
        await protectedApi.register(auditRoutes, { audit: services.audit });
        await protectedApi.register(personalTokensRoutes, { personalTokens: services.personalTokens });
        await protectedApi.register(viewsRoutes, { services });
      });
    },
    { prefix: '/api/v1' },
  );
  // The web console's build, at `/`, when there is one.
  await registerConsole(app, consolePages);
  return app;
}
