#!/usr/bin/env bash
# Measures what a kill -9 of the service loses with the embedded store: writes schools one after another, kills the
# JVM with SIGKILL mid-stream, restarts on the same data folder, and compares the answered writes with what is there.
# Usage: deploy/scripts/kill9-durability.sh [rounds] [seconds-before-kill]   (run from the repository root, after
# `mvn -B -q package -DskipTests`). Talks only to 127.0.0.1. START_WAIT_S (default 120) is how long a start may take.
set -euo pipefail
rounds=${1:-3}
wait_s=${2:-8}
port=18181
jar=target/hallmonitor.jar
pass=durability-pass-1
data=$(mktemp -d)
log=$(mktemp)
answered=$(mktemp)

start() {
  HALLMONITOR_DATA_DIR="$data" HALLMONITOR_ADMIN_PASSWORD=$pass PORT=$port java -jar "$jar" >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 $(( ${START_WAIT_S:-120} * 2 ))); do
    curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "service did not start; see $log" >&2; exit 1
}

total_answered=0; total_lost=0
for round in $(seq 1 "$rounds"); do
  start
  : >"$answered"
  ( i=0; while true; do
      i=$((i+1))
      code=$(curl -s -o /dev/null -w '%{http_code}' -u admin:$pass -H 'Content-Type: application/json' \
        -d "{\"name\":\"round$round-$i\"}" "http://127.0.0.1:$port/api/v1/schools" || true)
      [ "$code" = "201" ] && echo "round$round-$i" >>"$answered"
    done ) &
  writer=$!
  sleep "$wait_s"
  kill -9 "$pid"
  kill "$writer" 2>/dev/null || true; wait "$writer" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  start
  present=$(curl -fs -u admin:$pass "http://127.0.0.1:$port/api/v1/schools" | grep -o "\"name\":\"round$round-[0-9]*\"" | sed 's/"name":"//;s/"//' | sort)
  n=$(wc -l <"$answered")
  lost=$(comm -23 <(sort "$answered") <(echo "$present") | grep -c . || true)
  echo "round $round: $n writes answered 201 before kill -9, $lost of them missing after restart"
  total_answered=$((total_answered+n)); total_lost=$((total_lost+lost))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
echo "total: $total_answered answered writes, $total_lost lost"
rm -rf "$data" "$answered"
