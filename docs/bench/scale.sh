#!/bin/sh
# How generating grows with the number of specs: 1, 10, 50 and 200 connectors (copies of the
# deployment-custom-selector example, each on a gateway of its own) rendered by one command-line call
# (the runnable jar, into a fresh folder) and by one Maven build of a project whose specDirectory
# holds them (the plugin, RENDER as after an edit: no up-to-date record). ROUNDS fresh runs each
# (median), and the peak resident memory of the last command-line run. The baseline in the same run is
# the same build without the plugin, and the command line's `--version` (a JVM and picocli alone).
# The smallest heap each command-line run fits in shows whether memory stays flat.
# Needs the first README command. Usage: docs/bench/scale.sh [ROUNDS]
set -eu
rounds=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$(ls "$root"/cli/target/meshmirror-cli-*-all.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

specs() { # specs N FOLDER: N connectors, each on a gateway of its own
  mkdir -p "$2"
  i=1
  while [ "$i" -le "$1" ]; do
    sed -e "s/^  name: edge-mirror$/  name: c$i/" -e "s/edge-gateway/gateway-$i/g" \
      "$root/examples/deployment-custom-selector/connector.yaml" > "$2/c$i.yaml"
    i=$((i + 1))
  done
}

project() { # project FOLDER SPECS WITH_PLUGIN: examples/maven-project reading SPECS (or no plugin)
  cp -r "$root/examples/maven-project" "$1"
  sed -i "s#<relativePath>[^<]*</relativePath>#<relativePath>$root/pom.xml</relativePath>#" "$1/pom.xml"
  if [ "$3" = yes ]; then
    mkdir -p "$1/src/main/meshmirror"
    cp "$2"/*.yaml "$1/src/main/meshmirror/"
    sed -i "s#<spec>[^<]*</spec>##" "$1/pom.xml"
  else
    python3 - "$1/pom.xml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r"<plugin>\s*<groupId>dev\.meshmirror</groupId>.*?</plugin>", "", s, flags=re.S)
open(p, "w").write(s)
PY
  fi
}

build() { # wall ms of one offline build, rendering every spec
  rm -rf "$1/target/meshmirror"
  start=$(date +%s%N)
  mvn -B -o -q -f "$1/pom.xml" process-resources >/dev/null 2>&1
  ms "$start"
}

project "$work/without" "" no
build "$work/without" >/dev/null
version="" without=""
i=0
while [ "$i" -lt "$rounds" ]; do
  start=$(date +%s%N); java -jar "$jar" --version >/dev/null; version="$version $(ms "$start")"
  without="$without $(build "$work/without")"
  i=$((i + 1))
done
echo "baselines: --version $(echo $version | median) ms; the build without the plugin $(echo $without | median) ms"
# The smallest heap (-Xmx, in MB) the command line generates N specs in: what it keeps alive, which
# peak RSS hides (the JVM grows its heap with the allocation rate, not with live data).
smallest_heap() { # smallest_heap N
  low=4 high=64
  while [ $((high - low)) -gt 1 ]; do
    mid=$(((low + high) / 2))
    rm -rf "$work/out"
    if java -Xmx${mid}m -XX:+UseSerialGC -jar "$jar" generate -q --output-dir "$work/out" \
      "$work/specs-$1"/*.yaml >/dev/null 2>&1; then high=$mid; else low=$mid; fi
  done
  echo "$high"
}
echo "specs | command line | peak RSS | smallest heap | plugin build"
for n in 1 10 50 200; do
  specs "$n" "$work/specs-$n"
  project "$work/with-$n" "$work/specs-$n" yes
  build "$work/with-$n" >/dev/null
  cli="" plugin="" i=0
  while [ "$i" -lt "$rounds" ]; do
    rm -rf "$work/out"
    start=$(date +%s%N)
    /usr/bin/time -f %M -o "$work/rss" java -jar "$jar" generate -q --output-dir "$work/out" "$work/specs-$n"/*.yaml
    cli="$cli $(ms "$start")"
    plugin="$plugin $(build "$work/with-$n")"
    i=$((i + 1))
  done
  echo "$n | $(echo $cli | median) ms | $(( $(cat "$work/rss") / 1024 )) MB | $(smallest_heap "$n") MB |" \
    "$(echo $plugin | median) ms"
done
