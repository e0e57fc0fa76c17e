import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBacklot } from '../../src/server.ts';
import { PASSWORD, testConfig } from '../support.ts';

it('closing waits for the requests in flight before it closes the database', async () => {
  const backlot = await createBacklot(testConfig('sqlite::memory:'), false, { migrate: true });
  await backlot.services.identity.createUserDirect({
    email: 'late@test.backlot',
    fullName: 'Late',
    password: PASSWORD,
    roles: ['casting_assistant'],
  });
  const signIn = await backlot.app.inject({
    method: 'POST',
    url: '/api/v1/auth/token',
    payload: { email: 'late@test.backlot', password: PASSWORD },
  });
  const { access_token } = signIn.json();
  // Hold SQLite's one connection, so the request below is still waiting for it when the server closes.
  const holding = backlot.handle.db.transaction().execute(() => sleep(300));
  const request = backlot.app.inject({
    method: 'GET',
    url: '/api/v1/movies',
    headers: { authorization: `Bearer ${access_token}` },
  });
  await sleep(50);
  const closing = backlot.close();
  await holding;
  const response = await request;
  await closing;
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json().items, []);
});
