import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

type Operation = {
  operationId?: string;
  description?: string;
  parameters?: { in: string; name: string; description?: string; examples?: Record<string, { value: string }> }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
};
type Document = {
  info: { version: string; contact?: object };
  servers?: object[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
};

const root = new URL('../../', import.meta.url);
const spectral = createRequire(import.meta.url).resolve('@stoplight/spectral-cli/dist/index.js');

// The document does not depend on the database: SQLite is enough.
const sqlite = dialects()[0]!;

describe('the OpenAPI document', () => {
  let backlot: TestBacklot;
  let document: Document;
  before(async () => {
    backlot = await startBacklot(sqlite);
    document = (await backlot.request({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  after(() => backlot.stop());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );

  it('passes spectral lint with the spectral:oas ruleset: no error, no warning, no hint', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'backlot-openapi-'));
    try {
      const file = join(folder, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const ruleset = new URL('.spectral.yaml', root).pathname;
      const run = await promisify(execFile)(
        process.execPath,
        [spectral, 'lint', '--ruleset', ruleset, '--format', 'json', '--fail-severity', 'hint', '--quiet', file],
        { maxBuffer: 64 * 1024 * 1024 },
      ).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
      const findings = JSON.parse(run.stdout || '[]') as { code: string; message: string; path: string[] }[];
      assert.deepEqual(
        findings.map((f) => `${f.code} at ${f.path.join('.')}: ${f.message}`),
        [],
        run.stderr,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("follows the package's version, and names its contact, servers and tags", () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    assert.equal(document.info.version, pkg.version);
    assert.ok(document.info.contact);
    assert.ok((document.servers ?? []).length > 0);
    const tags = new Set((document.tags ?? []).map((tag) => tag.name));
    for (const { path, method, operation } of operations()) {
      assert.ok(operation.operationId, `${method} ${path} has an operationId`);
      assert.ok(operation.description, `${method} ${path} has a description`);
      for (const tag of (operation as { tags?: string[] }).tags ?? []) assert.ok(tags.has(tag), tag);
    }
    const ids = operations().map(({ operation }) => operation.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.equal(document.paths['/api/v1/movies']?.get?.operationId, 'listMovies');
    assert.equal(document.paths['/api/v1/contracts/{id}/sign']?.post?.operationId, 'signContract');
  });

  it('declares errors as application/problem+json, and the token endpoint as OAuth2 has it', () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || !response.content) continue;
        const oauth = path === '/api/v1/auth/token' && status === '400';
        assert.deepEqual(
          Object.keys(response.content),
          [oauth ? 'application/json' : 'application/problem+json'],
          `${method} ${path} ${status}`,
        );
      }
    }
    const token = document.paths['/api/v1/auth/token']?.post;
    assert.ok(token?.requestBody?.content['application/x-www-form-urlencoded'], 'the grant is a form');
  });

  it('declares ETag, Location and Retry-After, and the 304, 413, 415, 429 and 503 answers where they occur', () => {
    const movie = document.paths['/api/v1/movies/{id}']!;
    assert.ok(movie.get?.responses['200']?.headers?.ETag);
    assert.ok(movie.get?.responses['304']);
    assert.ok(movie.get?.parameters?.some((p) => p.in === 'header' && p.name === 'if-none-match'));
    assert.ok(movie.patch?.responses['200']?.headers?.ETag);
    assert.ok(movie.patch?.requestBody?.content['application/merge-patch+json'], 'PATCH takes merge patches');
    const created = document.paths['/api/v1/movies']?.post?.responses['201'];
    assert.ok(created?.headers?.Location && created.headers.ETag);
    for (const { path, method, operation } of operations()) {
      assert.ok(operation.responses['429']?.headers?.['Retry-After'], `${method} ${path} 429`);
      assert.ok(operation.responses['503'], `${method} ${path} 503`);
      if (operation.requestBody) {
        assert.ok(operation.responses['413'] && operation.responses['415'], `${method} ${path} 413, 415`);
      }
    }
  });

  it('describes filter, sort, q and cursor, the filter with its grammar and examples', () => {
    const parameters = document.paths['/api/v1/contracts']?.get?.parameters ?? [];
    const named = (name: string) => parameters.find((p) => p.in === 'query' && p.name === name);
    for (const name of ['limit', 'cursor', 'sort', 'filter', 'q']) assert.ok(named(name)?.description, name);
    assert.match(String(named('filter')?.description), /comparison := field op value/);
    const examples = Object.values(named('filter')?.examples ?? {}).map((example) => example.value);
    assert.ok(examples.includes('status=signed and dueCents>0'), examples.join(' | '));
    assert.ok(Object.keys(named('sort')?.examples ?? {}).length > 0);
  });
});
