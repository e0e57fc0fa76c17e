/** One autocannon run against one server. */
export interface Run {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** The server process's CPU time (user + system) per answered request, in µs. */
  cpuPerRequest: number;
  /** The database server's CPU time per answered request (PostgreSQL backends on this machine), in µs. */
  dbCpuPerRequest: number;
  /** The share of the machine's CPU (all cores) that processes other than the bench, the server and its database used. */
  foreignShare: number;
}

/** Everything measured for one database; each round holds one run per server, by server name. */
export interface DialectResult {
  dialect: string;
  servers: { name: string; label: string }[];
  rounds: Record<string, Run>[];
  peakRssMiB: Record<string, number>;
  responseBytes: Record<string, number>;
  load: string;
  /** From starting `backlot serve` to its first 200 from /readyz, in ms. */
  readyMs?: number;
  /** `GET /healthz` on the baseline and on Backlot, one pair of runs per round: what the app-wide layers cost. */
  health: { baseline: Run; backlot: Run }[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const whole = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const ratio = (value: number) => value.toFixed(2);

function runs(result: DialectResult, server: string): Run[] {
  return result.rounds.flatMap((round) => (round[server] ? [round[server]] : []));
}

/** The smallest and the largest of the rounds' values, as `min–max`. */
function rangeOf(values: number[], format: (value: number) => string): string {
  return `${format(Math.min(...values))}–${format(Math.max(...values))}`;
}

/** The share of the baseline's rate in each round: its median and its range. */
function share(result: DialectResult, server: string): string {
  if (server === 'baseline') return '1.00';
  const ratios = result.rounds.flatMap((round) =>
    round[server] && round.baseline ? [round[server].rps / round.baseline.rps] : [],
  );
  const range = rangeOf(ratios, ratio);
  return server === 'backlot' ? `**${ratio(median(ratios))}** (${range})` : `${ratio(median(ratios))} (${range})`;
}

/** Medians over the rounds, per server; the ratio is taken within each round. */
export function summaryTable(results: DialectResult[], servers: readonly string[]): string {
  const lines = [
    '| database | server | req/s | p50 ms | p99 ms | CPU µs/req | DB CPU µs/req | peak RSS MiB | req/s ÷ baseline (rounds) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const result of results) {
    for (const { name, label } of result.servers) {
      if (!servers.includes(name)) continue;
      const list = runs(result, name);
      const rss = result.peakRssMiB[name];
      lines.push(
        `| ${result.dialect} | ${label} | ${whole(median(list.map((run) => run.rps)))} | ${ms(median(list.map((run) => run.p50)))} | ${ms(median(list.map((run) => run.p99)))} | ${whole(median(list.map((run) => run.cpuPerRequest)))} | ${whole(median(list.map((run) => run.dbCpuPerRequest)))} | ${rss === undefined ? 'n/a' : rss.toFixed(0)} | ${share(result, name)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Every run, to see how steady the figures are. */
export function roundsTable(results: DialectResult[]): string {
  const lines = [
    '| database | round | server | req/s | ÷ baseline | p50 / p99 ms | CPU µs/req | failed |',
    '|---|---:|---|---:|---:|---|---:|---:|',
  ];
  for (const result of results) {
    result.rounds.forEach((round, index) => {
      for (const { name } of result.servers) {
        const run = round[name];
        if (!run) continue;
        const base = round.baseline?.rps ?? Number.NaN;
        lines.push(
          `| ${result.dialect} | ${index + 1} | ${name} | ${whole(run.rps)} | ${ratio(run.rps / base)} | ${ms(run.p50)} / ${ms(run.p99)} | ${whole(run.cpuPerRequest)} | ${run.failures} |`,
        );
      }
    });
  }
  return lines.join('\n');
}

/**
 * `GET /healthz` on both, round by round: a route that does nothing, so what Backlot spends beyond the bare route is
 * its app-wide layers (request ids, security headers, request tracking, metrics, the request log).
 */
export function healthTable(results: DialectResult[]): string {
  const lines = [
    '| database | baseline req/s | Backlot req/s | ÷ baseline (rounds) | baseline CPU µs/req | Backlot CPU µs/req | added µs/req (rounds) |',
    '|---|---:|---:|---|---:|---:|---|',
  ];
  for (const result of results) {
    const { health } = result;
    if (health.length === 0) continue;
    const ratios = health.map((pair) => pair.backlot.rps / pair.baseline.rps);
    const added = health.map((pair) => pair.backlot.cpuPerRequest - pair.baseline.cpuPerRequest);
    const range = (values: number[], format: (value: number) => string) =>
      `${format(median(values))} (${rangeOf(values, format)})`;
    lines.push(
      `| ${result.dialect} | ${whole(median(health.map((pair) => pair.baseline.rps)))} | ${whole(median(health.map((pair) => pair.backlot.rps)))} | ${range(ratios, ratio)} | ${whole(median(health.map((pair) => pair.baseline.cpuPerRequest)))} | ${whole(median(health.map((pair) => pair.backlot.cpuPerRequest)))} | ${range(added, whole)} |`,
    );
  }
  return lines.join('\n');
}
