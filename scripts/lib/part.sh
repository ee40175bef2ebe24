#!/usr/bin/env bash
# One part of the bot, as supervisord starts it (deploy/supervisord*.conf);
# the command lines live here once for both profiles. Each part replaces this
# shell (exec), so supervisord watches the part itself; setpriv --pdeathsig
# stops it if supervisord itself dies (kill -9), so no orphan keeps its port.
# Settings come from the environment that scripts/serve*.sh export.
set -euo pipefail
cd "$(dirname "$0")/../.."
part=$1; shift
with_parent() { local sig=$1; shift; exec setpriv --pdeathsig "$sig" -- "$@"; }

case "$part" in
  actions)  # the action server, loopback only. Sanic closes a connection that sends
    # nothing for KEEP_ALIVE_TIMEOUT (5 s), and a Rasa server busy with many visitors
    # can take that long between connecting and writing its call: 30 s.
    SANIC_HOST=127.0.0.1 SANIC_KEEP_ALIVE_TIMEOUT=30 with_parent TERM .venv/bin/python scripts/lib/action_server.py --actions actions \
      --port "$ACTIONS_PORT" --cors "$WEB_ORIGIN" ;;
  rasa)  # $1 port, $2 endpoints file, $3 model, [$4 a log file besides stdout]
    # The token glued with "=": it may begin with "-".
    with_parent TERM scripts/rasa run -m "$3" --endpoints "$2" --credentials credentials.yml \
      --interface 127.0.0.1 --port "$1" --enable-api --auth-token="$RASA_AUTH_TOKEN" \
      --cors "$WEB_ORIGIN" ${4:+--log-file "$4"} ;;
  web)  # the recruitment page with the chat widget (built by serve.sh)
    WEB_QUIET=1 with_parent TERM .venv/bin/python -m bot.web.static_server ;;
  staff)  # the staff console (bot/staff/web.py), loopback only, over $TRACKER_DB
    with_parent TERM .venv/bin/python -m bot.staff.web ;;
  staff-scaled)  # the same over the scale-out profile's PostgreSQL (password through PGPASSWORD)
    PGPASSWORD="$PG_PASSWORD" TRACKER_DB_URL="postgresql://$PG_USER@$PG_HOST:$PG_PORT/$PG_DB" \
      with_parent TERM .venv/bin/python -m bot.staff.web ;;
  metrics)  # Prometheus metrics (bot/service/metrics.py), 127.0.0.1:$METRICS_PORT only
    with_parent TERM .venv/bin/python -m bot.service.metrics ;;
  retention)  # deletes conversations idle past RETENTION_DAYS, once a day (bot/service/retention.py)
    with_parent TERM .venv/bin/python -m bot.service.retention ;;
  retention-scaled)  # the same over the scale-out profile's PostgreSQL
    PGPASSWORD="$PG_PASSWORD" TRACKER_DB_URL="postgresql://$PG_USER@$PG_HOST:$PG_PORT/$PG_DB" \
      with_parent TERM .venv/bin/python -m bot.service.retention ;;
  postgres)  # scale-out profile; as root, as the postgres user (it refuses root)
    as_pg=()
    [[ $(id -u) -eq 0 ]] && as_pg=(--reuid=postgres --regid=postgres --init-groups)
    exec setpriv "${as_pg[@]}" --pdeathsig INT -- "$PG_BIN/postgres" -D "$PGDATA" -p "$PG_PORT" \
      -c listen_addresses=127.0.0.1 -c unix_socket_directories="$PGDATA" ;;
  redis)
    with_parent TERM redis-server "$STATE/redis.conf" ;;
  nginx)
    with_parent TERM "$NGINX" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$STATE/nginx/error.log" ;;
  *)
    echo "unknown part: $part" >&2; exit 2 ;;
esac
