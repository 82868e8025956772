#!/usr/bin/env bash
# Builds the release app into dist/ with the installed tools only (never downloads).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release --offline "$@"
