import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/db/database.ts';
import { bookingBody } from '../bookings/support.ts';
import { newClient, stockedMovie } from '../store/support.ts';
import { dialects, PASSWORD, startBacklot, type TestBacklot } from '../support.ts';

/** Runs `promtool check metrics` (Debian's prometheus package) on a scrape; resolves to its exit code and output. */
function promtool(scrape: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(scrape);
  });
}

/** The value of one series of a Prometheus scrape (0 when absent). */
function sample(scrape: string, series: string): number {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

for (const dialect of dialects()) {
  describe(`metrics on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    const scrape = async () => (await backlot.request({ method: 'GET', url: '/metrics' })).body;

    it('passes promtool check metrics', async () => {
      await backlot.request({ method: 'GET', url: '/api/v1/movies' });
      const result = await promtool(await scrape());
      assert.equal(result.code, 0, result.output);
      assert.equal(result.output.trim(), '');
    });

    it('counts sign-ins, orders placed and refused for stock, contracts signed and bookings by decision', async () => {
      const before = await scrape();
      const user = await backlot.user(['store_clerk', 'management', 'requester']);
      await backlot.signIn(user.email);
      const wrong = await backlot.request({
        method: 'POST',
        url: '/api/v1/auth/token',
        body: { email: user.email, password: `not ${PASSWORD}` },
      });
      assert.equal(wrong.statusCode, 400);
      const { token } = await backlot.as(['store_clerk', 'management', 'requester']);

      const client = await newClient(backlot);
      const movie = await stockedMovie(backlot, 500, 1);
      const order = (quantity: number, key: string) =>
        backlot.request({
          method: 'POST',
          url: '/api/v1/orders',
          token,
          headers: { 'idempotency-key': key },
          body: { clientId: client.id, items: [{ movieId: movie.id, quantity }] },
        });
      assert.equal((await order(1, 'first')).statusCode, 201);
      assert.equal((await order(1, 'first')).statusCode, 201, 'a replay is not a new order');
      assert.equal((await order(1, 'second')).statusCode, 409, 'out of stock');

      const contract = await backlot.request({
        method: 'POST',
        url: '/api/v1/contracts',
        token,
        body: { clientId: client.id, totalCents: 1000, dueCents: 0 },
      });
      assert.equal(contract.statusCode, 201, contract.body);
      const signed = await backlot.request({
        method: 'POST',
        url: `/api/v1/contracts/${contract.json().id}/sign`,
        token,
      });
      assert.equal(signed.statusCode, 200, signed.body);

      const decide = async (decision: 'accept' | 'reject') => {
        const booking = await backlot.request({ method: 'POST', url: '/api/v1/bookings', token, body: bookingBody() });
        assert.equal(booking.statusCode, 201, booking.body);
        const body = decision === 'accept' ? {} : { reason: 'Fully booked' };
        const answer = await backlot.request({
          method: 'POST',
          url: `/api/v1/bookings/${booking.json().id}/${decision}`,
          token,
          body,
        });
        assert.equal(answer.statusCode, 200, answer.body);
      };
      await decide('accept');
      await decide('reject');
      await decide('reject');

      const now = await scrape();
      const delta = (series: string) => sample(now, series) - sample(before, series);
      assert.equal(delta('backlot_sign_ins_total{outcome="ok"}'), 2);
      assert.equal(delta('backlot_sign_ins_total{outcome="failed"}'), 1);
      assert.equal(delta('backlot_orders_total{outcome="placed"}'), 1);
      assert.equal(delta('backlot_orders_total{outcome="insufficient_stock"}'), 1);
      assert.equal(delta('backlot_contracts_signed_total'), 1);
      assert.equal(delta('backlot_booking_decisions_total{decision="accepted"}'), 1);
      assert.equal(delta('backlot_booking_decisions_total{decision="rejected"}'), 2);
    });
  });
}

describe('protecting /metrics with METRICS_TOKEN', () => {
  let backlot: TestBacklot;
  const secret = 'metrics-scraper-secret-0123';
  before(async () => {
    backlot = await startBacklot(dialects()[0]!, { METRICS_TOKEN: secret });
  });
  after(() => backlot.stop());

  it('answers 401 without the token or with another one, and the scrape with it', async () => {
    const none = await backlot.request({ method: 'GET', url: '/metrics' });
    assert.equal(none.statusCode, 401);
    assert.match(String(none.headers['content-type']), /^application\/problem\+json/);
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);
    assert.ok(!none.body.includes('process_cpu'));
    const wrong = await backlot.request({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.statusCode, 401);
    const right = await backlot.request({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(right.statusCode, 200);
    assert.match(right.body, /backlot_http_requests_total/);
  });
});

describe('HSTS and upgrade-insecure-requests', () => {
  let backlot: TestBacklot;
  before(async () => {
    backlot = await startBacklot(dialects()[0]!, { TRUST_PROXY: 'true' });
  });
  after(() => backlot.stop());

  it('are sent over HTTPS, as a trusted proxy reports it, and not over plain HTTP', async () => {
    const https = await backlot.request({
      method: 'GET',
      url: '/api/docs/',
      headers: { 'x-forwarded-proto': 'https' },
    });
    assert.match(String(https.headers['strict-transport-security']), /max-age=\d+/);
    assert.match(String(https.headers['content-security-policy']), /upgrade-insecure-requests/);
    const http = await backlot.request({ method: 'GET', url: '/api/docs/', headers: { 'x-forwarded-proto': 'http' } });
    assert.equal(http.headers['strict-transport-security'], undefined);
    assert.doesNotMatch(String(http.headers['content-security-policy']), /upgrade-insecure-requests/);
    assert.match(String(http.headers['content-security-policy']), /script-src 'self'/);
  });
});

describe('the SQLite file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'backlot-modes-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('is created 0600 in a folder created 0700, and so are its WAL files', async () => {
    const file = join(folder, 'nested', 'backlot.db');
    const handle = openDatabase(`sqlite:${file}`);
    try {
      await handle.db.schema.createTable('probe').addColumn('id', 'integer').execute();
      await handle.db
        .insertInto('probe' as never)
        .values({ id: 1 } as never)
        .execute();
      assert.equal(statSync(join(folder, 'nested')).mode & 0o777, 0o700);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(`${file}-wal`).mode & 0o777, 0o600);
    } finally {
      await handle.close();
    }
  });

  it('leaves an existing file as it is', async () => {
    const file = join(folder, 'existing.db');
    writeFileSync(file, '', { mode: 0o640 });
    const handle = openDatabase(`sqlite:${file}`);
    await handle.close();
    assert.equal(statSync(file).mode & 0o777, 0o640);
  });
});
