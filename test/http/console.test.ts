import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { CONSOLE_CSP, type ConsolePages, registerConsole } from '../../src/http/console.ts';
import { registerProblemHandlers } from '../../src/http/problem.ts';

/** The console's static serving, over a stand-in build (the real one is exercised by the browser tests). */
describe('serving the console', () => {
  const root = mkdtempSync(join(tmpdir(), 'backlot-console-'));
  const app = Fastify();

  before(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>Backlot</title><script src="/assets/app-1a2b3c.js"></script>',
    );
    writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), 'export {};');
    app.get('/api/v1/movies', async () => ({ items: [] }));
    const pages: ConsolePages = {};
    registerProblemHandlers(app, () => {}, undefined, pages);
    assert.equal(await registerConsole(app, pages, root), true);
    await app.ready();
  });
  after(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('/ answers index.html, never cached, under the strict CSP', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/html/);
    assert.equal(response.headers['cache-control'], 'no-cache');
    assert.equal(response.headers['content-security-policy'], CONSOLE_CSP);
    assert.match(CONSOLE_CSP, /script-src 'self'/);
    assert.match(CONSOLE_CSP, /style-src 'self'(;|$)/);
    assert.doesNotMatch(CONSOLE_CSP, /unsafe-inline|unsafe-eval/);
    assert.match(response.body, /<title>Backlot<\/title>/);
  });

  test('hashed assets are cached for a year', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/app-1a2b3c.js' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test("the console's own routes fall back to index.html, with their query", async () => {
    for (const url of ['/movies', '/movies/12', '/orders?filter=status%3Dpending&sort=-createdAt']) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
      assert.match(response.body, /<title>Backlot<\/title>/, url);
    }
  });

  test('API paths, missing assets and other files never fall back', async () => {
    for (const url of ['/api/v1/nothing', '/api/v1', '/api', '/healthz/x', '/assets/gone-123.js', '/robots.txt']) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 404, url);
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/, url);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/movies' })).statusCode, 200);
  });

  test('without a build only the API is served', async () => {
    const bare = Fastify();
    assert.equal(await registerConsole(bare, {}, join(root, 'missing')), false);
    await bare.close();
  });
});
