import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError, EXIT } from './errors.ts';

/** The session saved by `backlot login`. */
export interface Credentials {
  server: string;
  accessToken: string;
  refreshToken: string;
  /** ISO 8601: when the access token expires. */
  expiresAt: string;
  email: string;
}

/** `$XDG_CONFIG_HOME/backlot/credentials.json`, else `~/.config/backlot/credentials.json`. */
export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec says a relative path is to be ignored.
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config');
  return join(base, 'backlot', 'credentials.json');
}

export function loadCredentials(path = credentialsPath()): Credentials | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(EXIT.failure, `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const value = JSON.parse(text) as Partial<Credentials>;
    if (
      typeof value.server === 'string' &&
      typeof value.accessToken === 'string' &&
      typeof value.refreshToken === 'string' &&
      typeof value.expiresAt === 'string' &&
      typeof value.email === 'string'
    ) {
      return value as Credentials;
    }
  } catch {
    // fall through: a damaged file is treated like no session
  }
  return null;
}

/** Writes the file atomically, readable by its owner only (file 0600, folder 0700). */
export function saveCredentials(credentials: Credentials, path = credentialsPath()): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export function removeCredentials(path = credentialsPath()): boolean {
  try {
    rmSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

const STALE_LOCK_MS = 15_000;

/**
 * Runs `work` holding a lock file beside the credentials. Refresh tokens are rotated and a spent one ends the
 * whole session, so two `backlot` processes must never refresh with the same token: the second one waits, then
 * reads the tokens the first one saved.
 */
export async function withCredentialsLock<T>(work: () => Promise<T>, path = credentialsPath()): Promise<T> {
  const lock = `${path}.lock`;
  mkdirSync(dirname(lock), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lock)) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new CliError(EXIT.failure, `another backlot holds ${lock}`);
      else await sleep(50);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function isStale(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false;
  }
}
