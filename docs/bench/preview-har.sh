#!/usr/bin/env bash
# The preview on a large HAR: ENTRIES entries (default 10000) of the bundled traffic, repeated, through
# the quickstart's Lua connector (and an ext-proc spec), in one CLI call; the baseline in the same run
# is `generate` of the same spec (the CLI's start and render). Prints wall times (median of ROUNDS) and
# the per-entry cost. Usage: docs/bench/preview-har.sh [ENTRIES] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
entries=${1:-10000}
rounds=${2:-3}
jar=$(ls cli/target/meshmirror-cli-*-all.jar)
har=$(mktemp --suffix .har)
trap 'rm -f "$har"' EXIT
python3 - "$entries" "$har" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
base = json.load(open("examples/traffic/traffic.har"))["log"]["entries"]
entries = [base[i % len(base)] for i in range(n)]
json.dump({"log": {"version": "1.2", "creator": {"name": "bench", "version": "1"}, "entries": entries}}, open(out, "w"))
PY
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
for spec in examples/quickstart/connector.yaml examples/deployment-custom-selector/connector.yaml; do
  base=$(for _ in $(seq "$rounds"); do time_of java -jar "$jar" generate "$spec" -o yaml -q; done | median)
  run=$(for _ in $(seq "$rounds"); do time_of java -jar "$jar" preview "$spec" --har "$har" --seed 1 -q; done | median)
  echo "$spec: $entries entries ($(du -h "$har" | cut -f1) HAR) previewed in $run ms; generate alone $base ms; $(( (run - base) * 1000 / entries )) us per entry"
done
