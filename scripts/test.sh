#!/usr/bin/env bash
# Everything `make test` runs, laid out for two cores. Every stage that needs a
# model uses the one trained model, models/current.tar.gz.
#
#   1. knowledge files
#   2. side by side: training (`make train`: only if data, config, domain or
#      knowledge changed) | unit tests, then our Rasa components (no model needed)
#   3. side by side, once the model is there:
#      - the integration tests that share one session bot;
#      - the integration modules that start bots of their own (they kill and
#        restart them, or start them with other settings: OWN_BOT_MODULES), on
#        ports 10 above the others (TEST_RASA_PORT+10.., TEST_ACTIONS_PORT+10..);
#      - rasa data validate and rasa test core (no server), then the browser
#        tests (a bot of their own on ports 5305/5355/8100; Chromium and
#        Playwright are installed, if missing, in the background in step 2).
#      These mostly wait on their servers, so they fit on two cores together.
#   4. alone: the part-failure tests (a killed part must be back within 10 s);
#      then the scale-out tests (a killed part within 10 s too).
# A side-by-side stage's output is printed when it ends; any failure fails the run,
# after every stage of its step has finished.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/environment.sh  # telemetry off, third-party warnings filtered
PY=.venv/bin/python
mkdir -p results/stages
started=$(date +%s)
step_started=$started

# (test_security.py starts a bot too, but also reads the session bot's token: it
# stays with the others.)
OWN_BOT_MODULES=(
  tests/integration/test_api_token_live.py
  tests/integration/test_crash_recovery.py
)
# Gives a killed part 10 s to be back: run alone, never beside other servers' work.
ALONE_MODULES=(tests/integration/test_part_failures.py)
TEST_RASA_PORT=${TEST_RASA_PORT:-5105}
TEST_ACTIONS_PORT=${TEST_ACTIONS_PORT:-5155}

declare -A stage_pid=()
stage_order=()
# stage NAME COMMAND...: runs in the background, output to results/stages/NAME.log
stage() {
  local name=$1
  shift
  ( set +e; stage_start=$(date +%s); "$@"; code=$?
    echo "-- $name: exit $code after $(( $(date +%s) - stage_start ))s"; exit $code ) \
    > "results/stages/$name.log" 2>&1 &
  stage_pid[$name]=$!
  stage_order+=("$name")
}
# finish: waits for every running stage, prints their output in order, fails if one failed
finish() {
  local failed=() name
  for name in "${stage_order[@]}"; do
    wait "${stage_pid[$name]}" || failed+=("$name")
    cat "results/stages/$name.log"
  done
  stage_order=()
  stage_pid=()
  echo "   (this step: $(( $(date +%s) - step_started ))s; total so far: $(( $(date +%s) - started ))s)"
  step_started=$(date +%s)
  if (( ${#failed[@]} )); then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
  fi
}
cleanup() {
  local pid
  for pid in "${stage_pid[@]}"; do kill "$pid" 2> /dev/null || true; done
}
trap cleanup EXIT

echo "== lint and types (ruff, mypy: scripts/checks.sh)"
scripts/checks.sh

echo "== knowledge files"
$PY -m bot.knowledge
$PY -m bot.interview.bank
$PY -m bot.fitted  # the action server's fitted models, kept in .build/fitted/ (bot/fitted.py)

echo "== side by side: training (if needed) | unit tests, then our Rasa components | browser set-up"
stage train make --no-print-directory train
stage unit-and-components bash -c "
  echo '== unit tests (plain Python, no Rasa server)' && $PY -m pytest -q tests/unit &&
  echo '== our Rasa components (imported, no server)' && $PY -m pytest -q tests/components"
# Installs only what is missing (Debian's Chromium, the playwright package): usually nothing.
stage browser-setup scripts/install_browser.sh
finish

echo "== side by side: integration tests (real Rasa server, action server and SQLite tracker store) | rasa data validate, rasa test core, then the browser tests"
shared_modules=()
for module in tests/integration/test_*.py; do
  [[ " ${OWN_BOT_MODULES[*]} ${ALONE_MODULES[*]} " == *" $module "* ]] || shared_modules+=("$module")
done
stage integration-shared-bot bash -c '
  echo "== integration tests sharing one session bot"; exec "$0" -m pytest -q "$@"' "$PY" "${shared_modules[@]}"
stage integration-own-bots env TEST_RASA_PORT=$(( TEST_RASA_PORT + 10 )) TEST_ACTIONS_PORT=$(( TEST_ACTIONS_PORT + 10 )) \
  bash -c 'echo "== integration modules with bots of their own"; exec "$0" -m pytest -q "$@"' "$PY" "${OWN_BOT_MODULES[@]}"
# The browser tests wait for replies for up to 30 s: unbothered by the work beside them.
stage stories-then-browser bash -c '
  echo "== rasa data validate"
  scripts/rasa data validate --domain domain --quiet || exit  # warnings: form-asked utter_ask_* look unused to the validator
  echo "== rasa test core: end-to-end test stories"
  scripts/rasa test core --stories tests/stories --model models/current.tar.gz \
    --fail-on-prediction-errors --out results/core --quiet || exit
  echo "== browser tests (page + chat widget in headless Chromium, real bot)"
  exec "$0" -m pytest -q tests/browser' "$PY"
finish

echo "== integration tests that need the machine to themselves (a killed part must be back within 10 s)"
$PY -m pytest -q "${ALONE_MODULES[@]}"
echo "   (this step: $(( $(date +%s) - step_started ))s; total so far: $(( $(date +%s) - started ))s)"
step_started=$(date +%s)

echo "== scale-out tests (PostgreSQL, Redis, two Rasa servers behind nginx; installs Debian packages if missing)"
$PY -m pytest -q tests/scaled
echo "   (this step: $(( $(date +%s) - step_started ))s; tests took $(( $(date +%s) - started ))s in all)"
