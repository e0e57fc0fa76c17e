import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ChildMessage, ParentMessage } from '../servers/protocol.ts';

export interface ServerChild {
  name: string;
  pid: number;
  port: number;
  /** VmHWM (peak resident set) and VmRSS of the child now, in KiB, from /proc; undefined off Linux. */
  memory(): { hwmKiB: number; rssKiB: number } | undefined;
  /** Asks the child to close and exit; resolves with its peak RSS as it measured it (KiB). */
  stop(): Promise<{ maxRssKiB: number | undefined }>;
}

function procStatus(pid: number): { hwmKiB: number; rssKiB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { hwmKiB: field('VmHWM'), rssKiB: field('VmRSS') };
  } catch {
    return undefined;
  }
}

/** Forwards a child's output to our stderr, one prefixed line at a time, so stdout keeps only the report. */
export function forward(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line !== '') process.stderr.write(`[${name}] ${line}\n`);
    });
  }
}

/** Starts `script` in a child process of its own, with exactly `env` (plus PATH), and waits for its port. */
export function startServer(
  name: string,
  script: URL,
  env: Record<string, string>,
  execArgv: string[] = [],
): Promise<ServerChild> {
  const child = fork(script, [], {
    env: { PATH: process.env.PATH ?? '', ...env },
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  forward(child, name);
  let reported: ((maxRssKiB: number) => void) | undefined;
  return new Promise((resolve, reject) => {
    const early = (code: number | null) => reject(new Error(`${name} exited with ${code} before listening`));
    child.once('exit', early);
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'stopped') reported?.(message.maxRssKiB);
      if (message.type !== 'ready') return;
      child.off('exit', early);
      const pid = child.pid ?? 0;
      resolve({
        name,
        pid,
        port: message.port,
        memory: () => procStatus(pid),
        stop() {
          return new Promise((done) => {
            let maxRssKiB: number | undefined;
            reported = (value) => {
              maxRssKiB = value;
            };
            child.once('exit', () => done({ maxRssKiB }));
            child.send({ type: 'stop' } satisfies ParentMessage);
          });
        },
      });
    });
  });
}
