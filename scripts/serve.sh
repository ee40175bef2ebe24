#!/usr/bin/env bash
# make run: the action server (127.0.0.1:5055), the Rasa server
# (127.0.0.1:5005), the recruitment page (127.0.0.1:8000) and the staff console
# (127.0.0.1:8001) under supervisord
# (deploy/supervisord.conf), in the foreground: a part that dies is started
# again and the crash is logged; Ctrl-C stops everything.
# `--shell` (make shell) opens `rasa shell` instead, on ports of its own, so it
# runs beside `make run`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/environment.sh
mkdir -p var
# Output sent to a file is appended to, so supervisord's and Rasa's lines (which
# open /dev/stdout afresh) and ours never overwrite each other.
[[ -f /dev/stdout ]] && exec >> /dev/stdout
[[ -f /dev/stderr ]] && exec 2>> /dev/stderr

export WEB_PORT=${WEB_PORT:-8000}
export WEB_ROOT=${WEB_ROOT:-.build/web}
export WEB_ORIGIN=${WEB_ORIGIN:-http://127.0.0.1:$WEB_PORT}
export STAFF_PORT=${STAFF_PORT:-8001}
export STAFF_DB=${STAFF_DB:-var/staff.db}
export MODEL=${MODEL:-models/current.tar.gz}
export LOG_DIR=${LOG_DIR:-$PWD/var}
# Issue 27: the metrics part's port (loopback), and the folder every process counts into.
export METRICS_PORT=${METRICS_PORT:-9105}
if [[ "${1:-}" == "--shell" ]]; then
  # Its own ports and conversations: staff trying a change never touch the live bot's.
  export RASA_PORT=${SHELL_RASA_PORT:-5006}
  export ACTIONS_PORT=${SHELL_ACTIONS_PORT:-5056}
  export TRACKER_DB=${SHELL_TRACKER_DB:-var/shell-tracker.db}
else
  export RASA_PORT=${RASA_PORT:-5005}
  export ACTIONS_PORT=${ACTIONS_PORT:-5055}
  export TRACKER_DB=${TRACKER_DB:-var/tracker.db}
fi

port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
must_be_free() {  # $1: port, $2: the variable that sets it
  if port_in_use "$1"; then echo "port $1 is already in use; set $2 to another port" >&2; exit 1; fi
}
if [[ "${1:-}" == "--shell" ]]; then
  must_be_free "$RASA_PORT" SHELL_RASA_PORT
  must_be_free "$ACTIONS_PORT" SHELL_ACTIONS_PORT
else
  must_be_free "$RASA_PORT" RASA_PORT
  must_be_free "$ACTIONS_PORT" ACTIONS_PORT
  must_be_free "$WEB_PORT" WEB_PORT
  must_be_free "$STAFF_PORT" STAFF_PORT
  must_be_free "$METRICS_PORT" METRICS_PORT
fi

# Without the trained model or the spaCy pipeline its tokenizer loads, Rasa would
# start with no model and never be ready: say so now. (make run/shell build both first.)
for needed in "$MODEL" .build/spacy_probation/meta.json; do
  [[ -s "$needed" ]] || { echo "$needed is missing: run make run (or make train), which builds it" >&2; exit 1; }
done

source scripts/lib/api_token.sh

# --- make shell: an action server in the background, rasa shell in front ----------
if [[ "${1:-}" == "--shell" ]]; then
  echo "== starting the action server on 127.0.0.1:$ACTIONS_PORT (about 5 s; log in var/shell-actions.log)"
  scripts/lib/part.sh actions >> var/shell-actions.log 2>&1 &
  actions_pid=$!
  trap 'kill "$actions_pid" 2> /dev/null || true; wait "$actions_pid" 2> /dev/null || true' EXIT
  until curl -fs "http://127.0.0.1:$ACTIONS_PORT/health" > /dev/null; do
    kill -0 "$actions_pid" 2> /dev/null || { echo "the action server failed to start; see var/shell-actions.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "== starting rasa shell on 127.0.0.1:$RASA_PORT (about 20 s; conversations in $TRACKER_DB)"
  # --enable-api (loopback, token-guarded): the actions read each part of a two-question message with /model/parse.
  scripts/rasa shell -m "$MODEL" --endpoints endpoints.yml --interface 127.0.0.1 --port "$RASA_PORT" --enable-api \
    --auth-token="$RASA_AUTH_TOKEN"
  exit
fi

# --- make run: everything under supervisord --------------------------------------
export SUPERVISOR_SOCKET="$PWD/var/supervisor-$RASA_PORT.sock"
# A Unix socket path has room for about 100 bytes.
(( ${#SUPERVISOR_SOCKET} < 100 )) || SUPERVISOR_SOCKET="${TMPDIR:-/tmp}/probation-supervisor-$(id -u)-$RASA_PORT.sock"
export SUPERVISOR_USER=$(id -un)
export SUPERVISOR_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
# For `supervisorctl -c var/supervisorctl-$RASA_PORT.conf status` (and restart, stop, pid ...).
(umask 077; printf '[supervisorctl]\nserverurl=unix://%s\nusername=supervisor\npassword=%s\n' \
  "$SUPERVISOR_SOCKET" "$SUPERVISOR_PASSWORD" > "var/supervisorctl-$RASA_PORT.conf")
supervisorctl() { .venv/bin/supervisorctl -c "var/supervisorctl-$RASA_PORT.conf" "$@"; }

# The recruitment page with the chat widget, built from knowledge/.
.venv/bin/python -m bot.build.web_page "$WEB_ROOT" > /dev/null

export PROMETHEUS_MULTIPROC_DIR="$LOG_DIR/metrics-$RASA_PORT"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"  # counts start at 0 with each run

echo "== starting the action server, the Rasa server, the page, the staff console, metrics and retention under supervisord (about 20-40 s)"
source scripts/lib/supervise.sh
start_supervisord deploy/supervisord.conf

# Ready = the model is loaded: only then does /status answer (its token goes on stdin, not in argv).
rasa_ready() { printf 'url = "http://127.0.0.1:%s/status?token=%s"\n' "$RASA_PORT" "$RASA_AUTH_TOKEN" | curl -fs -K - > /dev/null; }
ready() {
  curl -fs "http://127.0.0.1:$ACTIONS_PORT/health" > /dev/null && rasa_ready &&
    curl -fs "http://127.0.0.1:$WEB_PORT/" > /dev/null && curl -fs "http://127.0.0.1:$STAFF_PORT/login" > /dev/null &&
    curl -fs "http://127.0.0.1:$METRICS_PORT/metrics" > /dev/null
}
for i in $(seq 1 600); do
  ready && break
  kill -0 "$supervisor" 2> /dev/null || { echo "supervisord stopped; see $LOG_DIR/supervisord-$RASA_PORT.log" >&2; exit 1; }
  if (( i % 10 == 0 )) && supervisorctl status 2> /dev/null | grep -q FATAL; then
    supervisorctl status >&2 || true
    echo "a part could not start; see its log in $LOG_DIR" >&2
    exit 1
  fi
  sleep 0.5
done
ready || { echo "not ready after 300 s; see the logs in $LOG_DIR" >&2; exit 1; }

echo "Ready. Chat: http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook; the page: http://127.0.0.1:$WEB_PORT/"
echo "  Staff console: http://127.0.0.1:$STAFF_PORT/ (accounts: make staff-user USER=name ROLE=helpline|recruitment|admin)"
echo "  Metrics: http://127.0.0.1:$METRICS_PORT/metrics; conversations idle over ${RETENTION_DAYS:-90} days deleted daily (retention part)"
echo "  HTTP API token in ${AUTH_TOKEN_FILE:-var/auth_token} (or RASA_AUTH_TOKEN); logs in $LOG_DIR; Ctrl-C stops everything."
wait "$supervisor"
