#!/usr/bin/env bash
# The README's test command: lint, type check, build, unit tests (fake Enneo over real HTTP),
# then the end-to-end suite inside a real n8n with the packed package installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run lint
npm run typecheck
npm run build
npm test
npm run test:e2e
