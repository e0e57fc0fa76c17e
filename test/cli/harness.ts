import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../src/cli/io.ts';
import { run } from '../../src/main.ts';
import { type Backlot, createBacklot } from '../../src/server.ts';
import { PASSWORD, testConfig } from '../support.ts';

export const BIN = fileURLToPath(new URL('../../bin/backlot.js', import.meta.url));

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `backlot <args>` in this process, with only the given environment, stdin from `input`. */
export async function backlot(args: string[], env: Record<string, string>, input = ''): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    env: { ...env },
    stdin: Readable.from(input === '' ? [] : [Buffer.from(input)]) as unknown as Io['stdin'],
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** Runs the real `backlot` binary with only the given environment (and PATH), stdin from `input`. */
export function spawnBacklot(args: string[], env: Record<string, string>, input = ''): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

export interface Server {
  backlot: Backlot;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const app = await createBacklot(testConfig('sqlite::memory:', env), false, { migrate: true });
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.app.server.address();
  assert.ok(address && typeof address === 'object');
  return { backlot: app, url: `http://127.0.0.1:${address.port}`, stop: () => app.close() };
}

let users = 0;
export async function makeUser(server: Server, roles: string[], fullName?: string): Promise<string> {
  const email = `cli${++users}-${process.pid}@test.backlot`;
  await server.backlot.services.identity.createUserDirect({
    email,
    fullName: fullName ?? `CLI ${roles.join(' ')}`,
    password: PASSWORD,
    roles,
  });
  return email;
}

/** A user's own config and cache folders, so that each profile has its own credentials file. */
export class Profile {
  readonly home: string;
  readonly server: Server;
  constructor(root: string, name: string, server: Server) {
    this.home = join(root, name);
    this.server = server;
  }
  get env(): Record<string, string> {
    return {
      HOME: this.home,
      XDG_CONFIG_HOME: join(this.home, 'config'),
      XDG_CACHE_HOME: join(this.home, 'cache'),
      BACKLOT_URL: this.server.url,
      TZ: 'UTC',
    };
  }
  get credentialsFile(): string {
    return join(this.home, 'config', 'backlot', 'credentials.json');
  }
  /** The saved session of a profile. */
  credentials(profile = 'default'): Record<string, string> {
    return JSON.parse(readFileSync(this.credentialsFile, 'utf8')).profiles[profile];
  }
  run(args: string[], extra: Record<string, string> = {}, input = ''): Promise<Outcome> {
    return backlot(args, { ...this.env, ...extra }, input);
  }
  async json<T = Record<string, unknown>>(args: string[], extra: Record<string, string> = {}): Promise<T> {
    const outcome = await this.run([...args, '--json'], extra);
    assert.equal(outcome.code, 0, outcome.stderr);
    return JSON.parse(outcome.stdout) as T;
  }
  async login(email: string, extra: string[] = []): Promise<Outcome> {
    const outcome = await this.run(['login', '--email', email, '--password-stdin', ...extra], {}, `${PASSWORD}\n`);
    assert.equal(outcome.code, 0, outcome.stderr);
    return outcome;
  }
}
