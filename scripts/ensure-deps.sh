#!/usr/bin/env bash
# Installs the project's dev dependencies when they are missing or older than package-lock.json,
# so `npm run dev` and `npm run test:all` work on a fresh clone without a separate install step.
# --ignore-scripts: a lint plugin ships a pnpm-only install guard; nothing here needs install scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing dev dependencies (npm ci)" >&2
  npm ci --ignore-scripts --no-audit --no-fund >&2
fi
