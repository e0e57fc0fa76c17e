/** Backlot versions a benchmark serves side by side: this tree, and an older commit unpacked beside it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;

export interface Version {
  name: string;
  dir: string;
}

export const THIS_TREE: Version = { name: 'backlot', dir: ROOT };

/** The commit `ref` unpacked from git into a temporary folder, with this tree's node_modules. */
export function unpack(ref: string): Version {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-before-'));
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { name: `before (${commit})`, dir };
}

/** Removes an unpacked version (never this tree). */
export function discard(version: Version): void {
  if (version.dir !== ROOT) rmSync(version.dir, { recursive: true, force: true });
}
