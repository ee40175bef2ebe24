#!/usr/bin/env bash
# Start the action server (127.0.0.1:5055) and the Rasa server (127.0.0.1:5005)
# in the foreground; Ctrl-C stops both. `--shell` opens `rasa shell` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var

export RASA_PORT=${RASA_PORT:-5005}
export ACTIONS_PORT=${ACTIONS_PORT:-5055}
export TRACKER_DB=${TRACKER_DB:-var/tracker.db}
export WEB_PORT=${WEB_PORT:-8000}
export WEB_ROOT=${WEB_ROOT:-.build/web}
WEB_ORIGIN=${WEB_ORIGIN:-http://127.0.0.1:$WEB_PORT}

source scripts/lib/api_token.sh

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

SANIC_HOST=127.0.0.1 .venv/bin/python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" \
  --cors "$WEB_ORIGIN" >> var/actions.log 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$ACTIONS_PORT/health" > /dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "action server failed to start; see var/actions.log" >&2; exit 1; }
  sleep 0.5
done

if [[ "${1:-}" == "--shell" ]]; then
  .venv/bin/rasa shell -m models/current.tar.gz --endpoints endpoints.yml
  exit
fi

echo "Rasa server on http://127.0.0.1:$RASA_PORT (REST: /webhooks/rest/webhook); API token in var/auth_token"
.venv/bin/rasa run -m models/current.tar.gz --endpoints endpoints.yml --credentials credentials.yml \
  --interface 127.0.0.1 --port "$RASA_PORT" --enable-api --auth-token "$RASA_AUTH_TOKEN" \
  --cors "$WEB_ORIGIN" &
pids+=($!)

# The recruitment page with the chat widget (built from knowledge/), on 127.0.0.1:$WEB_PORT.
.venv/bin/python -m bot.web_page "$WEB_ROOT" > /dev/null
WEB_QUIET=1 .venv/bin/python -m bot.static_server >> var/web.log 2>&1 &
pids+=($!)
echo "Recruitment page with the chat widget on http://127.0.0.1:$WEB_PORT/"
wait "${pids[1]}"
