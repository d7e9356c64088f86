#!/usr/bin/env bash
# Run every test: type check, unit tests, integration tests on PGlite and on PostgreSQL (the
# restore drill among them), the cluster drill, and browser journeys in Debian's Chromium.
# Installs what the tests need first (packages, Debian's chromium and haproxy).
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

bash scripts/ensure-deps.sh

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

if [ ! -x /usr/sbin/haproxy ]; then
  echo "== installing Debian's haproxy (load balancer of the cluster drill)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq haproxy >/dev/null
fi

# The PostgreSQL server at 127.0.0.1:5432 (trust auth), started if installed but stopped.
PG_URL="${TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if command -v pg_lsclusters >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "== starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

echo "== lint (Biome, zero warnings)"
npx biome lint --error-on-warnings --max-diagnostics=50 .

echo "== type check"
npx tsc -p . --noEmit

echo "== unit and integration tests (PGlite)"
npx vitest run

echo "== integration tests (PostgreSQL at ${PG_URL%%@*}@…)"
DB_TARGET=pg TEST_PG_URL="$PG_URL" npx vitest run --project integration

echo "== cluster drill (two servers behind haproxy on PostgreSQL, one killed under load)"
TEST_PG_URL="$PG_URL" npx tsx server/test/cluster-drill.ts

echo "== browser journeys (Chromium)"
bash scripts/build-web.sh
npx playwright test
