#!/usr/bin/env bash
# Host tests for every crate (`cargo test --workspace`).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
cargo test --workspace --locked
