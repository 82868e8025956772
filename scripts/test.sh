#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every check and test.
# Runs every step even after a failure, prints a summary line, and exits non-zero on any failure.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
start=$(date +%s)

bash scripts/setup.sh || { echo "test summary: setup FAILED"; exit 1; }

passed=(); failed=()
step() {
  local name=$1; shift
  printf '\n==> %s\n' "$name"
  if "$@"; then passed+=("$name"); else failed+=("$name"); printf '!!! %s failed\n' "$name"; fi
}

step "fmt" cargo fmt --all --check
step "clippy (host)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm app)" cargo clippy -p local-offer --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
# Licences, banned crates and sources only: advisories need the RustSec database from GitHub.
step "dependencies (cargo deny)" cargo deny --frozen --workspace check --hide-inclusion-graph bans licenses sources
step "content check" cargo run -q --locked -p local-offer-server -- check content
# Lancashire's offer (the second council) and the national layer every council shares.
step "content check (Lancashire)" cargo run -q --locked -p local-offer-server -- check content/lancashire
step "content check (national)" cargo run -q --locked -p local-offer-server -- check content/national
# A throwaway PostgreSQL, so the server's tests run on it as well as on SQLite.
pg_dir=$(mktemp -d /tmp/local-offer-pg.XXXXXX)
trap 'bash scripts/pg.sh stop "$pg_dir"' EXIT
TEST_POSTGRES_URL=$(bash scripts/pg.sh start "$pg_dir") || echo "!!! PostgreSQL did not start"
export TEST_POSTGRES_URL REQUIRE_POSTGRES=1
step "host tests" bash scripts/host-tests.sh
# Chromium leaves its profile (about 50 MB) in the temporary folder when chromedriver ends it:
# give it a folder of its own and remove it, so repeated runs do not fill the disk.
browser_tmp=$(mktemp -d)
step "in-browser tests" env TMPDIR="$browser_tmp" CHROMEDRIVER=/usr/bin/chromedriver cargo test --locked -p local-offer --target wasm32-unknown-unknown
rm -rf "$browser_tmp"
step "end-to-end tests" bash scripts/e2e.sh

elapsed=$(( $(date +%s) - start ))
if [ ${#failed[@]} -eq 0 ]; then
  echo "test summary: all ${#passed[@]} steps passed in ${elapsed}s (${passed[*]})"
else
  echo "test summary: ${#failed[@]} of $(( ${#passed[@]} + ${#failed[@]} )) steps FAILED in ${elapsed}s: ${failed[*]}"
  exit 1
fi
