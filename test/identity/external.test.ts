import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

const KID = 'backlot-test-key';
const AUDIENCE = 'backlot-test';

const keys = await generateKeyPair('RS256');
const otherKeys = await generateKeyPair('RS256');
const jwks = { keys: [{ ...(await exportJWK(keys.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };

/** A JWKS endpoint on loopback, the way an OpenID Connect provider publishes its keys. */
async function startJwksServer(): Promise<{ server: Server; issuer: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((request, response) => {
    if (request.url === '/.well-known/jwks.json') {
      hits++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(jwks));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, issuer: `http://127.0.0.1:${port}/`, hits: () => hits };
}

let subjects = 0;
function newSubject(): string {
  return `auth0|ext-${process.pid}-${++subjects}-${randomBytes(3).toString('hex')}`;
}

for (const dialect of dialects()) {
  describe(`external OpenID Connect tokens on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    let jwksServer: Awaited<ReturnType<typeof startJwksServer>>;
    let issuer: string;

    before(async () => {
      jwksServer = await startJwksServer();
      issuer = jwksServer.issuer;
      backlot = await startBacklot(dialect, { OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE });
    });
    after(async () => {
      await backlot.stop();
      await new Promise((resolve) => jwksServer.server.close(resolve));
    });

    interface SignOptions {
      key?: CryptoKey;
      kid?: string;
      issuer?: string;
      audience?: string | string[];
      subject?: string | null;
      expiresAt?: number | string;
    }

    function sign(claims: JWTPayload & Record<string, unknown>, options: SignOptions = {}): Promise<string> {
      let jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID, typ: 'JWT' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresAt ?? '5m');
      if (options.subject !== null) jwt = jwt.setSubject(options.subject ?? newSubject());
      return jwt.sign(options.key ?? keys.privateKey);
    }

    function get(url: string, token: string) {
      return backlot.request({ method: 'GET', url, token });
    }

    async function userCount(): Promise<number> {
      const row = await backlot.services.handle.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    }

    async function linksOf(subject: string) {
      return backlot.services.handle.db
        .selectFrom('externalIdentities')
        .select(['issuer', 'subject', 'userId'])
        .where('subject', '=', subject)
        .execute();
    }

    it('accepts a token signed with the published key, using its permissions claim as is', async () => {
      const token = await sign({ permissions: ['get:movies'] });
      const list = await get('/api/v1/movies', token);
      assert.equal(list.statusCode, 200, list.body);
      const create = await backlot.request({
        method: 'POST',
        url: '/api/v1/movies',
        token,
        body: { title: 'Not Allowed', releaseDate: '2020-01-01', genres: [] },
      });
      assert.equal(create.statusCode, 403, create.body);
      assert.equal(create.json().code, 'forbidden');
      const me = await get('/api/v1/auth/me', token);
      assert.equal(me.statusCode, 200, me.body);
      assert.deepEqual(me.json().permissions, ['get:movies']);
      assert.deepEqual(me.json().roles, []);
    });

    it('lets the permissions claim grant writes too', async () => {
      const token = await sign({ permissions: ['get:movies', 'post:movies'] });
      const create = await backlot.request({
        method: 'POST',
        url: '/api/v1/movies',
        token,
        body: { title: 'Allowed By Claim', releaseDate: '2020-01-01', genres: ['drama'] },
      });
      assert.equal(create.statusCode, 201, create.body);
    });

    it('gives no permission to a token without a permissions claim', async () => {
      const token = await sign({});
      assert.equal((await get('/api/v1/movies', token)).statusCode, 403);
      assert.equal((await get('/api/v1/auth/me', token)).statusCode, 200);
    });

    it('accepts an audience list that contains the audience (the Auth0 form)', async () => {
      const token = await sign({ permissions: ['get:movies'] }, { audience: [AUDIENCE, `${issuer}userinfo`] });
      const response = await get('/api/v1/movies', token);
      assert.equal(response.statusCode, 200, response.body);
    });

    it('refuses a token signed with another key under the same kid', async () => {
      const token = await sign({ permissions: ['get:movies'] }, { key: otherKeys.privateKey });
      const response = await get('/api/v1/movies', token);
      assert.equal(response.statusCode, 401, response.body);
      assert.match(String(response.headers['www-authenticate']), /invalid_token/);
    });

    it('refuses a token whose kid is not published', async () => {
      const token = await sign({ permissions: ['get:movies'] }, { key: otherKeys.privateKey, kid: 'unknown-kid' });
      assert.equal((await get('/api/v1/movies', token)).statusCode, 401);
    });

    it('refuses a wrong audience', async () => {
      const token = await sign({ permissions: ['get:movies'] }, { audience: 'another-api' });
      assert.equal((await get('/api/v1/movies', token)).statusCode, 401);
    });

    it('refuses a wrong issuer, even one signed with the right key', async () => {
      for (const wrong of [
        'https://evil.example.com/',
        issuer.replace(/\/$/, ''),
        issuer.replace('127.0.0.1', 'localhost'),
      ]) {
        const token = await sign({ permissions: ['get:movies'] }, { issuer: wrong });
        assert.equal((await get('/api/v1/movies', token)).statusCode, 401, wrong);
      }
    });

    it("refuses an RS256 token claiming Backlot's own issuer", async () => {
      const token = await sign(
        { permissions: ['get:movies'], sid: 'x', roles: [] },
        { issuer: 'backlot', audience: 'backlot-api' },
      );
      assert.equal((await get('/api/v1/movies', token)).statusCode, 401);
    });

    it('refuses an expired token', async () => {
      const token = await sign({ permissions: ['get:movies'] }, { expiresAt: Math.floor(Date.now() / 1000) - 60 });
      assert.equal((await get('/api/v1/movies', token)).statusCode, 401);
    });

    it('refuses a token without a subject', async () => {
      const token = await sign({ permissions: ['get:movies'] }, { subject: null });
      assert.equal((await get('/api/v1/movies', token)).statusCode, 401);
    });

    it('refuses an HS256 token that claims the issuer', async () => {
      const token = await new SignJWT({ permissions: ['get:movies'] })
        .setProtectedHeader({ alg: 'HS256', kid: KID })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setSubject(newSubject())
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(randomBytes(32));
      assert.equal((await get('/api/v1/movies', token)).statusCode, 401);
    });

    it('links the subject to a local user created on first sight, once', async () => {
      const subject = newSubject();
      const before = await userCount();
      const token = await sign({ permissions: ['get:movies'], name: 'Ext Ernal' }, { subject });
      const first = await get('/api/v1/auth/me', token);
      assert.equal(first.statusCode, 200, first.body);
      const again = await get('/api/v1/auth/me', await sign({ permissions: [] }, { subject }));
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().id, first.json().id);
      assert.equal(first.json().fullName, 'Ext Ernal');
      assert.equal(first.json().active, true);
      assert.equal(await userCount(), before + 1);
      const links = await linksOf(subject);
      assert.deepEqual(links, [{ issuer, subject, userId: first.json().id }]);
      const users = await backlot.services.handle.db
        .selectFrom('users')
        .select(['id', 'passwordHash'])
        .where('id', '=', first.json().id)
        .execute();
      assert.equal(users.length, 1);
      assert.equal(users[0]!.passwordHash, null, 'an external user has no password');
    });

    it('creates one user when the first two requests of a subject race', async () => {
      const subject = newSubject();
      const before = await userCount();
      const token = await sign({ permissions: ['get:movies'] }, { subject });
      const answers = await Promise.all([1, 2, 3].map(() => get('/api/v1/auth/me', token)));
      for (const answer of answers) assert.equal(answer.statusCode, 200, answer.body);
      assert.equal(new Set(answers.map((a) => a.json().id)).size, 1);
      assert.equal(await userCount(), before + 1);
      assert.equal((await linksOf(subject)).length, 1);
    });

    it('keeps different subjects apart', async () => {
      const a = await get('/api/v1/auth/me', await sign({}, { subject: newSubject() }));
      const b = await get('/api/v1/auth/me', await sign({}, { subject: newSubject() }));
      assert.equal(a.statusCode, 200);
      assert.equal(b.statusCode, 200);
      assert.notEqual(a.json().id, b.json().id);
    });

    it('keeps subjects that differ only in letter case apart (sub is case-sensitive)', async () => {
      const base = newSubject();
      const lower = `${base}-abc`;
      const upper = `${base}-ABC`;
      const a = await get('/api/v1/auth/me', await sign({}, { subject: lower }));
      const b = await get('/api/v1/auth/me', await sign({}, { subject: upper }));
      assert.equal(a.statusCode, 200, a.body);
      assert.equal(b.statusCode, 200, b.body);
      assert.notEqual(a.json().id, b.json().id, `${upper} was linked to the user of ${lower}`);
    });

    it('does not take over a local account by claiming its email', async () => {
      const local = await backlot.user(['admin']);
      const token = await sign({ email: local.email, email_verified: true, permissions: [] });
      const me = await get('/api/v1/auth/me', token);
      assert.equal(me.statusCode, 200, me.body);
      assert.notEqual(me.json().id, local.id);
      assert.notEqual(me.json().email, local.email);
      assert.deepEqual(me.json().roles, []);
    });

    it('uses a verified email of a new address for the linked user', async () => {
      const email = `verified-${randomBytes(4).toString('hex')}@partner.example.com`;
      const me = await get('/api/v1/auth/me', await sign({ email, email_verified: true }));
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().email, email);
      const unverified = `unverified-${randomBytes(4).toString('hex')}@partner.example.com`;
      const other = await get('/api/v1/auth/me', await sign({ email: unverified, email_verified: false }));
      assert.equal(other.statusCode, 200, other.body);
      assert.notEqual(other.json().email, unverified);
    });

    it('refuses the tokens of a deactivated linked user', async () => {
      const subject = newSubject();
      const token = await sign({ permissions: ['get:movies'] }, { subject });
      const me = await get('/api/v1/auth/me', token);
      assert.equal(me.statusCode, 200, me.body);
      await backlot.services.users.deactivate(backlot.system, me.json().id);
      assert.equal((await get('/api/v1/movies', token)).statusCode, 401);
      assert.equal(
        (await get('/api/v1/movies', await sign({ permissions: ['get:movies'] }, { subject }))).statusCode,
        401,
      );
    });

    it('cannot change a password or sign in with one for an external user', async () => {
      const token = await sign({});
      const me = await get('/api/v1/auth/me', token);
      assert.equal(me.statusCode, 200, me.body);
      const change = await backlot.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        token,
        body: { currentPassword: 'anything at all', newPassword: 'a brand new password' },
      });
      assert.equal(change.statusCode, 403, change.body);
      const signIn = await backlot.request({
        method: 'POST',
        url: '/api/v1/auth/token',
        body: { email: me.json().email, password: 'anything at all' },
      });
      assert.equal(signIn.statusCode, 400, signIn.body);
      assert.equal(signIn.json().error, 'invalid_grant');
    });

    it('logout with an external token answers 204', async () => {
      const token = await sign({ permissions: ['get:movies'] });
      const out = await backlot.request({ method: 'POST', url: '/api/v1/auth/logout', token });
      assert.equal(out.statusCode, 204, out.body);
    });

    it("still accepts Backlot's own tokens", async () => {
      const user = await backlot.as(['casting_assistant']);
      assert.equal((await get('/api/v1/movies', user.token)).statusCode, 200);
    });

    it('fetched the keys from the JWKS endpoint', () => {
      assert.ok(jwksServer.hits() >= 1);
    });
  });
}

describe('external tokens without OIDC configuration', () => {
  it('refuses a well-signed external token when no issuer is configured', async () => {
    const [dialect] = dialects();
    const backlot = await startBacklot(dialect!);
    try {
      const token = await new SignJWT({ permissions: ['get:movies'] })
        .setProtectedHeader({ alg: 'RS256', kid: KID })
        .setIssuer('http://127.0.0.1:1/')
        .setAudience(AUDIENCE)
        .setSubject(newSubject())
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(keys.privateKey);
      const response = await backlot.request({ method: 'GET', url: '/api/v1/movies', token });
      assert.equal(response.statusCode, 401, response.body);
    } finally {
      await backlot.stop();
    }
  });
});
