import { existsSync, readFileSync } from 'node:fs';

/** Backlot's whole configuration, read and validated here and nowhere else (SPEC §2). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  nodeEnv: 'development' | 'production' | 'test';
  production: boolean;
  /** Unset outside production: a generated key is kept in the data folder (see `db/secrets.ts`). */
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** External OpenID Connect issuers whose access tokens are accepted (OIDC_* and AUTH0_*). */
  externalIssuers: ExternalIssuer[];
  corsOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sentryDsn: string | undefined;
  redisUrl: string | undefined;
  /** Requests per minute per client address; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Which proxies' X-Forwarded-For to believe for the client address: none, all, or these addresses/CIDRs. */
  trustProxy: boolean | string[];
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  migrateOnStart: boolean;
  /** How often the audit sealer links new entries into the chain, and a standby tries to take over (ms). */
  auditSealIntervalMs: number;
  /** When set, GET /metrics needs `Authorization: Bearer <this>`. */
  metricsToken: string | undefined;
  /** Cache the per-request session check, emptied across nodes on every change (see db/session-cache.ts). */
  sessionCache: boolean;
  /** SQLite: keep plain list pages until the database changes (see db/page-cache.ts). */
  listCache: boolean;
  /** PostgreSQL: statements prepared once per connection, then only bound and run (db/resilience.ts). */
  preparedStatements: boolean;
  /** On SIGTERM, how long /readyz answers 503 while the node still serves, before it stops taking connections. */
  shutdownDelaySeconds: number;
}

export interface ExternalIssuer {
  issuer: string;
  audience: string;
}

/** Invalid configuration: the one line start-up prints before it stops. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

/** Reads `.env` from the working folder into process.env, without overriding what is already set. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** A variable's value, or the contents of the file named by `<NAME>_FILE` (trailing newline dropped). */
function read(env: Env, name: string): string | undefined {
  const file = env[`${name}_FILE`];
  if (file !== undefined && file !== '') {
    if (env[name] !== undefined && env[name] !== '')
      throw new ConfigError(name, `set either ${name} or ${name}_FILE, not both`);
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new ConfigError(`${name}_FILE`, `cannot read ${file}`);
    }
  }
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const value = read(env, name) ?? fallback;
  if (!(values as readonly string[]).includes(value))
    throw new ConfigError(name, `must be one of ${values.join(', ')}`);
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(name, 'must be true or false');
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses a duration such as `15m`, `30d`, `3600` (seconds). */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * (UNITS[match[2] || 's'] ?? 1);
  return seconds > 0 ? seconds : undefined;
}

function duration(env: Env, name: string, fallback: string): number {
  const seconds = parseDuration(read(env, name) ?? fallback);
  if (seconds === undefined) throw new ConfigError(name, 'must be a duration such as 900, 15m, 12h or 30d');
  return seconds;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (!protocols.includes(parsed.protocol)) throw new Error();
  } catch {
    throw new ConfigError(name, `must be a URL (${protocols.join(' or ')})`);
  }
  return value;
}

function databaseUrl(env: Env): string {
  const value = read(env, 'DATABASE_URL') ?? 'sqlite:./data/backlot.db';
  if (/^sqlite:.+/.test(value) || /^(postgres|postgresql|mysql|mariadb):\/\/.+/.test(value)) return value;
  throw new ConfigError('DATABASE_URL', 'must start with sqlite:, postgres:// or mysql://');
}

function externalIssuers(env: Env): ExternalIssuer[] {
  const issuers: ExternalIssuer[] = [];
  const oidcIssuer = url(env, 'OIDC_ISSUER', ['https:', 'http:']);
  const oidcAudience = read(env, 'OIDC_AUDIENCE');
  if (oidcIssuer !== undefined || oidcAudience !== undefined) {
    if (oidcIssuer === undefined) throw new ConfigError('OIDC_ISSUER', 'is required when OIDC_AUDIENCE is set');
    if (oidcAudience === undefined) throw new ConfigError('OIDC_AUDIENCE', 'is required when OIDC_ISSUER is set');
    issuers.push({ issuer: oidcIssuer, audience: oidcAudience });
  }
  const domain = read(env, 'AUTH0_DOMAIN');
  const auth0Audience = read(env, 'AUTH0_AUDIENCE');
  if (domain !== undefined || auth0Audience !== undefined) {
    if (domain === undefined || !/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) {
      throw new ConfigError('AUTH0_DOMAIN', 'must be a host name such as example.eu.auth0.com');
    }
    if (auth0Audience === undefined) throw new ConfigError('AUTH0_AUDIENCE', 'is required when AUTH0_DOMAIN is set');
    issuers.push({ issuer: `https://${domain}/`, audience: auth0Audience });
  }
  return issuers;
}

function trustProxy(env: Env): boolean | string[] {
  const value = read(env, 'TRUST_PROXY');
  if (value === undefined || ['false', '0', 'no'].includes(value.toLowerCase())) return false;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  const proxies = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const proxy of proxies) {
    if (!/^[0-9a-f.:]+(\/\d{1,3})?$/i.test(proxy))
      throw new ConfigError('TRUST_PROXY', `"${proxy}" is not an address or CIDR range`);
  }
  return proxies;
}

function metricsToken(env: Env): string | undefined {
  const value = read(env, 'METRICS_TOKEN');
  if (value !== undefined && !/^[\x21-\x7e]{16,}$/.test(value)) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 printable characters, without spaces');
  }
  return value;
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development');
  const production = nodeEnv === 'production';
  const jwtSecret = read(env, 'JWT_SECRET');
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 bytes long');
  }
  if (production && jwtSecret === undefined) {
    throw new ConfigError('JWT_SECRET', 'is required in production (at least 32 random bytes)');
  }
  if (production && jwtSecret !== undefined && new Set(jwtSecret).size < 8) {
    throw new ConfigError('JWT_SECRET', 'is too weak for production: use at least 32 random bytes');
  }
  const adminEmail = read(env, 'BACKLOT_ADMIN_EMAIL');
  const adminPassword = read(env, 'BACKLOT_ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    throw new ConfigError(
      adminEmail === undefined ? 'BACKLOT_ADMIN_EMAIL' : 'BACKLOT_ADMIN_PASSWORD',
      'BACKLOT_ADMIN_EMAIL and BACKLOT_ADMIN_PASSWORD go together',
    );
  }
  if (adminEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('BACKLOT_ADMIN_EMAIL', 'must be an email address');
  }
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('BACKLOT_ADMIN_PASSWORD', 'must be at least 12 characters long');
  }
  const corsOrigins = (read(env, 'CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError('CORS_ORIGINS', `"${origin}" is not an origin`);
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: read(env, 'HOST') ?? '127.0.0.1',
    databaseUrl: databaseUrl(env),
    nodeEnv,
    production,
    jwtSecret,
    accessTokenTtlSeconds: duration(env, 'ACCESS_TOKEN_TTL', '15m'),
    refreshTokenTtlSeconds: duration(env, 'REFRESH_TOKEN_TTL', '30d'),
    externalIssuers: externalIssuers(env),
    corsOrigins,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    sentryDsn: url(env, 'SENTRY_DSN', ['https:', 'http:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT', 600, 0, 1_000_000),
    trustProxy: trustProxy(env),
    adminEmail: adminEmail?.toLowerCase(),
    adminPassword,
    migrateOnStart: boolean(env, 'MIGRATE_ON_START', true),
    auditSealIntervalMs: integer(env, 'AUDIT_SEAL_INTERVAL_MS', 100, 10, 60_000),
    metricsToken: metricsToken(env),
    sessionCache: boolean(env, 'SESSION_CACHE', true),
    listCache: boolean(env, 'LIST_CACHE', true),
    preparedStatements: boolean(env, 'PG_PREPARED_STATEMENTS', true),
    shutdownDelaySeconds: [undefined, '0'].includes(read(env, 'SHUTDOWN_DELAY'))
      ? 0
      : duration(env, 'SHUTDOWN_DELAY', '0'),
  };
}
