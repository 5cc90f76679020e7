#!/usr/bin/env bash
# `npm run queue-mode`: n8n in queue mode on this machine, no Docker: Redis and PostgreSQL (Debian
# packages, installed when missing) on free ports with data in a temporary directory, one main,
# ENNEO_QUEUE_WEBHOOKS `n8n webhook` processes (default 2) behind the edge (Debian's nginx with
# deploy/nginx/enneo-edge.conf.template, installed when missing) and ENNEO_QUEUE_WORKERS
# `n8n worker`s (default 2), with this package installed and the settings of deploy/n8n.env.
# Ctrl-C stops all.
# ENNEO_N8N_VERSION picks the n8n version like everywhere else (default 2.41.1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/install-n8n.sh >/dev/null
exec npx tsx scripts/queue-mode.ts
