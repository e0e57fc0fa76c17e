/**
 * The baseline: a bare Fastify route running the same SELECT with the same driver and returning the rows through a
 * response schema. No auth, no hooks, no plugins, no logger.
 */
import type { AddressInfo } from 'node:net';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { BASELINE_LIMIT, baselineRoute, type MovieRow } from './baseline-route.ts';
import { runChild } from './protocol.ts';

const url = process.env.DATABASE_URL ?? '';

let query: () => Promise<MovieRow[]>;
let closeDatabase: () => Promise<void>;
if (url.startsWith('sqlite:')) {
  const sqlite = new SqliteDatabase(url.slice('sqlite:'.length));
  // The pragmas Backlot's openDatabase sets.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Prepared once, as one would by hand (Kysely prepares the statement on every query).
  const statement = sqlite.prepare<[number], MovieRow>('select * from movies order by title, id limit ?');
  query = async () => statement.all(BASELINE_LIMIT + 1);
  closeDatabase = async () => void sqlite.close();
} else {
  // The pool size Backlot's openDatabase uses.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  query = async () =>
    (await pool.query<MovieRow>('select * from movies order by title, id limit $1', [BASELINE_LIMIT + 1])).rows;
  closeDatabase = () => pool.end();
}

const app = Fastify({ logger: false });
baselineRoute(app, query);
// A route that does nothing, to set Backlot's /healthz against.
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: 0 });
runChild((app.server.address() as AddressInfo).port, async () => {
  await app.close();
  await closeDatabase();
});
