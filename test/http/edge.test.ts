/**
 * The edge of the real server (a real port, the real `backlot serve` for shutdown): requests refused before any route
 * are problem+json, and SIGTERM under keep-alive load closes connections cleanly instead of resetting them.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { createBacklot } from '../../src/server.ts';
import { serveBinary } from '../serve.ts';
import { testConfig } from '../support.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}, agent?: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers, agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
  });
}

function assertProblem(answer: Answer, status: number, code: string): void {
  assert.equal(answer.status, status, answer.body);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
  const body = JSON.parse(answer.body);
  assert.equal(body.status, status);
  assert.equal(body.code, code);
  assert.ok(!answer.body.includes('FST_'), 'a framework error code reached the client');
}

describe('the edge of the server', () => {
  it('answers 414 and 431 as problem+json, without echoing the path; a deep body logs no stack', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const backlot = await createBacklot(testConfig('sqlite::memory:'), pino({ level: 'info' }, sink), {
      migrate: true,
    });
    try {
      await backlot.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = backlot.app.server.address() as { port: number };
      const long = await get(port, `/api/v1/movies/${'1'.repeat(5000)}`);
      assertProblem(long, 414, 'uri_too_long');
      assert.ok(!long.body.includes('1111'), 'the path was echoed');
      assertProblem(await get(port, '/healthz', { 'x-padding': 'a'.repeat(20_000) }), 431, 'headers_too_large');
      // The server still serves after both.
      assert.equal((await get(port, '/healthz')).status, 200);

      let deep = '1';
      for (let i = 0; i < 8000; i++) deep = `[${deep}]`;
      const response = await backlot.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        headers: { 'content-type': 'application/json' },
        payload: `{"email":${deep}}`,
      });
      assert.equal(response.statusCode, 400, response.body);
      const log = lines.join('');
      assert.ok(!/Maximum call stack|RangeError|"level":50/.test(log), 'an error or stack trace reached the log');
    } finally {
      await backlot.close();
    }
  });

  it('SIGTERM under keep-alive load: Connection: close after the current response, 503 problems, no resets', async () => {
    const { child: server, port, output } = await serveBinary('sqlite::memory:');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 30 });
    const answers: Answer[] = [];
    const errors: string[] = [];
    let signalled = false;
    // 30 clients on keep-alive connections, each until the server tells it to go away.
    const client = async () => {
      for (;;) {
        try {
          const answer = await get(port, '/readyz', {}, agent);
          answers.push(answer);
          if (answer.status === 503 || (signalled && answer.headers.connection === 'close')) return;
        } catch (error) {
          // Once the server has stopped listening, a new connection is refused: that is no reset.
          if (signalled && (error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return;
          errors.push(`${(error as NodeJS.ErrnoException).code}: ${(error as Error).message}`);
          return;
        }
      }
    };
    const clients = Array.from({ length: 30 }, client);
    await sleep(1000);
    signalled = true;
    server.kill('SIGTERM');
    await Promise.all(clients);
    const [code] = await once(server, 'exit');
    agent.destroy();
    assert.deepEqual(errors, [], output());
    assert.equal(code, 0, output());
    assert.ok(answers.filter((answer) => answer.status === 200).length > 30);
    for (const answer of answers.filter((a) => a.status !== 200)) assertProblem(answer, 503, 'shutting_down');
    assert.ok(
      answers.some((answer) => answer.headers.connection === 'close'),
      'no connection was told to close',
    );
  });
});
