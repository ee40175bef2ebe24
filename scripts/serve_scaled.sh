#!/usr/bin/env bash
# The scale-out profile on one machine (docs/scaling.md): a PostgreSQL tracker
# store, a Redis lock store, one action server, two Rasa servers on the same
# model, and nginx balancing round-robin between them on one port. All in the
# foreground; Ctrl-C or SIGTERM stops everything started here. Data, logs,
# generated configs and secrets live in $SCALED_DIR (var/scaled); a second run
# reuses the database. Installs Debian's nginx and redis-server (and
# postgresql) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PROXY_PORT=${SCALED_PORT:-5400}           # nginx: the one port visitors use
RASA_PORT_A=${SCALED_RASA_PORT_A:-5401}
RASA_PORT_B=${SCALED_RASA_PORT_B:-5402}
ACTIONS_PORT=${SCALED_ACTIONS_PORT:-5451}
PG_PORT=${SCALED_PG_PORT:-5461}
REDIS_PORT=${SCALED_REDIS_PORT:-5471}
WEB_ORIGIN=${WEB_ORIGIN:-http://127.0.0.1:${WEB_PORT:-8000}}
mkdir -p "${SCALED_DIR:-var/scaled}"
STATE=$(cd "${SCALED_DIR:-var/scaled}" && pwd)

# --- Debian packages ---------------------------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
[[ -x /usr/sbin/nginx ]] || command -v nginx > /dev/null || missing+=(nginx)
command -v redis-server > /dev/null || missing+=(redis-server)
[[ -n "$(pg_bin)" ]] || missing+=(postgresql)
if (( ${#missing[@]} )); then
  echo "== installing Debian's ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  apt=($SUDO env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600)
  "${apt[@]}" update
  "${apt[@]}" install -y --no-install-recommends "${missing[@]}" > /dev/null
fi
PG_BIN=$(pg_bin)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

for port in "$PROXY_PORT" "$RASA_PORT_A" "$RASA_PORT_B" "$ACTIONS_PORT" "$PG_PORT" "$REDIS_PORT"; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    echo "port $port is already in use; set the SCALED_*PORT variables (see scripts/serve_scaled.sh)" >&2
    exit 1
  fi
done

# --- secrets: made once for this machine, kept in $STATE (mode 600) ----------------
secret() {  # $1: file under $STATE, mode 600
  [[ -s "$STATE/$1" ]] || (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))' > "$STATE/$1")
  cat "$STATE/$1"
}
# The HTTP API token: the same convention as scripts/serve.sh.
mkdir -p var
source scripts/lib/api_token.sh

# What endpoints-scaled.yml reads.
export ACTION_SERVER_URL="http://127.0.0.1:$ACTIONS_PORT/webhook"
export PG_HOST=127.0.0.1 PG_PORT PG_DB=rasa PG_USER=rasa PG_SSLMODE=disable
export REDIS_HOST=127.0.0.1 REDIS_PORT
PG_PASSWORD=$(secret pg_password)
REDIS_PASSWORD=$(secret redis_password)
export PG_PASSWORD REDIS_PASSWORD

# --- processes: started in order, stopped in reverse --------------------------------
pids=() names=() stop_signals=()
started() { pids+=("$1"); names+=("$2"); stop_signals+=("${3:-TERM}"); }
cleanup() {
  trap - EXIT INT TERM
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -"${stop_signals[i]}" "${pids[i]}" 2> /dev/null || true
    wait "${pids[i]}" 2> /dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for() {  # $1: what, $2: pid, $3: log, then a command that succeeds once it is ready
  local what=$1 pid=$2 log=$3; shift 3
  for _ in $(seq 1 600); do
    "$@" > /dev/null 2>&1 && return 0
    if ! kill -0 "$pid" 2> /dev/null || grep -qs "Could not load model" "$log"; then
      echo "$what failed to start; see $log" >&2
      grep -v Warning "$log" | tail -n 20 >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$what not ready after 300 s; see $log" >&2
  exit 1
}

# PostgreSQL refuses to run as root: as root, its files and processes belong
# to the postgres user that Debian's package creates.
as_pg=()
[[ $(id -u) -eq 0 ]] && as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups)
PGDATA="$STATE/pg"
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  echo "== initialising PostgreSQL in $PGDATA"
  rm -rf "$PGDATA"
  mkdir -p -m 700 "$PGDATA"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$PGDATA"
  if ! "${as_pg[@]}" test -w "$PGDATA"; then
    echo "the postgres user cannot reach $PGDATA; set SCALED_DIR to a folder it can reach" >&2
    exit 1
  fi
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$PGDATA" -E UTF8 --no-locale \
    --auth-local=peer --auth-host=scram-sha-256 > "$STATE/pg-initdb.log"
fi
# Loopback TCP for Rasa (password), a Unix socket in the data folder for set-up (peer).
"${as_pg[@]}" "$PG_BIN/postgres" -D "$PGDATA" -p "$PG_PORT" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories="$PGDATA" >> "$STATE/postgres.log" 2>&1 &
started $! postgres INT  # SIGINT: fast shutdown, not waiting for clients
wait_for PostgreSQL "$!" "$STATE/postgres.log" "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
# Idempotent: the role and database once, the password from the secret every time.
"${as_pg[@]}" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDATA" -p "$PG_PORT" -d postgres > /dev/null <<SQL
SELECT 'CREATE ROLE $PG_USER LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') \gexec
ALTER ROLE $PG_USER PASSWORD '$PG_PASSWORD';
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
SQL

# Redis holds only short-lived conversation locks: nothing to save to disk.
mkdir -p "$STATE/redis"
(umask 077; cat > "$STATE/redis.conf" <<EOF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize no
dir $STATE/redis
save ""
appendonly no
requirepass $REDIS_PASSWORD
EOF
)
redis-server "$STATE/redis.conf" >> "$STATE/redis.log" 2>&1 &
started $! redis
redis_ping() { REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -p "$REDIS_PORT" ping | grep -q PONG; }
wait_for Redis "$!" "$STATE/redis.log" redis_ping

SANIC_HOST=127.0.0.1 .venv/bin/python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" \
  --cors "$WEB_ORIGIN" >> "$STATE/actions.log" 2>&1 &
started $! "action server"
wait_for "action server" "$!" "$STATE/actions.log" curl -fs "http://127.0.0.1:$ACTIONS_PORT/health"

# One copy of the model for both servers, taken under the lock `make train`
# holds, so neither loads a half-written file and both load the same one.
mkdir -p .build
if ! flock -s -n .build/train.lock cp models/current.tar.gz "$STATE/model.tar.gz"; then
  echo "== waiting for the model being trained"
  flock -s .build/train.lock cp models/current.tar.gz "$STATE/model.tar.gz"
fi
# Ready = model loaded: /status answers only then (its token goes on stdin, not in argv).
rasa_ready() { printf 'url = "http://127.0.0.1:%s/status?token=%s"\n' "$1" "$RASA_AUTH_TOKEN" | curl -fs -K -; }

# Both Rasa servers load at once (Rasa tolerates two creating the tables together).
for port in "$RASA_PORT_A" "$RASA_PORT_B"; do
  .venv/bin/rasa run -m "$STATE/model.tar.gz" --endpoints endpoints-scaled.yml \
    --credentials credentials.yml --interface 127.0.0.1 --port "$port" --enable-api \
    --auth-token "$RASA_AUTH_TOKEN" --cors "$WEB_ORIGIN" > "$STATE/rasa-$port.log" 2>&1 &
  started $! "Rasa server on $port"
done
wait_for "Rasa server on $RASA_PORT_A" "${pids[-2]}" "$STATE/rasa-$RASA_PORT_A.log" rasa_ready "$RASA_PORT_A"
wait_for "Rasa server on $RASA_PORT_B" "${pids[-1]}" "$STATE/rasa-$RASA_PORT_B.log" rasa_ready "$RASA_PORT_B"

mkdir -p "$STATE/nginx/tmp"
sed -e "s|@STATE_DIR@|$STATE/nginx|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" \
  -e "s|@RASA_PORT_A@|$RASA_PORT_A|g" -e "s|@RASA_PORT_B@|$RASA_PORT_B|g" \
  deploy/nginx.conf.template > "$STATE/nginx/nginx.conf"
"$NGINX" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$STATE/nginx/error.log" &
started $! nginx QUIT  # SIGQUIT: graceful, lets answers in flight finish
wait_for nginx "$!" "$STATE/nginx/error.log" curl -fs "http://127.0.0.1:$PROXY_PORT/"

echo "Scaled profile ready on http://127.0.0.1:$PROXY_PORT (REST: /webhooks/rest/webhook):"
echo "  nginx -> Rasa 127.0.0.1:$RASA_PORT_A and :$RASA_PORT_B -> actions :$ACTIONS_PORT;"
echo "  PostgreSQL :$PG_PORT, Redis :$REDIS_PORT; data and logs in $STATE; API token in var/auth_token"

# Run until stopped, or until any part dies (then stop the rest).
set +e
wait -n "${pids[@]}"
status=$?
for i in "${!pids[@]}"; do
  kill -0 "${pids[i]}" 2> /dev/null || echo "${names[i]} stopped (exit $status); stopping the rest" >&2
done
exit 1
