#!/usr/bin/env bash
# Runs the package benchmark (see bench/package/run.ts); results go to bench/results/package.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec npx tsx bench/package/run.ts "$@"
