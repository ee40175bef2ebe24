#!/usr/bin/env bash
# Everything `make test` runs, laid out for two cores. Every stage that needs a
# model uses the one trained model, models/current.tar.gz.
#
#   1. the knowledge files (seconds);
#   2. from the start, side by side (the tests at nice 10: they yield to training):
#      - training (`make train`: only if data, config, domain or knowledge changed);
#      - the maintainer's checks (scripts/checks.sh), the unit tests, then our Rasa
#        components (none needs a model);
#      - the browser set-up (installs only what is missing);
#   3. as soon as the model is there, without waiting for step 2's tests, four
#      lanes side by side, each running its steps one after the other:
#      - timing-bound: the part failures (a killed part must be back within
#        10 s), then the scale-out tests (one of them kills parts of the scaled
#        profile too);
#      - lane-1: the integration modules of session-bot group A, then the browser
#        tests (their own bot and Chromium, once the browser set-up is done);
#      - lane-2: the integration modules of session-bot group B (SHARED_GROUP_B,
#        a session bot of its own on ports 20 above), then the integration modules
#        that start bots of their own (they kill and restart them, or start them
#        with other settings: OWN_BOT_MODULES), ports 10 above;
#      - offline: rasa data validate and rasa test core (no server).
# The timing-bound tests and their bots run at a higher priority (nice -15 for
# their sessions, scripts/lib/with_priority.sh), so the kernel gives them the CPU
# they would have alone and the other stages take what is left: two cores stay
# busy, and a killed part still comes back in time (with all at one priority it
# did not, so those tests used to run alone at the end).
# A stage's output is printed when it ends (and kept in results/stages/), with
# its wall and CPU time; any failure fails the run, once every stage has finished.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/environment.sh  # telemetry off, third-party warnings filtered
PY=.venv/bin/python
# Every stage runs in a session of its own (scripts/lib/with_priority.sh), so the
# kernel shares the CPU fairly between stages and the bots they start; the
# timing-bound tests and their bots go first, as if they had the machine to
# themselves (a priority above normal needs root, as CI runs).
STAGE_SESSION=(scripts/lib/with_priority.sh 0)
mkdir -p results/stages var
started=$(date +%s)

# The killed-and-restarted, or started with other settings.
OWN_BOT_MODULES=(
  tests/integration/test_api_token_live.py
  tests/integration/test_crash_recovery.py
)
# A killed part must be back within 10 s: at normal priority, never beside the other timing-bound ones.
TIMING_BOUND_MODULES=(tests/integration/test_part_failures.py)
# The second session-bot group (its modules take about as long as the rest of
# tests/integration, group A, alone: ~110 s each). test_security.py starts a bot too, but also reads
# the session bot's token: it stays with a session bot.
SHARED_GROUP_B=(
  tests/integration/test_shell_live.py
  tests/integration/test_triage_live.py
  tests/integration/test_insights_live.py
  tests/integration/test_eligibility_live.py
  tests/integration/test_bad_input.py
  tests/integration/test_context_live.py
  tests/integration/test_interview_live.py
  tests/integration/test_long_conversation_live.py
)
TEST_RASA_PORT=${TEST_RASA_PORT:-5105}
TEST_ACTIONS_PORT=${TEST_ACTIONS_PORT:-5155}

declare -A stage_pid=() stage_done=()
stage_order=()
failed=()
# stage NAME COMMAND...: runs in the background, output to results/stages/NAME.log,
# ending with its exit code, wall time and CPU time (its own and its children's).
stage() {
  local name=$1
  shift
  (
    set +e
    stage_start=$(date +%s)
    "$@"
    code=$?
    times > "results/stages/$name.times"  # not in $(...): a subshell has no children's times
    cpu=$(awk 'END { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' \
      "results/stages/$name.times")
    echo "-- $name: exit $code after $(($(date +%s) - stage_start))s (CPU ${cpu}s; at $(($(date +%s) - started))s)"
    exit $code
  ) > "results/stages/$name.log" 2>&1 &
  stage_pid[$name]=$!
  stage_order+=("$name")
}
# await NAME...: waits for these stages and prints their output; a failure is noted
await() {
  local name
  for name in "$@"; do
    [[ -n "${stage_done[$name]:-}" ]] && continue
    wait "${stage_pid[$name]}" || failed+=("$name")
    stage_done[$name]=1
    cat "results/stages/$name.log"
  done
}
cleanup() {
  local name
  for name in "${!stage_pid[@]}"; do
    [[ -n "${stage_done[$name]:-}" ]] || kill "${stage_pid[$name]}" 2> /dev/null || true
  done
}
trap cleanup EXIT

echo "== knowledge files"
$PY -m bot.knowledge
$PY -m bot.interview.bank
# The API token every bot of this run shares (scripts/lib/api_token.sh), made once
# here rather than by the first of several bots starting at once.
$PY -m bot.api_token var/auth_token > /dev/null

echo "== from now on side by side; each stage's output follows when it ends"
stage train "${STAGE_SESSION[@]}" make --no-print-directory train
# One after the other, each whatever the one before did.
stage checks-unit-components scripts/lib/with_priority.sh 10 bash -c "
  code=0
  echo '== lint and types (ruff, mypy: scripts/checks.sh)'; scripts/checks.sh || code=1
  echo '== unit tests (plain Python, no Rasa server)'; $PY -m pytest -q tests/unit || code=1
  echo '== our Rasa components (imported, no server)'; $PY -m pytest -q tests/components || code=1
  exit \$code"
# Installs only what is missing (Debian's Chromium, the playwright package): usually nothing.
stage browser-setup "${STAGE_SESSION[@]}" scripts/install_browser.sh

await train
if [[ " ${failed[*]} " == *" train "* ]]; then
  await "${stage_order[@]}"
  echo "FAILED: ${failed[*]} (the tests that need a model did not run)" >&2
  exit 1
fi

SHARED_GROUP_A=()
for module in tests/integration/test_*.py; do
  [[ " ${OWN_BOT_MODULES[*]} ${TIMING_BOUND_MODULES[*]} ${SHARED_GROUP_B[*]} " == *" $module "* ]] ||
    SHARED_GROUP_A+=("$module")
done
# The steps of the lanes below, each a function (bash -c runs them in the lane's session).
# Arrays do not cross into bash -c: the module lists go as words.
export PY TEST_RASA_PORT TEST_ACTIONS_PORT TIMING_BOUND="${TIMING_BOUND_MODULES[*]}" \
  SHARED_A="${SHARED_GROUP_A[*]}" SHARED_B="${SHARED_GROUP_B[*]}" OWN_BOTS="${OWN_BOT_MODULES[*]}"
part_failures() {
  echo "== integration tests with a killed part back within 10 s (first priority)"
  $PY -m pytest -q $TIMING_BOUND
}
scale_out() {
  echo "== scale-out tests: PostgreSQL, Redis, two Rasa servers behind nginx (installs Debian packages if missing)"
  $PY -m pytest -q tests/scaled
}
integration_a() {
  echo "== integration tests on a session bot (group A)"
  $PY -m pytest -q $SHARED_A
}
integration_b() {
  echo "== integration tests on a session bot (group B, ports 20 above)"
  TEST_RASA_PORT=$((TEST_RASA_PORT + 20)) TEST_ACTIONS_PORT=$((TEST_ACTIONS_PORT + 20)) $PY -m pytest -q $SHARED_B
}
own_bots() {
  echo "== integration modules with bots of their own (ports 10 above)"
  TEST_RASA_PORT=$((TEST_RASA_PORT + 10)) TEST_ACTIONS_PORT=$((TEST_ACTIONS_PORT + 10)) $PY -m pytest -q $OWN_BOTS
}
offline() {
  echo "== rasa data validate"
  .venv/bin/rasa data validate --quiet || return  # warnings: form-asked utter_ask_* look unused to the validator
  echo "== rasa test core: end-to-end test stories"
  .venv/bin/rasa test core --stories tests/stories --model models/current.tar.gz \
    --fail-on-prediction-errors --out results/core --quiet
}
browser() {
  # Chromium and playwright come from the browser-setup stage, started with training.
  until grep -q '^-- browser-setup: exit' results/stages/browser-setup.log 2> /dev/null; do sleep 1; done
  grep -q '^-- browser-setup: exit 0 ' results/stages/browser-setup.log || { echo "browser set-up failed"; return 1; }
  echo "== browser tests (page + chat widget in headless Chromium, real bot)"
  $PY -m pytest -q tests/browser
}
# steps STEP...: one after the other, each whatever the one before did; fails if one failed
steps() {
  local step code=0 step_start
  for step in "$@"; do
    step_start=$(date +%s)
    "$step" || code=1
    echo "   ($step: $(($(date +%s) - step_start))s)"
  done
  return $code
}
export -f part_failures scale_out integration_a integration_b own_bots offline browser steps
# lane NAME PRIORITY STEP...: the steps as one stage, in a session of the given priority
lane() {
  local name=$1 priority=$2
  shift 2
  stage "$name" scripts/lib/with_priority.sh "$priority" bash -c 'steps "$@"' _ "$@"
}
# Every bot's turn is time-bound too (the action server gets 2 s: endpoints.yml), so
# at most three bots serve tests at once, and the stages that only compute (rasa
# data validate and test core; the unit and component tests above) yield to them.
# With four lanes and bots starting beside them, under other engineers' load, an
# interview-feedback turn took over 2 s, and a session bot over the 300 s its tests
# wait for its start.
lane timing-bound -15 part_failures scale_out
lane lane-1 0 integration_a browser
lane lane-2 0 integration_b own_bots
lane offline 10 offline

await "${stage_order[@]}"
echo "   tests took $(($(date +%s) - started))s in all"
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
