import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { monitor } from '../../src/monitoring.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

/** A loopback endpoint that receives Sentry's envelopes, as Sentry's ingest would. */
function sentryReceiver(): Promise<{ server: Server; port: number; items: Record<string, unknown>[] }> {
  const items: Record<string, unknown>[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      // An envelope: a header line, then (item header, item payload) line pairs.
      const lines = body.toString('utf8').split('\n').filter(Boolean);
      for (let i = 1; i + 1 < lines.length; i += 2) {
        const header = JSON.parse(lines[i]!);
        if (header.type === 'event') items.push(JSON.parse(lines[i + 1]!));
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, items })),
  );
}

async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Sentry did not receive ${what}`);
}

const sqlite = dialects()[0]!;

describe('Sentry, when SENTRY_DSN is set', () => {
  let receiver: Awaited<ReturnType<typeof sentryReceiver>>;
  let backlot: TestBacklot;
  before(async () => {
    receiver = await sentryReceiver();
    backlot = await startBacklot(sqlite, { SENTRY_DSN: `http://publickey@127.0.0.1:${receiver.port}/42` });
  });
  after(async () => {
    await backlot.stop();
    receiver.server.close();
  });

  it('receives an unexpected error, while the client gets a 500 with no details', async () => {
    const { token } = await backlot.as(['casting_assistant']);
    await sql`drop table castings`.execute(backlot.handle.db);
    await sql`drop table movies`.execute(backlot.handle.db);
    const response = await backlot.request({ method: 'GET', url: '/api/v1/movies', token });
    assert.equal(response.statusCode, 500);
    const body = response.json();
    assert.equal(body.code, 'internal');
    assert.doesNotMatch(response.body, /movies|sqlite|select|stack|at /i);
    const event = await waitFor(
      () =>
        receiver.items.find((item) => (item.tags as Record<string, string> | undefined)?.route === '/api/v1/movies'),
      'the exception',
    );
    assert.equal(event.level, 'error');
    assert.ok((event.exception as { values: unknown[] }).values.length > 0);
    assert.equal((event.tags as Record<string, string>).route, '/api/v1/movies');
  });

  it('receives business events', async () => {
    monitor.event('contract.signed', { contractId: 7 });
    const event = await waitFor(() => receiver.items.find((item) => item.message === 'contract.signed'), 'the event');
    assert.equal(event.level, 'info');
    assert.deepEqual(event.extra, { contractId: 7 });
  });
});
