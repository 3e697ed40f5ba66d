#!/usr/bin/env bash
# `npm test`'s first step: installs the Debian packages the tests drive and a fresh machine lacks —
# Chromium (end-to-end), ffmpeg (test fixtures only), PostgreSQL (the second database), coturn (the
# TURN relay of the call tests) and nginx (the media offload test and the benchmarks' reference).
# Installs only what is missing, as root or with password-less sudo; otherwise prints the one command.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/nonexistent}" ] || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ ${#missing[@]} -eq 0 ] && exit 0

install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "The tests need these Debian packages: ${missing[*]}. Install them once with:" >&2
  echo "  sudo apt-get update && sudo ${install[*]}" >&2
  exit 1
fi
echo "Installing Debian packages the tests need: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" "${install[@]}"
