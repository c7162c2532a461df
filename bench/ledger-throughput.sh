#!/usr/bin/env bash
# What the job ledger costs:
#   (1) per chunk, in the stores themselves: chunk results recorded through JdbcJobStore (a fresh schema on the local
#       PostgreSQL, migrated by the store's Flyway migrations, dropped after) and DynamoDbJobStore (DynamoDB Local in
#       memory, in process), in batches of 500 and one at a time, and one claim + renew + finish (LedgerOverhead);
#   (2) the orchestration ceiling: one packaged `aggregate` with the `local` invoker (it sums in process, so only the
#       orchestration is left) folding a job of 10,000 one-value chunks, (a) synchronously through POST /aggregate
#       (in memory) and (b) submitted through POST /jobs with the ledger on PostgreSQL (a fresh schema, dropped after),
#       polled with GET /jobs/{id} until it ends; its time is the job's elapsedMs.
# Prints every run and the figures, checks the target, exits non-zero when it is missed or a sum is wrong.
#
#   bench/ledger-throughput.sh
#
# Target: (2b) folds at least 7,500 chunks/s.
#
# Environment:
#   LEDGER_BENCH_STORES  jdbc, dynamodb, both or none: the stores of (1) (default both)
#   LEDGER_BENCH_STORE_CHUNKS  chunks recorded per run of (1) in batches (default 3000; DynamoDB Local is slow)
#   LEDGER_BENCH_CHUNKS  one-value chunks of the job of (2) (default 10000)
#   LEDGER_BENCH_RUNS    timed runs of each measurement, best kept (default 5)
#   LEDGER_BENCH_WARMUPS runs before those, not counted (default 3: the JIT needs a few jobs of 10,000 chunks)
#   LEDGER_BENCH_RECORD  the ledger's write settings to try in (2), each record-batch:record-interval, one aggregate
#                        started for each (default "500:20ms", aggregate's defaults); the best is checked
#   LEDGER_BENCH_JFR     1: record the aggregate of (2) with Java Flight Recorder (settings=profile), one file per
#                        setting in target/ledger-bench; a path: with that .jfc file instead
#   LEDGER_BENCH_BUILD   1: rebuild the jars even if they exist
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jar=bench/target/benchmarks.jar
app=functions/aggregate/target/quarkus-app/quarkus-run.jar
stores=${LEDGER_BENCH_STORES:-both}
store_chunks=${LEDGER_BENCH_STORE_CHUNKS:-3000}
chunks=${LEDGER_BENCH_CHUNKS:-10000}
runs=${LEDGER_BENCH_RUNS:-5}
settings=${LEDGER_BENCH_RECORD:-500:20ms}
jfr=${LEDGER_BENCH_JFR:-0}
warmups=${LEDGER_BENCH_WARMUPS:-3}
target=7500
port=8193
base=http://127.0.0.1:$port
pg_url=jdbc:postgresql://127.0.0.1:5432/test
psql_args=(-h 127.0.0.1 -U postgres -d test -qAt)
export PGOPTIONS='-c client_min_messages=warning'

logs=$root/target/ledger-bench
schema=
pids=()

step() { printf '\n== %s\n' "$*"; }
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pids=()
    if [[ -n $schema ]]; then
        psql "${psql_args[@]}" -c "drop schema if exists $schema cascade" || true
        schema=
    fi
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
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print r >= t ? "PASS" : "FAIL" }'; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

mkdir -p "$logs"
if [[ ! -f $jar || ! -f $app || ${LEDGER_BENCH_BUILD:-0} == 1 ]]; then
    step "building the benchmarks and aggregate"
    ./mvnw -B -q -pl bench,functions/aggregate -am package -DskipTests
fi

step "machine"
echo "  cpu:  $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "  java: $(java -version 2>&1 | head -n 1)"
echo "  postgresql: $(psql "${psql_args[@]}" -c 'show server_version'), synchronous_commit" \
    "$(psql "${psql_args[@]}" -c 'show synchronous_commit')"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"

failed=0
if [[ $stores != none ]]; then
    step "(1) the ledger per chunk: $store_chunks chunks in batches of 500 and of 50 to 500, 200 one at a time," \
        "50 claim + renew + finish; $warmups warm-ups, best of 3"
    overhead=$(java -cp "$jar:$(cat bench/target/dynamodb-local.classpath)" dev.cumulus.bench.LedgerOverhead \
        "$stores" "$store_chunks" 500 200 50 3 "$warmups" 2> >(grep '^  ' >&2) | grep '=' || true)
    [[ -n $overhead ]] || { echo "  FAIL  LedgerOverhead printed no figures" >&2; exit 1; }
fi

values=$(python3 -c "import sys; print(','.join(str(i) for i in range(1, int(sys.argv[1]) + 1)))" "$chunks")
expected_sum=$((chunks * (chunks + 1) / 2))
request="{\"values\":[$values],\"chunkSize\":1"
max_chunks=$((chunks > 10000 ? chunks : 10000))

# start_aggregate <batch> <interval>: a fresh schema, the packaged aggregate on it
start_aggregate() {
    schema=ledger_bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
    local opts=() label=$1-$2
    [[ $jfr == 0 ]] || opts+=("-XX:StartFlightRecording=filename=$logs/aggregate-$label.jfr,settings=$([[ $jfr == 1 ]] \
        && echo profile || echo "$jfr")")
    java "${opts[@]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$port \
        -Dquarkus.datasource.jdbc.url="$pg_url?currentSchema=$schema" -Dquarkus.datasource.username=postgres \
        -Dquarkus.flyway.schemas="$schema" \
        -Dcumulus.aggregate.invoker=local -Dcumulus.aggregate.min-chunk-size=1 \
        -Dcumulus.aggregate.max-chunks=$max_chunks \
        -Dcumulus.aggregate.jobs.record-batch="$1" -Dcumulus.aggregate.jobs.record-interval="$2" \
        -Dcumulus.aggregate.auth.allow-anonymous=true \
        -jar "$app" >"$logs/aggregate-$label.log" 2>&1 &
    pids+=("$!")
    wait_ready "$base/q/health/ready" aggregate
}

# sync_job: POST /aggregate; sets sync_seconds (curl's total time)
sync_job() {
    local out status
    out=$(curl -sS -w '\n%{http_code} %{time_total}' -H 'Content-Type: application/json' -d "$request}" \
        "$base/aggregate")
    read -r status sync_seconds <<<"$(tail -n 1 <<<"$out")"
    sync_seconds=$(awk -v s="$sync_seconds" 'BEGIN { printf "%.3f", s }')
    [[ $status == 200 ]] || { echo "aggregate answered $status: $(head -c 500 <<<"$out")" >&2; exit 1; }
    [[ $(head -n -1 <<<"$out" | field "['sum']") == "$expected_sum" ]] || { echo "  FAIL  wrong sum" >&2; failed=1; }
}

# durable_job <id>: POST /jobs, GET /jobs/{id} until it ends; sets durable_seconds (elapsedMs) and wall_seconds
durable_job() {
    local id=$1 out status state start deadline
    start=$(date +%s%N)
    out=$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$request,\"jobId\":\"$id\"}" \
        "$base/jobs")
    status=$(tail -n 1 <<<"$out")
    [[ $status == 202 ]] || { echo "POST /jobs answered $status: $(head -c 500 <<<"$out")" >&2; exit 1; }
    deadline=$((SECONDS + 300))
    while true; do
        out=$(curl -sS "$base/jobs/$id")
        state=$(grep -o '"state":"[A-Z]*"' <<<"$out" | cut -d'"' -f4)
        [[ $state == PENDING || $state == RUNNING ]] || break
        ((SECONDS < deadline)) || { echo "job $id still $state after 300 s" >&2; exit 1; }
        sleep 0.05
    done
    wall_seconds=$(awk -v ns="$(($(date +%s%N) - start))" 'BEGIN { printf "%.3f", ns / 1e9 }')
    if [[ $state != SUCCEEDED || $(field "['result']['sum']" <<<"$out") != "$expected_sum" ]]; then
        echo "  FAIL  job $id ended $state: $(head -c 500 <<<"$out")" >&2
        failed=1
    fi
    durable_seconds=$(awk -v ms="$(field "['elapsedMs']" <<<"$out")" 'BEGIN { printf "%.3f", ms / 1000 }')
}

min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }

declare -A sync_best durable_best
for setting in $settings; do
    batch=${setting%%:*} interval=${setting#*:}
    step "(2) $chunks one-value chunks, local invoker, record-batch $batch, record-interval $interval:" \
        "$warmups warm-ups, best of $runs (logs in $logs)"
    start_aggregate "$batch" "$interval"
    sb= db=
    for ((i = 1; i <= warmups + runs; i++)); do
        kind=run n=$((i - warmups))
        ((i <= warmups)) && kind=warm-up n=$i
        sync_job
        durable_job "ledger-$batch-$interval-$i"
        printf '  %s %d: in memory %s s (%s chunks/s); durable %s s (%s chunks/s; %s s until the caller saw it)\n' \
            "$kind" "$n" "$sync_seconds" "$(per_second "$chunks" "$sync_seconds")" "$durable_seconds" \
            "$(per_second "$chunks" "$durable_seconds")" "$wall_seconds"
        if ((i > warmups)); then
            sb=$(min "$sync_seconds" "$sb")
            db=$(min "$durable_seconds" "$db")
        fi
    done
    sync_best[$setting]=$sb
    durable_best[$setting]=$db
    stop_all
done

if [[ $stores != none ]]; then
    step "results (1): the ledger per chunk (best of 3)"
    value() { sed -n "s/^$1=//p" <<<"$overhead"; }
    printf '  %-10s %24s %24s %24s %24s\n' "" "batches of 500" "batches of 50 to 500" "one chunk a call" \
        "claim + renew + finish"
    for s in jdbc dynamodb; do
        [[ -n $(value "${s}_batch_us_per_chunk") ]] || continue
        printf '  %-10s %9s us %9s /s %9s us %9s /s %9s us %9s /s %21s us\n' "$s" \
            "$(value "${s}_batch_us_per_chunk")" "$(value "${s}_batch_chunks_per_s")" \
            "$(value "${s}_varied_us_per_chunk")" "$(value "${s}_varied_chunks_per_s")" \
            "$(value "${s}_single_us_per_chunk")" "$(value "${s}_single_chunks_per_s")" "$(value "${s}_cycle_us")"
    done
fi

step "results (2): $chunks one-value chunks, one aggregate, local invoker (best of $runs)"
printf '  %-16s %12s %12s %12s %12s %10s\n' "record settings" "in memory s" "chunks/s" "durable s" "chunks/s" \
    "durable/in memory"
best_rate=0
for setting in $settings; do
    s=${sync_best[$setting]} d=${durable_best[$setting]}
    rate=$(per_second "$chunks" "$d")
    ratio=$(awk -v s="$s" -v d="$d" 'BEGIN { printf "%.2f", s / d }')
    printf '  %-16s %12s %12s %12s %12s %10s\n' "$setting" "$s" "$(per_second "$chunks" "$s")" "$d" "$rate" "$ratio"
    ((rate > best_rate)) && best_rate=$rate best_setting=$setting
done
v=$(verdict "$best_rate" "$target")
[[ $v == PASS ]] || failed=1
printf '  durable, best setting %s: %s chunks/s   target >= %s chunks/s   %s\n' "$best_setting" "$best_rate" \
    "$target" "$v"
exit $failed
