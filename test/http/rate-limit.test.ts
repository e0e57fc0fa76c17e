import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Backlot, createBacklot } from '../../src/server.ts';
import { testConfig } from '../support.ts';

/** Like the databases, Redis is used when the suite is told where it is (CI does). */
const REDIS_URL = process.env.TEST_REDIS_URL;

/** A client address of its own for each run, so counters left in Redis by an earlier run do not count. */
function clientAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
}

const sharedThroughRedis = (redisUrl: string) => () => {
  let first: Backlot;
  let second: Backlot;
  before(async () => {
    const config = testConfig('sqlite::memory:', { REDIS_URL: redisUrl, RATE_LIMIT: '6' });
    first = await createBacklot(config, false, { migrate: true });
    second = await createBacklot(config, false, { migrate: true });
  });
  after(async () => {
    await first.close();
    await second.close();
  });

  it('counts requests to both nodes against one limit', async () => {
    const remoteAddress = clientAddress();
    const statuses: number[] = [];
    for (const node of [first, second, first, second, first, second, first]) {
      const response = await node.app.inject({ method: 'GET', url: '/api/v1/movies', remoteAddress });
      statuses.push(response.statusCode);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 429]);
    const limited = await second.app.inject({ method: 'GET', url: '/api/v1/movies', remoteAddress });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(limited.json().code, 'too_many_requests');
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });

  it('counts failed sign-ins on either node against one account', async () => {
    const email = `nobody-${randomInt(1e9)}@test.backlot`;
    const statuses: number[] = [];
    for (const node of [first, second, first, second, first, second]) {
      const response = await node.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        payload: { email, password: 'wrong password here' },
        remoteAddress: clientAddress(),
      });
      statuses.push(response.statusCode);
    }
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
  });

  it('never limits health, readiness and metrics', async () => {
    const remoteAddress = clientAddress();
    for (let i = 0; i < 8; i++) {
      const response = await first.app.inject({ method: 'GET', url: '/healthz', remoteAddress });
      assert.equal(response.statusCode, 200);
    }
  });
};

if (REDIS_URL) describe('rate limits shared through Redis by two Backlot nodes', sharedThroughRedis(REDIS_URL));

describe('rate limits behind a trusted proxy', () => {
  it('count each client by X-Forwarded-For, not the proxy', async () => {
    const backlot = await createBacklot(
      testConfig('sqlite::memory:', { RATE_LIMIT: '2', TRUST_PROXY: '127.0.0.1' }),
      false,
      {
        migrate: true,
      },
    );
    try {
      const ask = (client: string) =>
        backlot.app.inject({
          method: 'GET',
          url: '/api/v1/movies',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
      assert.deepEqual(
        [
          (await ask('203.0.113.1')).statusCode,
          (await ask('203.0.113.1')).statusCode,
          (await ask('203.0.113.1')).statusCode,
        ],
        [401, 401, 429],
      );
      assert.equal((await ask('203.0.113.2')).statusCode, 401);
    } finally {
      await backlot.close();
    }
  });
});
