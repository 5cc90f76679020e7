# Sourced by the scripts that need Debian packages (install-queue-services.sh, install-edge.sh).
# apt_install PACKAGE…: installs the packages with apt-get, as root, without starting the services
# they ship (policy-rc.d: nothing starts listening on 80, 6379 or 5432; every set-up here runs its
# own instances on free ports). Fails with the command to run when it cannot install.

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "[apt] missing: $*; install them (Debian: apt-get install $*) and run again" >&2
    return 1
  fi
  echo "[apt] installing $* with apt-get (first run only)" >&2
  local policy=/usr/sbin/policy-rc.d created_policy=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created_policy=1; fi
  local rc=0
  (
    apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
  ) >&2 || rc=$?
  [ -n "$created_policy" ] && rm -f "$policy"
  return "$rc"
}
