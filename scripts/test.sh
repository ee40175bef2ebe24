#!/usr/bin/env bash
# Everything `make test` runs, laid out for two cores. Every stage that needs a
# model uses the one trained model, models/current.tar.gz.
#
#   1. the knowledge files (seconds);
#   2. from the start, side by side:
#      - training (`make train`: only if data, config, domain or knowledge changed);
#      - the maintainer's checks (scripts/checks.sh), the unit tests, then our Rasa
#        components (none needs a model);
#      - the browser set-up (installs only what is missing);
#   3. as soon as the model is there, without waiting for step 2's tests:
#      - the timing-bound tests, one module after the other: the part failures
#        (a killed part must be back within 10 s), then the scale-out tests (one
#        of them kills parts of the scaled profile too);
#      - the integration modules that use a session bot, in two groups, each with a
#        session bot of its own (SHARED_GROUP_B on ports 20 above);
#      - the integration modules that start bots of their own (they kill and restart
#        them, or start them with other settings: OWN_BOT_MODULES), ports 10 above;
#      - rasa data validate and rasa test core (no server);
#      - the browser tests (their own bot and Chromium), once the browser set-up is done.
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
PRIORITY=(scripts/lib/with_priority.sh -15)
mkdir -p results/stages var
started=$(date +%s)

# The killed-and-restarted, or started with other settings.
OWN_BOT_MODULES=(
  tests/integration/test_api_token_live.py
  tests/integration/test_crash_recovery.py
)
# A killed part must be back within 10 s: at normal priority, never beside the other timing-bound ones.
TIMING_BOUND_MODULES=(tests/integration/test_part_failures.py)
# The second session-bot group (about half the time of the first one's modules, which
# are the rest of tests/integration). test_security.py starts a bot too, but also reads
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
stage checks-unit-components "${STAGE_SESSION[@]}" bash -c "
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

shared_group_a=()
for module in tests/integration/test_*.py; do
  [[ " ${OWN_BOT_MODULES[*]} ${TIMING_BOUND_MODULES[*]} ${SHARED_GROUP_B[*]} " == *" $module "* ]] ||
    shared_group_a+=("$module")
done
# pytest MODULE...: with a heading saying which
pytest_stage() {
  local heading=$1
  shift
  echo "== $heading"
  "$PY" -m pytest -q "$@"
}
export -f pytest_stage
export PY
stage timing-bound "${PRIORITY[@]}" bash -c '
  pytest_stage "integration tests with a killed part back within 10 s (first priority)" "$@" || exit
  pytest_stage "scale-out tests: PostgreSQL, Redis, two Rasa servers behind nginx (installs Debian packages if missing)" tests/scaled' \
  _ "${TIMING_BOUND_MODULES[@]}"
stage integration-a "${STAGE_SESSION[@]}" bash -c 'pytest_stage "integration tests on a session bot (group A)" "$@"' \
  _ "${shared_group_a[@]}"
stage integration-b env TEST_RASA_PORT=$((TEST_RASA_PORT + 20)) TEST_ACTIONS_PORT=$((TEST_ACTIONS_PORT + 20)) \
  "${STAGE_SESSION[@]}" bash -c 'pytest_stage "integration tests on a session bot (group B)" "$@"' _ "${SHARED_GROUP_B[@]}"
stage integration-own-bots env TEST_RASA_PORT=$((TEST_RASA_PORT + 10)) TEST_ACTIONS_PORT=$((TEST_ACTIONS_PORT + 10)) \
  "${STAGE_SESSION[@]}" bash -c 'pytest_stage "integration modules with bots of their own" "$@"' _ "${OWN_BOT_MODULES[@]}"
stage offline "${STAGE_SESSION[@]}" bash -c '
  echo "== rasa data validate"
  .venv/bin/rasa data validate --quiet || exit  # warnings: form-asked utter_ask_* look unused to the validator
  echo "== rasa test core: end-to-end test stories"
  .venv/bin/rasa test core --stories tests/stories --model models/current.tar.gz \
    --fail-on-prediction-errors --out results/core --quiet'
await browser-setup
stage browser "${STAGE_SESSION[@]}" bash -c 'pytest_stage "browser tests (page + chat widget in headless Chromium, real bot)" tests/browser'

await "${stage_order[@]}"
echo "   tests took $(($(date +%s) - started))s in all"
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
