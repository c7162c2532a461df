#!/usr/bin/env bash
# The PNG charts of docs/benchmarks.md, from the CSV files the benchmark scripts write: each chart is drawn from the
# last run of its script that left its figures behind, and a chart whose figures are missing is skipped with a line
# saying which script makes them.
#   request-throughput.sh  docs/images/request-throughput.png (requests per second by server) and
#                          docs/images/request-latency.png (p50 and p99)
#   fanout-throughput.sh   docs/images/fanout-throughput.png (MB/s of the kernel and of 8 and 32 chunks over HTTP)
#   startup.sh             docs/images/startup.png (ms to the first answer by function and JVM)
#
#   bench/charts.sh [dir]   (dir: where the scripts wrote their CSV files, default bench/target)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dir=${1:-$root/bench/target}
out=docs/images
jar=bench/target/benchmarks.jar
[[ -f $jar ]] || ./mvnw -B -q -pl bench -am package -DskipTests
mkdir -p "$out"
chart() { java -Djava.awt.headless=true -cp "$jar" dev.cumulus.bench.Charts "$@"; }
have() { # csv script
    [[ -f $1 ]] && return 0
    echo "skipped: no $1 (run bench/$2 first)"
    return 1
}

if have "$dir/request-throughput.csv" request-throughput.sh; then
    chart "$out/request-throughput.png" "POST /sum-chunk with 100 values (wrk -t2 -c32, 2 cores): requests per second" \
        "requests per second" "$dir/request-throughput.csv" server - requests_per_second
    chart "$out/request-latency.png" "POST /sum-chunk with 100 values: latency percentiles under the same load" \
        "milliseconds" "$dir/request-throughput.csv" server - p50_ms,p99_ms
fi
if have "$dir/fanout-throughput.csv" fanout-throughput.sh; then
    chart "$out/fanout-throughput.png" "Summing one object over HTTP on loopback: the kernel in one process against aggregate -> sum-chunk" \
        "MB/s" "$dir/fanout-throughput.csv" run - mb_per_s
fi
if have target/startup-bench/startup.csv startup.sh; then
    chart "$out/startup.png" "Cold start: ms from process start to the first answer (medians)" "milliseconds" \
        target/startup-bench/startup.csv function row first_answer_ms
fi
