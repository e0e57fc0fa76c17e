/**
 * The V8 flags `backlot serve` runs with (src/runtime.ts): added to the process's own command line, in the same
 * process, unless already given.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serverFlags } from '../src/runtime.ts';
import { serveBinary } from './serve.ts';

describe("serve's V8 flags", () => {
  it('turns pretenuring off everywhere, and keeps a small young generation on SQLite only', () => {
    assert.deepEqual(serverFlags('sqlite:./data/backlot.db', []), [
      '--no-allocation-site-pretenuring',
      '--max-semi-space-size=4',
    ]);
    assert.deepEqual(serverFlags('postgres://db/backlot', []), ['--no-allocation-site-pretenuring']);
    assert.deepEqual(serverFlags('mysql://db/backlot', []), ['--no-allocation-site-pretenuring']);
  });

  it('leaves a flag given on the command line or in NODE_OPTIONS as it is, in either spelling', () => {
    assert.deepEqual(serverFlags('sqlite:x.db', ['--max-semi-space-size=16']), ['--no-allocation-site-pretenuring']);
    assert.deepEqual(serverFlags('sqlite:x.db', ['--max_semi_space_size=16', '--allocation-site-pretenuring']), []);
    assert.deepEqual(serverFlags('postgres://db/x', ['--no-allocation-site-pretenuring']), []);
  });

  describe('on a real process', () => {
    let folder: string;
    before(() => {
      folder = mkdtempSync(join(tmpdir(), 'backlot-flags-'));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    /** The command line and environment of the process `serve` was started as, once it answers. */
    async function started(env: Record<string, string>, name: string) {
      const served = await serveBinary(`sqlite:${join(folder, `${name}.db`)}`, env);
      try {
        const response = await fetch(`${served.base}/healthz`);
        assert.equal(response.status, 200);
        const read = (file: string) => readFileSync(`/proc/${served.child.pid}/${file}`, 'utf8').split('\0');
        return { line: read('cmdline').filter(Boolean), environment: read('environ') };
      } finally {
        served.child.kill('SIGTERM');
        await once(served.child, 'exit');
      }
    }

    it('runs as the same process with the flags on its command line', async () => {
      const { line, environment } = await started({}, 'plain');
      assert.ok(line.includes('--no-allocation-site-pretenuring'), line.join(' '));
      assert.ok(line.includes('--max-semi-space-size=4'), line.join(' '));
      assert.ok(line.includes('serve'), line.join(' '));
      assert.ok(environment.includes('MALLOC_ARENA_MAX=2'));
    });

    it('keeps the size NODE_OPTIONS gives, and the arenas MALLOC_ARENA_MAX gives', async () => {
      const { line, environment } = await started(
        { NODE_OPTIONS: '--max-semi-space-size=8', MALLOC_ARENA_MAX: '4' },
        'sized',
      );
      assert.ok(line.includes('--no-allocation-site-pretenuring'), line.join(' '));
      assert.ok(!line.some((flag) => flag.startsWith('--max-semi-space-size')), line.join(' '));
      assert.ok(environment.includes('MALLOC_ARENA_MAX=4'));
    });
  });
});
