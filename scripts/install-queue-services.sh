#!/usr/bin/env bash
# Makes sure Redis and PostgreSQL server binaries are on this machine for n8n's queue mode
# (scripts/queue-mode.sh, npm run test:e2e:queue): Debian's redis-server and postgresql packages,
# installed with apt-get when missing. Installs only; starts nothing (the system services stay
# off: the set-up runs its own instances on free ports with data in temporary directories).
# Prints two lines: the redis-server binary and PostgreSQL's bin directory.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"

find_redis() { command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; } || true; }
find_postgres() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

missing=()
[ -n "$(find_redis)" ] || missing+=(redis-server)
{ [ -n "$(find_postgres)" ] && [ -x "$(find_postgres)/postgres" ]; } || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

redis="$(find_redis)"
pgbin="$(find_postgres)"
[ -n "$redis" ] && [ -x "$pgbin/postgres" ] || { echo "[queue-services] redis-server or postgres still missing" >&2; exit 1; }
echo "$redis"
echo "$pgbin"
