#!/bin/sh
# Instructions per transaction of the bundled Lua connector, the floor filter and an empty filter,
# counted by valgrind's callgrind in the Debian luajit running the same scripts as LuaBenchmark.
# Each count is the difference between N and 0 transactions, so that start-up cancels out, and the
# median of ROUNDS such counts: LuaJIT hashes and places by address, so counts of one script move by
# about 4 % from run to run.
# Needs: valgrind, luajit (apt-get install valgrind luajit), and the project built
# (mvn -B -q install -DskipTests -Dinvoker.skip=true). Run from the repository's root.
set -eu
N=${N:-4000}
ROUNDS=${ROUNDS:-3}
DIR=$(mktemp -d)
mvn -B -q -pl generator-core exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.meshmirror.lua.LuaBenchmark -Dexport="$DIR" >/dev/null
cat > "$DIR/run.lua" <<'LUA'
local dir, filter, n, jit_on = arg[1], arg[2], tonumber(arg[3]), arg[4] ~= "off"
if not jit_on then jit.off() end
dofile(dir .. "/emulator.lua")
dofile(dir .. "/" .. filter .. ".lua")
dofile(dir .. "/stream.lua")
math.randomseed(20261126)
for i = 1, n do
  emulator.run(bench_stream)
  if i % 1000 == 0 then emulator.reset() end
end
LUA
count() { # filter transactions jit
  valgrind --tool=callgrind --callgrind-out-file=/dev/null luajit "$DIR/run.lua" "$DIR" "$1" "$2" "$3" 2>&1 \
    | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
for filter in empty floor connector; do
  for jit in on off; do
    base=$(count "$filter" 0 "$jit")
    counts="" i=0
    while [ "$i" -lt "$ROUNDS" ]; do
      counts="$counts $(( ($(count "$filter" "$N" "$jit") - base) / N ))"
      i=$((i + 1))
    done
    median=$(echo $counts | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
    echo "$filter (JIT $jit): $median instructions per transaction (median of$counts)"
  done
done
rm -rf "$DIR"
