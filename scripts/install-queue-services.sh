#!/usr/bin/env bash
# Makes sure Redis and PostgreSQL server binaries are on this machine for n8n's queue mode
# (scripts/queue-mode.sh, npm run test:e2e:queue): Debian's redis-server and postgresql packages,
# installed with apt-get when missing. Installs only; starts nothing (the system services stay
# off: the set-up runs its own instances on free ports with data in temporary directories).
# Prints two lines: the redis-server binary and PostgreSQL's bin directory.
set -euo pipefail

log() { echo "[queue-services] $*" >&2; }

find_redis() { command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; } || true; }
find_postgres() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

missing=()
[ -n "$(find_redis)" ] || missing+=(redis-server)
{ [ -n "$(find_postgres)" ] && [ -x "$(find_postgres)/postgres" ]; } || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "missing: ${missing[*]}; install them (Debian: apt-get install ${missing[*]}) and run again"
    exit 1
  fi
  log "installing ${missing[*]} with apt-get (first run only)"
  # policy-rc.d keeps Debian from starting the packaged services: nothing listens on 6379/5432.
  policy=/usr/sbin/policy-rc.d
  created_policy=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created_policy=1; fi
  (
    apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  ) >&2
  [ -n "$created_policy" ] && rm -f "$policy"
fi

redis="$(find_redis)"
pgbin="$(find_postgres)"
[ -n "$redis" ] && [ -x "$pgbin/postgres" ] || { log "redis-server or postgres still missing"; exit 1; }
echo "$redis"
echo "$pgbin"
