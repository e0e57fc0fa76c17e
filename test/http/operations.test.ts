import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import pino from 'pino';
import { REDACT, requestLogger } from '../../src/logger.ts';
import { createBacklot } from '../../src/server.ts';
import { dialects, PASSWORD, startBacklot, type TestBacklot, testConfig } from '../support.ts';

for (const dialect of dialects()) {
  describe(`operations on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    it('serves a valid OpenAPI 3.1 document that documents every registered route', async () => {
      const response = await backlot.request({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(response.statusCode, 200);
      const document = response.json();
      assert.equal(document.openapi, '3.1.0');
      const result = await new Validator().validate(document);
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
      const documented = new Set<string>();
      for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
        for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
      }
      const api = backlot.app.registeredRoutes.filter((route) => route.url.startsWith('/api/v1'));
      assert.ok(api.length >= 15, `only ${api.length} API routes registered`);
      for (const route of api) {
        const path = route.url.replace(/:(\w+)/g, '{$1}');
        assert.ok(documented.has(`${route.method} ${path}`), `${route.method} ${path} is not in the OpenAPI document`);
      }
    });

    it('serves the interactive reference at /api/docs', async () => {
      const response = await backlot.request({ method: 'GET', url: '/api/docs/' });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /swagger-ui/i);
    });

    it('echoes X-Request-Id, or makes one', async () => {
      const given = await backlot.request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
      assert.equal(given.headers['x-request-id'], 'trace-123');
      const made = await backlot.request({ method: 'GET', url: '/healthz' });
      assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });

    it('sends security headers; HSTS and upgrade-insecure-requests only over HTTPS', async () => {
      const plain = await backlot.request({ method: 'GET', url: '/healthz' });
      assert.equal(plain.headers['x-content-type-options'], 'nosniff');
      assert.match(String(plain.headers['content-security-policy']), /default-src 'self'/);
      // Over plain HTTP (a LAN or staging host) the docs page must load its scripts over HTTP.
      assert.doesNotMatch(String(plain.headers['content-security-policy']), /upgrade-insecure-requests/);
      assert.equal(plain.headers['strict-transport-security'], undefined);
      // An X-Forwarded-Proto from an untrusted client changes nothing.
      const claimed = await backlot.request({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-forwarded-proto': 'https' },
      });
      assert.equal(claimed.headers['strict-transport-security'], undefined);
    });

    it('is healthy and ready, with the migration count', async () => {
      assert.deepEqual((await backlot.request({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
      const ready = await backlot.request({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      const body = ready.json();
      assert.equal(body.database, 'ok');
      assert.equal(body.migrations.pending, 0);
      assert.ok(body.migrations.applied >= 2);
    });

    it('counts requests by route and status in /metrics', async () => {
      const { token } = await backlot.as(['casting_assistant']);
      await backlot.request({ method: 'GET', url: '/api/v1/movies', token });
      await backlot.request({ method: 'GET', url: '/api/v1/movies/999999', token });
      const response = await backlot.request({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /text\/plain/);
      assert.match(
        response.body,
        /backlot_http_requests_total\{method="GET",route="\/api\/v1\/movies",status="200"\} 1/,
      );
      assert.match(
        response.body,
        /backlot_http_requests_total\{method="GET",route="\/api\/v1\/movies\/:id",status="404"\} 1/,
      );
      assert.match(response.body, /backlot_http_request_duration_seconds_bucket\{/);
      assert.match(response.body, /backlot_db_pool_connections\{state="total"\}/);
      assert.match(response.body, /process_resident_memory_bytes/);
    });
  });
}

describe('readiness when not ready', () => {
  it('answers 503 while a migration is pending', async () => {
    const backlot = await createBacklot(testConfig('sqlite::memory:'), false, { migrate: false });
    try {
      const response = await backlot.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(response.statusCode, 503);
      assert.ok(response.json().migrations.pending >= 2);
    } finally {
      await backlot.close();
    }
  });

  it('answers 503 with a problem when the database does not answer', async () => {
    const backlot = await createBacklot(testConfig('sqlite::memory:'), false, { migrate: true });
    await backlot.handle.close();
    const response = await backlot.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().code, 'unavailable');
    await backlot.app.close();
  });
});

describe('logs', () => {
  it('are JSON lines with the request id, and never carry tokens or passwords', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const logger = pino({ level: 'trace', redact: { paths: REDACT, censor: '[redacted]' } }, sink);
    const backlot = await createBacklot(testConfig('sqlite::memory:'), logger, { migrate: true });
    try {
      const id = await backlot.services.identity.createUserDirect({
        email: 'logs@test.backlot',
        fullName: 'Logs',
        password: PASSWORD,
        roles: ['casting_assistant'],
      });
      assert.ok(id > 0);
      const signIn = await backlot.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        payload: { email: 'logs@test.backlot', password: PASSWORD },
        headers: { 'x-request-id': 'log-test-1' },
      });
      const { access_token, refresh_token } = signIn.json();
      await backlot.app.inject({
        method: 'GET',
        url: '/api/v1/movies',
        headers: { authorization: `Bearer ${access_token}` },
      });
      logger.info({ req: { headers: { authorization: `Bearer ${access_token}` } }, body: { password: PASSWORD } }, 'x');
      const text = lines.join('\n');
      for (const line of lines) JSON.parse(line);
      assert.ok(lines.some((line) => JSON.parse(line).reqId === 'log-test-1'));
      assert.ok(!text.includes(access_token), 'an access token reached the log');
      assert.ok(!text.includes(refresh_token), 'a refresh token reached the log');
      assert.ok(!text.includes(PASSWORD), 'a password reached the log');
      assert.match(text, /\[redacted\]/);
      // One line per answered request, with what an access log needs.
      const listed = lines.map((line) => JSON.parse(line)).filter((line) => line.req?.url === '/api/v1/movies');
      assert.equal(listed.length, 1);
      assert.equal(listed[0].msg, 'request completed');
      assert.equal(listed[0].req.method, 'GET');
      assert.equal(listed[0].req.remoteAddress, '127.0.0.1');
      assert.equal(listed[0].res.statusCode, 200);
      assert.equal(typeof listed[0].responseTime, 'number');
      assert.equal(typeof listed[0].reqId, 'string');
    } finally {
      await backlot.close();
    }
  });

  it("a request's logger is made on its first line, with the request id, redacted like the rest", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'info', redact: { paths: REDACT, censor: '[redacted]' } }, sink);
    const backlot = await createBacklot(testConfig('sqlite::memory:'), logger, { migrate: true });
    const child = logger.child.bind(logger);
    let made = 0;
    logger.child = ((...args: Parameters<typeof child>) => {
      made++;
      return child(...args);
    }) as typeof logger.child;
    try {
      for (let i = 0; i < 3; i++)
        assert.equal((await backlot.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      assert.equal(made, 0, 'requests that log only their own line make no logger of their own');
      assert.equal(lines.filter((line) => line.msg === 'request completed').length, 3);

      const log = requestLogger(logger, { reqId: 'lazy-1' }, {});
      assert.equal(log.level, 'info');
      log.debug('below the level');
      assert.equal(made, 0, 'a line below the level makes nothing');
      log.warn({ body: { password: PASSWORD } }, 'first line');
      log.error('second line');
      assert.equal(made, 1, 'made once, then kept');
      const written = lines.filter((line) => line.reqId === 'lazy-1');
      assert.deepEqual(
        written.map((line) => [line.level, line.msg]),
        [
          [40, 'first line'],
          [50, 'second line'],
        ],
      );
      assert.deepEqual(written[0]?.body, { password: '[redacted]' });
      // A route's own level or serializers make the child at once, as Fastify would.
      assert.equal(requestLogger(logger, { reqId: 'lazy-2' }, { level: 'debug' }).level, 'debug');
      assert.equal(made, 2);
    } finally {
      await backlot.close();
    }
  });
});

describe('CORS', () => {
  it('allows only the origins of CORS_ORIGINS, and none without it', async () => {
    const open = await createBacklot(
      testConfig('sqlite::memory:', { CORS_ORIGINS: 'https://app.example.com' }),
      false,
      {
        migrate: true,
      },
    );
    const closed = await createBacklot(testConfig('sqlite::memory:'), false, { migrate: true });
    try {
      const preflight = (origin: string) => ({
        method: 'OPTIONS' as const,
        url: '/api/v1/movies',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      const allowed = await open.app.inject(preflight('https://app.example.com'));
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.com');
      const other = await open.app.inject(preflight('https://evil.example.com'));
      assert.equal(other.headers['access-control-allow-origin'], undefined);
      const read = await open.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { origin: 'https://app.example.com' },
      });
      assert.match(String(read.headers['access-control-expose-headers']), /etag/);
      const none = await closed.app.inject(preflight('https://app.example.com'));
      assert.equal(none.headers['access-control-allow-origin'], undefined);
    } finally {
      await open.close();
      await closed.close();
    }
  });
});
