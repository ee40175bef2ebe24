#!/usr/bin/env bash
# make restore FILE=var/backups/tracker-....pgdump SCALED=1: put a pg_dump backup
# (make backup SCALED=1) back into the scale-out profile's PostgreSQL, with the
# bot stopped (refuses while nginx or a Rasa server answers). PostgreSQL itself
# is started for the restore if it is not running, and stopped again after.
# Ports and folder as scripts/serve_scaled.sh reads them (SCALED_*).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/environment.sh
file=${1:?give the backup file}
STATE=$(cd "${SCALED_DIR:-var/scaled}" 2> /dev/null && pwd) || { echo "no ${SCALED_DIR:-var/scaled}: make run-scaled creates it" >&2; exit 1; }
PG_PORT=${SCALED_PG_PORT:-5461}
PGDATA="$STATE/pg"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
[[ -s "$STATE/pg_password" && -s "$PGDATA/PG_VERSION" ]] || { echo "no database in $PGDATA: make run-scaled creates it" >&2; exit 1; }
as_pg=()
[[ $(id -u) -eq 0 ]] && as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups)

if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
  for port in "${SCALED_PORT:-5400}" "${SCALED_RASA_PORT_A:-5401}" "${SCALED_RASA_PORT_B:-5402}"; do
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      echo "the bot is running (port $port answers): stop make run-scaled first" >&2; exit 1
    fi
  done
  echo "== starting PostgreSQL alone for the restore"
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/restore.log" -w -s \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGDATA" start
  trap '"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -w -s -m fast stop' EXIT
fi
PGPASSWORD=$(cat "$STATE/pg_password") TRACKER_DB_URL="postgresql://rasa@127.0.0.1:$PG_PORT/rasa" \
  BOT_PORTS="${SCALED_PORT:-5400} ${SCALED_RASA_PORT_A:-5401} ${SCALED_RASA_PORT_B:-5402}" \
  .venv/bin/python -m bot.service.backup restore "$file"
