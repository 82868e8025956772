#!/usr/bin/env bash
# The README's run command: set up, build the app, and serve it with an SQLite file in data/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build-app.sh
cargo build --release --locked -p local-offer-server
exec target/release/local-offer-server serve "$@"
