#!/usr/bin/env bash
# Set up the browser tests (tests/browser): Debian's Chromium and Playwright's
# Python client in .venv. Idempotent: does nothing when both are there.
# Never runs `playwright install` (it would try to download its own browsers).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

if [[ ! -x /usr/bin/chromium ]]; then
  echo "== installing Debian's chromium"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
fi

want=$(sed -n 's/^playwright==//p' requirements-browser.txt)
have=$($PY -c 'import importlib.metadata as m; print(m.version("playwright"))' 2>/dev/null || true)
if [[ "$have" != "$want" ]]; then
  echo "== installing playwright==$want into .venv"
  scripts/lib/install.sh -r requirements-browser.txt
fi
