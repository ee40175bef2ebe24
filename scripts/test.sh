#!/usr/bin/env bash
# Everything `make test` runs. Every stage uses the one trained model,
# models/current.tar.gz (make test trains it first, once).
#
# The two Rasa-without-a-server stages (rasa data validate, rasa test core) run
# beside the live integration tests: those mostly wait on their Rasa server,
# so on two cores the offline stages fit in alongside. Their output is printed
# when they end; any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/environment.sh  # telemetry off, third-party warnings filtered
PY=.venv/bin/python
mkdir -p results

echo "== lint and types (ruff, mypy: scripts/checks.sh)"
scripts/checks.sh

echo "== knowledge files"
$PY -m bot.knowledge
$PY -m bot.interview.bank

echo "== unit tests (plain Python, no Rasa server)"
$PY -m pytest -q tests/unit

echo "== our Rasa components (imported, no server)"
$PY -m pytest -q tests/components

offline_stages() {
  echo "== rasa data validate"
  .venv/bin/rasa data validate --quiet  # warnings: form-asked utter_ask_* look unused to the validator
  echo "== rasa test core: end-to-end test stories"
  .venv/bin/rasa test core --stories tests/stories --model models/current.tar.gz \
    --fail-on-prediction-errors --out results/core --quiet
}
offline_log=results/offline-stages.log
offline_stages > "$offline_log" 2>&1 &
offline_pid=$!
trap 'kill "$offline_pid" 2>/dev/null || true' EXIT

echo "== integration tests (real Rasa server, action server and SQLite tracker store)"
integration=0
$PY -m pytest -q tests/integration || integration=$?

offline=0
wait "$offline_pid" || offline=$?
trap - EXIT
cat "$offline_log"
if (( integration || offline )); then
  echo "FAILED: integration tests exit $integration, data validate / test stories exit $offline" >&2
  exit 1
fi

echo "== scale-out tests (PostgreSQL, Redis, two Rasa servers behind nginx; installs Debian packages if missing)"
$PY -m pytest -q tests/scaled

echo "== browser tests (page + chat widget in headless Chromium, real bot)"
scripts/install_browser.sh
$PY -m pytest -q tests/browser
