#!/usr/bin/env bash
# Throughput of the record formats next to plain lines, on the same numbers: one number per line, a CSV column
# (header, four columns, quoted fields with the delimiter and doubled quotes) and a JSON Lines field
# (`order.total`), each summed on one thread by the kernel sum-chunk runs for that format. Prints each pass, the best
# of each format in MB/s and in values/s, and each format's values/s as a ratio of lines' in the same run. Exits
# non-zero when the formats do not give the identical sum.
#
#   bench/format-throughput.sh [dir]
#
# Environment:
#   FORMAT_BENCH_VALUES  values in each file (default 10000000: about 170 MB of lines, 330 MB of CSV, 680 MB of JSONL)
#   FORMAT_BENCH_RUNS    timed passes of each format (default 5, after 3 warm-ups)
#   FORMAT_BENCH_BUILD   1: rebuild the jar even if it exists
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/bench/target/benchmarks.jar
dir=${1:-$root/bench/target}
values=${FORMAT_BENCH_VALUES:-10000000}
runs=${FORMAT_BENCH_RUNS:-5}

if [[ ! -f $jar || ${FORMAT_BENCH_BUILD:-0} == 1 ]]; then
    printf '\n== building %s\n' "$jar"
    (cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests)
fi
printf '\n== machine\n'
echo "  cpu:  $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "  java: $(java -version 2>&1 | head -n 1)"

printf '\n== %s values as lines, CSV and JSON Lines: 3 warm-ups, best of %s\n' "$values" "$runs"
out=$(java -cp "$jar" dev.cumulus.bench.FormatThroughput "$dir" "$values" "$runs" 3)
get() { sed -n "s/^$1=//p" <<<"$out"; }

printf '\n== results (sum %s over %s values, identical in every format)\n' "$(get sum)" "$(get count)"
printf '  %-6s %12s %10s %14s %10s\n' format bytes MB/s values/s "vs lines"
lines_rate=$(get lines_values_per_s)
for f in lines csv jsonl; do
    rate=$(get "${f}_values_per_s")
    printf '  %-6s %12s %10s %14s %9sx\n' "$f" "$(get "${f}_bytes")" "$(get "${f}_mb_per_s")" "$rate" \
        "$(awk -v a="$rate" -v b="$lines_rate" 'BEGIN { printf "%.2f", a / b }')"
done
