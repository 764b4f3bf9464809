#!/usr/bin/env bash
# Issue 17's load program: a year of one school's comments imported into each given jar in turn, from an empty data
# folder, on this machine, in one run (so "before" and "after" share the machine and its load). For each jar it
# reports start-up to readiness, rows stored per second between checkpoints, resident memory, the lists' p50/p95,
# an optional kill -9 mid-import with the restart check, and the final count (nothing lost, nothing twice).
# Usage (repository root): deploy/scripts/scale-bench.sh POSTS JAR [JAR ...]
#   e.g. deploy/scripts/scale-bench.sh 500000 /tmp/main.jar target/hallmonitor.jar
# Environment: KILL_AT (post count at which to kill -9 mid-import; default: none), FILE_ROWS (default 2000),
# CHECKPOINTS (comma-separated), HEAP (default -Xmx1g), OUT (default target/scale-bench.md). Talks only to 127.0.0.1.
set -euo pipefail
posts=${1:?posts}
shift
[ $# -ge 1 ] || { echo "name at least one jar" >&2; exit 2; }
mvn -B -q -o test-compile
out=${OUT:-target/scale-bench.md}
echo "# scale-bench $(date -u +%FT%TZ) on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out"
for jar in "$@"; do
  java -Xmx256m -cp target/test-classes uk.hallmonitor.ScaleBenchmark jar="$jar" posts="$posts" \
    file="${FILE_ROWS:-2000}" killAt="${KILL_AT:--1}" heap="${HEAP:--Xmx1g}" out="$out" label="$jar" \
    ${CHECKPOINTS:+checkpoints=$CHECKPOINTS}
done
echo "results appended to $out"
