#!/usr/bin/env bash
# Compile the server to one JavaScript module (.build/server.mjs) when it is missing or older than
# its sources. The npm packages stay outside it (imported from node_modules as usual). Running the
# compiled module instead of the TypeScript sources through a loader saves the loader's thread and
# the transpiled copies it keeps: about 70 MB of the server's memory (bench/national/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/server.mjs
if [ "${FORCE_SERVER_BUILD:-}" = "1" ] || [ ! -f "$out" ] || [ -n "$(find server/src contracts package-lock.json scripts/build-server.sh -newer "$out" -print -quit 2>/dev/null)" ]; then
  echo "== esbuild server"
  npx esbuild server/src/main.ts --bundle --platform=node --format=esm --target=node20 \
    --packages=external --sourcemap --log-level=warning --outfile="$out"
fi
