#!/usr/bin/env bash
# Makes sure nginx (Debian's package) is on this machine for the edge in front of n8n
# (deploy/nginx/enneo-edge.conf.template; npm run queue-mode, npm run test:e2e:queue, the
# benchmarks, npm run fuzz --edge): installs it with apt-get when missing. Installs only; starts
# nothing (the packaged service stays off: each set-up runs its own nginx on a free port).
# Prints the nginx binary.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"

find_nginx() { command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }

[ -n "$(find_nginx)" ] || apt_install nginx
nginx="$(find_nginx)"
[ -n "$nginx" ] || { echo "[edge] nginx still missing" >&2; exit 1; }
echo "$nginx"
