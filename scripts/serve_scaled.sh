#!/usr/bin/env bash
# The scale-out profile on one machine (docs/scaling.md): a PostgreSQL tracker
# store, a Redis lock store, one action server, two Rasa servers on the same
# model, nginx balancing round-robin between them on one port, and the staff
# console reading the PostgreSQL store. All in the
# foreground under supervisord (deploy/supervisord-scaled.conf), which restarts a
# part that dies; Ctrl-C or SIGTERM stops everything started here. Data, logs,
# generated configs and secrets live in $SCALED_DIR (var/scaled); a second run
# reuses the database. Installs Debian's nginx and redis-server (and
# postgresql) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/environment.sh
# Output sent to a file is appended to, so supervisord's lines and ours never overwrite each other.
[[ -f /dev/stdout ]] && exec >> /dev/stdout
[[ -f /dev/stderr ]] && exec 2>> /dev/stderr

PROXY_PORT=${SCALED_PORT:-5400}           # nginx: the one port visitors use
RASA_PORT_A=${SCALED_RASA_PORT_A:-5401}
RASA_PORT_B=${SCALED_RASA_PORT_B:-5402}
ACTIONS_PORT=${SCALED_ACTIONS_PORT:-5451}
PG_PORT=${SCALED_PG_PORT:-5461}
REDIS_PORT=${SCALED_REDIS_PORT:-5471}
STAFF_PORT=${SCALED_STAFF_PORT:-${STAFF_PORT:-8001}}   # the staff console, over PostgreSQL
WEB_ORIGIN=${WEB_ORIGIN:-http://127.0.0.1:${WEB_PORT:-8000}}
METRICS_PORT=${SCALED_METRICS_PORT:-${METRICS_PORT:-9105}}   # Prometheus metrics, loopback (issue 27)
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

for port in "$PROXY_PORT" "$RASA_PORT_A" "$RASA_PORT_B" "$ACTIONS_PORT" "$PG_PORT" "$REDIS_PORT" "$STAFF_PORT" "$METRICS_PORT"; do
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

# --- processes: under supervisord (deploy/supervisord-scaled.conf) -----------------
export SUPERVISOR_USER=$(id -un) STATE RASA_PORT_A RASA_PORT_B ACTIONS_PORT WEB_ORIGIN PG_BIN NGINX STAFF_PORT
# Issue 27: the Rasa servers' chat limit counts the address nginx forwards (X-Real-IP);
# every process counts its metrics into one folder, emptied here, summed by the metrics part.
export TRUST_FORWARDED=1 METRICS_PORT PROMETHEUS_MULTIPROC_DIR="$STATE/metrics"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
export STAFF_DB=${STAFF_DB:-var/staff.db}  # the console's accounts and audit log: the same as make run's
export PGDATA="$STATE/pg"
export SUPERVISOR_SOCKET="$STATE/supervisor.sock"
# A Unix socket path has room for about 100 bytes.
(( ${#SUPERVISOR_SOCKET} < 100 )) || SUPERVISOR_SOCKET="${TMPDIR:-/tmp}/probation-supervisor-$(id -u)-$PROXY_PORT.sock"
export SUPERVISOR_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
(umask 077; printf '[supervisorctl]\nserverurl=unix://%s\nusername=supervisor\npassword=%s\n' \
  "$SUPERVISOR_SOCKET" "$SUPERVISOR_PASSWORD" > "$STATE/supervisorctl.conf")
supervisorctl() { .venv/bin/supervisorctl -c "$STATE/supervisorctl.conf" "$@"; }

# PostgreSQL refuses to run as root: as root, its files and processes belong
# to the postgres user that Debian's package creates (scripts/lib/part.sh).
as_pg=()
[[ $(id -u) -eq 0 ]] && as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups)
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  echo "== initialising PostgreSQL in $PGDATA (about 5 s)"
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

mkdir -p "$STATE/nginx/tmp"
sed -e "s|@STATE_DIR@|$STATE/nginx|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" \
  -e "s|@RASA_PORT_A@|$RASA_PORT_A|g" -e "s|@RASA_PORT_B@|$RASA_PORT_B|g" \
  deploy/nginx.conf.template | .venv/bin/python -m bot.service.settings nginx > "$STATE/nginx/nginx.conf"  # + the chat limit (issue 27)

# One copy of the model for both servers, taken under the lock `make train`
# holds, so neither loads a half-written file and both load the same one.
mkdir -p .build
if ! flock -s -n .build/train.lock cp models/current.tar.gz "$STATE/model.tar.gz"; then
  echo "== waiting for the model being trained"
  flock -s .build/train.lock cp models/current.tar.gz "$STATE/model.tar.gz"
fi

echo "== starting PostgreSQL, Redis, the action server, two Rasa servers and nginx under supervisord (about 40-60 s)"
source scripts/lib/supervise.sh
start_supervisord deploy/supervisord-scaled.conf

wait_for() {  # $1: what, $2: its log, then a command that succeeds once it is ready
  local what=$1 log=$2 i; shift 2
  for i in $(seq 1 600); do
    "$@" > /dev/null 2>&1 && return 0
    if ! kill -0 "$supervisor" 2> /dev/null || grep -qs "Could not load model" "$log" ||
       { (( i % 10 == 0 )) && supervisorctl status 2> /dev/null | grep -q FATAL; }; then
      echo "$what failed to start; see $log" >&2
      grep -v Warning "$log" | tail -n 20 >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$what not ready after 300 s; see $log" >&2
  exit 1
}

wait_for PostgreSQL "$STATE/postgres.log" "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
# Idempotent: the role and database once, the password from the secret every time.
"${as_pg[@]}" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDATA" -p "$PG_PORT" -d postgres > /dev/null <<SQL
SELECT 'CREATE ROLE $PG_USER LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') \gexec
ALTER ROLE $PG_USER PASSWORD '$PG_PASSWORD';
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
SQL
redis_ping() { REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -p "$REDIS_PORT" ping | grep -q PONG; }
wait_for Redis "$STATE/redis.log" redis_ping
wait_for "the action server" "$STATE/actions.log" curl -fs "http://127.0.0.1:$ACTIONS_PORT/health"

# Both Rasa servers load at once (Rasa tolerates two creating the tables together).
# Ready = model loaded: /status answers only then (its token goes on stdin, not in argv).
supervisorctl start rasa_a rasa_b > /dev/null
rasa_ready() { printf 'url = "http://127.0.0.1:%s/status?token=%s"\n' "$1" "$RASA_AUTH_TOKEN" | curl -fs -K -; }
wait_for "Rasa server on $RASA_PORT_A" "$STATE/rasa-$RASA_PORT_A.log" rasa_ready "$RASA_PORT_A"
wait_for "Rasa server on $RASA_PORT_B" "$STATE/rasa-$RASA_PORT_B.log" rasa_ready "$RASA_PORT_B"

supervisorctl start nginx > /dev/null
wait_for nginx "$STATE/nginx/error.log" curl -fs "http://127.0.0.1:$PROXY_PORT/"
supervisorctl start staff > /dev/null
wait_for "the staff console" "$STATE/staff.log" curl -fs "http://127.0.0.1:$STAFF_PORT/login"
supervisorctl start retention > /dev/null  # once the database is set up
wait_for "the metrics part" "$STATE/metrics.log" curl -fs "http://127.0.0.1:$METRICS_PORT/metrics"

echo "Scaled profile ready on http://127.0.0.1:$PROXY_PORT (REST: /webhooks/rest/webhook):"
echo "  nginx -> Rasa 127.0.0.1:$RASA_PORT_A and :$RASA_PORT_B -> actions :$ACTIONS_PORT;"
echo "  PostgreSQL :$PG_PORT, Redis :$REDIS_PORT; data and logs in $STATE; API token in var/auth_token"
echo "  Staff console: http://127.0.0.1:$STAFF_PORT/ (over PostgreSQL; accounts: make staff-user)"
echo "  Metrics: http://127.0.0.1:$METRICS_PORT/metrics; conversations idle over ${RETENTION_DAYS:-90} days deleted daily"
echo "  supervisord restarts a part that dies (logged in $STATE/supervisord.log); Ctrl-C stops everything."
wait "$supervisor"
