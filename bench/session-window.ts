/**
 * `node bench/session-window.ts`: how long another node may still accept a session after it was ended, with the
 * session check cached (PostgreSQL, LISTEN/NOTIFY). Two Backlot nodes in this process over one fresh database; each
 * round, a user's session is held in node B's cache, node A answers its logout, and the time from A's answer to B
 * hearing of it is recorded. Settings: BENCH_POSTGRES_URL, BENCH_ROUNDS (200).
 */
import { loadConfig } from '../src/config.ts';
import { createBacklot } from '../src/server.ts';
import { freshPostgres, randomSecret } from './lib/seed.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const database = await freshPostgres(process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const env = {
  NODE_ENV: 'production',
  JWT_SECRET: randomSecret(),
  LOG_LEVEL: 'silent',
  DATABASE_URL: database.url,
  RATE_LIMIT: '0',
};
const a = await createBacklot(loadConfig(env), false, { migrate: true });
const b = await createBacklot(loadConfig(env), false, { migrate: false });
try {
  await Promise.all([a.handle.sessions.ready(), b.handle.sessions.ready()]);
  const password = 'session-window-password-1';
  await a.services.identity.createUserDirect({
    email: 'window@bench.backlot',
    fullName: 'Window',
    password,
    roles: ['casting_assistant'],
  });
  const windows: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const signIn = await a.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { email: 'window@bench.backlot', password },
    });
    const headers = { authorization: `Bearer ${signIn.json<{ access_token: string }>().access_token}` };
    await b.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    let heardAt = 0;
    const heard = new Promise<void>((resolve) => {
      b.handle.sessions.onNotified = () => {
        heardAt = performance.now();
        resolve();
      };
    });
    await a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    const answeredAt = performance.now();
    await heard;
    windows.push(Math.max(0, heardAt - answeredAt));
  }
  windows.sort((x, y) => x - y);
  const at = (p: number) => windows[Math.min(windows.length - 1, Math.floor(windows.length * p))]!.toFixed(2);
  process.stdout.write(
    `Logout answered on node A → node B told (PostgreSQL LISTEN/NOTIFY), ${ROUNDS} rounds: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms (0 = B heard before A's answer was back)\n`,
  );
} finally {
  await a.close();
  await b.close();
  await database.drop();
}
