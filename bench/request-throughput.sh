#!/usr/bin/env bash
# The cost of one small request: `POST /sum-chunk` with 100 inline values, driven by wrk (2 threads, 32 connections,
# on loopback) against sum-chunk and against its peers, each measured in this same run:
#   vertx      a bare Vert.x server summing the values (VertxFloorServer): the HTTP floor on the JVM
#   funqy      the smallest Quarkus Funqy app summing them (bench/funqy-floor), with Quarkus' defaults: the framework
#              floor
#   cumulus    the packaged sum-chunk as shipped (the prod profile: one JSON line per request, the console written
#              synchronously), its output to a file as a log collector would read it
#   cumulus-async  the same with Quarkus' asynchronous console (quarkus.log.console.async=true): whether a writer
#              thread of its own pays on this machine
# The rows take turns; each round starts the server afresh, warms it up, then measures. Prints each run, the best of
# each row and the ratios, and writes them to <dir>/request-throughput.csv for the charts (bench/charts.sh).
# Targets: cumulus at least 1.00x funqy's requests per second; stretch: 0.70x vertx's. Exits non-zero when an answer
# is wrong or the first target is missed.
#
#   bench/request-throughput.sh [dir]
#
# Environment:
#   REQUEST_BENCH_ROUNDS    rounds (default 3)
#   REQUEST_BENCH_SECONDS   seconds of each measured wrk run (default 20, after a warm-up of 10)
#   REQUEST_BENCH_BUILD     1: rebuild the jars even if they exist
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dir=${1:-$root/bench/target}
rounds=${REQUEST_BENCH_ROUNDS:-3}
seconds=${REQUEST_BENCH_SECONDS:-20}
warmup=10
port=8390
logs=$root/target/request-bench
jar=bench/target/benchmarks.jar
funqy_jar=bench/funqy-floor/target/quarkus-app/quarkus-run.jar
sum_chunk_jar=functions/sum-chunk/target/quarkus-app/quarkus-run.jar
rows=(vertx funqy cumulus cumulus-async)
pid=

step() { printf '\n== %s\n' "$*"; }
stop_server() {
    [[ -n $pid ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    pid=
}
trap stop_server EXIT
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 1; }

start() { # row
    local log=$logs/$1.log
    case $1 in
        vertx) java -cp "$jar" dev.cumulus.bench.VertxFloorServer "$port" >"$log" 2>&1 & ;;
        funqy) java -Dquarkus.http.port="$port" -jar "$funqy_jar" >"$log" 2>&1 & ;;
        cumulus) java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -jar "$sum_chunk_jar" >"$log" 2>&1 & ;;
        cumulus-async) java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
            -Dquarkus.log.console.async=true -jar "$sum_chunk_jar" >"$log" 2>&1 & ;;
    esac
    pid=$!
    local deadline=$((SECONDS + 60))
    until curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/sum-chunk"; do
        ((SECONDS < deadline)) || { echo "$1 did not answer within 60 s; see $log" >&2; exit 1; }
        sleep 0.2
    done
    local answer
    answer=$(curl -sS -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/sum-chunk")
    grep -q "\"sum\":\"$expected\"" <<<"$answer" || { echo "$1 answered $answer, not the sum $expected" >&2; exit 1; }
}
# run_wrk seconds: sets rps, p50 and p99 (ms)
run_wrk() {
    local out
    out=$(wrk -t2 -c32 -d"$1"s --latency -s "$logs/post.lua" "http://127.0.0.1:$port/sum-chunk")
    if grep -q 'Non-2xx' <<<"$out"; then
        echo "non-2xx answers:" >&2
        echo "$out" >&2
        exit 1
    fi
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms)
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)
}
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
    else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }

mkdir -p "$dir" "$logs"
if [[ ! -f $jar || ! -f $funqy_jar || ! -f $sum_chunk_jar || ${REQUEST_BENCH_BUILD:-0} == 1 ]]; then
    step "building the benchmarks, the Funqy floor and sum-chunk"
    ./mvnw -B -q -pl bench,bench/funqy-floor,functions/sum-chunk -am package -DskipTests
fi
values=$(python3 -c 'print(",".join(f"{i}.{i % 100:02d}" for i in range(1, 101)))')
expected=$(python3 -c 'from decimal import Decimal as D; print(sum(D(f"{i}.{i % 100:02d}") for i in range(1, 101)))')
body="{\"values\":[$values]}"
cat >"$logs/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$body'
LUA

step "machine"
echo "  cpu:  $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "  java: $(java -version 2>&1 | head -n 1)"
echo "  load: wrk -t2 -c32, ${#body}-byte body of 100 values (sum $expected), ${warmup} s warm-up, ${seconds} s measured"

declare -A best_rps best_p50 best_p99
for ((round = 1; round <= rounds; round++)); do
    for row in "${rows[@]}"; do
        step "round $round of $rounds: $row"
        start "$row"
        run_wrk "$warmup"
        printf '  warm-up  %10s req/s\n' "$rps"
        run_wrk "$seconds"
        printf '  measured %10s req/s  p50 %s ms  p99 %s ms\n' "$rps" "$p50" "$p99"
        stop_server
        if [[ -z ${best_rps[$row]:-} ]] || awk -v a="$rps" -v b="${best_rps[$row]}" 'BEGIN { exit !(a > b) }'; then
            best_rps[$row]=$rps best_p50[$row]=$p50 best_p99[$row]=$p99
        fi
    done
done

step "best of $rounds rounds"
csv=$dir/request-throughput.csv
echo "server,requests_per_second,p50_ms,p99_ms,vs_funqy,vs_vertx" >"$csv"
printf '  %-13s %12s %9s %9s %9s %9s\n' server req/s p50-ms p99-ms vs-funqy vs-vertx
for row in "${rows[@]}"; do
    vs_funqy=$(awk -v a="${best_rps[$row]}" -v b="${best_rps[funqy]}" 'BEGIN { printf "%.2f", a / b }')
    vs_vertx=$(awk -v a="${best_rps[$row]}" -v b="${best_rps[vertx]}" 'BEGIN { printf "%.2f", a / b }')
    printf '  %-13s %12s %9s %9s %8sx %8sx\n' "$row" "${best_rps[$row]}" "${best_p50[$row]}" "${best_p99[$row]}" \
        "$vs_funqy" "$vs_vertx"
    echo "$row,${best_rps[$row]},${best_p50[$row]},${best_p99[$row]},$vs_funqy,$vs_vertx" >>"$csv"
done
echo "  (written to $csv)"

target=$(awk -v a="${best_rps[cumulus]}" -v b="${best_rps[funqy]}" 'BEGIN { print a / b >= 1.0 ? "PASS" : "FAIL" }')
stretch=$(awk -v a="${best_rps[cumulus]}" -v b="${best_rps[vertx]}" 'BEGIN { print a / b >= 0.7 ? "PASS" : "not reached" }')
echo "  target  cumulus >= 1.00x funqy: $target"
echo "  stretch cumulus >= 0.70x vertx: $stretch"
lines=$(grep -c '"path":"/sum-chunk"' "$logs/cumulus.log" || true)
echo "  cumulus wrote $lines JSON request lines in its last round ($logs/cumulus.log)"
[[ $target == PASS ]]
