/**
 * The V8 settings `backlot serve` runs with (docs/performance.md, "The V8 settings of `backlot serve`"):
 * - `--no-allocation-site-pretenuring`: V8 otherwise starts allocating a site's objects in the old generation once it
 *   sees most of them survive a young collection, which a server's rows, held by many requests across their database
 *   round trips, do. They then fill the old generation and slow every young collection.
 * - on SQLite, `--max-semi-space-size=4` (MiB): start-up otherwise grows the young generation to its largest, and V8
 *   keeps it, a good part of the idle server's memory. Under load it costs little where pages come from the page
 *   cache, about 8 % more CPU per request where they are read from the file. PostgreSQL and MySQL/MariaDB keep V8's
 *   size: there requests hold their objects across round trips, and a small young generation copies them more often.
 * - `MALLOC_ARENA_MAX=2`: glibc's malloc otherwise keeps an arena for each thread that allocated (the pool threads
 *   that hash passwords take 19 MiB each) and gives little of it back.
 * A flag already given (on the command line or in NODE_OPTIONS), or a variable already set, is left as it is.
 */
import { setFlagsFromString } from 'node:v8';

const PRETENURING = 'allocation-site-pretenuring';
const SEMI_SPACE = 'max-semi-space-size';

/** The flags `serve` adds for this database to the `given` ones. */
export function serverFlags(databaseUrl: string, given: readonly string[]): string[] {
  const has = (name: string) => given.some((flag) => flag.replaceAll('_', '-').includes(name));
  const flags: string[] = [];
  if (!has(PRETENURING)) flags.push(`--no-${PRETENURING}`);
  if (databaseUrl.startsWith('sqlite:') && !has(SEMI_SPACE)) flags.push(`--${SEMI_SPACE}=4`);
  return flags;
}

/**
 * Starts this process again with the server's flags if any is missing: the same process (execve keeps its id and
 * its standard streams), so a supervisor or a container's init sees no difference. Where that cannot be done
 * (Windows), pretenuring is turned off in place, before the server's code is loaded.
 */
export function withServerFlags(databaseUrl: string): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const flags = serverFlags(databaseUrl, given);
  if (flags.length === 0) return;
  if (typeof process.execve === 'function') {
    try {
      // argv[1] is the absolute path of the script that runs `serve`, the rest its arguments.
      process.execve(process.execPath, [process.execPath, ...flags, ...process.execArgv, ...process.argv.slice(1)], {
        MALLOC_ARENA_MAX: '2',
        ...process.env,
      });
    } catch {
      // execve(2) failed: this process goes on unchanged, and turns off what it can in place.
    }
  }
  if (flags.includes(`--no-${PRETENURING}`)) setFlagsFromString(`--no-${PRETENURING}`);
}
