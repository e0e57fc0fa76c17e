/**
 * `npm run bench:copy`: how fast Backlot's data moves, with the real `backlot` command as a user runs it. An SQLite
 * database is made with `backlot db seed --demo --scale N`; then `backlot db copy` takes it to PostgreSQL and back,
 * and to MariaDB and back, and `backlot db backup` / `db restore` run on each database. Every step must move every
 * row of the source (the counts are checked), and the report gives rows per second, the command's CPU time and its
 * peak memory (which should not grow with N: rows are streamed a page at a time).
 *
 * Settings: BENCH_COPY_ROWS (100000, the `--scale`), BENCH_POSTGRES_URL and BENCH_MYSQL_URL (servers to make a
 * database on, or `off`), BENCH_COPY_OUT (bench/results/copy.md). The report is also printed to stdout; progress goes
 * to stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { schemaTables } from '../src/db/transfer.ts';
import { BIN } from './lib/child.ts';
import { loadAverage } from './lib/cpu.ts';
import { freshMysql, freshPostgres } from './lib/seed.ts';

const ROWS = Number(process.env.BENCH_COPY_ROWS ?? 100_000);
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('BENCH_COPY_ROWS must be a positive whole number');
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const OUT = process.env.BENCH_COPY_OUT ?? new URL('results/copy.md', import.meta.url).pathname;
/** GNU time reports the command's own peak memory and CPU time; without it only the wall clock is measured. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const log = (message: string) => process.stderr.write(`${message}\n`);

interface Database {
  url: string;
  drop(): Promise<void>;
}

/** Rows per table of the database `url` names. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const handle = openDatabase(url, { poolSize: 1 });
  try {
    const counts: Record<string, number> = {};
    for (const { name } of await schemaTables(handle)) {
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(
        handle.db.withoutPlugins(),
      );
      counts[name] = Number(rows[0]?.n);
    }
    return counts;
  } finally {
    await handle.close();
  }
}

interface Measured {
  step: string;
  rows: number;
  seconds: number;
  cpuSeconds: number | undefined;
  peakMiB: number | undefined;
  note: string;
}

/** Runs `backlot <args>` as its own process (under GNU time when there is one); fails with its output if it fails. */
async function backlot(args: string[], env: Record<string, string>, folder: string) {
  const report = join(folder, 'time.txt');
  const command = [process.execPath, BIN, ...args];
  const [file, ...argv] = TIME ? [TIME, '-o', report, '-f', '%e %U %S %M', ...command] : command;
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(file as string, argv, {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
    });
    child.on('close', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`backlot ${args.join(' ')} exited with ${code}:\n${text}`)),
    );
  });
  const wall = (performance.now() - started) / 1000;
  if (!TIME) return { output, seconds: wall, cpuSeconds: undefined, peakMiB: undefined };
  const [elapsed, user, system, peakKiB] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ');
  return {
    output,
    seconds: Number(elapsed),
    cpuSeconds: Number(user) + Number(system),
    peakMiB: Number(peakKiB) / 1024,
  };
}

/** Rows moved, as the command reports them ("Copied 123 rows of 18 tables …"); they must be all of the source's. */
function rowsMoved(output: string, expected: number, step: string): number {
  const rows = Number(/(?:Copied|Restored) (\d+) rows of \d+ tables/.exec(output)?.[1]);
  if (rows !== expected) throw new Error(`${step}: ${rows} rows moved, the source has ${expected}:\n${output}`);
  return rows;
}

function table(results: Measured[]): string {
  const whole = (value: number) => Math.round(value).toLocaleString('en-US');
  const lines = [
    '| step | rows | seconds | rows/s | CPU s | peak RSS MiB | note |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.step} | ${whole(r.rows)} | ${r.seconds.toFixed(1)} | **${whole(r.rows / r.seconds)}** | ${
        r.cpuSeconds === undefined ? '–' : r.cpuSeconds.toFixed(1)
      } | ${r.peakMiB === undefined ? '–' : whole(r.peakMiB)} | ${r.note} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'backlot-bench-copy-'));
  const targets: Database[] = [];
  const results: Measured[] = [];
  const startLoad = loadAverage();
  try {
    const source = `sqlite:${join(folder, 'source.db')}`;
    log(`seeding SQLite: backlot db seed --demo --scale ${ROWS}`);
    const seeded = await backlot(['db', 'seed', '--demo', '--scale', String(ROWS)], { DATABASE_URL: source }, folder);
    const counts = await rowCounts(source);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const tables = Object.keys(counts).length;
    log(`source: ${total} rows in ${tables} tables (seeded in ${seeded.seconds.toFixed(1)} s)`);

    const measure = async (step: string, args: string[], env: Record<string, string>) => {
      log(step);
      const run = await backlot(args, env, folder);
      // A backup says nothing of its rows: what a restore of it loads is checked instead.
      const backup = args[1] === 'backup' ? args[2] : undefined;
      const rows = backup ? total : rowsMoved(run.output, total, step);
      const note = backup ? `file ${(statSync(backup).size / 2 ** 20).toFixed(1)} MiB` : '';
      results.push({ step, rows, seconds: run.seconds, cpuSeconds: run.cpuSeconds, peakMiB: run.peakMiB, note });
    };

    const sqliteBackup = join(folder, 'sqlite.backup');
    await measure('SQLite backup (online backup API)', ['db', 'backup', sqliteBackup], { DATABASE_URL: source });
    await measure('SQLite restore', ['db', 'restore', sqliteBackup], {
      DATABASE_URL: `sqlite:${join(folder, 'restored.db')}`,
    });

    const servers: [string, () => Promise<Database>][] = [];
    if (POSTGRES_URL !== 'off') servers.push(['PostgreSQL', () => freshPostgres(POSTGRES_URL)]);
    if (MYSQL_URL !== 'off') servers.push(['MariaDB', () => freshMysql(MYSQL_URL)]);
    for (const [label, fresh] of servers) {
      const target = await fresh();
      targets.push(target);
      await measure(`SQLite → ${label}`, ['db', 'copy', '--from', source, '--to', target.url], {});
      await measure(
        `${label} → SQLite`,
        ['db', 'copy', '--from', target.url, '--to', `sqlite:${join(folder, `from-${label}.db`)}`],
        {},
      );
      const file = join(folder, `${label}.backup`);
      await measure(`${label} backup (portable format)`, ['db', 'backup', file], { DATABASE_URL: target.url });
      const restored = await fresh();
      targets.push(restored);
      await measure(`${label} restore`, ['db', 'restore', file], { DATABASE_URL: restored.url });
    }

    const report = [
      '# Bench: moving data (`backlot db copy`, `db backup`, `db restore`)',
      '',
      `${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} cores (${cpus()[0]?.model.trim()}) · load average ${startLoad} at the start, ${loadAverage()} at the end`,
      '',
      `Source: an SQLite database made by \`backlot db seed --demo --scale ${ROWS}\` (${seeded.seconds.toFixed(1)} s): ${total.toLocaleString('en-US')} rows in ${tables} tables. Each step is one run of the real \`backlot\` command (its process start included); rows/s is every row of the source over the command's wall-clock time. CPU and peak RSS are the command's own (GNU time), not the database server's. Every copy and restore reported moving all ${total.toLocaleString('en-US')} rows.`,
      '',
      table(results),
      '',
    ].join('\n');
    writeFileSync(OUT, report);
    process.stdout.write(report);
  } finally {
    for (const target of targets) await target.drop().catch((error) => log(`a database was not dropped: ${error}`));
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
