#!/usr/bin/env bash
# Build the web app when web/dist is missing or older than its sources; pre-compress assets so
# the server sends brotli (browsers ask for it over HTTPS) or gzip to weak connections without
# compressing on every request.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${FORCE_WEB_BUILD:-}" = "1" ] || [ ! -f web/dist/index.html ] || [ ! -f web/dist-ssr/ssr.js ] || [ -n "$(find web/src web/index.html contracts vite.config.ts package-lock.json -newer web/dist/index.html -print -quit 2>/dev/null)" ]; then
  echo "== vite build"
  npx vite build --logLevel warn
  # the server's rendering of the public pages (server/src/platform/pages.ts)
  npx vite build --logLevel warn --ssr src/ssr.tsx --outDir dist-ssr
  find web/dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) -size +1k -exec gzip -9 -k -f {} \;
  # brotli at its best quality (about a fifth smaller than gzip -9), with Node's own zlib
  node -e '
    const fs = require("node:fs"), zlib = require("node:zlib");
    for (const f of process.argv.slice(1)) {
      const out = zlib.brotliCompressSync(fs.readFileSync(f), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: fs.statSync(f).size } });
      fs.writeFileSync(`${f}.br`, out);
    }' $(find web/dist -type f -name '*.gz' | sed 's/\.gz$//')
fi
