#!/usr/bin/env bash
# Runs the getmany benchmark (see bench/getmany/run.ts); results go to bench/results/getmany.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec npx tsx bench/getmany/run.ts "$@"
