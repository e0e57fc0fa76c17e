import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { BUILT_IN_ROLES, PERMISSIONS } from '../../src/access/catalogue.ts';
import { dialects, PASSWORD, startBacklot, type TestBacklot } from '../support.ts';

const TOKEN_URL = '/api/v1/auth/token';

function decodePayload(jwt: string): Record<string, unknown> {
  const parts = jwt.split('.');
  assert.equal(parts.length, 3, 'a JWT has three parts');
  return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
}

function roleDefinition(name: string): string[] {
  const role = BUILT_IN_ROLES.find((r) => r.name === name);
  assert.ok(role, `no built-in role ${name}`);
  return [...role.permissions];
}

/** A problem body without its `instance` (which names the request, so differs between any two). */
function withoutInstance(response: LightMyRequestResponse): Record<string, unknown> {
  const { instance: _instance, ...rest } = response.json() as Record<string, unknown>;
  return rest;
}

let addressCounter = 0;
/** A client address of its own, so the per-address throttle of one test does not touch another. */
function newAddress(): string {
  addressCounter++;
  return `10.${(addressCounter >> 8) & 255}.${addressCounter & 255}.${1 + (process.pid % 250)}`;
}

for (const dialect of dialects()) {
  describe(`auth tokens on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    /** POST /auth/token as JSON (object) or as a form (URLSearchParams), from the given address. */
    function token(body: Record<string, string> | URLSearchParams, address = newAddress()) {
      const form = body instanceof URLSearchParams;
      return backlot.app.inject({
        method: 'POST',
        url: TOKEN_URL,
        remoteAddress: address,
        headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
        payload: form ? body.toString() : JSON.stringify(body),
      });
    }

    function password(email: string, secret: string, address?: string) {
      return token(new URLSearchParams({ grant_type: 'password', username: email, password: secret }), address);
    }

    function refresh(refreshToken: string) {
      return token(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }));
    }

    function me(accessToken: string) {
      return backlot.request({ method: 'GET', url: '/api/v1/auth/me', token: accessToken });
    }

    function assertTokenResponse(response: LightMyRequestResponse): {
      access_token: string;
      refresh_token: string;
      expires_in: number;
    } {
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
      assert.equal(body.token_type, 'Bearer');
      assert.equal(typeof body.access_token, 'string');
      assert.equal(typeof body.refresh_token, 'string');
      assert.ok(body.refresh_token.length >= 32, 'the refresh token is long enough to be unguessable');
      assert.equal(body.expires_in, 15 * 60);
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.headers.pragma, 'no-cache');
      return body;
    }

    /** An OAuth2 error (RFC 6749 §5.2): 400, JSON, `error` and `error_description`, never cached. */
    function assertOAuthError(response: LightMyRequestResponse, error: string): void {
      assert.equal(response.statusCode, 400, response.body);
      assert.match(String(response.headers['content-type']), /^application\/json/);
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.headers.pragma, 'no-cache');
      const body = response.json();
      assert.equal(body.error, error);
      assert.equal(typeof body.error_description, 'string');
      assert.ok(body.error_description.length > 0);
      assert.equal(body.code, error, 'the problem fields stay beside the OAuth2 ones');
    }

    function assertInvalidGrant(response: LightMyRequestResponse): void {
      assertOAuthError(response, 'invalid_grant');
    }

    describe('password grant', () => {
      it('signs in with a form (OAuth2 password grant)', async () => {
        const user = await backlot.user(['casting_director']);
        const response = await password(user.email, PASSWORD);
        const body = assertTokenResponse(response);
        assert.equal((await me(body.access_token)).statusCode, 200);
      });

      it('signs in with JSON {email, password}', async () => {
        const user = await backlot.user(['casting_director']);
        const response = await token({ email: user.email, password: PASSWORD });
        const body = assertTokenResponse(response);
        assert.equal((await me(body.access_token)).statusCode, 200);
      });

      it('decodes a form password with reserved and non-ASCII characters', async () => {
        const email = `special-${Date.now()}@test.backlot`;
        const secret = 'p@ss+w&rd=50% ü ñ 😀 ;/?';
        await backlot.services.identity.createUserDirect({ email, fullName: 'Special', password: secret, roles: [] });
        assertTokenResponse(await password(email, secret));
        assertTokenResponse(await token({ email, password: secret }));
      });

      it('signs in whatever the case of the email', async () => {
        const user = await backlot.user(['casting_assistant']);
        assertTokenResponse(await token({ email: user.email.toUpperCase(), password: PASSWORD }));
      });

      it('issues an access token with the documented claims', async () => {
        const user = await backlot.user(['casting_director']);
        const before = Math.floor(Date.now() / 1000);
        const body = assertTokenResponse(await password(user.email, PASSWORD));
        const after = Math.ceil(Date.now() / 1000);
        const header = JSON.parse(Buffer.from(body.access_token.split('.')[0]!, 'base64url').toString('utf8'));
        assert.equal(header.alg, 'HS256');
        const claims = decodePayload(body.access_token);
        assert.equal(claims.sub, String(user.id));
        assert.equal(claims.iss, 'backlot');
        assert.equal(claims.aud, 'backlot-api');
        assert.equal(typeof claims.iat, 'number');
        assert.ok((claims.iat as number) >= before - 1 && (claims.iat as number) <= after, 'iat is now');
        assert.equal(claims.exp, (claims.iat as number) + 15 * 60);
        assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
        assert.match(String(claims.sid), /^[0-9a-f-]{36}$/);
        assert.deepEqual(claims.roles, ['casting_director']);
        assert.deepEqual([...(claims.permissions as string[])].sort(), [...roleDefinition('casting_director')].sort());
      });

      it('gives every role exactly its catalogue permissions', async () => {
        for (const role of BUILT_IN_ROLES.filter((r) => r.name !== 'admin')) {
          const user = await backlot.user([role.name]);
          const claims = decodePayload(assertTokenResponse(await password(user.email, PASSWORD)).access_token);
          assert.deepEqual(claims.roles, [role.name]);
          assert.deepEqual([...(claims.permissions as string[])].sort(), [...role.permissions].sort(), role.name);
        }
      });

      it('gives an administrator every permission', async () => {
        const admin = await backlot.user(['admin']);
        const claims = decodePayload(assertTokenResponse(await password(admin.email, PASSWORD)).access_token);
        assert.deepEqual(claims.roles, ['admin']);
        assert.deepEqual([...(claims.permissions as string[])].sort(), [...PERMISSIONS].sort());
      });

      it('unions the permissions of several roles', async () => {
        const user = await backlot.user(['casting_assistant', 'requester']);
        const claims = decodePayload(assertTokenResponse(await password(user.email, PASSWORD)).access_token);
        assert.deepEqual([...(claims.roles as string[])].sort(), ['casting_assistant', 'requester']);
        const expected = new Set([...roleDefinition('casting_assistant'), ...roleDefinition('requester')]);
        assert.deepEqual([...(claims.permissions as string[])].sort(), [...expected].sort());
      });

      it('answers an unknown account and a wrong password alike', async () => {
        const user = await backlot.user(['casting_assistant']);
        const wrong = await password(user.email, 'not the password at all');
        const unknown = await password('nobody-at-all@test.backlot', 'not the password at all');
        assertInvalidGrant(wrong);
        assertInvalidGrant(unknown);
        assert.deepEqual(withoutInstance(wrong), withoutInstance(unknown));
        assert.equal(wrong.headers['content-type'], unknown.headers['content-type']);
        const wrongJson = await token({ email: user.email, password: 'nope nope nope' });
        const unknownJson = await token({ email: 'nobody-else@test.backlot', password: 'nope nope nope' });
        assertInvalidGrant(wrongJson);
        assert.deepEqual(withoutInstance(wrongJson), withoutInstance(unknownJson));
      });

      it('refuses a deactivated user, saying so only to whoever gave the right password', async () => {
        const user = await backlot.user(['casting_assistant']);
        await backlot.services.users.deactivate(backlot.system, user.id);
        const response = await password(user.email, PASSWORD);
        assertInvalidGrant(response);
        assert.match(JSON.stringify(response.json()), /This account has been deactivated\./);
        const wrong = await password(user.email, 'a wrong password here');
        const unknown = await password('nobody-at-all@test.backlot', 'a wrong password here');
        assert.deepEqual(withoutInstance(wrong), withoutInstance(unknown));
        assert.doesNotMatch(JSON.stringify(wrong.json()), /deactivated/);
      });

      it('refuses an unknown body field with 400', async () => {
        const user = await backlot.user(['casting_assistant']);
        const json = await token({ email: user.email, password: PASSWORD, remember: 'yes' });
        assertOAuthError(json, 'invalid_request');
        assert.deepEqual(json.json().errors, [{ path: '/remember', message: 'is not a known field' }]);
        const form = await token(
          new URLSearchParams({ grant_type: 'password', username: user.email, password: PASSWORD, extra: '1' }),
        );
        assertOAuthError(form, 'invalid_request');
      });

      it('refuses a missing password with 400', async () => {
        const user = await backlot.user(['casting_assistant']);
        const json = await token({ email: user.email });
        assertOAuthError(json, 'invalid_request');
        assert.ok(
          json.json().errors.some((e: { path: string }) => e.path === '/password'),
          json.body,
        );
        const form = await token(new URLSearchParams({ grant_type: 'password', username: user.email }));
        assertOAuthError(form, 'invalid_request');
        const empty = await token({ email: user.email, password: '' });
        assertOAuthError(empty, 'invalid_request');
      });

      it('answers a request without grant_type invalid_request, never with a token', async () => {
        const user = await backlot.user(['casting_assistant']);
        // A form is an OAuth2 request: it needs its grant_type.
        const form = await token(new URLSearchParams({ username: user.email, password: PASSWORD }));
        assertOAuthError(form, 'invalid_request');
        assert.deepEqual(form.json().errors, [{ path: '/grant_type', message: 'is required' }]);
        // JSON is Backlot's own sign-in only when it names an email; with OAuth2's username it needs grant_type too.
        assertOAuthError(await token({ username: user.email, password: PASSWORD }), 'invalid_request');
        assertOAuthError(await token({ refresh_token: 'some-token-some-token-some-token' }), 'invalid_request');
        const formWithEmail = await token(new URLSearchParams({ email: user.email, password: PASSWORD }));
        assertOAuthError(formWithEmail, 'invalid_request');
      });

      it('answers an unknown grant type unsupported_grant_type, and a repeated one invalid_request', async () => {
        for (const grant of ['client_credentials', 'authorization_code', 'PASSWORD']) {
          const response = await token(new URLSearchParams({ grant_type: grant, username: 'x@test.backlot' }));
          assertOAuthError(response, 'unsupported_grant_type');
        }
        assertOAuthError(await token({ grant_type: 'client_credentials' }), 'unsupported_grant_type');
        const repeated = await token(
          new URLSearchParams([
            ['grant_type', 'password'],
            ['grant_type', 'password'],
            ['username', 'a@test.backlot'],
            ['password', 'x'],
          ]),
        );
        assertOAuthError(repeated, 'invalid_request');
      });

      it('refuses a missing account name with invalid_request', async () => {
        assertOAuthError(await token({ password: PASSWORD }), 'invalid_request');
        const noUsername = await token(new URLSearchParams({ grant_type: 'password', password: PASSWORD }));
        assertOAuthError(noUsername, 'invalid_request');
        assert.ok(noUsername.json().errors.some((e: { path: string }) => e.path === '/username'));
      });

      it('refuses a body that is neither JSON nor a form', async () => {
        const response = await backlot.app.inject({
          method: 'POST',
          url: TOKEN_URL,
          headers: { 'content-type': 'text/plain' },
          payload: 'hello',
        });
        assert.ok([400, 415].includes(response.statusCode), response.body);
        assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      });
    });

    describe('throttling', () => {
      it('answers 429 with Retry-After after 5 failures for one account', async () => {
        const user = await backlot.user(['casting_assistant']);
        for (let i = 0; i < 5; i++) assertInvalidGrant(await password(user.email, `wrong password ${i}`));
        // Even the right password waits now, from any address.
        const blocked = await password(user.email, PASSWORD);
        assert.equal(blocked.statusCode, 429, blocked.body);
        assert.equal(blocked.json().code, 'too_many_requests');
        const retryAfter = Number(blocked.headers['retry-after']);
        assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);
        // The account name is matched whatever its case.
        const upper = await token({ email: user.email.toUpperCase(), password: PASSWORD });
        assert.equal(upper.statusCode, 429, upper.body);
        // Another account is not affected.
        const other = await backlot.user(['casting_assistant']);
        assertTokenResponse(await password(other.email, PASSWORD));
      });

      it('throttles an account that does not exist exactly alike', async () => {
        const existing = await backlot.user(['casting_assistant']);
        const ghost = `ghost-${Date.now()}@test.backlot`;
        const answers: LightMyRequestResponse[] = [];
        const real: LightMyRequestResponse[] = [];
        for (let i = 0; i < 6; i++) {
          answers.push(await password(ghost, `wrong password ${i}`));
          real.push(await password(existing.email, `wrong password ${i}`));
        }
        assert.deepEqual(
          answers.map((r) => r.statusCode),
          [400, 400, 400, 400, 400, 429],
        );
        assert.deepEqual(
          real.map((r) => r.statusCode),
          [400, 400, 400, 400, 400, 429],
        );
        assert.deepEqual(withoutInstance(answers[5]!), withoutInstance(real[5]!));
        assert.equal(real[5]!.headers['cache-control'], 'no-store');
        assert.ok(Number(answers[5]!.headers['retry-after']) > 0);
      });

      it('does not count a success, and a success clears the account count', async () => {
        const user = await backlot.user(['casting_assistant']);
        for (let i = 0; i < 4; i++) assertInvalidGrant(await password(user.email, `wrong password ${i}`));
        assertTokenResponse(await password(user.email, PASSWORD));
        for (let i = 0; i < 4; i++) assertInvalidGrant(await password(user.email, `wrong password ${i}`));
        assertTokenResponse(await password(user.email, PASSWORD));
      });

      it('does not let concurrent guesses exceed the per-account limit', async () => {
        const user = await backlot.user(['casting_assistant']);
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) => password(user.email, `concurrent wrong password ${i}`)),
        );
        const statuses = answers.map((r) => r.statusCode);
        assert.ok(
          statuses.every((s) => s === 400 || s === 429),
          statuses.join(','),
        );
        const checked = statuses.filter((s) => s === 400).length;
        assert.ok(checked <= 5, `${checked} of 20 concurrent guesses were checked against the password (limit 5)`);
      });

      it('limits failures per address too (50 per window)', async () => {
        const address = newAddress();
        const victim = await backlot.user(['casting_assistant']);
        // 50 failures, each for a different account name, so no account reaches its own limit.
        for (let i = 0; i < 50; i++) {
          const response = await password(`spray-${i}@test.backlot`, 'guess guess guess', address);
          assert.equal(response.statusCode, 400, `attempt ${i}: ${response.body}`);
        }
        const blocked = await password(victim.email, PASSWORD, address);
        assert.equal(blocked.statusCode, 429, blocked.body);
        assert.ok(Number(blocked.headers['retry-after']) > 0);
        // The same account from another address still signs in.
        assertTokenResponse(await password(victim.email, PASSWORD, newAddress()));
      });
    });

    describe('refresh grant', () => {
      it('rotates the refresh token: the new one works, the old one fails', async () => {
        const user = await backlot.user(['casting_assistant']);
        const first = assertTokenResponse(await password(user.email, PASSWORD));
        const second = assertTokenResponse(await refresh(first.refresh_token));
        assert.notEqual(second.refresh_token, first.refresh_token);
        assert.notEqual(second.access_token, first.access_token);
        const firstClaims = decodePayload(first.access_token);
        const secondClaims = decodePayload(second.access_token);
        assert.equal(secondClaims.sid, firstClaims.sid, 'the session carries on');
        assert.equal(secondClaims.sub, String(user.id));
        assert.notEqual(secondClaims.jti, firstClaims.jti);
        assert.equal((await me(second.access_token)).statusCode, 200);
        const third = assertTokenResponse(await refresh(second.refresh_token));
        assert.equal((await me(third.access_token)).statusCode, 200);
      });

      it('ends the whole session when a spent refresh token is presented again', async () => {
        const user = await backlot.user(['casting_assistant']);
        const first = assertTokenResponse(await password(user.email, PASSWORD));
        const second = assertTokenResponse(await refresh(first.refresh_token));
        assert.equal((await me(second.access_token)).statusCode, 200);

        const reuse = await refresh(first.refresh_token);
        assertInvalidGrant(reuse);

        const afterReuse = await me(second.access_token);
        assert.equal(afterReuse.statusCode, 401, afterReuse.body);
        assert.equal((await me(first.access_token)).statusCode, 401);
        assertInvalidGrant(await refresh(second.refresh_token));
        // Another session of the same user is not touched.
        const other = assertTokenResponse(await password(user.email, PASSWORD));
        assert.equal((await me(other.access_token)).statusCode, 200);
      });

      it('refuses an unknown or missing refresh token', async () => {
        assertInvalidGrant(await refresh('this-is-not-a-refresh-token-this-is-not-a-refresh-token'));
        const missing = await token(new URLSearchParams({ grant_type: 'refresh_token' }));
        assertOAuthError(missing, 'invalid_request');
      });

      it('refuses to refresh for a deactivated user', async () => {
        const user = await backlot.user(['casting_assistant']);
        const first = assertTokenResponse(await password(user.email, PASSWORD));
        await backlot.services.users.deactivate(backlot.system, user.id);
        assertInvalidGrant(await refresh(first.refresh_token));
      });

      it('refreshes the roles and permissions in the new access token', async () => {
        const user = await backlot.user(['casting_assistant']);
        const first = assertTokenResponse(await password(user.email, PASSWORD));
        await backlot.services.handle.db.deleteFrom('userRoles').where('userId', '=', user.id).execute();
        const second = assertTokenResponse(await refresh(first.refresh_token));
        const claims = decodePayload(second.access_token);
        assert.deepEqual(claims.roles, []);
        assert.deepEqual(claims.permissions, []);
      });
    });

    describe('logout', () => {
      it('ends the session: 204, then the access token and refresh token fail', async () => {
        const user = await backlot.user(['casting_assistant']);
        const tokens = assertTokenResponse(await password(user.email, PASSWORD));
        const other = assertTokenResponse(await password(user.email, PASSWORD));
        const out = await backlot.request({ method: 'POST', url: '/api/v1/auth/logout', token: tokens.access_token });
        assert.equal(out.statusCode, 204, out.body);
        assert.equal(out.body, '');
        const again = await me(tokens.access_token);
        assert.equal(again.statusCode, 401, again.body);
        assert.match(String(again.headers['www-authenticate']), /^Bearer/);
        const movies = await backlot.request({ method: 'GET', url: '/api/v1/movies', token: tokens.access_token });
        assert.equal(movies.statusCode, 401, movies.body);
        assertInvalidGrant(await refresh(tokens.refresh_token));
        // Only that session ended.
        assert.equal((await me(other.access_token)).statusCode, 200);
      });

      it('needs a token', async () => {
        const out = await backlot.request({ method: 'POST', url: '/api/v1/auth/logout' });
        assert.equal(out.statusCode, 401, out.body);
        assert.equal(out.headers['www-authenticate'], 'Bearer');
      });
    });

    describe('logout everywhere', () => {
      const everywhere = (accessToken?: string) =>
        backlot.request({ method: 'POST', url: '/api/v1/auth/logout/everywhere', token: accessToken });

      it("ends every session of the caller at once: each one's access and refresh tokens are refused", async () => {
        const user = await backlot.user(['casting_assistant']);
        const sessions = [];
        for (let i = 0; i < 3; i++) sessions.push(assertTokenResponse(await password(user.email, PASSWORD)));
        const bystander = await backlot.user(['casting_assistant']);
        const kept = assertTokenResponse(await password(bystander.email, PASSWORD));

        const out = await everywhere(sessions[0]!.access_token);
        assert.equal(out.statusCode, 204, out.body);
        assert.equal(out.body, '');
        for (const session of sessions) {
          assert.equal((await me(session.access_token)).statusCode, 401);
          const movies = await backlot.request({ method: 'GET', url: '/api/v1/movies', token: session.access_token });
          assert.equal(movies.statusCode, 401, movies.body);
          assertInvalidGrant(await refresh(session.refresh_token));
        }
        // Another user's session goes on, and the user may sign in again.
        assert.equal((await me(kept.access_token)).statusCode, 200);
        assert.equal(
          (await me(assertTokenResponse(await password(user.email, PASSWORD)).access_token)).statusCode,
          200,
        );
      });

      it('needs a session: no token is 401, a personal access token 403 and ends nothing', async () => {
        assert.equal((await everywhere()).statusCode, 401);
        const user = await backlot.user(['casting_assistant']);
        const session = assertTokenResponse(await password(user.email, PASSWORD));
        const created = await backlot.request({
          method: 'POST',
          url: '/api/v1/auth/tokens',
          token: session.access_token,
          body: { name: 'script', permissions: ['get:movies'] },
        });
        assert.equal(created.statusCode, 201, created.body);
        const refused = await everywhere(created.json().token);
        assert.equal(refused.statusCode, 403, refused.body);
        assert.match(refused.json().detail, /personal access token/);
        assert.equal((await me(session.access_token)).statusCode, 200);
      });
    });

    describe('GET /auth/me', () => {
      it('returns the caller with roles and permissions', async () => {
        const user = await backlot.user(['casting_director']);
        const tokens = assertTokenResponse(await password(user.email, PASSWORD));
        const response = await me(tokens.access_token);
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json();
        assert.equal(body.id, user.id);
        assert.equal(body.email, user.email);
        assert.equal(body.fullName, 'Test casting_director');
        assert.equal(body.active, true);
        assert.equal(body.mustChangePassword, false);
        assert.equal(typeof body.lastLoginAt, 'string');
        assert.deepEqual(body.roles, ['casting_director']);
        assert.deepEqual(body.permissions, [...roleDefinition('casting_director')].sort());
        assert.equal(body.passwordHash, undefined);
        assert.equal(JSON.stringify(body).includes('argon2'), false, 'no password hash leaks');
      });

      it('answers 401 without a token, with a malformed one or a forged one', async () => {
        const none = await backlot.request({ method: 'GET', url: '/api/v1/auth/me' });
        assert.equal(none.statusCode, 401);
        const garbage = await me('not-a-jwt');
        assert.equal(garbage.statusCode, 401);
        const user = await backlot.user(['casting_assistant']);
        const tokens = assertTokenResponse(await password(user.email, PASSWORD));
        const [header, payload, signature] = tokens.access_token.split('.') as [string, string, string];
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        claims.permissions = [...PERMISSIONS];
        const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
        const forged = await me(tampered);
        assert.equal(forged.statusCode, 401, forged.body);
        assert.match(String(forged.headers['www-authenticate']), /invalid_token/);
        const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
        assert.equal((await me(unsigned)).statusCode, 401);
      });
    });

    describe('POST /auth/password', () => {
      function change(accessToken: string, body: unknown) {
        return backlot.request({ method: 'POST', url: '/api/v1/auth/password', token: accessToken, body });
      }

      it('refuses a wrong current password and a too short new one with 400', async () => {
        const user = await backlot.user(['casting_assistant']);
        const tokens = assertTokenResponse(await password(user.email, PASSWORD));
        const wrong = await change(tokens.access_token, {
          currentPassword: 'not my password',
          newPassword: 'a brand new password',
        });
        assert.equal(wrong.statusCode, 400, wrong.body);
        assert.deepEqual(
          wrong.json().errors.map((e: { path: string }) => e.path),
          ['/currentPassword'],
        );
        const short = await change(tokens.access_token, { currentPassword: PASSWORD, newPassword: '12345678901' });
        assert.equal(short.statusCode, 400, short.body);
        assert.deepEqual(
          short.json().errors.map((e: { path: string }) => e.path),
          ['/newPassword'],
        );
        const missing = await change(tokens.access_token, { currentPassword: PASSWORD });
        assert.equal(missing.statusCode, 400, missing.body);
        const extra = await change(tokens.access_token, {
          currentPassword: PASSWORD,
          newPassword: 'a brand new password',
          confirm: 'a brand new password',
        });
        assert.equal(extra.statusCode, 400, extra.body);
        // Nothing changed.
        assertTokenResponse(await password(user.email, PASSWORD));
      });

      it('changes the password with 204, ending the other sessions only', async () => {
        const user = await backlot.user(['casting_assistant']);
        const current = assertTokenResponse(await password(user.email, PASSWORD));
        const other = assertTokenResponse(await password(user.email, PASSWORD));
        const newPassword = 'twelve chars exactly!';
        const changed = await change(current.access_token, { currentPassword: PASSWORD, newPassword });
        assert.equal(changed.statusCode, 204, changed.body);

        assert.equal((await me(current.access_token)).statusCode, 200, 'the current session carries on');
        assert.equal((await me(other.access_token)).statusCode, 401, 'the other session ended');
        assertInvalidGrant(await refresh(other.refresh_token));
        assertTokenResponse(await refresh(current.refresh_token));

        assertTokenResponse(await password(user.email, newPassword));
        assertInvalidGrant(await password(user.email, PASSWORD));
      });

      it('accepts exactly 12 characters', async () => {
        const user = await backlot.user(['casting_assistant']);
        const tokens = assertTokenResponse(await password(user.email, PASSWORD));
        const changed = await change(tokens.access_token, { currentPassword: PASSWORD, newPassword: '123456789012' });
        assert.equal(changed.statusCode, 204, changed.body);
        assertTokenResponse(await password(user.email, '123456789012'));
      });
    });

    describe('lifetimes', () => {
      let short: TestBacklot;
      before(async () => {
        short = await startBacklot(dialect, { ACCESS_TOKEN_TTL: '2s', REFRESH_TOKEN_TTL: '2s' });
      });
      after(() => short.stop());

      it('refuses an expired access token and an expired session', async () => {
        const user = await short.user(['casting_assistant']);
        const response = await short.app.inject({
          method: 'POST',
          url: TOKEN_URL,
          payload: { email: user.email, password: PASSWORD },
        });
        assert.equal(response.statusCode, 200, response.body);
        const tokens = response.json();
        assert.equal(tokens.expires_in, 2);
        const meNow = await short.request({ method: 'GET', url: '/api/v1/auth/me', token: tokens.access_token });
        assert.equal(meNow.statusCode, 200, meNow.body);
        await new Promise((resolve) => setTimeout(resolve, 3100));
        const meLater = await short.request({ method: 'GET', url: '/api/v1/auth/me', token: tokens.access_token });
        assert.equal(meLater.statusCode, 401, meLater.body);
        const refreshed = await short.app.inject({
          method: 'POST',
          url: TOKEN_URL,
          payload: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        });
        assertInvalidGrant(refreshed);
      });
    });

    describe('deactivation', () => {
      it("refuses the user's existing token on its very next request", async () => {
        const user = await backlot.user(['casting_assistant']);
        const tokens = assertTokenResponse(await password(user.email, PASSWORD));
        const ok = await backlot.request({ method: 'GET', url: '/api/v1/movies', token: tokens.access_token });
        assert.equal(ok.statusCode, 200, ok.body);
        await backlot.services.users.deactivate(backlot.system, user.id);
        const refused = await backlot.request({ method: 'GET', url: '/api/v1/movies', token: tokens.access_token });
        assert.equal(refused.statusCode, 401, refused.body);
        assert.equal((await me(tokens.access_token)).statusCode, 401);
        // Deactivation is visible in the user record.
        const row = await backlot.services.handle.db
          .selectFrom('users')
          .select('active')
          .where('id', '=', user.id)
          .executeTakeFirstOrThrow();
        assert.equal(Number(row.active), 0);
      });

      it('leaves other users alone', async () => {
        const a = await backlot.as(['casting_assistant']);
        const b = await backlot.as(['casting_assistant']);
        await backlot.services.users.deactivate(backlot.system, a.id);
        assert.equal((await me(b.token)).statusCode, 200);
      });
    });
  });
}
