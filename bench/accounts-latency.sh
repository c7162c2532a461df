#!/usr/bin/env bash
# Latency of register and login as a caller sees it: the packaged register and login apps on the local profile
# (H2 embedded, so no server is needed), called over HTTP on loopback one request at a time. Prints p50 and p99 of
# each, then the Argon2id hash time (JMH, m=19 MiB, t=2, p=1) that dominates both.
#
#   bench/accounts-latency.sh
#
# Environment:
#   ACCOUNTS_BENCH_REQUESTS  timed requests of each kind (default 200, after 20 warm-ups)
#   ACCOUNTS_BENCH_BUILD     1: rebuild the jars even if they exist
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
requests=${ACCOUNTS_BENCH_REQUESTS:-200}
warmups=20
register_port=8192 login_port=8193
logs=$root/target/accounts-bench
pids=()

step() { printf '\n== %s\n' "$*"; }
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop_all EXIT
wait_ready() {
    local deadline=$((SECONDS + 60))
    until curl -sf -o /dev/null "$1"; do
        ((SECONDS < deadline)) || { echo "$2 did not answer $1 within 60 s; see $logs" >&2; exit 1; }
        sleep 0.2
    done
}
# call <port> <function> <json> <expected status>: prints curl's total time in seconds
call() {
    local out
    out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' -d "$3" \
        "http://127.0.0.1:$1/$2")
    [[ ${out%% *} == "$4" ]] || { echo "$2 answered ${out%% *}, expected $4" >&2; exit 1; }
    echo "${out#* }"
}
percentiles() { # label file-of-seconds
    sort -n "$2" | awk -v label="$1" '{ v[NR] = $1 } END {
        p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1]
        printf "  %-34s n=%d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms\n", label, NR, p50 * 1000, p99 * 1000, v[NR] * 1000 }'
}

if [[ ! -f functions/register/target/quarkus-app/quarkus-run.jar || ! -f bench/target/benchmarks.jar \
    || ${ACCOUNTS_BENCH_BUILD:-0} == 1 ]]; then
    step "building register, login and the benchmarks"
    ./mvnw -B -q -pl functions/register,functions/login,bench -am package -DskipTests
fi

rm -rf "$logs" && mkdir -p "$logs"
step "machine: $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(java -version 2>&1 | head -n 1)"
step "starting register on :$register_port and login on :$login_port (local profile, one H2 database in $logs)"
for app in register login; do
    port_var=${app}_port
    java -Dquarkus.profile=local -Dquarkus.http.port=${!port_var} -Dcumulus.local.data-dir="$logs" \
        -jar "functions/$app/target/quarkus-app/quarkus-run.jar" >"$logs/$app.log" 2>&1 &
    pids+=("$!")
    wait_ready "http://127.0.0.1:${!port_var}/q/health/ready" "$app"
done

password='correct horse battery staple 42'
step "register: $warmups warm-ups, then $requests timed"
for ((i = 1; i <= warmups + requests; i++)); do
    t=$(call $register_port register "{\"username\":\"bench$i\",\"password\":\"$password\"}" 200)
    ((i > warmups)) && echo "$t" >>"$logs/register.times"
    ((i % 50 == 0)) && echo "  $i of $((warmups + requests))"
done
step "login (right password): $warmups warm-ups, then $requests timed"
for ((i = 1; i <= warmups + requests; i++)); do
    t=$(call $login_port login "{\"username\":\"bench$i\",\"password\":\"$password\"}" 200)
    ((i > warmups)) && echo "$t" >>"$logs/login.times"
    ((i % 50 == 0)) && echo "  $i of $((warmups + requests))"
done
step "login (unknown user): $requests timed"
for ((i = 1; i <= requests; i++)); do
    call $login_port login "{\"username\":\"nobody$i\",\"password\":\"$password\"}" 401 >>"$logs/unknown.times"
done

step "Argon2id hash time (JMH, m=19 MiB t=2 p=1, 1 fork, 3 warm-ups, 5 iterations)"
java -jar bench/target/benchmarks.jar PasswordHashBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s 2>&1 \
    | grep -E '^(Benchmark|PasswordHash)' | tee "$logs/jmh.txt"

step "results (curl's total time per request, on loopback)"
percentiles "register" "$logs/register.times"
percentiles "login, right password" "$logs/login.times"
percentiles "login, unknown user" "$logs/unknown.times"
