import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { REFRESH_COOKIE } from '../../src/http/refresh-cookie.ts';
import { dialects, PASSWORD, startBacklot, type TestBacklot } from '../support.ts';

/** The browser console's session: the refresh token in an HttpOnly cookie, never in a body a script can read. */
for (const dialect of dialects()) {
  describe(`refresh token cookie (${dialect.name})`, () => {
    let backlot: TestBacklot;
    let email: string;
    before(async () => {
      backlot = await startBacklot(dialect);
      email = (await backlot.user(['casting_assistant'])).email;
    });
    after(() => backlot.stop());

    const cookieOf = (header: string | string[] | undefined) => {
      const line = [header ?? []].flat().find((value) => value.startsWith(`${REFRESH_COOKIE}=`));
      assert.ok(line, 'a refresh cookie is set');
      return { line, value: line.split(';')[0]!.split('=')[1]! };
    };
    const grant = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      backlot.request({ method: 'POST', url: '/api/v1/auth/token', body, headers });
    const asConsole = { 'x-refresh-cookie': '1' };

    test('asked for, the password grant sets the cookie and leaves the token out of the body', async () => {
      const response = await grant({ grant_type: 'password', username: email, password: PASSWORD }, asConsole);
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.equal(typeof body.access_token, 'string');
      assert.equal(body.refresh_token, undefined);
      const { line, value } = cookieOf(response.headers['set-cookie']);
      assert.match(line, /; HttpOnly/);
      assert.match(line, /; SameSite=Strict/);
      assert.match(line, /; Path=\/api\/v1\/auth(;|$)/);
      assert.doesNotMatch(line, /; Secure/, 'Secure only in production (the test server is plain HTTP)');
      assert.ok(value.length > 20);
    });

    test('without the header nothing changes for other clients', async () => {
      const response = await grant({ grant_type: 'password', username: email, password: PASSWORD });
      assert.equal(response.statusCode, 200);
      assert.equal(typeof response.json().refresh_token, 'string');
      assert.equal(response.headers['set-cookie'], undefined);
    });

    test('the refresh grant takes the cookie, rotates it, and a spent cookie is refused', async () => {
      const first = cookieOf(
        (await grant({ grant_type: 'password', username: email, password: PASSWORD }, asConsole)).headers['set-cookie'],
      ).value;
      const refreshed = await grant(
        { grant_type: 'refresh_token' },
        { ...asConsole, cookie: `${REFRESH_COOKIE}=${first}` },
      );
      assert.equal(refreshed.statusCode, 200);
      assert.equal(refreshed.json().refresh_token, undefined);
      const second = cookieOf(refreshed.headers['set-cookie']).value;
      assert.notEqual(second, first);
      const again = await grant(
        { grant_type: 'refresh_token' },
        { ...asConsole, cookie: `${REFRESH_COOKIE}=${first}` },
      );
      assert.equal(again.statusCode, 400);
      assert.match(cookieOf(again.headers['set-cookie']).line, /Max-Age=0/);
    });

    test('sign-out ends the session and clears the cookie; its refresh token is refused afterwards', async () => {
      const signedIn = await grant({ grant_type: 'password', username: email, password: PASSWORD }, asConsole);
      const cookie = cookieOf(signedIn.headers['set-cookie']).value;
      const out = await backlot.request({
        method: 'POST',
        url: '/api/v1/auth/logout',
        token: signedIn.json().access_token,
        headers: asConsole,
      });
      assert.equal(out.statusCode, 204);
      const cleared = cookieOf(out.headers['set-cookie']);
      assert.equal(cleared.value, '');
      assert.match(cleared.line, /Max-Age=0/);
      const refused = await grant(
        { grant_type: 'refresh_token' },
        { ...asConsole, cookie: `${REFRESH_COOKIE}=${cookie}` },
      );
      assert.equal(refused.statusCode, 400);
    });

    test('signing out everywhere clears the cookie, and the refresh tokens of every session are refused', async () => {
      const signIn = () => grant({ grant_type: 'password', username: email, password: PASSWORD }, asConsole);
      const here = await signIn();
      const elsewhere = cookieOf((await signIn()).headers['set-cookie']).value;
      const out = await backlot.request({
        method: 'POST',
        url: '/api/v1/auth/logout/everywhere',
        token: here.json().access_token,
        headers: asConsole,
      });
      assert.equal(out.statusCode, 204, out.body);
      assert.match(cookieOf(out.headers['set-cookie']).line, /Max-Age=0/);
      for (const cookie of [cookieOf(here.headers['set-cookie']).value, elsewhere]) {
        const refused = await grant(
          { grant_type: 'refresh_token' },
          { ...asConsole, cookie: `${REFRESH_COOKIE}=${cookie}` },
        );
        assert.equal(refused.statusCode, 400);
      }
    });

    test('a refresh with no cookie is refused', async () => {
      const response = await grant({ grant_type: 'refresh_token' }, asConsole);
      assert.equal(response.statusCode, 400);
    });
  });
}
