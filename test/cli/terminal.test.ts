import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD } from '../support.ts';
import { BIN, makeUser, Profile, type Server, startServer } from './harness.ts';

/** The interactive parts, on a real terminal: the `backlot` binary in a tmux pane of a chosen size. */
const SOCKET = `backlot-test-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

class Pane {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  /** Starts `backlot <args>` in a new pane `width` columns wide; the pane says EXIT=<code> when it ends. */
  static open(name: string, args: string[], env: Record<string, string>, width = 100): Pane {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`);
    const command = `env ${vars.join(' ')} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; echo EXIT=$?; sleep 600`;
    tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', '50', command);
    return new Pane(name);
  }
  screen(): string {
    return tmux('capture-pane', '-p', '-J', '-t', this.name);
  }
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${pattern}; the screen:\n${screen}`);
      await sleep(50);
    }
  }
  type(text: string): void {
    tmux('send-keys', '-t', this.name, '-l', text);
  }
  key(name: string): void {
    tmux('send-keys', '-t', this.name, name);
  }
  async exitCode(): Promise<number> {
    const screen = await this.waitFor(/EXIT=\d+/);
    return Number(/EXIT=(\d+)/.exec(screen)![1]);
  }
  close(): void {
    tmux('kill-session', '-t', this.name);
  }
}

describe('backlot on a terminal', () => {
  let root: string;
  let server: Server;
  let admin: Profile;
  let adminEmail: string;
  let panes = 0;
  const pane = (args: string[], env: Record<string, string>, width?: number) =>
    Pane.open(`p${++panes}`, args, { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', ...env }, width);

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'backlot-terminal-'));
    server = await startServer();
    adminEmail = await makeUser(server, ['admin']);
    admin = new Profile(root, 'admin', server);
    await admin.login(adminEmail);
  });
  after(async () => {
    try {
      tmux('kill-server');
    } catch {
      // no session left
    }
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('login asks for the password without echoing it', async () => {
    const user = new Profile(root, 'typed', server);
    const p = pane(['login', '--email', adminEmail], user.env);
    await p.waitFor(/Password: $/m);
    p.type(PASSWORD);
    p.key('Enter');
    assert.equal(await p.exitCode(), 0, p.screen());
    const screen = p.screen();
    assert.match(screen, /Logged in to/);
    assert.ok(!screen.includes(PASSWORD), `the password was echoed:\n${screen}`);
    p.close();
    assert.equal(user.credentials().email, adminEmail);
  });

  it('Ctrl-C at a prompt ends the command with exit 130', async () => {
    const user = new Profile(root, 'interrupted', server);
    const p = pane(['login', '--email', adminEmail], user.env);
    await p.waitFor(/Password: $/m);
    p.key('C-c');
    assert.equal(await p.exitCode(), 130, p.screen());
    p.close();
  });

  it('login of a user whose password was reset asks for a new one, twice, without echo', async () => {
    const email = await makeUser(server, ['casting_assistant']);
    const id = (await admin.json<{ items: { id: number }[] }>(['users', 'list', '--filter', `email='${email}'`]))
      .items[0]!.id;
    const { oneTimePassword } = await admin.json<{ oneTimePassword: string }>([
      'users',
      'reset-password',
      String(id),
      '--yes',
    ]);
    const user = new Profile(root, 'forced', server);
    const p = pane(['login', '--email', email], user.env);
    await p.waitFor(/Password: $/m);
    p.type(oneTimePassword);
    p.key('Enter');
    await p.waitFor(/^New password: $/m);
    p.type('a brand new password');
    p.key('Enter');
    await p.waitFor(/^New password again: $/m);
    p.type('a brand new password');
    p.key('Enter');
    assert.equal(await p.exitCode(), 0, p.screen());
    assert.match(p.screen(), /Password changed\./);
    assert.ok(!p.screen().includes('a brand new password'));
    p.close();
    const list = await user.run(['movies', 'list']);
    assert.equal(list.code, 0, list.stderr);
  });

  it('confirms an action that cannot be undone, naming the item; no keeps it', async () => {
    const movie = await admin.json<{ id: number }>([
      'movies',
      'create',
      '--title',
      'Doomed Picture',
      '--release-date',
      '2020-01-01',
    ]);
    const no = pane(['movies', 'delete', String(movie.id)], admin.env);
    await no.waitFor(new RegExp(`Delete movie ${movie.id} “Doomed Picture” \\(2020-01-01\\)\\? \\[y/N\\] $`, 'm'));
    no.type('n');
    no.key('Enter');
    assert.equal(await no.exitCode(), 1, no.screen());
    no.close();
    assert.equal((await admin.run(['movies', 'show', String(movie.id)])).code, 0);

    const yes = pane(['movies', 'delete', String(movie.id)], admin.env);
    await yes.waitFor(/\[y\/N\] $/m);
    yes.type('y');
    yes.key('Enter');
    assert.equal(await yes.exitCode(), 0, yes.screen());
    assert.match(yes.screen(), new RegExp(`Deleted movie ${movie.id}\\.`));
    yes.close();
    assert.equal((await admin.run(['movies', 'show', String(movie.id)])).code, 5);
  });

  it('tables fit an 80-column terminal and show more on a 200-column one', async () => {
    for (let i = 0; i < 3; i++) {
      await admin.json([
        'users',
        'create',
        '--email',
        `someone.with.a.rather.long.address.${i}@example.backlot`,
        '--full-name',
        `Someone With A Long Name ${i}`,
        '--employee-number',
        `E-${i}`,
      ]);
    }
    const headers: string[] = [];
    for (const width of [80, 200]) {
      const p = pane(['users', 'list'], admin.env, width);
      assert.equal(await p.exitCode(), 0, p.screen());
      const lines = p.screen().split('\n');
      const table = lines.slice(
        0,
        lines.findIndex((l) => l.startsWith('EXIT=')),
      );
      // -J joins wrapped lines: a line longer than the pane would show here.
      for (const line of table) assert.ok(line.length <= width, `${width}: ${line}`);
      headers.push(table[0]!.trim());
      p.close();
    }
    const [narrow, wide] = headers as [string, string];
    assert.ok(narrow.split(/ +/).length < wide.split(/ +/).length, `${narrow}\n${wide}`);
    assert.match(wide, /employeeNumber$/);
  });

  it('colour on a terminal, none with NO_COLOR or TERM=dumb', async () => {
    const escapes = async (env: Record<string, string>) => {
      const p = pane(['users', 'list', '--limit', '1'], { ...admin.env, ...env });
      await p.exitCode();
      const screen = tmux('capture-pane', '-p', '-e', '-t', p.name);
      p.close();
      return screen.includes('\x1b[');
    };
    assert.equal(await escapes({}), true);
    assert.equal(await escapes({ NO_COLOR: '1' }), false);
    assert.equal(await escapes({ TERM: 'dumb' }), false);
  });
});
