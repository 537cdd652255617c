#!/bin/sh
# booty's supervisor, installed by booty's ssh hosting on hosts without systemd. It keeps one
# command running: it restarts the command a second after it exits, appends the command's output
# to a log file, and keeps its own PID in a pidfile.
#
#   booty-supervise PIDFILE LOGFILE -- COMMAND [ARGS...]
#
# booty starts it with setsid, so it leads its own process group: booty stops it by sending TERM
# to that whole group (kill -s TERM -- -PID), which ends the command with it.
set -u
pidfile=$1
log=$2
shift 3
echo $$ > "$pidfile"
stopping=0
child=
trap 'stopping=1; [ -n "$child" ] && kill -s TERM "$child" 2>/dev/null' TERM INT HUP
while [ "$stopping" = 0 ]; do
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) booty-supervise: starting $*" >> "$log"
  "$@" >> "$log" 2>&1 < /dev/null &
  child=$!
  status=0
  wait "$child" || status=$?
  # a trap interrupts wait: wait again until the command has really ended
  while kill -0 "$child" 2>/dev/null; do
    wait "$child" || status=$?
  done
  [ "$stopping" = 0 ] || break
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) booty-supervise: exited with $status, restarting in 1 s" >> "$log"
  sleep 1
done
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) booty-supervise: stopped" >> "$log"
rm -f "$pidfile"
