import { readdirSync, readFileSync } from 'node:fs';

/** CPU time the whole machine (all cores) has been busy so far, in µs; undefined off Linux. */
export function machineBusyMicros(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return ((fields.slice(0, 8).reduce((sum, value) => sum + value, 0) - idle) * 1e6) / 100;
  } catch {
    return undefined;
  }
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

/** CPU time (user + system) a process has used so far, in µs; undefined off Linux. */
export function processCpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return (((rest[11] ?? 0) + (rest[12] ?? 0)) * 1e6) / 100;
  } catch {
    return undefined;
  }
}

/** Processes whose command line contains `text` (PostgreSQL names a backend after its database). */
export function pidsMatching(text: string): number[] {
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU time used so far by the processes whose command line contains `text`, in µs, by pid. */
export function cpuByPid(text: string): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pidsMatching(text)) {
    const micros = processCpuMicros(pid);
    if (micros !== undefined) times.set(pid, micros);
  }
  return times;
}
