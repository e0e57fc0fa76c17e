/**
 * The cached session check, with two Backlot nodes over one database: every way a session ends, taken on one node,
 * refuses the session's next request on the other node, whose cache held it as open.
 * PostgreSQL tells the other node through LISTEN/NOTIFY: the test waits for that notification to arrive (the delay
 * is measured by bench/session-window.ts, not asserted). SQLite nodes share a file and see each other's commits through
 * PRAGMA data_version; MySQL/MariaDB does not cache the check at all.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Backlot, createBacklot } from '../../src/server.ts';
import { dialects, PASSWORD, SYSTEM, testConfig } from '../support.ts';

for (const dialect of dialects()) {
  describe(`session check cached on two nodes (${dialect.name})`, () => {
    let drop: () => Promise<void>;
    let a: Backlot;
    let b: Backlot;
    let counter = 0;
    const admin = SYSTEM;

    before(async () => {
      let url: string;
      if (dialect.name === 'sqlite') {
        // Two nodes need one file (each :memory: database is private to its connection).
        const folder = mkdtempSync(join(tmpdir(), 'backlot-sessions-'));
        url = `sqlite:${join(folder, 'shared.db')}`;
        drop = async () => rmSync(folder, { recursive: true, force: true });
      } else {
        ({ url, drop } = await dialect.fresh());
      }
      a = await createBacklot(testConfig(url), false, { migrate: true });
      b = await createBacklot(testConfig(url), false, { migrate: false });
      await Promise.all([a.handle.sessions.ready(), b.handle.sessions.ready()]);
    });

    after(async () => {
      await a?.close();
      await b?.close();
      await drop?.();
    });

    const cached = dialect.name !== 'mysql';

    async function signIn(node: Backlot, email: string): Promise<{ access_token: string; refresh_token: string }> {
      const response = await node.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        payload: { email, password: PASSWORD },
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    }

    async function user(roles = ['casting_assistant']) {
      const email = `node${++counter}@test.backlot`;
      const id = await a.services.identity.createUserDirect({
        email,
        fullName: 'Node test',
        password: PASSWORD,
        roles,
      });
      return { id, email };
    }

    const list = (node: Backlot, token: string) =>
      node.app.inject({ method: 'GET', url: '/api/v1/movies', headers: { authorization: `Bearer ${token}` } });

    /** A token that node B has checked twice, the second time from its cache. */
    async function heldByB(email: string) {
      const tokens = await signIn(a, email);
      assert.equal((await list(b, tokens.access_token)).statusCode, 200);
      const hits = b.handle.sessions.hits;
      assert.equal((await list(b, tokens.access_token)).statusCode, 200);
      assert.equal(b.handle.sessions.hits, cached ? hits + 1 : hits, 'the second check came from the cache');
      return tokens;
    }

    /** Resolves when node B has heard of a change (PostgreSQL); at once where no notification is needed. */
    function bNotified(): Promise<void> {
      if (dialect.name !== 'postgres') return Promise.resolve();
      return new Promise((resolve, reject) => {
        // Not a measure of speed: without this bound a missing notification would hang the test instead of failing it.
        const never = setTimeout(() => reject(new Error('node B was never told of the change')), 30_000);
        b.handle.sessions.onNotified = () => {
          clearTimeout(never);
          b.handle.sessions.onNotified = undefined;
          resolve();
        };
      });
    }

    async function refusedOnB(token: string) {
      const response = await list(b, token);
      assert.equal(response.statusCode, 401, response.body);
    }

    it('logout on one node refuses the next request on the other', async () => {
      const { email } = await user();
      const tokens = await heldByB(email);
      const heard = bNotified();
      const out = await a.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      assert.equal(out.statusCode, 204, out.body);
      await heard;
      await refusedOnB(tokens.access_token);
    });

    if (dialect.name === 'postgres') {
      it('a logout is answered once its node has heard its own notification, which the others were sent with it', async () => {
        const { email } = await user();
        const tokens = await heldByB(email);
        let heardByA = false;
        a.handle.sessions.onNotified = () => {
          heardByA = true;
        };
        const out = await a.app.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          headers: { authorization: `Bearer ${tokens.access_token}` },
        });
        a.handle.sessions.onNotified = undefined;
        assert.equal(out.statusCode, 204, out.body);
        assert.ok(heardByA, 'the answer came before the node heard of its own change');
        assert.equal(a.handle.sessions.heard(), undefined);
      });

      it('a change rolled back sends no notification, and nothing waits for it for long', async () => {
        await a.handle.db
          .transaction()
          .execute(async (trx) => {
            await a.handle.sessions.changed(trx);
            throw new Error('rolled back');
          })
          .catch(() => {});
        const waiting = a.handle.sessions.heard();
        assert.ok(waiting, 'the node waits for the notification it sent');
        await waiting;
      });
    }

    it('signing out everywhere on one node refuses every session of the user on the other', async () => {
      const { email } = await user();
      const first = await heldByB(email);
      const second = await heldByB(email);
      const heard = bNotified();
      const out = await a.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout/everywhere',
        headers: { authorization: `Bearer ${first.access_token}` },
      });
      assert.equal(out.statusCode, 204, out.body);
      await heard;
      await refusedOnB(first.access_token);
      await refusedOnB(second.access_token);
    });

    it('deactivation on one node refuses the next request on the other', async () => {
      const { id, email } = await user();
      const tokens = await heldByB(email);
      const heard = bNotified();
      await a.services.users.deactivate(admin, id);
      await heard;
      await refusedOnB(tokens.access_token);
    });

    it('deactivation through PATCH active=false refuses the next request on the other node', async () => {
      const { id, email } = await user();
      const tokens = await heldByB(email);
      const heard = bNotified();
      await a.services.users.update(admin, id, { active: false });
      await heard;
      await refusedOnB(tokens.access_token);
    });

    it('a password change on one node refuses the other sessions on the other node', async () => {
      const { email } = await user();
      const held = await heldByB(email);
      const changer = await signIn(a, email);
      const heard = bNotified();
      const changed = await a.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { authorization: `Bearer ${changer.access_token}` },
        payload: { currentPassword: PASSWORD, newPassword: 'another correct horse battery' },
      });
      assert.equal(changed.statusCode, 204, changed.body);
      await heard;
      await refusedOnB(held.access_token);
      // The session that changed the password goes on, on either node.
      assert.equal((await list(b, changer.access_token)).statusCode, 200);
    });

    it('a password reset by an administrator refuses the next request on the other node', async () => {
      const { id, email } = await user();
      const tokens = await heldByB(email);
      const heard = bNotified();
      await a.services.users.resetPassword(admin, id);
      await heard;
      await refusedOnB(tokens.access_token);
    });

    it('a refresh token used twice ends its session on the other node too', async () => {
      const { email } = await user();
      const tokens = await heldByB(email);
      const grant = (refreshToken: string) =>
        a.app.inject({
          method: 'POST',
          url: '/api/v1/auth/token',
          payload: { grant_type: 'refresh_token', refresh_token: refreshToken },
        });
      assert.equal((await grant(tokens.refresh_token)).statusCode, 200);
      const heard = bNotified();
      assert.equal((await grant(tokens.refresh_token)).statusCode, 400, 'a reused refresh token is invalid_grant');
      await heard;
      await refusedOnB(tokens.access_token);
    });

    it('leaves the sessions of other users cached and open', async () => {
      const { id, email } = await user();
      const other = await user();
      const kept = await heldByB(other.email);
      await heldByB(email);
      const heard = bNotified();
      await a.services.users.deactivate(admin, id);
      await heard;
      assert.equal((await list(b, kept.access_token)).statusCode, 200);
    });
  });
}
