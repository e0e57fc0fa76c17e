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
import type { Actor } from '../access/authorize.ts';
import { auditRoutes } from '../audit/routes.ts';
import type { Config } from '../config.ts';
import { ping } from '../db/database.ts';
import { migrationStatus } from '../db/migrate.ts';
import { TooManyRequests } from '../errors.ts';
import { bookingsRoutes } from '../modules/bookings/routes.ts';
import { castingRoutes } from '../modules/casting/routes.ts';
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
import { registerConsole } from './console.ts';
import { registerMetrics } from './metrics.ts';
import { problem, registerProblemHandlers, sendProblem } from './problem.ts';
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
    /** Resolves once no request is being worked on (after close, before the database goes). */
    whenIdle(): Promise<void>;
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

function ajv(coerceTypes: boolean | 'array') {
  const instance = new Ajv({ allErrors: true, coerceTypes, removeAdditional: false, useDefaults: true, strict: false });
  addFormats.default(instance);
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

/** The JSON pointer of the first string (or key) holding a NUL character, if any. */
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, `${path}/${index}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return `${path}/${key.replaceAll('\u0000', '')}`;
      const found = nulPath(item, `${path}/${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Builds the HTTP application: every route, hook and error mapping, over the given services. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, services } = options;
  const app = Fastify({
    loggerInstance: options.logger || undefined,
    logger: options.logger === false ? false : undefined,
    bodyLimit: BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every route, as registered: the OpenAPI test checks each one is documented.
  const routes: { method: string; url: string; hidden: boolean }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, hidden: route.schema?.hide === true });
    }
  });
  app.decorate('registeredRoutes', routes);

  // The body is validated strictly (no type coercion); query strings and paths are text, so they are coerced.
  const bodyAjv = ajv(false);
  const textAjv = ajv('array');
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart !== 'body') return textAjv.compile(schema as object);
    const validate = bodyAjv.compile(schema as object);
    // NUL is refused in every string: PostgreSQL cannot store it, and no field of ours needs it.
    const check = (data: unknown): boolean => {
      const path = nulPath(data, '');
      if (path !== undefined) {
        check.errors = [
          {
            instancePath: path,
            schemaPath: '',
            keyword: 'nul',
            message: 'must not contain NUL characters',
            params: {},
          },
        ];
        return false;
      }
      const valid = validate(data);
      check.errors = validate.errors;
      return valid;
    };
    check.errors = null as ErrorObject[] | null | undefined;
    return check;
  });
  // Bodies are JSON or forms: text/plain is answered with 415 like any other type.
  app.removeContentTypeParser('text/plain');

  registerProblemHandlers(app, (error, request) => {
    request.log.error({ err: error }, 'unexpected error');
    monitor.error(error, { requestId: request.id, route: request.routeOptions.url ?? 'unmatched' });
  });

  trackRequestsInFlight(app);
  // Declared up front so every request object has the same shape (V8 keeps it fast).
  app.decorateRequest('actor', null as unknown as Actor);

  const headers = securityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers).header('x-request-id', request.id);
    done();
  });

  app.addSchema(ProblemSchema);
  registerMetrics(app, services.handle);
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      global: false,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      ...(options.redis ? { redis: options.redis, nameSpace: 'backlot:rate:' } : {}),
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
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Backlot API',
        version: '1',
        description: 'The back office for companies that make films, sell them and stage events.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          // Lets the docs page sign in with an email and password (the OAuth2 password grant).
          password: { type: 'oauth2', flows: { password: { tokenUrl: '/api/v1/auth/token', scopes: {} } } },
        },
      },
      security: [{ bearer: [] }, { password: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ping(services.handle.db);
      const status = await migrationStatus(services.handle);
      const body = { database: 'ok', migrations: { applied: status.applied.length, pending: status.pending.length } };
      return status.pending.length > 0 ? reply.code(503).send(body) : body;
    } catch {
      return sendProblem(reply, problem(503, 'unavailable', 'The database does not answer.'));
    }
  });

  await app.register(
    async (api) => {
      refreshCookie(api, { secure: config.production, maxAgeSeconds: config.refreshTokenTtlSeconds });
      await api.register(authRoutes, { services });
      await api.register(async (protectedApi) => {
        protectedApi.addHook('onRequest', authenticator(services.identity));
        await protectedApi.register(castingRoutes, { services });
        await protectedApi.register(relationsRoutes, { services });
        await protectedApi.register(bookingsRoutes, { services });
        await protectedApi.register(storeRoutes, { services });
        await protectedApi.register(statsRoutes, { services });
        await protectedApi.register(usersRoutes, { services });
        await protectedApi.register(rolesRoutes, { services });
        await protectedApi.register(auditRoutes, { services });
        await protectedApi.register(viewsRoutes, { services });
      });
    },
    { prefix: '/api/v1' },
  );
  // The web console's build, at `/`, when there is one.
  await registerConsole(app);
  return app;
}
