#!/bin/sh
# The command line's cold start for one spec: a fresh JVM validating and rendering the quickstart to
# standard output, ROUNDS times (after one warm-up of the file cache), median wall time. Needs the
# first README command (the CLI jar). Usage: docs/bench/cli-cold-start.sh [ROUNDS]
set -eu
rounds=${1:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$(ls "$root"/cli/target/meshmirror-cli-*-all.jar)
spec="$root/examples/quickstart/connector.yaml"
java -jar "$jar" generate "$spec" --stdout >/dev/null
times=""
i=0
while [ "$i" -lt "$rounds" ]; do
  start=$(date +%s%N)
  java ${JAVA_OPTS:-} -jar "$jar" generate "$spec" --stdout >/dev/null
  times="$times $(( ($(date +%s%N) - start) / 1000000 ))"
  i=$((i + 1))
done
median=$(echo $times | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}')
echo "rounds: $rounds; median cold start, one spec to stdout: ${median} ms (JAVA_OPTS='${JAVA_OPTS:-}')"
