#!/usr/bin/env bash
# Installs what the browser tests need, from Debian and npm only (no browser download):
# Debian's chromium, and axe-core + vnu-jar into ./node_modules as pinned in package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "chromium fehlt: bitte 'sudo apt-get install chromium' ausführen (Debian-Paket)." >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "java fehlt: bitte 'sudo apt-get install default-jre-headless' ausführen." >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
