#!/usr/bin/env bash
# Runs every benchmark found as bench/<name>/run.{ts,js,sh}, one after the other.
# Add a benchmark by creating bench/<name>/run.ts (or .js/.sh); it writes bench/results/<name>.json.
# Not a test: benchmarks print numbers, they do not fail on them.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
found=0
for runner in bench/*/run.*; do
  [ -e "$runner" ] || continue
  found=1
  echo "== $runner" >&2
  case "$runner" in
    *.ts) npx tsx "$runner" || status=1 ;;
    *.js | *.mjs) node "$runner" || status=1 ;;
    *.sh) bash "$runner" || status=1 ;;
    *) echo "skipping $runner (unknown runner type)" >&2 ;;
  esac
done
[ "$found" = 1 ] || echo "no benchmarks found (bench/*/run.*)" >&2
# One table of everything measured: bench/results/summary.{json,md}.
npx tsx bench/report.ts || status=1
exit "$status"
