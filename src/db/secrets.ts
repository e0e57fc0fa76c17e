import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config.ts';

/** Where generated secrets are kept: beside the SQLite file, else ./data. */
export function dataFolder(config: Config): string {
  const file = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl.slice('sqlite:'.length) : '';
  return file && file !== ':memory:' ? dirname(file) : 'data';
}

/**
 * The signing key of Backlot's tokens: JWT_SECRET, or outside production one generated once and kept
 * (mode 0600) in the data folder, so that tokens survive a restart.
 */
export function resolveJwtSecret(config: Config): string {
  if (config.jwtSecret) return config.jwtSecret;
  if (config.production) throw new Error('JWT_SECRET is required in production');
  const folder = dataFolder(config);
  const file = join(folder, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
