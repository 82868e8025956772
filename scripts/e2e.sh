#!/usr/bin/env bash
# End-to-end tests: the release app and server, driven by Playwright in Debian's Chromium.
# Each test file starts its own server on a free port with a fresh temporary database.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/build-app.sh
cargo build --release --locked -p local-offer-server
export LOCAL_OFFER_SERVER="$ROOT/target/release/local-offer-server"
export LOCAL_OFFER_DIST="$ROOT/dist"
# One file at a time: two cores, and each file starts its own browser.
[ $# -gt 0 ] || set -- tests/e2e/*.test.mjs
node --test --test-concurrency=1 "$@"
