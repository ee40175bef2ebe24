# Sourced by scripts/serve.sh and scripts/serve_scaled.sh: start supervisord with
# the config $1 in the background of this script, and stop it (and so every part
# it runs) when the script ends or gets Ctrl-C / TERM. Sets $supervisor to its pid.
start_supervisord() {
  .venv/bin/supervisord -c "$1" &
  supervisor=$!
  trap 'stop_supervisord; exit 130' INT
  trap 'stop_supervisord; exit 143' TERM
  trap stop_supervisord EXIT
}

stop_supervisord() {
  trap - INT TERM EXIT
  kill -TERM "$supervisor" 2> /dev/null || true
  wait "$supervisor" 2> /dev/null || true
}
