#!/usr/bin/env bash
# The README's test command: lint, type check, build, unit tests (fake Enneo over real HTTP),
# n8n's community-node verification of the packed tarball (npm run verify), then the end-to-end
# suite inside a real n8n with the packed package installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run lint
npm run typecheck
npm run build
npm test
npm run verify
npm run test:e2e
