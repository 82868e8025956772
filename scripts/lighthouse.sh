#!/usr/bin/env bash
# Benchmark: Lighthouse (mobile) on the release app served by the real server; prints scores.
# Installability is checked by the end-to-end tests (Page.getInstallabilityErrors), because
# Lighthouse 12 no longer has a PWA category.
# Usage: bash scripts/lighthouse.sh [path]   (the app must be built: bash scripts/build-app.sh)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
LH_VERSION=12.8.2
LH_DIR="$ROOT/target/lighthouse"
if [ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$LH_DIR"
  npm install --prefix "$LH_DIR" --no-audit --no-fund --loglevel=error "lighthouse@$LH_VERSION"
fi
[ -f dist/index.html ] || bash scripts/build-app.sh
cargo build --release --locked -q -p local-offer-server
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d)
DATABASE_URL="sqlite://$work/lighthouse.db" target/release/local-offer-server serve --port "$port" --dist dist --content content \
  > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
CHROME_PATH=/usr/bin/chromium "$LH_DIR/node_modules/.bin/lighthouse" "http://127.0.0.1:$port${1:-/}" --quiet \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
  --only-categories=performance,accessibility,best-practices,seo --form-factor=mobile \
  --output=json --output-path="$work/report.json"
node -e '
const r = require(process.argv[1]);
for (const [k, v] of Object.entries(r.categories)) console.log(`${k}: ${Math.round(v.score * 100)}`);
for (const a of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"])
  console.log(`${a}: ${r.audits[a].displayValue}`);
' "$work/report.json"
