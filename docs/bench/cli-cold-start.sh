#!/bin/sh
# The command line's cold start for one spec: a fresh JVM validating and rendering the quickstart to
# standard output, ROUNDS times (after one warm-up), median wall time, with `java -version` measured in
# the same run as the baseline. LAUNCHER=1 runs the distribution's bin/meshmirror (its first run,
# which records the AppCDS archive, is timed apart) instead of java -jar. Needs the first README
# command. Usage: [LAUNCHER=1] docs/bench/cli-cold-start.sh [ROUNDS]
set -eu
rounds=${1:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
spec="$root/examples/quickstart/connector.yaml"
if [ "${LAUNCHER:-}" = 1 ]; then
  dist=$(mktemp -d)
  trap 'rm -rf "$dist"' EXIT
  tar xzf "$root"/cli/target/meshmirror-cli-*-dist.tar.gz -C "$dist"
  export MESHMIRROR_CACHE="$dist/cache"
  set -- "$dist"/meshmirror-*/bin/meshmirror
  start=$(date +%s%N)
  "$@" generate "$spec" -o yaml -q >/dev/null
  echo "first run (records the archive): $(( ($(date +%s%N) - start) / 1000000 )) ms"
else
  set -- java ${JAVA_OPTS:-} -jar "$(ls "$root"/cli/target/meshmirror-cli-*-all.jar)"
  "$@" generate "$spec" -o yaml -q >/dev/null
fi
median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
times="" baseline="" i=0
while [ "$i" -lt "$rounds" ]; do
  start=$(date +%s%N)
  "$@" generate "$spec" -o yaml -q >/dev/null
  times="$times $(( ($(date +%s%N) - start) / 1000000 ))"
  start=$(date +%s%N)
  java -version 2>/dev/null
  baseline="$baseline $(( ($(date +%s%N) - start) / 1000000 ))"
  i=$((i + 1))
done
run=$(echo $times | median)
base=$(echo $baseline | median)
if [ "${LAUNCHER:-}" = 1 ]; then how="bin/meshmirror"; else how="java ${JAVA_OPTS:-}-jar"; fi
echo "rounds: $rounds; median cold start, one spec to stdout: ${run} ms; java -version: ${base} ms;" \
  "ratio $(awk "BEGIN {printf \"%.1f\", $run / $base}") ($how)"
