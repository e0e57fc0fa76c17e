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

  it('receives an event when a user is created, changed or deactivated, and when a contract is signed', async () => {
    const admin = await backlot.as(['admin']);
    const sales = await backlot.as(['sales']);
    const created = await backlot.request({
      method: 'POST',
      url: '/api/v1/users',
      token: admin.token,
      body: { email: 'monitored@test.backlot', fullName: 'Monitored', roles: ['support'] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const userId = created.json().id;
    const changed = await backlot.request({
      method: 'PATCH',
      url: `/api/v1/users/${userId}`,
      token: admin.token,
      body: { fullName: 'Monitored Again' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const deactivated = await backlot.request({ method: 'DELETE', url: `/api/v1/users/${userId}`, token: admin.token });
    assert.equal(deactivated.statusCode, 204, deactivated.body);

    const client = await backlot.request({
      method: 'POST',
      url: '/api/v1/clients',
      token: sales.token,
      body: {
        fullName: 'Signing Client',
        email: 'signing@client.test',
        phone: '+1 555 0100',
        companyName: 'Signing Co',
      },
    });
    assert.equal(client.statusCode, 201, client.body);
    const contract = await backlot.request({
      method: 'POST',
      url: '/api/v1/contracts',
      token: admin.token,
      body: { clientId: client.json().id, totalCents: 100000, dueCents: 50000 },
    });
    assert.equal(contract.statusCode, 201, contract.body);
    const contractId = contract.json().id;
    const signed = await backlot.request({
      method: 'POST',
      url: `/api/v1/contracts/${contractId}/sign`,
      token: sales.token,
    });
    assert.equal(signed.statusCode, 200, signed.body);

    const named = (name: string, match: (extra: Record<string, unknown>) => boolean) =>
      waitFor(
        () => receiver.items.find((item) => item.message === name && match(item.extra as Record<string, unknown>)),
        `the ${name} event`,
      );
    const userCreated = await named('user.created', (extra) => extra.userId === userId);
    assert.equal(userCreated.level, 'info');
    await named('user.updated', (extra) => extra.userId === userId);
    await named('user.deactivated', (extra) => extra.userId === userId);
    const contractSigned = await named('contract.signed', (extra) => extra.contractId === contractId);
    assert.doesNotMatch(JSON.stringify(contractSigned), /Signing Client|signing@client\.test/);
  });

  it('receives events sent through the monitor', async () => {
    monitor.event('contract.signed', { contractId: 7 });
    const event = await waitFor(
      () =>
        receiver.items.find(
          (item) => item.message === 'contract.signed' && (item.extra as { contractId?: number }).contractId === 7,
        ),
      'the event',
    );
    assert.deepEqual(event.extra, { contractId: 7 });
  });
});
