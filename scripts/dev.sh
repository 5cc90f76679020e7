#!/usr/bin/env bash
# `npm run dev`: installs n8n once (cached), builds and packs this package, installs the tarball
# into a fresh n8n home like a community node, and starts n8n with a ready Enneo credential
# (the fake Enneo with demo data unless ENNEO_INSTANCE_URL and ENNEO_API_KEY are set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/install-n8n.sh >/dev/null
exec npx tsx scripts/dev.ts
