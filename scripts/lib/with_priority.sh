#!/usr/bin/env bash
# scripts/lib/with_priority.sh NICE COMMAND...: runs COMMAND in a session of its
# own whose CPU priority is NICE (-20 first .. 19 last), for scripts/test.sh.
#
# Linux (with autogroups, as here: /proc/sys/kernel/sched_autogroup_enabled)
# shares the CPU between sessions first and applies a process's nice value only
# inside its session; a session's own nice value is in /proc/PID/autogroup. So a
# plain `nice` orders only the processes of one session, and the bots the tests
# start (each in a session of its own) took no notice of it. Here COMMAND's
# session and its processes get NICE, and so do the bots it starts
# (tests/botprocess.share_priority). A priority above normal needs root (as CI
# runs); otherwise nice says so and COMMAND runs at normal priority.
set -euo pipefail
priority=$1
shift
exec setsid --wait bash -c '
  echo "$0" > /proc/self/autogroup 2> /dev/null || true
  exec nice -n "$0" "$@"' "$priority" "$@"
