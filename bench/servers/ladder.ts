/**
 * Steps between the baseline and Backlot, to see what each part costs over HTTP: Backlot's own services and schemas
 * on a bare Fastify app, with as many of Backlot's app-wide layers as asked for.
 * LADDER_STEP is `service` or `auth`, then optionally `+layer` for each layer to add, e.g. `auth+helmet+metrics`.
 * service: the route calls casting.listMovies (list planner, Kysely, row mapping, cursor) as a fixed casting assistant,
 *   with Backlot's querystring and response schemas.
 * auth: the same behind Backlot's authenticator hook (token decode and verify, session lookup).
 * Layers, as src/http/app.ts sets them up: requestid (uuid ids and the x-request-id header), helmet, cors, metrics
 * (prom-client hook), logger (pino at LOG_LEVEL), ajv (Backlot's ajv instances as validator compiler).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import cors from '@fastify/cors';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Caller } from '../../src/access/authorize.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { authenticator } from '../../src/http/auth.ts';
import { registerMetrics } from '../../src/http/metrics.ts';
import { ListQuery, Page } from '../../src/http/schemas.ts';
import { securityHeaders } from '../../src/http/security-headers.ts';
import type { ListParams } from '../../src/lists/list.ts';
import { createLogger } from '../../src/logger.ts';
import { Movie } from '../../src/modules/casting/schemas.ts';
import { createServices } from '../../src/services.ts';
import { runChild } from './protocol.ts';

const LAYERS = ['requestid', 'helmet', 'cors', 'metrics', 'logger', 'ajv'];
const [step, ...layers] = (process.env.LADDER_STEP ?? '').split('+');
if (step !== 'service' && step !== 'auth') throw new Error('LADDER_STEP must start with service or auth');
for (const layer of layers) if (!LAYERS.includes(layer)) throw new Error(`LADDER_STEP: unknown layer ${layer}`);
const has = (layer: string) => layers.includes(layer);

const config = loadConfig(process.env);
// Opened as `backlot serve` opens it: the session check cached, PostgreSQL's statements prepared, SQLite's pages kept.
const handle = openDatabase(config.databaseUrl, {
  sessionCache: config.sessionCache,
  pageCache: config.listCache,
  preparedStatements: config.preparedStatements,
});
const services = createServices({ ...config, jwtSecret: config.jwtSecret ?? '' }, handle);
const assistant: Caller = {
  userId: 1,
  permissions: new Set(['get:movies']),
  roles: ['casting_assistant'],
  sessionId: null,
  requestId: 'ladder',
  mustChangePassword: false,
};

const loggerInstance: FastifyBaseLogger | undefined = has('logger') ? createLogger(config) : undefined;
const app = Fastify({
  loggerInstance,
  logger: loggerInstance ? undefined : false,
  ...(has('requestid') ? { requestIdHeader: 'x-request-id', genReqId: () => randomUUID() } : {}),
});
if (has('ajv')) {
  const ajv = (coerceTypes: boolean | 'array') => {
    const instance = new Ajv({
      allErrors: true,
      coerceTypes,
      removeAdditional: false,
      useDefaults: true,
      strict: false,
    });
    addFormats.default(instance);
    return instance;
  };
  const bodyAjv = ajv(false);
  const textAjv = ajv('array');
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object),
  );
}
if (has('requestid')) {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
}
if (has('metrics')) registerMetrics(app, handle);
if (has('helmet')) {
  const headers = securityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.protocol === 'https' ? headers.https : headers.http);
    done();
  });
}
if (has('cors')) await app.register(cors, { origin: false, exposedHeaders: ['etag', 'location', 'x-request-id'] });
await app.register(async (scope) => {
  if (step === 'auth') scope.addHook('onRequest', authenticator(services.identity));
  scope.get('/api/v1/movies', { schema: { querystring: ListQuery, response: { 200: Page(Movie) } } }, async (request) =>
    services.casting.listMovies(step === 'auth' ? request.actor : assistant, request.query as ListParams),
  );
});
await app.listen({ host: '127.0.0.1', port: 0 });
runChild((app.server.address() as AddressInfo).port, async () => {
  await app.close();
  await handle.close();
});
