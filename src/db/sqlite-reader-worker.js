/**
 * One of a SQLite handle's readers (see sqlite-readers.ts): a worker thread with its own read-only connection to the
 * database file, answering one SELECT at a time (ReadRequest in, ReadAnswer out). WAL lets it read the last committed
 * state while the main connection writes. Plain JavaScript: a TypeScript worker would load Node's type stripper into
 * every worker thread (tens of MiB each).
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

const STATEMENT_CACHE_SIZE = 200;

const port = parentPort;
if (!port) throw new Error('sqlite-reader-worker runs as a worker thread');
const sqlite = new SqliteDatabase(workerData.file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
/** @type {Map<string, import('better-sqlite3').Statement>} */
const statements = new Map();

/** @param {string} text */
function statement(text) {
  let found = statements.get(text);
  if (found) {
    statements.delete(text);
  } else {
    found = sqlite.prepare(text);
    if (!found.reader) throw new Error('a reader runs SELECTs only');
    if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value);
  }
  statements.set(text, found);
  return found;
}

port.postMessage('ready');
port.on('message', ({ id, sql, parameters }) => {
  let answer;
  try {
    answer = { id, rows: statement(sql).all(parameters) };
  } catch (error) {
    const { message, name, code } = error;
    answer = { id, error: { message, name, ...(typeof code === 'string' ? { code } : {}) } };
  }
  port.postMessage(answer);
});
