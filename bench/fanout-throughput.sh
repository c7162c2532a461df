#!/usr/bin/env bash
# The cost of fanning out: one object of about 300 MB of integers, served over HTTP on loopback, summed
#   (a) in one process by the kernel on 2 threads (two Range reads, no function call in between), and
#   (b) by the packaged `aggregate` fanning out to one packaged `sum-chunk` process over HTTP, in 8 and in 32 chunks;
# then the orchestration overhead per chunk (a job of 1,000 one-value chunks), one straggler (the first read of
# one range waits 5 s) with hedging on, and (c) the same object in 8 MB chunks run in memory (POST /aggregate) and
# submitted (POST /jobs, the job ledger on PostgreSQL in a fresh schema, dropped after; its time is the job's
# elapsedMs). Prints every run and the figures, checks the targets, exits non-zero when a target or a sum check fails.
#
#   bench/fanout-throughput.sh [dir]
#
# Targets: (b) at least 60% of (a)'s throughput; overhead under 2 ms per chunk; the straggled job under 1.5x the
# job without it; (c) the submitted job at least 0.80x the throughput of the one in memory.
#
# Environment:
#   FANOUT_BENCH_LINES   lines in the file (default 17500000, about 300 MB)
#   FANOUT_BENCH_RUNS    timed runs of each measurement, best kept (default 5, after 2 warm-ups)
#   FANOUT_BENCH_CONCURRENCY  maxConcurrency of the summing jobs (default: none sent, so aggregate's own default,
#                        cumulus.aggregate.max-concurrency = 32, applies, as for a caller who does not tune it)
#   FANOUT_BENCH_BUILD   1: rebuild the jars even if they exist
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jar=bench/target/benchmarks.jar
dir=${1:-$root/bench/target}
lines=${FANOUT_BENCH_LINES:-17500000}
runs=${FANOUT_BENCH_RUNS:-5}
concurrency=${FANOUT_BENCH_CONCURRENCY:-}
concurrency_field=${concurrency:+,\"maxConcurrency\":$concurrency}
warmups=2
file=$dir/fanout-$lines.txt
name=$(basename "$file")
server_port=8189 sum_chunk_port=8191 aggregate_port=8190
logs=$root/target/fanout-bench
pids=()
# the job ledger of the submitted jobs: a fresh schema on the local PostgreSQL, dropped on exit
schema=fanout_bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
psql_args=(-h 127.0.0.1 -U postgres -d test -qAt)
export PGOPTIONS='-c client_min_messages=warning'

step() { printf '\n== %s\n' "$*"; }
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pids=()
    psql "${psql_args[@]}" -c "drop schema if exists $schema cascade" || true
}
trap stop_all EXIT
wait_ready() { # url label
    local deadline=$((SECONDS + 60))
    until curl -sf -o /dev/null "$1"; do
        ((SECONDS < deadline)) || { echo "$2 did not answer $1 within 60 s; see $logs" >&2; exit 1; }
        sleep 0.2
    done
}
start_server() { # extra args
    java -cp "$jar" dev.cumulus.bench.RangeServer "$dir" "$server_port" "$@" >"$logs/range-server.log" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    wait_ready "http://127.0.0.1:$server_port/$name" "the range server"
}
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval("d"+sys.argv[1]))' "$1"; }
# aggregate <json>: posts a job, sets job_json and job_seconds (wall time seen by the caller)
aggregate() {
    local out
    out=$(curl -sS -w '\n%{http_code} %{time_total}' -H 'Content-Type: application/json' -d "$1" \
        "http://127.0.0.1:$aggregate_port/aggregate")
    job_json=$(head -n -1 <<<"$out")
    read -r status job_seconds <<<"$(tail -n 1 <<<"$out")"
    if [[ $status != 200 ]]; then
        echo "aggregate answered $status: $job_json" >&2
        exit 1
    fi
}
best_job() { # label json
    local i best=
    for ((i = 1; i <= warmups + runs; i++)); do
        aggregate "$2"
        local kind=run n=$((i - warmups))
        ((i <= warmups)) && kind=warm-up n=$i
        printf '  %s, %s %d: %s s (hedges %s, retries %s)\n' "$1" "$kind" "$n" "$job_seconds" \
            "$(field "['chunks']['hedges']" <<<"$job_json")" "$(field "['chunks']['retries']" <<<"$job_json")"
        if ((i > warmups)); then
            if [[ -z $best ]] || awk -v a="$job_seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
                best=$job_seconds
            fi
        fi
    done
    best_seconds=$best
}
# durable_job <json> <id>: POST /jobs, then GET /jobs/{id} once a second until it ends; sets job_json and job_seconds
# (the job's elapsedMs, so how often it asks does not change the figure; asking more often would take CPU from the
# summing, on two cores, that the in-memory run does not lose: each ask forks curl and grep)
durable_job() {
    local out state deadline=$((SECONDS + 300))
    out=$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' -d "${1%\}},\"jobId\":\"$2\"}" \
        "http://127.0.0.1:$aggregate_port/jobs")
    [[ $(tail -n 1 <<<"$out") == 202 ]] || { echo "POST /jobs answered: $(head -c 500 <<<"$out")" >&2; exit 1; }
    while true; do
        job_json=$(curl -sS "http://127.0.0.1:$aggregate_port/jobs/$2")
        state=$(grep -o '"state":"[A-Z]*"' <<<"$job_json" | cut -d'"' -f4)
        [[ $state == PENDING || $state == RUNNING ]] || break
        ((SECONDS < deadline)) || { echo "job $2 still $state after 300 s" >&2; exit 1; }
        sleep 1
    done
    [[ $state == SUCCEEDED ]] || { echo "job $2 ended $state: $(head -c 500 <<<"$job_json")" >&2; exit 1; }
    job_seconds=$(awk -v ms="$(field "['elapsedMs']" <<<"$job_json")" 'BEGIN { printf "%.3f", ms / 1000 }')
}
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
verdict() { awk -v r="$1" -v op="$2" -v t="$3" 'BEGIN { ok = op == ">=" ? r >= t : r < t; print ok ? "PASS" : "FAIL" }'; }

mkdir -p "$dir" "$logs"
if [[ ! -f $jar || ! -f functions/aggregate/target/quarkus-app/quarkus-run.jar || ${FANOUT_BENCH_BUILD:-0} == 1 ]]; then
    step "building the benchmarks, sum-chunk and aggregate"
    ./mvnw -B -q -pl bench,functions/sum-chunk,functions/aggregate -am package -DskipTests
fi
if [[ ! -f $file ]]; then
    step "generating $file ($lines lines)"
    java -cp "$jar" dev.cumulus.bench.GenerateLines "$file" "$lines" values
fi
size=$(stat -c %s "$file")
url=http://127.0.0.1:$server_port/$name

step "machine"
echo "  cpu:  $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "  java: $(java -version 2>&1 | head -n 1)"
echo "  file: $file, $size bytes, served at $url"
cat "$file" >/dev/null

step "starting the range server, sum-chunk on :$sum_chunk_port and aggregate on :$aggregate_port (logs in $logs)"
start_server
java -Dquarkus.profile=local -Dquarkus.http.port=$sum_chunk_port \
    -jar functions/sum-chunk/target/quarkus-app/quarkus-run.jar >"$logs/sum-chunk.log" 2>&1 &
pids+=("$!")
# min-chunk-size=1: the per-chunk overhead is measured on one-value chunks, finer than a request may ask by default;
# the job ledger on PostgreSQL, as in production (Flyway makes the schema at start); calls without a token, as one
# owner (what is measured is the fan-out, not the check of a token)
java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$aggregate_port -Dcumulus.aggregate.min-chunk-size=1 \
    -Dcumulus.sources.allowed-hosts=127.0.0.1,localhost -Dcumulus.aggregate.auth.allow-anonymous=true \
    -Dcumulus.aggregate.invoker=http -Dcumulus.aggregate.sum-chunk-url=http://127.0.0.1:$sum_chunk_port \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" \
    -Dquarkus.datasource.username=postgres -Dquarkus.flyway.schemas="$schema" \
    -jar functions/aggregate/target/quarkus-app/quarkus-run.jar >"$logs/aggregate.log" 2>&1 &
pids+=("$!")
wait_ready "http://127.0.0.1:$sum_chunk_port/q/health/ready" sum-chunk
wait_ready "http://127.0.0.1:$aggregate_port/q/health/ready" aggregate

step "(a) in-process kernel, 2 threads, over HTTP: $warmups warm-ups, best of $runs"
kernel_out=$(java -cp "$jar" dev.cumulus.bench.HttpKernelThroughput "$url" "$size" 2 "$runs" "$warmups")
kernel_sum=$(sed -n 's/^sum=//p' <<<"$kernel_out")
kernel_seconds=$(sed -n 's/^best_seconds=//p' <<<"$kernel_out")
echo "  sum $kernel_sum, best $kernel_seconds s"

failed=0
declare -A fan_seconds
for chunks in 8 32; do
    chunk_bytes=$(((size + chunks - 1) / chunks))
    step "(b) aggregate -> sum-chunk over HTTP, $chunks chunks of $chunk_bytes bytes, maxConcurrency ${concurrency:-default}:" \
        "$warmups warm-ups, best of $runs"
    best_job "$chunks chunks" \
        "{\"source\":{\"url\":\"$url\"},\"chunkBytes\":$chunk_bytes$concurrency_field}"
    fan_seconds[$chunks]=$best_seconds
    sum=$(field "['sum']" <<<"$job_json")
    total=$(field "['chunks']['total']" <<<"$job_json")
    if [[ $sum == "$kernel_sum" && $total == "$chunks" ]]; then
        echo "  PASS  $total chunks, the sum equals the in-process sum"
    else
        echo "  FAIL  $total chunks, sum $sum, in-process $kernel_sum"
        failed=1
    fi
done

chunk_bytes=8388608
step "(c) $chunk_bytes-byte chunks, in memory (POST /aggregate) and submitted (POST /jobs, ledger on PostgreSQL)," \
    "taking turns: $warmups warm-ups, best of $runs"
job="{\"source\":{\"url\":\"$url\"},\"chunkBytes\":$chunk_bytes$concurrency_field}"
memory_best= durable_best=
for ((i = 1; i <= warmups + runs; i++)); do
    kind=run n=$((i - warmups))
    ((i <= warmups)) && kind=warm-up n=$i
    aggregate "$job"
    memory_seconds=$job_seconds
    [[ $(field "['sum']" <<<"$job_json") == "$kernel_sum" ]] || { echo "  FAIL  the in-memory sum differs"; failed=1; }
    durable_job "$job" "fanout-$$-$i"
    [[ $(field "['result']['sum']" <<<"$job_json") == "$kernel_sum" ]] || { echo "  FAIL  the durable sum differs"; failed=1; }
    printf '  %s %d: in memory %s s, submitted %s s (%s chunks, elapsedMs)\n' "$kind" "$n" "$memory_seconds" \
        "$job_seconds" "$(field "['chunks']['total']" <<<"$job_json")"
    if ((i > warmups)); then
        memory_best=$(awk -v a="$memory_seconds" -v b="$memory_best" 'BEGIN { print (b == "" || a < b) ? a : b }')
        durable_best=$(awk -v a="$job_seconds" -v b="$durable_best" 'BEGIN { print (b == "" || a < b) ? a : b }')
    fi
done

step "orchestration overhead: 1,000 chunks of one value each, maxConcurrency 16"
values=$(python3 -c 'print(",".join(str(i) for i in range(1, 1001)))')
best_job "1000 chunks" "{\"values\":[$values],\"chunkSize\":1,\"maxConcurrency\":16}"
overhead_ms=$(awk -v s="$best_seconds" 'BEGIN { printf "%.3f", s * 1000 / 1000 }')
[[ $(field "['sum']" <<<"$job_json") == 500500 ]] || { echo "  FAIL  the 1,000-chunk job did not sum to 500500"; failed=1; }

step "straggler: the first read of chunk 5 of 32 waits 5 s; hedging on"
chunk_bytes=$(((size + 31) / 32))
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
start_server --straggle "$((5 * chunk_bytes))":5000
aggregate "{\"source\":{\"url\":\"$url\"},\"chunkBytes\":$chunk_bytes$concurrency_field}"
straggled_seconds=$job_seconds
hedges=$(field "['chunks']['hedges']" <<<"$job_json")
echo "  32 chunks with a straggler: $straggled_seconds s, hedges $hedges, sum $(field "['sum']" <<<"$job_json")"
[[ $(field "['sum']" <<<"$job_json") == "$kernel_sum" ]] || { echo "  FAIL  the straggled job's sum differs"; failed=1; }

kernel_mbps=$(mbps "$size" "$kernel_seconds")
csv=$dir/fanout-throughput.csv # for bench/charts.sh
{
    echo "run,mb_per_s,of_kernel_percent"
    echo "in-process kernel,$kernel_mbps,100"
    for chunks in 8 32; do
        m=$(mbps "$size" "${fan_seconds[$chunks]}")
        echo "$chunks chunks over HTTP,$m,$(awk -v m="$m" -v k="$kernel_mbps" 'BEGIN { printf "%.0f", 100 * m / k }')"
    done
} >"$csv"
step "results: $size bytes (written to $csv)"
printf '  %-44s %8s %9s %8s\n' "" "best s" "MB/s" "of (a)"
printf '  %-44s %8s %9s %8s\n' "(a) in-process kernel, 2 threads" "$kernel_seconds" "$kernel_mbps" "100%"
for chunks in 8 32; do
    m=$(mbps "$size" "${fan_seconds[$chunks]}")
    share=$(awk -v m="$m" -v k="$kernel_mbps" 'BEGIN { printf "%.0f", 100 * m / k }')
    v=$(verdict "$share" ">=" 60)
    [[ $v == PASS ]] || failed=1
    printf '  %-44s %8s %9s %7s%%   target >= 60%%   %s\n' "(b) aggregate, $chunks chunks, 1 sum-chunk" \
        "${fan_seconds[$chunks]}" "$m" "$share" "$v"
done
v=$(verdict "$overhead_ms" "<" 2)
[[ $v == PASS ]] || failed=1
printf '  %-44s %8s ms per chunk (job %s s)   target < 2 ms   %s\n' "overhead, 1,000 one-value chunks" \
    "$overhead_ms" "$best_seconds" "$v"
durable_ratio=$(awk -v m="$memory_best" -v d="$durable_best" 'BEGIN { printf "%.2f", m / d }')
v=$(verdict "$durable_ratio" ">=" 0.80)
[[ $v == PASS ]] || failed=1
printf '  %-44s %8s %9s\n' "(c) 8 MB chunks, in memory" "$memory_best" "$(mbps "$size" "$memory_best")"
printf '  %-44s %8s %9s   %sx of in memory   target >= 0.80x   %s\n' "(c) 8 MB chunks, submitted (ledger)" \
    "$durable_best" "$(mbps "$size" "$durable_best")" "$durable_ratio" "$v"
ratio=$(awk -v s="$straggled_seconds" -v b="${fan_seconds[32]}" 'BEGIN { printf "%.2f", s / b }')
v=$(verdict "$ratio" "<" 1.5)
[[ $v == PASS ]] || failed=1
printf '  %-44s %8s s = %sx the job without it (hedges %s)   target < 1.5x   %s\n' \
    "straggler (5 s) in 32 chunks, hedged" "$straggled_seconds" "$ratio" "$hedges" "$v"
exit $failed
