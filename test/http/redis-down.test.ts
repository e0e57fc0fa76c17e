/**
 * When Redis is unreachable, Backlot keeps answering: the request rate limit fails open (requests pass), and sign-in
 * throttling falls back to the node's own counters, so guessing is still refused after the limit. Two ways Redis goes:
 * refused connections (nothing listens) and a frozen server (it accepts connections and never answers).
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Backlot, createBacklot } from '../../src/server.ts';
import { testConfig } from '../support.ts';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

const cases: [string, () => Promise<{ url: string; close(): Promise<void> }>][] = [
  [
    'refuses connections',
    async () => {
      const server = createServer();
      const port = await listen(server);
      await new Promise((resolve) => server.close(resolve));
      return { url: `redis://127.0.0.1:${port}`, close: async () => {} };
    },
  ],
  [
    'accepts connections and never answers',
    async () => {
      const sockets: Socket[] = [];
      const server = createServer((socket) => sockets.push(socket));
      const port = await listen(server);
      return {
        url: `redis://127.0.0.1:${port}`,
        close: async () => {
          for (const socket of sockets) socket.destroy();
          await new Promise((resolve) => server.close(resolve));
        },
      };
    },
  ],
];

for (const [how, start] of cases) {
  describe(`Redis that ${how}`, () => {
    let redis: { url: string; close(): Promise<void> };
    let node: Backlot;
    before(async () => {
      redis = await start();
      node = await createBacklot(testConfig('sqlite::memory:', { REDIS_URL: redis.url, RATE_LIMIT: '3' }), false, {
        migrate: true,
      });
    });
    after(async () => {
      await node.close();
      await redis.close();
    });

    it('lets requests through (the request limit fails open) and stays ready', async () => {
      const remoteAddress = `127.9.${randomInt(1, 255)}.${randomInt(1, 255)}`;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await node.app.inject({ method: 'GET', url: '/api/v1/movies', remoteAddress });
        statuses.push(response.statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401]);
      const ready = await node.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
    });

    it('still refuses a sixth failed sign-in on one account, counting on this node', async () => {
      const email = `guess-${randomInt(1e9)}@test.backlot`;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await node.app.inject({
          method: 'POST',
          url: '/api/v1/auth/token',
          payload: { email, password: 'wrong password here' },
        });
        statuses.push(response.statusCode);
      }
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
    });
  });
}
