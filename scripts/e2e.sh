#!/usr/bin/env bash
# E2E: packs this package, installs the tarball into a fresh home of a real n8n (the version named
# by ENNEO_N8N_VERSION, default 2.41.1, installed once per machine by scripts/install-n8n.sh), and
# runs test/e2e against it. ENNEO_E2E_QUEUE=1 runs it against n8n in queue mode instead
# (test/e2e/lib/queue.ts; `npm run test:e2e:queue`).
# Extra arguments go to jest, e.g. `npm run test:e2e -- -t "Get Many"`.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
N8N_DIR="$(bash scripts/install-n8n.sh)"
echo "[e2e] n8n ${ENNEO_N8N_VERSION:-2.41.1}${ENNEO_E2E_QUEUE:+ (queue mode)} install ready ($N8N_DIR) after $(( $(date +%s) - start ))s" >&2

# Per run, so two runs on one machine never share an n8n.
ENNEO_E2E_STATE="$(mktemp -t n8n-nodes-enneo-e2e.XXXXXX.json)"
rm -f "$ENNEO_E2E_STATE"
export ENNEO_E2E_STATE

# globalTeardown stops n8n; this is the safety net when jest itself dies or is interrupted.
cleanup() {
  if [ -f "$ENNEO_E2E_STATE" ]; then
    pid=$(node -e 'console.log(require(process.argv[1]).pid)' "$ENNEO_E2E_STATE" 2>/dev/null || true)
    home=$(node -e 'console.log(require(process.argv[1]).userFolder)' "$ENNEO_E2E_STATE" 2>/dev/null || true)
    if [ -n "$pid" ]; then
      kill -TERM -- "-$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    # Queue mode: the other process groups (webhook processes, workers, the nginx edge, Redis, Postgres).
    groups=$(node -e 'console.log(((require(process.argv[1]).queue||{}).groups||[]).join(" "))' "$ENNEO_E2E_STATE" 2>/dev/null || true)
    root=$(node -e 'console.log((require(process.argv[1]).queue||{}).root||"")' "$ENNEO_E2E_STATE" 2>/dev/null || true)
    for group in $groups; do kill -TERM -- "-$group" 2>/dev/null || true; done
    if [ -n "$groups" ]; then sleep 5; for group in $groups; do kill -KILL -- "-$group" 2>/dev/null || true; done; fi
    if [ -n "$home" ] && [ -z "${ENNEO_E2E_KEEP_HOME:-}" ]; then rm -rf "$home"; fi
    if [ -n "$root" ] && [ -z "${ENNEO_E2E_KEEP_HOME:-}" ]; then rm -rf "$root"; fi
    rm -f "$ENNEO_E2E_STATE"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The editor test (test/e2e/editor) drives Debian's Chromium; install it on a fresh machine. If that
# cannot be done the test skips with a message.
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "[e2e] installing Debian's chromium for the editor test" >&2
    apt-get install -y -qq chromium >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } \
      || echo "[e2e] chromium could not be installed: the editor test will be skipped" >&2
  else
    echo "[e2e] no chromium and no apt-get as root: the editor test will be skipped" >&2
  fi
fi

rc=0
npx jest -c test/e2e/jest.e2e.config.js --runInBand "$@" || rc=$?
echo "[e2e] total $(( $(date +%s) - start ))s (jest exit $rc)" >&2
exit "$rc"
