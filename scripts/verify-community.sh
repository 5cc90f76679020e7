#!/usr/bin/env bash
# `npm run verify`: n8n's community-node verification on the local build (scripts/verify-community.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec npx tsx scripts/verify-community.ts
