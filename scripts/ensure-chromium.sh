#!/usr/bin/env bash
# Installs Debian's Chromium for the scripts that drive the real n8n editor (scripts/screenshots.ts),
# once per machine: nothing to do when CHROMIUM_PATH or /usr/bin/chromium exists.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "[chromium] installing Debian's chromium package (apt-get)" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
/usr/bin/chromium --version >&2
