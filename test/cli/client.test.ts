import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT, exitCodeForStatus } from '../../src/cli/errors.ts';
import { parseFields } from '../../src/cli/fields.ts';
import type { JsonSchema } from '../../src/cli/openapi.ts';
import { PASSWORD } from '../support.ts';
import { makeUser, Profile, type Server, spawnBacklot, startServer } from './harness.ts';

/** The start of an ANSI escape sequence (colour). */
const ESC = String.fromCharCode(27);

describe('the exit-code mapping', () => {
  it('maps statuses to the exit codes of SPEC §9', () => {
    assert.equal(exitCodeForStatus(200), EXIT.ok);
    assert.equal(exitCodeForStatus(400), EXIT.failure);
    assert.equal(exitCodeForStatus(401), 3);
    assert.equal(exitCodeForStatus(403), 4);
    assert.equal(exitCodeForStatus(404), 5);
    for (const status of [409, 412, 422]) assert.equal(exitCodeForStatus(status), 6);
    for (const status of [429, 500, 503]) assert.equal(exitCodeForStatus(status), 1);
  });
});

describe('--FIELD VALUE typed by a request schema', () => {
  const schema: JsonSchema = {
    type: 'object',
    required: ['title'],
    properties: {
      title: { type: 'string', minLength: 1 },
      phone: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      stock: { type: 'integer', minimum: 0 },
      active: { type: 'boolean' },
      genres: { type: 'array', items: { type: 'string' } },
      startsAt: { type: 'string', format: 'date-time' },
      address: {
        type: 'object',
        required: ['city', 'country'],
        properties: { city: { type: 'string' }, country: { type: 'string', enum: ['FR', 'GB'] } },
      },
    },
  };

  it('gives each field its type, and refuses what does not fit before anything is sent', () => {
    assert.deepEqual(
      parseFields(
        [
          '--title=007',
          '--phone',
          'null',
          '--stock',
          '3',
          '--active',
          'no',
          '--genres',
          'drama',
          '--genres',
          'crime,noir',
          '--starts-at',
          '2030-05-01T20:00:00+02:00',
          '--address.city',
          'Lyon',
          '--address.country',
          'fr',
        ],
        schema,
        true,
      ),
      {
        title: '007',
        phone: null,
        stock: 3,
        active: false,
        genres: ['drama', 'crime', 'noir'],
        startsAt: '2030-05-01T18:00:00.000Z',
        address: { city: 'Lyon', country: 'FR' },
      },
    );
    assert.deepEqual(parseFields(['--title', 'null'], schema, true), { title: 'null' });
    assert.throws(() => parseFields(['--title', 'X', '--stock', '2.5'], schema, true), /--stock takes a whole number/);
    assert.throws(() => parseFields(['--title', 'X', '--stock', '-1'], schema, true), /--stock must be 0 or more/);
    assert.throws(
      () => parseFields(['--title', 'X', '--starts-at', '2030-02-30 10:00'], schema, true),
      /date and time/,
    );
    assert.throws(() => parseFields(['--title', 'X', '--address.country', 'ZZ'], schema, true), /one of FR, GB/);
    assert.throws(() => parseFields(['--title', 'X', '--address.city', 'Lyon'], schema, true), /--address\.country/);
    assert.throws(() => parseFields(['--stock', '1'], schema, true), /missing field: --title/);
    assert.throws(
      () => parseFields(['--colour', 'red'], schema, false),
      /unknown field --colour; the fields are: --title/,
    );
    assert.throws(() => parseFields(['--address.zip', '1'], schema, false), /the fields of --address are: --city/);
    assert.throws(() => parseFields(['--title'], schema, false), /needs a value/);
    assert.throws(() => parseFields(['stray'], schema, false), /unexpected argument/);
    assert.throws(() => parseFields(['--constructor', '1'], schema, false), /unknown field --constructor/);
  });
});

describe('backlot, the API client', () => {
  let root: string;
  let server: Server;
  let admin: Profile;
  let adminEmail: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'backlot-client-'));
    server = await startServer();
    adminEmail = await makeUser(server, ['admin']);
    admin = new Profile(root, 'admin', server);
  });
  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses to work before login (exit 3)', async () => {
    const outcome = await admin.run(['whoami']);
    assert.equal(outcome.code, 3);
    assert.match(outcome.stderr, /not logged in/);
  });

  it('login --password-stdin keeps the session in a 0600 file; whoami shows who is signed in', async () => {
    const login = await admin.login(adminEmail);
    assert.match(login.stdout, new RegExp(`Logged in to ${server.url} as ${adminEmail}`));
    assert.equal(statSync(admin.credentialsFile).mode & 0o777, 0o600);
    assert.equal(statSync(join(admin.home, 'config', 'backlot')).mode & 0o777, 0o700);
    const saved = admin.credentials();
    assert.deepEqual(Object.keys(saved).sort(), ['accessToken', 'email', 'expiresAt', 'refreshToken', 'server']);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(admin.credentialsFile, 'utf8')).profiles), ['default']);
    assert.equal(saved.server, server.url);
    assert.equal(saved.email, adminEmail);
    assert.ok(Date.parse(saved.expiresAt!) > Date.now());

    const table = await admin.run(['whoami']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(`^email +${adminEmail}$`, 'm'));
    const me = await admin.json<{ email: string; roles: string[] }>(['whoami']);
    assert.equal(me.email, adminEmail);
    assert.deepEqual(me.roles, ['admin']);
  });

  it('login refuses a wrong password (exit 3) and needs --password-stdin without a terminal (exit 2)', async () => {
    const other = new Profile(root, 'wrong', server);
    const wrong = await other.run(['login', '--email', adminEmail, '--password-stdin'], {}, 'not the password\n');
    assert.equal(wrong.code, 3);
    assert.match(wrong.stderr, /backlot:/);
    const noTerminal = await other.run(['login', '--email', adminEmail]);
    assert.equal(noTerminal.code, 2);
    assert.match(noTerminal.stderr, /--password-stdin/);
  });

  it('movies create, list, show, update and delete, as JSON and as a table', async () => {
    const created = await admin.json<{ id: number; title: string; genres: string[]; stock: number }>([
      'movies',
      'create',
      '--title',
      'Static',
      '--release-date',
      '2020-01-02',
      '--genres',
      '["drama","crime"]',
      '--stock',
      '3',
    ]);
    assert.equal(created.title, 'Static');
    assert.deepEqual(created.genres, ['drama', 'crime']);
    assert.equal(created.stock, 3);

    const table = await admin.run(['movies', 'list', '--filter', `id=${created.id}`]);
    assert.equal(table.code, 0, table.stderr);
    assert.ok(!table.stdout.includes(ESC), 'no ANSI escapes when stdout is not a terminal');
    const [header, row] = table.stdout.trimEnd().split('\n');
    assert.match(header!, /^id +title +releaseDate +price +stock +genres +updatedAt$/);
    assert.match(
      row!,
      new RegExp(`^ *${created.id} +Static +2020-01-02 +0\\.00 +3 +drama, crime +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`),
    );

    const page = await admin.json<{ items: { id: number }[]; nextCursor: string | null }>([
      'movies',
      'list',
      '--q',
      'stat',
    ]);
    assert.deepEqual(
      page.items.map((m) => m.id),
      [created.id],
    );
    assert.equal(page.nextCursor, null);

    const shown = await admin.json<{ id: number; cast: unknown[] }>(['movies', 'show', String(created.id)]);
    assert.equal(shown.id, created.id);
    assert.deepEqual(shown.cast, []);

    const updated = await admin.json<{ title: string; version: number }>([
      'movies',
      'update',
      String(created.id),
      '--title=Static II',
    ]);
    assert.equal(updated.title, 'Static II');
    assert.equal(updated.version, 2);

    const invalid = await admin.run(['movies', 'update', String(created.id), '--stock', '-1']);
    assert.equal(invalid.code, 2, 'checked against the schema before sending');
    assert.match(invalid.stderr, /--stock must be 0 or more/);
    const refused = await admin.run(['movies', 'update', String(created.id), '--title', 'x'.repeat(300)]);
    assert.equal(refused.code, 2);

    const unconfirmed = await admin.run(['movies', 'delete', String(created.id)]);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, /--yes/);

    const deleted = await admin.run(['movies', 'delete', String(created.id), '--yes']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stdout, new RegExp(`Deleted movie ${created.id}\\.`));

    const gone = await admin.run(['movies', 'show', String(created.id)]);
    assert.equal(gone.code, 5);
    assert.match(gone.stderr, /no movie/i);
  });

  it('--all follows nextCursor over every page', async () => {
    const { access_token } = (
      await server.backlot.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        payload: { email: adminEmail, password: PASSWORD },
      })
    ).json();
    for (let i = 0; i < 120; i++) {
      const response = await server.backlot.app.inject({
        method: 'POST',
        url: '/api/v1/movies',
        headers: { authorization: `Bearer ${access_token}` },
        payload: { title: `Paged ${String(i).padStart(3, '0')}`, releaseDate: '2001-01-01' },
      });
      assert.equal(response.statusCode, 201, response.body);
    }
    const args = ['movies', 'list', '--filter', "title~'Paged'", '--limit', '50'];
    const one = await admin.json<{ items: unknown[]; nextCursor: string | null }>(args);
    assert.equal(one.items.length, 50);
    assert.ok(one.nextCursor);

    const all = await admin.json<{ items: { id: number; title: string }[]; nextCursor: null }>([...args, '--all']);
    assert.equal(all.items.length, 120);
    assert.equal(new Set(all.items.map((m) => m.id)).size, 120);
    assert.deepEqual(
      all.items.map((m) => m.title),
      Array.from({ length: 120 }, (_, i) => `Paged ${String(i).padStart(3, '0')}`),
    );
    assert.equal(all.nextCursor, null);

    const table = await admin.run([...args, '--all']);
    assert.equal(table.code, 0, table.stderr);
    assert.equal(table.stdout.trimEnd().split('\n').length, 121);
    assert.equal(table.stderr, '', 'no progress line when stderr is not a terminal');

    const csv = await admin.run(['movies', 'export', '--filter', "title~'Paged'", '--sort', 'title']);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trimEnd().split('\r\n');
    assert.equal(lines.length, 121);
    assert.match(lines[0]!, /^id,createdAt,updatedAt,version,title,releaseDate,genres,priceCents,stock$/);
    assert.match(lines[1]!, /^\d+,[^,]+,[^,]+,1,Paged 000,2001-01-01,,0,0$/);
  });

  it('movies cast and uncast', async () => {
    const movie = await admin.json<{ id: number }>([
      'movies',
      'create',
      '--title',
      'Low Tide',
      '--releaseDate',
      '2021-05-06',
    ]);
    const actor = await admin.json<{ id: number }>(['actors', 'create', '--name', 'Ann Actor', '--age', '33']);
    const cast = await admin.json<{ actorId: number; character: string; billing: number }>([
      'movies',
      'cast',
      String(movie.id),
      '--actor',
      String(actor.id),
      '--character',
      'Mara',
      '--billing',
      '1',
    ]);
    assert.deepEqual(cast, { actorId: actor.id, name: 'Ann Actor', character: 'Mara', billing: 1 });

    const view = await admin.run(['movies', 'show', String(movie.id)]);
    assert.equal(view.code, 0, view.stderr);
    assert.match(view.stdout, /^cast:$/m);
    assert.match(view.stdout, /Ann Actor +Mara/);

    const uncast = await admin.run(['movies', 'uncast', String(movie.id), '--actor', String(actor.id)]);
    assert.equal(uncast.code, 0, uncast.stderr);
    const after = await admin.json<{ cast: unknown[] }>(['movies', 'show', String(movie.id)]);
    assert.deepEqual(after.cast, []);
  });

  it('a conflict or a refused rule is exit 6; events assign resolves an email', async () => {
    const client = await admin.json<{ id: number }>([
      'clients',
      'create',
      '--full-name',
      'Cli Ent',
      '--email',
      'client@test.backlot',
    ]);
    const contract = await admin.json<{ id: number }>([
      'contracts',
      'create',
      '--clientId',
      String(client.id),
      '--totalCents',
      '10000',
      '--dueCents',
      '0',
    ]);
    const eventArgs = [
      'events',
      'create',
      '--contractId',
      String(contract.id),
      '--name',
      'Gala',
      '--startsAt',
      '2030-01-01T18:00:00Z',
      '--endsAt',
      '2030-01-01T23:00:00Z',
      '--location',
      'Paris',
      '--attendees',
      '80',
    ];
    const unsigned = await admin.run(eventArgs);
    assert.equal(unsigned.code, 6, unsigned.stderr); // 422: the contract is not signed

    const unconfirmed = await admin.run(['contracts', 'sign', String(contract.id)]);
    assert.equal(unconfirmed.code, 2, 'signing cannot be undone: --yes off a terminal');
    const signed = await admin.json<{ status: string }>(['contracts', 'sign', String(contract.id), '--yes']);
    assert.equal(signed.status, 'signed');
    const twice = await admin.run(['contracts', 'sign', String(contract.id), '--yes']);
    assert.equal(twice.code, 6); // 409: already signed
    assert.match(twice.stderr, /already signed/);

    const event = await admin.json<{ id: number }>(eventArgs);
    const supportEmail = await makeUser(server, ['support']);
    const assigned = await admin.json<{ supportContactId: number }>([
      'events',
      'assign',
      String(event.id),
      '--support',
      supportEmail,
    ]);
    const users = await admin.json<{ items: { id: number }[] }>([
      'users',
      'list',
      '--filter',
      `email='${supportEmail}'`,
    ]);
    assert.equal(assigned.supportContactId, users.items[0]!.id);
    const nobody = await admin.run(['events', 'assign', String(event.id), '--support', 'nobody@test.backlot']);
    assert.equal(nobody.code, 5);
  });

  it('a casting assistant may not create a movie (exit 4), and is told the permission needed', async () => {
    const assistant = new Profile(root, 'assistant', server);
    await assistant.login(await makeUser(server, ['casting_assistant']));
    const outcome = await assistant.run(['movies', 'create', '--title', 'Nope', '--release-date', '2020-01-01']);
    assert.equal(outcome.code, 4);
    assert.match(outcome.stderr, /^backlot: .*post:movies/);
    const list = await assistant.run(['movies', 'list', '--limit', '1']);
    assert.equal(list.code, 0, list.stderr);
  });

  it('bad usage is exit 2', async () => {
    for (const args of [
      ['movies', 'show', 'abc'],
      ['movies', 'frobnicate'],
      ['movies', 'update', '1'],
      ['movies', 'create', 'stray'],
      ['movies', 'cast', '1', '--character', 'Mara'],
      ['movies', 'create', '--title', 'X', '--release-date', '2020-02-30'],
      ['movies', 'create', '--title', 'X'],
      ['movies', 'list', '--columns', 'nope'],
      ['movies', 'list', '--limit', 'many'],
      ['orders', 'place', '--client', '1', '--item', 'one'],
      ['nonsense'],
    ]) {
      const outcome = await admin.run(args);
      assert.equal(outcome.code, 2, `${args.join(' ')}: ${outcome.stderr}`);
    }
  });

  it('an unreachable server is exit 1', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const offline = `http://127.0.0.1:${port}`;
    const login = await admin.run(
      ['login', '--server', offline, '--email', adminEmail, '--password-stdin'],
      {},
      PASSWORD,
    );
    assert.equal(login.code, 1);
    assert.match(login.stderr, new RegExp(`cannot reach ${offline}`));
    const list = await admin.run(['movies', 'list'], { BACKLOT_URL: offline, BACKLOT_TOKEN: 'x' });
    const help = await admin.run(['movies', 'create', '--help'], { BACKLOT_URL: offline });
    assert.equal(help.code, 0, 'help prints without the server');
    assert.match(help.stdout, /FIELDS\n {2}\(the fields could not be read from the server: cannot reach/);
    assert.equal(list.code, 1);
    assert.match(list.stderr, /cannot reach/);
  });

  it('token prints an access token that BACKLOT_TOKEN then uses', async () => {
    const token = await admin.run(['token']);
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const stranger = new Profile(root, 'stranger', server);
    const me = await stranger.json<{ email: string }>(['whoami'], { BACKLOT_TOKEN: token.stdout.trim() });
    assert.equal(me.email, adminEmail);
    const refused = await stranger.run(['whoami'], { BACKLOT_TOKEN: 'not-a-token' });
    assert.equal(refused.code, 3);
  });

  it('logout ends the session on the server and removes the file (then exit 3)', async () => {
    const token = (await admin.run(['token'])).stdout.trim();
    const outcome = await admin.run(['logout']);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.throws(() => statSync(admin.credentialsFile), /ENOENT/);
    const after = await admin.run(['whoami']);
    assert.equal(after.code, 3);
    const stale = await admin.run(['whoami'], { BACKLOT_TOKEN: token });
    assert.equal(stale.code, 3);
    const again = await admin.run(['logout']);
    assert.equal(again.code, 3);
  });

  it('logout --everywhere ends every session of the user, those of other terminals too', async () => {
    const email = await makeUser(server, ['casting_assistant']);
    const here = new Profile(root, 'everywhere-here', server);
    const there = new Profile(root, 'everywhere-there', server);
    await here.login(email);
    await there.login(email);
    const otherToken = (await there.run(['token'])).stdout.trim();
    assert.equal((await there.run(['whoami'])).code, 0);

    const outcome = await here.run(['logout', '--everywhere']);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /everywhere/);
    assert.throws(() => statSync(here.credentialsFile), /ENOENT/);
    // The other terminal's access token is refused, and so is its refresh token: it is logged out too.
    assert.equal((await there.run(['whoami'], { BACKLOT_TOKEN: otherToken })).code, 3);
    const refused = await there.run(['whoami']);
    assert.equal(refused.code, 3, refused.stderr);

    // A session that has already ended cannot end the others: it says so (exit 3) instead of claiming it did.
    await there.login(email);
    const stale = (await there.run(['token'])).stdout.trim();
    await there.run(['logout']);
    const late = await there.run(['logout', '--everywhere'], { BACKLOT_TOKEN: stale });
    assert.equal(late.code, 3);
    assert.match(late.stderr, /could not end the others/);
  });
});

describe('backlot refreshes an expired session', () => {
  let root: string;
  let server: Server;
  let user: Profile;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'backlot-refresh-'));
    server = await startServer();
    user = new Profile(root, 'user', server);
    await user.login(await makeUser(server, ['casting_assistant']));
  });
  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** Makes the saved session look as if its access token had expired (the server's tokens last 15 minutes). */
  function expire(): Record<string, string> {
    const saved = user.credentials();
    const store = { profiles: { default: { ...saved, expiresAt: new Date(Date.now() - 1000).toISOString() } } };
    writeFileSync(user.credentialsFile, JSON.stringify(store), { mode: 0o600 });
    return saved;
  }

  it('refreshes a token that has expired, and saves the rotated tokens', async () => {
    const first = expire();
    const outcome = await user.run(['movies', 'list']);
    assert.equal(outcome.code, 0, outcome.stderr);
    const second = user.credentials();
    assert.notEqual(second.accessToken, first.accessToken);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.ok(Date.parse(second.expiresAt!) > Date.now());
    assert.equal(statSync(user.credentialsFile).mode & 0o777, 0o600);
  });

  it('refreshes once when the server answers 401 to a token it believed valid', async () => {
    const saved = user.credentials();
    // The file claims an hour left, but holds a token the server refuses.
    const store = { profiles: { default: { ...saved, accessToken: 'x.y.z' } } };
    writeFileSync(user.credentialsFile, JSON.stringify(store), { mode: 0o600 });
    const outcome = await user.run(['whoami', '--json']);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.notEqual(user.credentials().refreshToken, saved.refreshToken);
  });

  it('several processes refreshing at once do not spend the same refresh token twice', async () => {
    expire();
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => spawnBacklot(['whoami', '--json'], user.env)));
    for (const outcome of outcomes) assert.equal(outcome.code, 0, outcome.stderr);
    const after = await user.run(['whoami']);
    assert.equal(after.code, 0, after.stderr);
  });

  it('a session whose refresh token was spent is over (exit 3)', async () => {
    const saved = expire();
    const refreshed = await server.backlot.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { grant_type: 'refresh_token', refresh_token: saved.refreshToken },
    });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    // The file still holds the spent refresh token: using it again ends the session.
    const outcome = await user.run(['whoami']);
    assert.equal(outcome.code, 3);
    assert.match(outcome.stderr, /backlot login/);
  });
});

describe('backlot for daily use', () => {
  let root: string;
  let server: Server;
  let admin: Profile;
  let adminEmail: string;
  let clientId: number;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'backlot-daily-'));
    server = await startServer();
    adminEmail = await makeUser(server, ['admin'], 'Ada Admin');
    admin = new Profile(root, 'admin', server);
    await admin.login(adminEmail);
    clientId = (
      await admin.json<{ id: number }>([
        'clients',
        'create',
        '--full-name',
        'Ann Client',
        '--email',
        'ann@test.backlot',
      ])
    ).id;
  });
  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('types each --FIELD from the server schema: digits stay text, dates are checked, unknown fields refused', async () => {
    const movie = await admin.json<{ title: string; genres: string[] }>([
      'movies',
      'create',
      '--title',
      '1984',
      '--release-date',
      '1984-10-10',
      '--genres',
      'drama,thriller',
    ]);
    assert.equal(movie.title, '1984');
    assert.deepEqual(movie.genres, ['drama', 'thriller']);

    const unknown = await admin.run([
      'movies',
      'create',
      '--title',
      'X',
      '--release-date',
      '2020-01-01',
      '--rating',
      '5',
    ]);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /unknown field --rating; the fields are: --title, --release-date, --genres, --price-cents, --stock/,
    );
    const badDate = await admin.run(['movies', 'create', '--title', 'X', '--release-date', '2020-02-30']);
    assert.equal(badDate.code, 2);
    assert.match(badDate.stderr, /--release-date takes a date, YYYY-MM-DD, not '2020-02-30'/);
    const missing = await admin.run(['movies', 'create', '--genres', 'drama']);
    assert.match(missing.stderr, /missing fields: --title, --release-date/);

    const requester = new Profile(root, 'requester', server);
    await requester.login(await makeUser(server, ['requester']));
    const booking = await requester.json<{ address: Record<string, string>; startsAt: string }>([
      'bookings',
      'submit',
      '--topic',
      'Launch',
      '--starts-at',
      '2031-05-01 18:00',
      '--duration-minutes',
      '90',
      '--attendees',
      '40',
      '--address.street',
      '1 Main St',
      '--address.city',
      'Lyon',
      '--address.postal-code',
      '69001',
      '--address.country',
      'fr',
    ]);
    assert.deepEqual(booking.address, { street: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' });
    assert.equal(booking.startsAt, '2031-05-01T18:00:00.000Z', 'a local time without a zone, in TZ (UTC here)');
    const partial = await requester.run([
      'bookings',
      'submit',
      '--topic',
      'T',
      '--starts-at',
      '2031-05-01T18:00:00Z',
      '--duration-minutes',
      '90',
      '--attendees',
      '4',
      '--address.city',
      'Lyon',
    ]);
    assert.equal(partial.code, 2);
    assert.match(partial.stderr, /missing fields: --address\.street, --address\.postal-code, --address\.country/);

    const cache = readFileSync(
      join(admin.home, 'cache', 'backlot', readdirSync(join(admin.home, 'cache', 'backlot'))[0]!),
      'utf8',
    );
    assert.equal(JSON.parse(cache).server, server.url, 'the request schemas are cached per server');
  });

  it('help: USAGE/FIELDS/FLAGS/EXAMPLES, `help X` like `X --help`, topics, --version', async () => {
    const create = await admin.run(['movies', 'create', '--help']);
    assert.equal(create.code, 0);
    assert.match(create.stdout, /^USAGE\n {2}backlot movies create --FIELD VALUE … \[flags\]$/m);
    assert.match(create.stdout, /^ {2}--title +string, required$/m);
    assert.match(create.stdout, /^ {2}--release-date +date \(YYYY-MM-DD\), required$/m);
    assert.match(create.stdout, /^ {2}--stock +integer ≥0$/m);
    assert.match(create.stdout, /^FLAGS$/m);
    assert.match(create.stdout, /^EXAMPLES\n {2}\$ backlot movies create /m);

    const viaHelp = await admin.run(['help', 'movies']);
    const viaFlag = await admin.run(['movies', '--help']);
    assert.equal(viaHelp.code, 0);
    assert.equal(viaFlag.code, 0);
    assert.equal(viaHelp.stdout, viaFlag.stdout);
    assert.match(viaHelp.stdout, /^COMMANDS$/m);
    const events = await admin.run(['events', '--help']);
    assert.match(events.stdout, /create an event/);
    assert.match((await admin.run(['orders', 'update', '--help'])).stdout, /^Change an order\.$/m);

    const env = await admin.run(['help', 'environment']);
    assert.equal(env.code, 0);
    for (const name of ['BACKLOT_URL', 'BACKLOT_TOKEN', 'BACKLOT_PROFILE', 'NO_COLOR', 'FORCE_COLOR']) {
      assert.match(env.stdout, new RegExp(name));
    }
    assert.match((await admin.run(['help', 'exit-codes'])).stdout, /^ {2}130 +interrupted/m);
    assert.equal((await admin.run(['help', 'nonsense'])).code, 2);
    const version = await admin.run(['--version']);
    assert.equal(version.code, 0);
    assert.equal(
      version.stdout.trim(),
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
    );
  });

  it('tables: default columns, money, related names, local times, --columns, --wide, the width', async () => {
    const contract = await admin.json<{ id: number }>([
      'contracts',
      'create',
      '--client-id',
      String(clientId),
      '--total-cents',
      '775000',
    ]);
    const table = await admin.run(['contracts', 'list', '--filter', `id=${contract.id}`]);
    assert.equal(table.code, 0, table.stderr);
    const [header, row] = table.stdout.trimEnd().split('\n');
    assert.match(header!, /^id +clientId +status +total +due +signedAt +salesContactId$/);
    assert.match(row!, new RegExp(`^ *${contract.id} +${clientId} Ann Client +draft +7,750\\.00 +7,750\\.00`));

    const signed = await admin.json<{ signedAt: string }>(['contracts', 'sign', String(contract.id), '--yes']);
    const utc = signed.signedAt.slice(0, 16).replace('T', ' ');
    const paris = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Tokyo',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(signed.signedAt));
    const inUtc = await admin.run(['contracts', 'show', String(contract.id)]);
    assert.match(inUtc.stdout, new RegExp(`^signedAt +${utc}$`, 'm'));
    assert.match(inUtc.stdout, new RegExp(`^clientId +${clientId} Ann Client$`, 'm'));
    const inTokyo = await admin.run(['contracts', 'show', String(contract.id)], { TZ: 'Asia/Tokyo' });
    assert.match(inTokyo.stdout, new RegExp(`^signedAt +${paris}$`, 'm'));
    const json = await admin.json<{ signedAt: string }>(['contracts', 'show', String(contract.id)]);
    assert.equal(json.signedAt, signed.signedAt, 'ISO 8601 in --json');

    const chosen = await admin.run([
      'contracts',
      'list',
      '--filter',
      `id=${contract.id}`,
      '--columns',
      'id,total,status',
    ]);
    assert.match(chosen.stdout, /^id +total +status$/m);
    const wide = await admin.run(['contracts', 'list', '--filter', `id=${contract.id}`, '--wide']);
    assert.match(wide.stdout.split('\n')[0]!, /createdAt +updatedAt +version$/);

    for (const columns of ['80', '200']) {
      const fitted = await admin.run(['users', 'list'], { COLUMNS: columns });
      const lines = fitted.stdout.trimEnd().split('\n');
      assert.ok(
        lines.every((line) => line.length <= Number(columns)),
        fitted.stdout,
      );
    }
    const narrow = (await admin.run(['users', 'list'], { COLUMNS: '60' })).stdout.split('\n')[0]!;
    const roomy = (await admin.run(['users', 'list'], { COLUMNS: '200' })).stdout.split('\n')[0]!;
    assert.ok(narrow.split(/ +/).length < roomy.split(/ +/).length, `${narrow}\n${roomy}`);
  });

  it('--json with --jq and --fields; errors with --json are JSON on stderr', async () => {
    const titles = await admin.run(['clients', 'list', '--jq', '.items[].fullName']);
    assert.equal(titles.code, 0, titles.stderr);
    assert.equal(titles.stdout, 'Ann Client\n');
    const fields = await admin.json<{ items: Record<string, unknown>[] }>(['clients', 'list', '--fields', 'id,email']);
    assert.deepEqual(fields.items, [{ id: clientId, email: 'ann@test.backlot' }]);
    const badJq = await admin.run(['clients', 'list', '--jq', '.items[']);
    assert.equal(badJq.code, 2);
    const missing = await admin.run(['clients', 'show', '999999', '--json']);
    assert.equal(missing.code, 5);
    assert.equal(missing.stdout, '');
    const problem = JSON.parse(missing.stderr);
    assert.equal(problem.status, 404);
    assert.equal(problem.exitCode, 5);
    const usage = await admin.run(['clients', 'show', 'abc', '--json']);
    assert.equal(usage.code, 2);
    assert.equal(JSON.parse(usage.stderr).exitCode, 2);
  });

  it('export writes CSV: quoted where needed, a would-be formula made text', async () => {
    await admin.json(['clients', 'create', '--full-name', '=HYPERLINK("x")', '--email', 'formula@test.backlot']);
    const csv = await admin.run(['clients', 'export', '--filter', "email~'formula'"]);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, row] = csv.stdout.split('\r\n');
    assert.match(header!, /^id,createdAt,updatedAt,version,fullName,email,/);
    assert.match(row!, /^\d+,[^,]+,[^,]+,1,"'=HYPERLINK\(""x""\)",formula@test\.backlot,/);
  });

  it('a bad filter is shown once, with a caret under the place', async () => {
    const outcome = await admin.run(['movies', 'list', '--filter', "title='x' and nope>3"]);
    assert.equal(outcome.code, 1);
    assert.equal(
      outcome.stderr,
      "backlot: the filter is not valid: unknown field 'nope' (fields: id, createdAt, updatedAt, title, releaseDate, genres, priceCents, stock)\n  title='x' and nope>3\n                ^\n",
    );
  });

  it('actions that cannot be undone need --yes off a terminal; --if-match guards update and delete', async () => {
    const userEmail = await makeUser(server, ['sales']);
    const user = (await admin.json<{ items: { id: number }[] }>(['users', 'list', '--filter', `email='${userEmail}'`]))
      .items[0]!;
    for (const args of [
      ['users', 'deactivate', String(user.id)],
      ['users', 'reset-password', String(user.id)],
      ['orders', 'cancel', '1'],
      ['contracts', 'sign', '1'],
      ['clients', 'delete', String(clientId)],
    ]) {
      const outcome = await admin.run(args);
      assert.equal(outcome.code, 2, args.join(' '));
      assert.match(outcome.stderr, /--yes/);
    }
    const actor = await admin.json<{ id: number; version: number }>(['actors', 'create', '--name', 'Ann Actor']);
    const stale = await admin.run([
      'actors',
      'update',
      String(actor.id),
      '--age',
      '40',
      '--if-match',
      String(actor.version + 1),
    ]);
    assert.equal(stale.code, 6, stale.stderr);
    const fresh = await admin.json<{ version: number; age: number }>([
      'actors',
      'update',
      String(actor.id),
      '--age',
      '40',
      '--if-match',
      String(actor.version),
    ]);
    assert.equal(fresh.age, 40);
    const staleDelete = await admin.run([
      'actors',
      'delete',
      String(actor.id),
      '--yes',
      '--if-match',
      String(actor.version),
    ]);
    assert.equal(staleDelete.code, 6);
    const deleted = await admin.run([
      'actors',
      'delete',
      String(actor.id),
      '--yes',
      '--if-match',
      String(fresh.version),
    ]);
    assert.equal(deleted.code, 0, deleted.stderr);
  });

  it('profiles: --profile and BACKLOT_PROFILE keep several sessions; auth status lists them', async () => {
    const salesEmail = await makeUser(server, ['sales']);
    await admin.login(salesEmail, ['--profile', 'sales']);
    assert.equal((await admin.json<{ email: string }>(['whoami'])).email, adminEmail);
    assert.equal((await admin.json<{ email: string }>(['whoami', '--profile', 'sales'])).email, salesEmail);
    assert.equal((await admin.json<{ email: string }>(['whoami'], { BACKLOT_PROFILE: 'sales' })).email, salesEmail);
    const status = await admin.run(['auth', 'status'], { BACKLOT_PROFILE: 'sales' });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`^ {2}default +${adminEmail} +on ${server.url}$`, 'm'));
    assert.match(status.stdout, new RegExp(`^\\* sales +${salesEmail} +on ${server.url}$`, 'm'));
    const logout = await admin.run(['logout', '--profile', 'sales']);
    assert.equal(logout.code, 0, logout.stderr);
    assert.equal((await admin.run(['whoami', '--profile', 'sales'])).code, 3);
    assert.equal((await admin.json<{ email: string }>(['whoami'])).email, adminEmail);
    assert.equal((await admin.run(['whoami', '--profile', '../x'])).code, 2);
  });

  it('passwd, a password reset that login makes you change, and a deactivated account', async () => {
    const email = await makeUser(server, ['casting_assistant']);
    const user = new Profile(root, 'passwd', server);
    await user.login(email);
    const changed = await user.run(['passwd', '--password-stdin'], {}, `${PASSWORD}\nanother good password\n`);
    assert.equal(changed.code, 0, changed.stderr);
    const wrong = await user.run(['passwd', '--password-stdin'], {}, `${PASSWORD}\nyet another password\n`);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /currentPassword: is not correct/);

    const id = (await admin.json<{ items: { id: number }[] }>(['users', 'list', '--filter', `email='${email}'`]))
      .items[0]!.id;
    const reset = await admin.json<{ oneTimePassword: string }>(['users', 'reset-password', String(id), '--yes']);
    const stuck = await user.run(['login', '--email', email, '--password-stdin'], {}, `${reset.oneTimePassword}\n`);
    assert.equal(stuck.code, 4);
    assert.match(
      stuck.stderr,
      /a new password is required: give it as a second line on stdin, or run `backlot passwd`/,
    );
    const forced = await user.run(
      ['login', '--email', email, '--password-stdin'],
      {},
      `${reset.oneTimePassword}\nmy own new password\n`,
    );
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /Password changed\./);
    assert.equal((await user.run(['movies', 'list'])).code, 0);

    const deactivated = await admin.run(['users', 'deactivate', String(id), '--yes']);
    assert.equal(deactivated.code, 0, deactivated.stderr);
    const refused = await user.run(['login', '--email', email, '--password-stdin'], {}, 'my own new password\n');
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /This account has been deactivated/);
    const guessed = await user.run(['login', '--email', email, '--password-stdin'], {}, 'a guess\n');
    assert.doesNotMatch(guessed.stderr, /deactivated/);
  });

  it('stats prints the dashboard figures the user may see', async () => {
    const outcome = await admin.run(['stats']);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /^Counts\n {2}movies +\d+$/m);
    assert.match(outcome.stdout, /^Contracts +\d+ not signed · \d+ not fully paid · [\d,]+\.\d\d due$/m);
    const json = await admin.json<{ counts: { clients: number } }>(['stats']);
    assert.ok(json.counts.clients >= 1);
    const assistant = new Profile(root, 'stats-assistant', server);
    await assistant.login(await makeUser(server, ['casting_assistant']));
    const limited = await assistant.run(['stats']);
    assert.equal(limited.code, 0, limited.stderr);
    assert.doesNotMatch(limited.stdout, /Contracts|Orders/);
  });

  it('colour only on a terminal, or when FORCE_COLOR / CLICOLOR_FORCE ask; never with NO_COLOR or TERM=dumb', async () => {
    const args = ['clients', 'list'];
    assert.ok(!(await admin.run(args)).stdout.includes(ESC));
    assert.ok((await admin.run(args, { FORCE_COLOR: '1' })).stdout.includes(ESC));
    assert.ok((await admin.run(args, { CLICOLOR_FORCE: '1' })).stdout.includes(ESC));
    assert.ok(!(await admin.run(args, { FORCE_COLOR: '0' })).stdout.includes(ESC));
    assert.ok(!(await admin.run(args, { CLICOLOR_FORCE: '1', NO_COLOR: '1' })).stdout.includes(ESC));
  });

  it('completion bash completes commands, subcommands and flags', async () => {
    const script = await admin.run(['completion', 'bash']);
    assert.equal(script.code, 0);
    const file = join(root, 'completion.bash');
    writeFileSync(file, script.stdout);
    // One bash for every case: each line completes one command line.
    const cases = [
      "backlot ''",
      'backlot mov',
      'backlot movies li',
      'backlot movies list --fil',
      "backlot movies list --filter 'x' --so",
    ];
    const lines = cases
      .map((words) => `COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _backlot; echo "\${COMPREPLY[*]}"`)
      .join('\n');
    const completed = await new Promise<string[]>((resolve, reject) =>
      execFile('bash', ['-c', `source ${file}\n${lines}`], (error, stdout) =>
        error ? reject(error) : resolve(stdout.trimEnd().split('\n')),
      ),
    );
    assert.match(completed[0]!, /\bmovies\b.*\bhelp\b/);
    assert.deepEqual(completed.slice(1), ['movies', 'list', '--filter', '--sort']);
    for (const shell of ['zsh', 'fish']) assert.equal((await admin.run(['completion', shell])).code, 0);
    assert.equal((await admin.run(['completion', 'tcsh'])).code, 2);
  });

  it('the real binary starts, runs a command and ends with its exit code', async () => {
    const list = await spawnBacklot(['clients', 'list', '--filter', `id=${clientId}`, '--fields', 'id'], admin.env);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout).items, [{ id: clientId }]);
    const missing = await spawnBacklot(['clients', 'show', '999999'], admin.env);
    assert.equal(missing.code, 5);
  });
});
