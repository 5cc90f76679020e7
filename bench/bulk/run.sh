#!/usr/bin/env bash
# Runs the bulk benchmark (see bench/bulk/run.ts); results go to bench/results/bulk.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec npx tsx bench/bulk/run.ts "$@"
