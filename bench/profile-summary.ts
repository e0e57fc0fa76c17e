/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from `BENCH_PROFILE=dir npm run bench`): the functions with
 * the most self time, and self time by package or source folder.
 * Usage: node bench/profile-summary.ts <file.cpuprofile> [how many functions, 25] [regex: show the callers of matching
 * functions, with the self time they account for]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, countArg, callersOf] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/profile-summary.ts <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

/** Where code comes from: a package under node_modules, a folder of ours, node's internals, or V8's own. */
function origin(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1]!;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/')[0]!;
  const ours = /\/(src|bench)\/(.+)$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]!.split('/').slice(0, -1).join('/') || '.'}`;
  return url;
}

const selfByFunction = new Map<string, number>();
const selfByOrigin = new Map<string, number>();
const selfByCaller = new Map<string, number>();
const matcher = callersOf ? new RegExp(callersOf) : undefined;
let total = 0;
profile.samples.forEach((id, index) => {
  const node = byId.get(id);
  if (!node) return;
  const micros = profile.timeDeltas[index] ?? 0;
  total += micros;
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|bench)\//, '$1/');
  const key = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + micros);
  const where = origin(url, functionName);
  selfByOrigin.set(where, (selfByOrigin.get(where) ?? 0) + micros);
  if (matcher?.test(key)) {
    const chain: string[] = [];
    for (let up = parentOf.get(id); up !== undefined && chain.length < 4; up = parentOf.get(up)) {
      const frame = byId.get(up)?.callFrame;
      if (frame)
        chain.push(
          `${frame.functionName || '(anonymous)'}@${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`,
        );
    }
    const caller = `${key} ← ${chain.join(' ← ')}`;
    selfByCaller.set(caller, (selfByCaller.get(caller) ?? 0) + micros);
  }
});

// Shares are of the busy time: the process idling (waiting for requests) is left out.
const busy = total - (selfByOrigin.get('(idle)') ?? 0);
const top = (map: Map<string, number>, count: number) =>
  [...map.entries()]
    .filter(([key]) => key !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `| ${((micros / busy) * 100).toFixed(1)}% | ${(micros / 1000).toFixed(0)} | \`${key}\` |`)
    .join('\n');

process.stdout.write(`Sampled ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (shares below are of the busy time)

| self | ms | function |
|---:|---:|---|
${top(selfByFunction, Number(countArg ?? 25))}

| self | ms | package or folder |
|---:|---:|---|
${top(selfByOrigin, 25)}
${matcher ? `\n| self | ms | matching function ← its callers |\n|---:|---:|---|\n${top(selfByCaller, 30)}\n` : ''}`);
