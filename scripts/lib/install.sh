#!/usr/bin/env bash
# scripts/lib/install.sh -r REQUIREMENTS...: installs pinned packages into .venv
# (which must exist) with uv, with constraints.txt and the package sources pip is
# configured with on this machine (scripts/lib/pip_index_settings.py).
#
# Why uv: the same packages as `pip install -r ... -c constraints.txt` (compared
# with pip freeze), but it downloads and unpacks in parallel, and keeps what it
# downloaded and built in its cache (~/.cache/uv): a fresh .venv takes ~15 s from
# that cache and ~30 s without it, where pip took ~140 s every time (pip's own
# cache stays empty here: the registry's answers carry no caching headers).
# Like `pip install --no-compile`, uv does not byte-compile what it installs.
# uv itself comes from PyPI through pip, pinned in constraints.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
UV=.venv/bin/uv

# One install at a time into .venv (make test installs the checks' and the browser
# tests' packages side by side).
exec 9> .venv/.install.lock
flock 9
want=$(sed -n 's/^uv==//p' constraints.txt)
have=$($UV --version 2> /dev/null || true)  # "uv 0.13.8 (x86_64-unknown-linux-gnu)"
if [[ "$have" != "uv $want "* ]]; then
  $PY -m pip install --quiet --disable-pip-version-check --no-compile "uv==$want"
fi
mapfile -t sources < <($PY scripts/lib/pip_index_settings.py)
$UV pip install --quiet --python "$PY" "${sources[@]}" -c constraints.txt "$@"
