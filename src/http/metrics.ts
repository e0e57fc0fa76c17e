import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, type Metric, Registry } from 'prom-client';
import { businessRegistry } from '../business-metrics.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { Unauthorized } from '../errors.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Prometheus metrics of one app: requests by route and status, their durations, the database pool, the process. */
export function registerMetrics(app: FastifyInstance, handle: DatabaseHandle, token?: string): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client names three gauges `_total`, which Prometheus reserves for counters (`promtool check metrics`
  // refuses them); the same figures stay available without the suffix (nodejs_active_handles, …_requests, …_resources).
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(name);
  }
  for (const metric of businessRegistry.getMetricsAsArray()) registry.registerMetric(metric as unknown as Metric);
  const requests = new Counter({
    name: 'backlot_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'backlot_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'backlot_db_pool_connections',
    help: 'Database pool connections, by state (total, idle, waiting for one)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = handle.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  const { readers } = handle;
  if (readers) {
    new Gauge({
      name: 'backlot_sqlite_readers',
      help: "SQLite's reader threads (lists that may read many rows): workers, busy, statements queued, given up",
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const stats = readers.stats();
        this.set({ state: 'workers' }, stats.workers);
        this.set({ state: 'busy' }, stats.busy);
        this.set({ state: 'queued' }, stats.queued);
        this.set({ state: 'lingering' }, stats.lingering);
      },
    });
  }

  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the raw URL: ids and query strings would explode the label space.
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  const expected = token === undefined ? undefined : digest(token);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (expected !== undefined) {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
      // Compared as digests, in constant time: the comparison says nothing about how much of a guess was right.
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new Unauthorized('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.');
      }
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
