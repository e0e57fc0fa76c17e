import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type Config, ConfigError, loadConfig, parseDuration } from '../src/config.ts';

const SECRET = 'k3Y9-q!Lm2#xR7vT0pWz8sN4bD6fH1jU';

/** Compares the listed fields only, so settings added later do not break these tests. */
function assertIncludes(config: Config, expected: Partial<Config>): void {
  const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, config[key as keyof Config]]));
  assert.deepEqual(actual, expected);
}

/** Asserts that loading `env` throws a ConfigError naming `variable` (in the property and the message). */
function refused(env: Record<string, string>, variable: string, message?: RegExp): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.equal(error.variable, variable);
      assert.match(error.message, new RegExp(`^${variable}: `));
      if (message) assert.match(error.message, message);
      assert.ok(!error.message.includes('\n'), 'the message is one line');
      return true;
    },
  );
}

describe('loadConfig', () => {
  const folder = mkdtempSync(join(tmpdir(), 'backlot-config-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('has the documented defaults', () => {
    const config = loadConfig({});
    assertIncludes(config, {
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./data/backlot.db',
      nodeEnv: 'development',
      production: false,
      jwtSecret: undefined,
      accessTokenTtlSeconds: 15 * 60,
      refreshTokenTtlSeconds: 30 * 86400,
      externalIssuers: [],
      corsOrigins: [],
      logLevel: 'info',
      sentryDsn: undefined,
      redisUrl: undefined,
      adminEmail: undefined,
      adminPassword: undefined,
      migrateOnStart: true,
      sessionCache: true,
      listCache: true,
    });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', JWT_SECRET: '', LOG_LEVEL: '', DATABASE_URL: '' });
    assert.equal(config.port, 3000);
    assert.equal(config.jwtSecret, undefined);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.databaseUrl, 'sqlite:./data/backlot.db');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://backlot@db:5432/backlot',
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      ACCESS_TOKEN_TTL: '5m',
      REFRESH_TOKEN_TTL: '7d',
      OIDC_ISSUER: 'https://login.example.com/',
      OIDC_AUDIENCE: 'backlot',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      LOG_LEVEL: 'debug',
      SENTRY_DSN: 'https://key@sentry.example.com/1',
      REDIS_URL: 'redis://cache:6379',
      BACKLOT_ADMIN_EMAIL: 'Root@Example.com',
      BACKLOT_ADMIN_PASSWORD: 'a long enough password',
      MIGRATE_ON_START: 'false',
      SESSION_CACHE: 'false',
      LIST_CACHE: 'false',
    });
    assertIncludes(config, {
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://backlot@db:5432/backlot',
      nodeEnv: 'production',
      production: true,
      jwtSecret: SECRET,
      accessTokenTtlSeconds: 300,
      refreshTokenTtlSeconds: 7 * 86400,
      externalIssuers: [{ issuer: 'https://login.example.com/', audience: 'backlot' }],
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      logLevel: 'debug',
      sentryDsn: 'https://key@sentry.example.com/1',
      redisUrl: 'redis://cache:6379',
      adminEmail: 'root@example.com',
      adminPassword: 'a long enough password',
      migrateOnStart: false,
      sessionCache: false,
      listCache: false,
    });
  });

  it('accepts every database URL form', () => {
    for (const url of [
      'sqlite:./data/x.db',
      'sqlite::memory:',
      'postgres://u@h/db',
      'postgresql://u@h/db',
      'mysql://u@h/db',
      'mariadb://u@h/db',
    ]) {
      assert.equal(loadConfig({ DATABASE_URL: url }).databaseUrl, url);
    }
  });

  it('accepts the whole port range and the boolean spellings', () => {
    assert.equal(loadConfig({ PORT: '0' }).port, 0);
    assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
    for (const yes of ['true', 'TRUE', '1', 'yes'])
      assert.equal(loadConfig({ MIGRATE_ON_START: yes }).migrateOnStart, true);
    for (const no of ['false', 'False', '0', 'no'])
      assert.equal(loadConfig({ MIGRATE_ON_START: no }).migrateOnStart, false);
  });

  it('parses durations', () => {
    assert.equal(parseDuration('900'), 900);
    assert.equal(parseDuration('15m'), 900);
    assert.equal(parseDuration('12h'), 43200);
    assert.equal(parseDuration('30d'), 2592000);
    assert.equal(parseDuration('45s'), 45);
    assert.equal(parseDuration('0'), undefined);
    assert.equal(parseDuration('soon'), undefined);
    assert.equal(parseDuration('-5m'), undefined);
    assert.equal(parseDuration('1.5h'), undefined);
    assert.equal(loadConfig({ ACCESS_TOKEN_TTL: '3600' }).accessTokenTtlSeconds, 3600);
  });

  describe('refuses a bad value, naming the variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: 'abc' }, 'PORT'],
      [{ PORT: '65536' }, 'PORT'],
      [{ PORT: '-1' }, 'PORT'],
      [{ PORT: '80.5' }, 'PORT'],
      [{ DATABASE_URL: 'ftp://x' }, 'DATABASE_URL'],
      [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL'],
      [{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
      [{ ACCESS_TOKEN_TTL: 'soon' }, 'ACCESS_TOKEN_TTL'],
      [{ ACCESS_TOKEN_TTL: '0' }, 'ACCESS_TOKEN_TTL'],
      [{ REFRESH_TOKEN_TTL: '30 days' }, 'REFRESH_TOKEN_TTL'],
      [{ MIGRATE_ON_START: 'maybe' }, 'MIGRATE_ON_START'],
      [{ CORS_ORIGINS: 'notanorigin' }, 'CORS_ORIGINS'],
      [{ CORS_ORIGINS: 'https://ok.example.com,https://bad.example.com/path' }, 'CORS_ORIGINS'],
      [{ JWT_SECRET: 'too-short-secret' }, 'JWT_SECRET'],
      [{ JWT_SECRET: 'x'.repeat(31) }, 'JWT_SECRET'],
      [{ SENTRY_DSN: 'not a url' }, 'SENTRY_DSN'],
      [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL'],
      [{ OIDC_ISSUER: 'ftp://login.example.com/', OIDC_AUDIENCE: 'x' }, 'OIDC_ISSUER'],
      [{ OIDC_ISSUER: 'https://login.example.com/' }, 'OIDC_AUDIENCE'],
      [{ OIDC_AUDIENCE: 'backlot' }, 'OIDC_ISSUER'],
      [{ AUTH0_DOMAIN: 'https://tenant.eu.auth0.com/', AUTH0_AUDIENCE: 'x' }, 'AUTH0_DOMAIN'],
      [{ AUTH0_DOMAIN: 'tenant.eu.auth0.com' }, 'AUTH0_AUDIENCE'],
      [{ AUTH0_AUDIENCE: 'x' }, 'AUTH0_DOMAIN'],
      [{ BACKLOT_ADMIN_EMAIL: 'not-an-email', BACKLOT_ADMIN_PASSWORD: 'long enough password' }, 'BACKLOT_ADMIN_EMAIL'],
      [{ BACKLOT_ADMIN_EMAIL: 'root@example.com', BACKLOT_ADMIN_PASSWORD: 'short' }, 'BACKLOT_ADMIN_PASSWORD'],
    ];
    for (const [env, variable] of cases) {
      it(`${JSON.stringify(env)} → ${variable}`, () => refused(env, variable));
    }
  });

  it('maps the Auth0 form to an https issuer with a trailing slash', () => {
    const config = loadConfig({ AUTH0_DOMAIN: 'tenant.eu.auth0.com', AUTH0_AUDIENCE: 'casting' });
    assert.deepEqual(config.externalIssuers, [{ issuer: 'https://tenant.eu.auth0.com/', audience: 'casting' }]);
  });

  it('accepts both an OIDC and an Auth0 issuer at once', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'http://127.0.0.1:9999/',
      OIDC_AUDIENCE: 'backlot-test',
      AUTH0_DOMAIN: 'tenant.auth0.com',
      AUTH0_AUDIENCE: 'casting',
    });
    assert.deepEqual(config.externalIssuers, [
      { issuer: 'http://127.0.0.1:9999/', audience: 'backlot-test' },
      { issuer: 'https://tenant.auth0.com/', audience: 'casting' },
    ]);
  });

  describe('<NAME>_FILE', () => {
    it('reads a secret from a file, without its trailing newline', () => {
      const file = join(folder, 'jwt-secret');
      writeFileSync(file, `${SECRET}\n`);
      assert.equal(loadConfig({ JWT_SECRET_FILE: file }).jwtSecret, SECRET);
    });

    it('reads any variable that way', () => {
      const url = join(folder, 'database-url');
      writeFileSync(url, 'postgres://backlot:s3cret@db/backlot\r\n');
      const password = join(folder, 'admin-password');
      writeFileSync(password, 'a password from a file');
      const config = loadConfig({
        DATABASE_URL_FILE: url,
        BACKLOT_ADMIN_EMAIL: 'root@example.com',
        BACKLOT_ADMIN_PASSWORD_FILE: password,
      });
      assert.equal(config.databaseUrl, 'postgres://backlot:s3cret@db/backlot');
      assert.equal(config.adminPassword, 'a password from a file');
    });

    it('validates what the file holds', () => {
      const file = join(folder, 'short-secret');
      writeFileSync(file, 'short\n');
      refused({ JWT_SECRET_FILE: file }, 'JWT_SECRET');
    });

    it('refuses a file that cannot be read, naming <NAME>_FILE', () => {
      refused({ JWT_SECRET_FILE: join(folder, 'missing') }, 'JWT_SECRET_FILE');
    });

    it('refuses both the variable and its file', () => {
      const file = join(folder, 'jwt-secret-2');
      writeFileSync(file, SECRET);
      refused({ JWT_SECRET: SECRET, JWT_SECRET_FILE: file }, 'JWT_SECRET');
    });
  });

  describe('production', () => {
    it('requires JWT_SECRET', () => {
      refused({ NODE_ENV: 'production' }, 'JWT_SECRET', /production/);
    });

    it('refuses a weak JWT_SECRET even when long enough', () => {
      refused({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(40) }, 'JWT_SECRET');
    });

    it('accepts a strong JWT_SECRET', () => {
      const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET });
      assert.equal(config.production, true);
      assert.equal(config.jwtSecret, SECRET);
    });

    it('does not require JWT_SECRET outside production', () => {
      assert.equal(loadConfig({ NODE_ENV: 'test' }).jwtSecret, undefined);
      assert.equal(loadConfig({ NODE_ENV: 'development' }).jwtSecret, undefined);
    });
  });

  describe('BACKLOT_ADMIN_*', () => {
    it('refuses an email without a password', () => {
      refused({ BACKLOT_ADMIN_EMAIL: 'root@example.com' }, 'BACKLOT_ADMIN_PASSWORD', /BACKLOT_ADMIN_EMAIL/);
    });

    it('refuses a password without an email', () => {
      refused({ BACKLOT_ADMIN_PASSWORD: 'a long enough password' }, 'BACKLOT_ADMIN_EMAIL');
    });

    it('takes both together, the email lowercased', () => {
      const config = loadConfig({ BACKLOT_ADMIN_EMAIL: 'Admin@Example.COM', BACKLOT_ADMIN_PASSWORD: '123456789012' });
      assert.equal(config.adminEmail, 'admin@example.com');
      assert.equal(config.adminPassword, '123456789012');
    });
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, every proxy with true, or the listed addresses', () => {
    assertIncludes(loadConfig({}), { trustProxy: false });
    assertIncludes(loadConfig({ TRUST_PROXY: 'true' }), { trustProxy: true });
    assertIncludes(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1' }), {
      trustProxy: ['10.0.0.1', '10.1.0.0/16', '::1'],
    });
  });

  it('refuses what is not an address', () => refused({ TRUST_PROXY: 'proxy.example.com' }, 'TRUST_PROXY'));
});

describe('METRICS_TOKEN', () => {
  it('is unset by default and read when long enough', () => {
    assert.equal(loadConfig({}).metricsToken, undefined);
    assert.equal(loadConfig({ METRICS_TOKEN: 'scraper-token-0123456' }).metricsToken, 'scraper-token-0123456');
  });

  it('refuses a short one, or one with spaces', () => {
    refused({ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN');
    refused({ METRICS_TOKEN: 'long enough but has spaces' }, 'METRICS_TOKEN');
  });
});
