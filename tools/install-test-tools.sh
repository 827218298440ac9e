#!/usr/bin/env bash
# Installs what the browser tests need from Debian (no browser download): chromium, and Java for the
# Nu Html Checker. The npm packages (axe-core, vnu-jar, the web editor) come from `npm ci` (Makefile, NODE_STAMP).
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
