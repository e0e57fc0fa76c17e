// Fails fast, with one line, when a database (or Redis) the suite was told to use does not answer.
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';

const targets: [string, string | undefined, (url: string) => Promise<void>][] = [
  [
    'TEST_POSTGRES_URL',
    process.env.TEST_POSTGRES_URL,
    async (url) => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      await client.query('select 1');
      await client.end();
    },
  ],
  [
    'TEST_MYSQL_URL',
    process.env.TEST_MYSQL_URL,
    async (url) => {
      const connection = await createConnection({ uri: url, connectTimeout: 5000 });
      await connection.query('select 1');
      await connection.end();
    },
  ],
  [
    'TEST_REDIS_URL',
    process.env.TEST_REDIS_URL,
    async (url) => {
      const redis = new Redis(url, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0 });
      redis.on('error', () => {}); // the failure is reported once, below
      try {
        await redis.connect();
        await redis.ping();
      } finally {
        redis.disconnect();
      }
    },
  ],
];

const NAMES: Record<string, string> = {
  TEST_POSTGRES_URL: 'postgres',
  TEST_MYSQL_URL: 'mysql',
  TEST_REDIS_URL: 'redis',
};
const used = ['sqlite'];
for (const [name, url, check] of targets) {
  if (!url) continue;
  try {
    await check(url);
    used.push(NAMES[name] ?? name);
  } catch (error) {
    process.stderr.write(
      `${name} does not answer (${url}): ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
process.stdout.write(`Testing on: ${used.join(', ')}\n`);
