#!/usr/bin/env bash
# The README's test command: lint, type check, build, unit tests (fake Enneo over real HTTP),
# n8n's community-node verification of the packed tarball (npm run verify), then the end-to-end
# suite inside a real n8n with the packed package installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run lint
npm run format:check
npm run typecheck
npm run build
npm test
npm run verify
npm run test:e2e
# The same suite on n8n's 1.x line (installed once per machine like 2.41.1), then the inbound-call
# tests in queue mode (Redis, Postgres, main, two webhook processes behind the nginx edge, two workers).
ENNEO_N8N_VERSION=1.123.81 npm run test:e2e
npm run test:e2e:queue
