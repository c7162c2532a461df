#!/usr/bin/env bash
# A job over many objects next to the same data in one object: one file of integers and the same file cut into N
# objects at line ends (`split -n l/N`), served over HTTP on loopback, each summed by the packaged `aggregate` fanning
# out to one packaged `sum-chunk` process:
#   (one)  the whole file as one source, in N byte ranges;
#   (many) the N objects as `sources`, one chunk each (planning asks each object its size first: N HEAD requests);
#   (csv)  the N objects again, as a CSV column (`format`), for the cost of the format over the same job.
# The chunk count is the same in all three, so the figures show what many objects cost over one: planning (a HEAD per
# object) and per-object results. Prints every run, the best of each, and (many) and (csv) as ratios of (one)'s
# throughput measured in the same run; exits non-zero when a sum differs.
#
#   bench/many-objects.sh [dir]
#
# Environment:
#   OBJECTS_BENCH_LINES    lines in the file (default 6000000, about 100 MB)
#   OBJECTS_BENCH_COUNT    objects the file is cut into, and chunks of each job (default 500)
#   OBJECTS_BENCH_RUNS     timed runs of each job, best kept (default 5, after 2 warm-ups)
#   OBJECTS_BENCH_BUILD    1: rebuild the jars even if they exist
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jar=bench/target/benchmarks.jar
dir=${1:-$root/bench/target}
lines=${OBJECTS_BENCH_LINES:-6000000}
count=${OBJECTS_BENCH_COUNT:-500}
runs=${OBJECTS_BENCH_RUNS:-5}
warmups=2
file=$dir/objects-$lines.txt
parts=$dir/objects-$lines-$count
server_port=8289 sum_chunk_port=8291 aggregate_port=8290
logs=$root/target/objects-bench
pids=()
schema=objects_bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
psql_args=(-h 127.0.0.1 -U postgres -d test -qAt)
export PGOPTIONS='-c client_min_messages=warning'

step() { printf '\n== %s\n' "$*"; }
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
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
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval("d"+sys.argv[1]))' "$1"; }
# post_job <json file>: posts the job once; sets job_json and job_seconds (wall time seen by the caller)
post_job() {
    local out status
    out=$(curl -sS -w '\n%{http_code} %{time_total}' -H 'Content-Type: application/json' --data-binary "@$1" \
        "http://127.0.0.1:$aggregate_port/aggregate")
    job_json=$(head -n -1 <<<"$out")
    read -r status job_seconds <<<"$(tail -n 1 <<<"$out")"
    [[ $status == 200 ]] || { echo "aggregate answered $status: $(head -c 500 <<<"$job_json")" >&2; exit 1; }
}
least() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }

mkdir -p "$dir" "$logs"
if [[ ! -f $jar || ! -f functions/aggregate/target/quarkus-app/quarkus-run.jar || ${OBJECTS_BENCH_BUILD:-0} == 1 ]]; then
    step "building the benchmarks, sum-chunk and aggregate"
    ./mvnw -B -q -pl bench,functions/sum-chunk,functions/aggregate -am package -DskipTests
fi
if [[ ! -f $file ]]; then
    step "generating $file ($lines lines)"
    java -cp "$jar" dev.cumulus.bench.GenerateLines "$file" "$lines" values
fi
if [[ ! -d $parts ]]; then
    step "cutting it into $count objects at line ends, and a CSV copy of each (id,amount)"
    mkdir -p "$parts.partial/lines" "$parts.partial/csv"
    split -n "l/$count" -d -a 5 "$file" "$parts.partial/lines/part-"
    for p in "$parts.partial/lines"/part-*; do
        awk 'BEGIN { print "id,amount" } { print NR "," $0 }' "$p" >"$parts.partial/csv/$(basename "$p").csv"
    done
    mv "$parts.partial" "$parts"
fi
size=$(stat -c %s "$file")
objects=$(ls "$parts/lines" | wc -l)
[[ $objects == "$count" ]] || { echo "split made $objects objects, not $count" >&2; exit 1; }

step "machine"
echo "  cpu:  $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "  java: $(java -version 2>&1 | head -n 1)"
echo "  data: $size bytes in 1 object and in $count objects"
cat "$file" "$parts"/lines/* "$parts"/csv/* >/dev/null

step "starting the range server on :$server_port, sum-chunk on :$sum_chunk_port and aggregate on :$aggregate_port (logs in $logs)"
java -cp "$jar" dev.cumulus.bench.RangeServer "$dir" "$server_port" >"$logs/range-server.log" 2>&1 &
pids+=("$!")
java -Dquarkus.profile=local -Dquarkus.http.port=$sum_chunk_port \
    -jar functions/sum-chunk/target/quarkus-app/quarkus-run.jar >"$logs/sum-chunk.log" 2>&1 &
pids+=("$!")
# min-chunk-bytes=1: (one) cuts the file into as many ranges as there are objects, whatever their size; calls
# without a token, as one owner; the job ledger on PostgreSQL as in production, though these jobs are not submitted
java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$aggregate_port -Dcumulus.aggregate.min-chunk-bytes=1 \
    -Dcumulus.sources.allowed-hosts=127.0.0.1,localhost -Dcumulus.aggregate.auth.allow-anonymous=true \
    -Dcumulus.aggregate.invoker=http -Dcumulus.aggregate.sum-chunk-url=http://127.0.0.1:$sum_chunk_port \
    -Dcumulus.aggregate.max-chunks=$((count * 2)) \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" \
    -Dquarkus.datasource.username=postgres -Dquarkus.flyway.schemas="$schema" \
    -jar functions/aggregate/target/quarkus-app/quarkus-run.jar >"$logs/aggregate.log" 2>&1 &
pids+=("$!")
wait_ready "http://127.0.0.1:$server_port/$(basename "$file")" "the range server"
wait_ready "http://127.0.0.1:$sum_chunk_port/q/health/ready" sum-chunk
wait_ready "http://127.0.0.1:$aggregate_port/q/health/ready" aggregate

base=http://127.0.0.1:$server_port
rel=${parts#"$dir"/}
one=$logs/one.json many=$logs/many.json csv=$logs/csv.json
printf '{"source":{"url":"%s/%s"},"chunkBytes":%d}' "$base" "$(basename "$file")" $(((size + count - 1) / count)) >"$one"
sources() { # subdir suffix
    local first=1
    printf '['
    for p in "$parts/$1"/*; do
        ((first)) || printf ','
        first=0
        printf '{"url":"%s/%s/%s/%s"}' "$base" "$rel" "$1" "$(basename "$p")"
    done
    printf ']'
}
printf '{"sources":%s,"chunkBytes":67108864}' "$(sources lines)" >"$many"
printf '{"sources":%s,"chunkBytes":67108864,"format":{"type":"csv","column":"amount","header":true}}' \
    "$(sources csv)" >"$csv"

failed=0
step "the three jobs taking turns (so that warming up and a noisy machine fall on each alike):" \
    "$warmups warm-up rounds, best of $runs"
one_seconds= many_seconds= csv_seconds=
for ((i = 1; i <= warmups + runs; i++)); do
    kind=run n=$((i - warmups))
    ((i <= warmups)) && kind=warm-up n=$i
    post_job "$one"
    one_run=$job_seconds
    one_sum=$(field "['sum']" <<<"$job_json")
    post_job "$many"
    many_run=$job_seconds
    [[ $(field "['sum']" <<<"$job_json") == "$one_sum" ]] || { echo "  FAIL  the sum over the objects differs"; failed=1; }
    [[ $(field "['objects'].__len__()" <<<"$job_json") == "$count" ]] || { echo "  FAIL  not one result per object"; failed=1; }
    post_job "$csv"
    csv_run=$job_seconds
    [[ $(field "['sum']" <<<"$job_json") == "$one_sum" ]] || { echo "  FAIL  the sum over the CSV objects differs"; failed=1; }
    printf '  %s %d: one object %s s, %s objects %s s, %s CSV objects %s s (%s chunks each)\n' "$kind" "$n" \
        "$one_run" "$count" "$many_run" "$count" "$csv_run" "$(field "['chunks']['total']" <<<"$job_json")"
    if ((i > warmups)); then
        one_seconds=$(least "$one_run" "$one_seconds")
        many_seconds=$(least "$many_run" "$many_seconds")
        csv_seconds=$(least "$csv_run" "$csv_seconds")
    fi
done

step "results: $size bytes of numbers (sum $one_sum), $count chunks each"
printf '  %-40s %8s %9s %10s\n' "" "best s" "MB/s" "of (one)"
printf '  %-40s %8s %9s %10s\n' "(one) 1 object, $count ranges" "$one_seconds" "$(mbps "$size" "$one_seconds")" "1.00x"
printf '  %-40s %8s %9s %9sx\n' "(many) $count objects" "$many_seconds" "$(mbps "$size" "$many_seconds")" \
    "$(awk -v a="$one_seconds" -v b="$many_seconds" 'BEGIN { printf "%.2f", a / b }')"
printf '  %-40s %8s %9s %9sx  (of the numbers; the CSV files are larger)\n' "(csv) $count CSV objects" \
    "$csv_seconds" "$(mbps "$size" "$csv_seconds")" \
    "$(awk -v a="$one_seconds" -v b="$csv_seconds" 'BEGIN { printf "%.2f", a / b }')"
exit $failed
