/**
 * One of a SQLite handle's readers (see sqlite-readers.ts): a worker thread with its own read-only connection to the
 * database file, answering one SELECT at a time. WAL lets it read the last committed state while the main connection
 * writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

export interface ReadRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

export type ReadAnswer =
  | { id: number; rows: unknown[] }
  | { id: number; error: { message: string; code?: string; name: string } };

const STATEMENT_CACHE_SIZE = 200;

const port = parentPort;
if (!port) throw new Error('sqlite-reader-worker runs as a worker thread');
const sqlite = new SqliteDatabase((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
const statements = new Map<string, SqliteDatabase.Statement>();

function statement(text: string): SqliteDatabase.Statement {
  let found = statements.get(text);
  if (found) {
    statements.delete(text);
  } else {
    found = sqlite.prepare(text);
    if (!found.reader) throw new Error('a reader runs SELECTs only');
    if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
  }
  statements.set(text, found);
  return found;
}

port.postMessage('ready');
port.on('message', ({ id, sql, parameters }: ReadRequest) => {
  let answer: ReadAnswer;
  try {
    answer = { id, rows: statement(sql).all(parameters) };
  } catch (error) {
    const { message, name, code } = error as Error & { code?: string };
    answer = { id, error: { message, name, ...(typeof code === 'string' ? { code } : {}) } };
  }
  port.postMessage(answer);
});
