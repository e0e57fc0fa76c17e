/**
 * An email names one account only when it is spelled exactly so, on every database: MySQL's default collation would
 * otherwise let `cásting_director@…` sign in as `casting_director@…`, with a sign-in throttle of its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LoginThrottle, MemoryCounterStore } from '../../src/modules/identity/throttle.ts';
import { dialects, PASSWORD, startBacklot, type TestBacklot } from '../support.ts';

for (const dialect of dialects()) {
  describe(`email spellings on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    const signIn = (email: string, password: string) =>
      backlot.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email, password } });

    it('an accented spelling is another (unknown) account: no way around the throttle', async () => {
      await backlot.user(['casting_director'], 'casting_director@spell.backlot');
      for (let i = 0; i < 5; i++)
        assert.equal((await signIn('casting_director@spell.backlot', `wrong ${i}`)).statusCode, 400);
      const accented = await signIn('cásting_director@spell.backlot', PASSWORD);
      assert.equal(accented.statusCode, 400, accented.body);
      assert.equal(accented.json().code, 'invalid_grant');
      assert.equal((await signIn('casting_director@spell.backlot', PASSWORD)).statusCode, 429);
    });

    it('user and client emails that differ by an accent are two addresses', async () => {
      await backlot.user([], 'rene@spell.backlot');
      const users = await backlot.services.handle.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'réne@spell.backlot')
        .execute();
      assert.deepEqual(users, []);
      await backlot.services.relations.createClient(backlot.system, { fullName: 'Rene', email: 'rene@spell.example' });
      const clients = await backlot.services.handle.db
        .selectFrom('clients')
        .select('id')
        .where('email', '=', 'réne@spell.example')
        .execute();
      assert.deepEqual(clients, []);
    });
  });
}

describe('the sign-in throttle', () => {
  it('counts failures per account, whichever spelling reached it, and a success clears them', async () => {
    const throttle = new LoginThrottle(new MemoryCounterStore(), { perAccount: 2, perAddress: 100, windowSeconds: 60 });
    assert.equal(await throttle.attemptUser(7), 0);
    assert.equal(await throttle.attemptUser(7), 0);
    assert.ok((await throttle.attemptUser(7)) > 0);
    assert.equal(await throttle.attemptUser(8), 0);
    await throttle.succeeded('someone@example.com', '10.0.0.1', 7);
    assert.equal(await throttle.attemptUser(7), 0);
  });
});
