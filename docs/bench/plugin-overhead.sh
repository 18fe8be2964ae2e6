#!/bin/sh
# What the meshmirror Maven plugin adds to a one-spec build: the same project built with and without
# the plugin, alternately, ROUNDS times each (after one warm-up each), offline, in one run of this
# script. Prints the median wall time of each and their difference. Needs the first README command
# (the plugin installed in the local repository). Usage: docs/bench/plugin-overhead.sh [ROUNDS]
# RENDER=1 removes the plugin's up-to-date record before each build, so every build validates and
# renders (as after an edit of the spec); by default the builds after the first are up to date.
set -eu
rounds=${1:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/maven-project" "$work/with"
cp -r "$root/examples/maven-project" "$work/without"
mkdir -p "$work/with/src/main/meshmirror"
cp "$root/examples/quickstart/connector.yaml" "$work/with/src/main/meshmirror/connector.yaml"
# The example renders the quickstart through <spec>; point it at its own copy, and drop the plugin
# from the other project.
sed -i "s#<spec>[^<]*</spec>##" "$work/with/pom.xml"
python3 - "$work/without/pom.xml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r"<plugin>\s*<groupId>dev\.meshmirror</groupId>.*?</plugin>", "", s, flags=re.S)
open(p, "w").write(s)
PY
sed -i "s#<relativePath>[^<]*</relativePath>#<relativePath>$root/pom.xml</relativePath>#" "$work/with/pom.xml" "$work/without/pom.xml"

build() { # prints the wall time of one build in milliseconds
  if [ "${RENDER:-0}" = 1 ]; then rm -f "$1/target/meshmirror/.meshmirror-inputs"; fi
  start=$(date +%s%N)
  mvn -B -o -q -f "$1/pom.xml" ${MVN_ARGS:-} process-resources >/dev/null 2>&1
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

build "$work/with" >/dev/null; build "$work/without" >/dev/null
: > "$work/with.ms"; : > "$work/without.ms"
i=0
while [ "$i" -lt "$rounds" ]; do
  build "$work/with" >> "$work/with.ms"
  build "$work/without" >> "$work/without.ms"
  i=$((i + 1))
done
with=$(median < "$work/with.ms"); without=$(median < "$work/without.ms")
echo "rounds: $rounds; RENDER=${RENDER:-0}; median wall: with the plugin ${with} ms, without ${without} ms; the plugin adds $((with - without)) ms"
