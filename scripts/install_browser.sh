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

# Every pin in requirements-browser.txt (playwright, and axe-core's wheel) installed as pinned?
installed() {
  $PY - requirements-browser.txt <<'PY'
import importlib.metadata as m, sys
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if "==" in line:
        name, version = line.split("==")
        try:
            if m.version(name) != version:
                sys.exit(1)
        except m.PackageNotFoundError:
            sys.exit(1)
PY
}
if ! installed; then
  echo "== installing the browser tests' packages (requirements-browser.txt) into .venv"
  scripts/lib/install.sh -r requirements-browser.txt
fi
