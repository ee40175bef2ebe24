#!/usr/bin/env bash
# The maintainer's checks, first in `make test` (seconds): ruff's lint rules,
# ruff's format check and mypy over our Python (settings: pyproject.toml).
# Installs requirements-checks.txt into .venv the first time, or when it changes.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
stamp=.venv/.checks-installed
if [[ ! -f $stamp || requirements-checks.txt -nt $stamp || constraints.txt -nt $stamp ]]; then
  echo "== installing the checks' pinned packages (ruff, mypy; a few seconds)"
  scripts/lib/install.sh -r requirements-checks.txt
  touch "$stamp"
fi
# Tests and benchmarks are held to the same rules and format as the code.
CODE=(bot actions channels nlu rasa_tuning tests bench)
failed=()
.venv/bin/ruff check --quiet "${CODE[@]}" || failed+=("ruff check")
.venv/bin/ruff format --check --quiet "${CODE[@]}" || failed+=("ruff format --check")
$PY -m mypy || failed+=(mypy)  # the folders: pyproject.toml [tool.mypy] files
if (( ${#failed[@]} )); then
  (IFS=","; echo "FAILED: ${failed[*]} (see above; 'ruff check --fix' and 'ruff format' fix most)" >&2)
  exit 1
fi
