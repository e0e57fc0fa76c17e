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

export const DEFAULT_PROFILE = 'default';

/** Every profile's session, by name: `{"profiles": {"default": {...}, "work": {...}}}`. */
export type CredentialStore = Record<string, Credentials>;

type Env = Record<string, string | undefined>;

/** `$XDG_CONFIG_HOME/backlot/credentials.json`, else `~/.config/backlot/credentials.json`. */
export function credentialsPath(env: Env = process.env): string {
  return join(configBase(env, 'XDG_CONFIG_HOME', '.config'), 'backlot', 'credentials.json');
}

/** `$XDG_CACHE_HOME/backlot`, else `~/.cache/backlot`. */
export function cacheFolder(env: Env = process.env): string {
  return join(configBase(env, 'XDG_CACHE_HOME', '.cache'), 'backlot');
}

function configBase(env: Env, variable: string, fallback: string): string {
  const xdg = env[variable];
  // The XDG spec says a relative path is to be ignored.
  return xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), fallback);
}

/** `--profile`, else `BACKLOT_PROFILE`, else `default`. */
export function resolveProfile(flag: string | undefined, env: Env = process.env): string {
  const name = flag ?? (env.BACKLOT_PROFILE || DEFAULT_PROFILE);
  if (!/^[A-Za-z0-9][\w.-]{0,39}$/.test(name)) {
    throw new CliError(EXIT.usage, `not a profile name: ${name} (letters, digits, . _ -; at most 40)`);
  }
  return name;
}

function isCredentials(value: unknown): value is Credentials {
  const v = value as Partial<Credentials> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.server === 'string' &&
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.expiresAt === 'string' &&
    typeof v.email === 'string'
  );
}

/** All saved sessions. A file of one session (written before profiles existed) is the default profile. */
export function loadStore(path: string): CredentialStore {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(EXIT.failure, `cannot read ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {}; // a damaged file is treated like no session
  }
  if (isCredentials(value)) return { [DEFAULT_PROFILE]: value };
  const profiles = (value as { profiles?: unknown } | null)?.profiles;
  const store: CredentialStore = {};
  if (profiles && typeof profiles === 'object') {
    for (const [name, entry] of Object.entries(profiles)) if (isCredentials(entry)) store[name] = entry;
  }
  return store;
}

export function loadCredentials(path: string, profile = DEFAULT_PROFILE): Credentials | null {
  return loadStore(path)[profile] ?? null;
}

/** Writes the file atomically, readable by its owner only (file 0600, folder 0700). */
function writeStore(store: CredentialStore, path: string): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ profiles: store }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** Saves one profile's session; call it holding the lock, since the file holds every profile. */
export function saveCredentials(credentials: Credentials, path: string, profile = DEFAULT_PROFILE): void {
  writeStore({ ...loadStore(path), [profile]: credentials }, path);
}

/** Removes one profile's session; the file goes with the last one. */
export function removeCredentials(path: string, profile = DEFAULT_PROFILE): boolean {
  const store = loadStore(path);
  if (!store[profile]) return false;
  delete store[profile];
  if (Object.keys(store).length > 0) writeStore(store, path);
  else rmSync(path, { force: true });
  return true;
}

const STALE_LOCK_MS = 15_000;

/**
 * Runs `work` holding a lock file beside the credentials. Refresh tokens are rotated and a spent one ends the
 * whole session, so two `backlot` processes must never refresh with the same token: the second one waits, then
 * reads the tokens the first one saved.
 */
export async function withCredentialsLock<T>(work: () => Promise<T>, path: string): Promise<T> {
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
