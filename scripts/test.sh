#!/usr/bin/env bash
# Everything `make test` runs, in order from fastest to slowest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p results

echo "== knowledge files"
$PY -m bot.knowledge
$PY -m bot.interview.bank

echo "== unit tests (plain Python, no Rasa server)"
$PY -m pytest -q tests/unit

echo "== our Rasa components (imported, no server)"
$PY -m pytest -q tests/components

echo "== rasa data validate"
.venv/bin/rasa data validate --quiet  # warnings: form-asked utter_ask_* look unused to the validator

echo "== rasa test: end-to-end test stories"
.venv/bin/rasa test core --stories tests/stories --model models/current.tar.gz \
  --fail-on-prediction-errors --out results/core --quiet

echo "== integration tests (real Rasa server, action server and SQLite tracker store)"
$PY -m pytest -q tests/integration

echo "== scale-out tests (PostgreSQL, Redis, two Rasa servers behind nginx; installs Debian packages if missing)"
$PY -m pytest -q tests/scaled

echo "== browser tests (page + chat widget in headless Chromium, real bot)"
scripts/install_browser.sh
$PY -m pytest -q tests/browser
