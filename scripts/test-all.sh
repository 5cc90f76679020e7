#!/usr/bin/env bash
# The README's test command: lint, type check, build, unit tests (fake Enneo over real HTTP),
# n8n's community-node verification of the packed tarball (npm run verify), then the end-to-end
# suite inside a real n8n with the packed package installed. Every request the suites send to the
# fake Enneo is recorded (ENNEO_CONTRACT_LOG, default .contract-log) and checked against Enneo's
# API contract at the end: `npm run check:contract` fails on any contract error, and on an optional
# field that no test sent and test/fake-enneo/contract/notSentByNode.ts does not list.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export ENNEO_CONTRACT_LOG="${ENNEO_CONTRACT_LOG:-$PWD/.contract-log}"
mkdir -p "$ENNEO_CONTRACT_LOG"
rm -f "$ENNEO_CONTRACT_LOG"/*.jsonl "$ENNEO_CONTRACT_LOG"/report.json
npm run lint
npm run format:check
npm run typecheck
npm run build
ENNEO_CONTRACT_SUITE=unit npm test
npm run verify
ENNEO_CONTRACT_SUITE=e2e npm run test:e2e
# The same suite on n8n's 1.x line (installed once per machine like 2.41.1), then the inbound-call
# tests in queue mode (Redis, Postgres, main, two webhook processes behind the nginx edge, two workers).
ENNEO_CONTRACT_SUITE=e2e-n8n1 ENNEO_N8N_VERSION=1.123.81 npm run test:e2e
ENNEO_CONTRACT_SUITE=e2e-queue npm run test:e2e:queue
npm run check:contract
