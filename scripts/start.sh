#!/usr/bin/env bash
# Start KếtNối: install packages if needed, build the web app if needed, then run the server.
# Settings: PORT (default 3000), DATABASE_URL (PostgreSQL 15+; absent = embedded PGlite),
# DATA_DIR (default ./.data, where PGlite keeps its files), DEMO_DATA (default true),
# SERVER_HEAP_MB (default 256: the V8 heap limit; imports and exports stream, so reading a
# national import of 100,000 rows takes under 100 MB of it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/build-web.sh
bash scripts/build-server.sh
# React's production build for the pages drawn on the server
export NODE_ENV="${NODE_ENV:-production}"
# the compiled server (.build/server.mjs), not the sources through a TypeScript loader
exec node --max-old-space-size="${SERVER_HEAP_MB:-256}" .build/server.mjs
