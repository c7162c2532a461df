#!/usr/bin/env bash
# Cold start of the functions (bin/functions) on the JVM: the time from process start to the first successful answer to a real
# request, and the resident memory (VmRSS) right after it. The application bytecode targets Java 17 throughout; JDK 25
# runs the same bytecode. Four ways to start a function:
#   jdk17         the packaged jar (target/quarkus-app, Quarkus' fast-jar) on `java` (JDK 17): the baseline
#   jdk25         the same fast-jar on JDK 25
#   jdk25-aot     the same fast-jar on JDK 25 with an AOT cache (JEP 483/514/515) from a training run of it
#   jdk25-aotjar  the same sources packaged as Quarkus' aot-jar (quarkus.package.jar.type=aot-jar, the layout that
#                 quarkus.package.jar.aot.enabled=true selects) on JDK 25 with an AOT cache from a training run
# Target: JDK 25 with the AOT cache cuts the time to the first answer by at least 30% against JDK 17, for every
# function; the verdict is taken on jdk25-aotjar, the configuration Quarkus supports for the cache. Prints the medians
# and the verdict, and exits non-zero when a function misses the target or a run fails.
#
#   bench/startup.sh                       every function
#   bench/startup.sh sum-chunk aggregate   some of them (register, started once first, creates login's account)
#
# Environment:
#   STARTUP_BENCH_RUNS      timed starts per function and row (default 5; the rows take turns)
#   STARTUP_BENCH_TRAINING  requests a training run serves after its first answer (default 200)
#   STARTUP_BENCH_TARGET    the cut, in percent, the AOT cache must reach (default 30)
#   STARTUP_BENCH_ACCOUNT_TARGET  the most register's and login's time to the first answer may be, as a multiple of
#                           sum-chunk's on JDK 17, when sum-chunk is in the run (default 1.5)
#   STARTUP_BENCH_JDK25     JDK 25 home (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   STARTUP_BENCH_BUILD     1: rebuild both packagings even if they exist
#   STARTUP_BENCH_ROWS      the rows to run, some of "jdk17 jdk25 jdk25-aot jdk25-aotjar" (default all); without
#                           jdk25-aotjar the aot-jar packaging is not built, and the AOT verdict needs it and jdk17
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${STARTUP_BENCH_RUNS:-5}
training=${STARTUP_BENCH_TRAINING:-200}
target=${STARTUP_BENCH_TARGET:-30}
account_target=${STARTUP_BENCH_ACCOUNT_TARGET:-1.5}
jdk25=${STARTUP_BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
java17=java
java25=$jdk25/bin/java
port=8290        # the function being measured
helper_port=8299 # a warm sum-chunk that aggregate calls
work=$root/target/startup-bench
aotjar_build=$root/target/startup-bench-aotjar # a copy of the sources, packaged as aot-jar
mapfile -t all_functions < <(bin/functions)
functions=("$@")
((${#functions[@]})) || functions=("${all_functions[@]}")
all_rows=(jdk17 jdk25 jdk25-aot jdk25-aotjar)
read -r -a rows <<<"${STARTUP_BENCH_ROWS:-${all_rows[*]}}"
has_row() { [[ " ${rows[*]} " == *" $1 "* ]]; }
password='correct horse battery staple 42'
helper= current= # pids of the processes this script runs

step() { printf '\n== %s\n' "$*"; }
fail() {
    echo "startup-bench: FAILED: $*" >&2
    exit 1
}
stop_all() {
    for pid in $current $helper; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop_all EXIT
now_ns() { date +%s%N; }

# The request each function answers: a real call, not a health probe, so the first answer includes the first
# request's own class loading and interpretation. Register needs a new name each time. Any other function is sent
# the request in its functions/<name>/src/test/resources/startup-request.json (bin/cumulus new-function writes one).
request_body() { # function name-for-register
    case $1 in
        sum-chunk) echo '{"values":[1,"2.5",-3,"4.75"]}' ;;
        aggregate) echo '{"values":[1,"2.5",-3,"4.75",5,6],"chunkSize":2}' ;; # three sum-chunk calls over HTTP
        register) echo "{\"username\":\"$2\",\"password\":\"$password\"}" ;;
        login) echo "{\"username\":\"bench-login\",\"password\":\"$password\"}" ;;
        *) cat "functions/$1/src/test/resources/startup-request.json" ;;
    esac
}
# post <port> <function> <body>: prints the HTTP status (000: nothing listens yet)
post() {
    curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 -H 'Content-Type: application/json' -d "$3" \
        "http://127.0.0.1:$1/$2" || true
}
# launch <app dir> <function> <java> [jvm options...]: starts the function on $port in the background, pid in $current
launch() {
    local app=$1 f=$2
    shift 2
    local props=(-Dquarkus.profile=local -Dquarkus.http.port=$port -Dcumulus.local.data-dir="$work/data")
    case $f in
        # %local: the local profile's own value would win over an unprofiled one
        aggregate) props+=("-D%local.cumulus.aggregate.sum-chunk-url=http://127.0.0.1:$helper_port") ;;
        # a key from a file, as in production: one generated at each start would add a random wait
        login) props+=(-Dcumulus.jwt.signing-key-location="$work/signing-key.pem") ;;
    esac
    "$@" "${props[@]}" -jar "$app/quarkus-run.jar" >>"$work/$f.log" 2>&1 &
    current=$!
}
# first_answer <function> <body> <t0>: polls until the first answer; prints "<ms> <rss KiB>"
first_answer() {
    local f=$1 body=$2 t0=$3 status t1 rss
    local deadline=$((t0 + 60 * 1000000000))
    while :; do
        status=$(post $port "$f" "$body")
        t1=$(now_ns)
        [[ $status == 000 ]] || break
        kill -0 "$current" 2>/dev/null || fail "$f exited before answering; see $work/$f.log"
        ((t1 < deadline)) || fail "$f did not answer within 60 s; see $work/$f.log"
    done
    [[ $status == 200 ]] || fail "$f answered $status to its first request; see $work/$f.log"
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$current/status")
    awk -v ns=$((t1 - t0)) -v rss="$rss" 'BEGIN { printf "%.1f %d\n", ns / 1e6, rss }'
}
stop() { # SIGTERM, as a platform stops an instance, then wait for the exit (a training run writes its cache then)
    kill "$current" 2>/dev/null || true
    wait "$current" 2>/dev/null || true
    current=
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
app_dir() { # function row
    if [[ $2 == jdk25-aotjar ]]; then echo "$work/$1-aotjar"; else echo "$work/$1"; fi
}

# ---- preparation -------------------------------------------------------------------------------------------------
[[ -x $java25 ]] || fail "no JDK 25 at $jdk25 (set STARTUP_BENCH_JDK25)"
"$java17" -version 2>&1 | grep -q '"17\.' || fail "\`java\` on the PATH is not JDK 17: $("$java17" -version 2>&1 | head -n 1)"
((${#rows[@]})) || fail "STARTUP_BENCH_ROWS names no row"
for row in "${rows[@]}"; do
    [[ " ${all_rows[*]} " == *" $row "* ]] || fail "unknown row $row (some of: ${all_rows[*]})"
done
for f in "${functions[@]}"; do
    [[ " ${all_functions[*]} " == *" $f "* ]] || fail "unknown function $f (one of: ${all_functions[*]})"
    case $f in
        sum-chunk | aggregate | register | login) ;;
        *) [[ -s functions/$f/src/test/resources/startup-request.json ]] \
            || fail "$f: no functions/$f/src/test/resources/startup-request.json, the request to time" ;;
    esac
done
modules=$(bin/functions --modules)
for f in "${all_functions[@]}"; do
    if [[ ! -f functions/$f/target/quarkus-app/quarkus-run.jar || ${STARTUP_BENCH_BUILD:-0} == 1 ]]; then
        step "building the functions (fast-jar)"
        ./mvnw -B -q -pl "$modules" -am package -DskipTests
        break
    fi
done
# The aot-jar packaging is built from a copy of the sources, so that the build's own target/ directories (and anyone
# running tests in them) are left alone. It is rebuilt when the sources change.
sources_hash=$(git ls-files -z --cached --others --exclude-standard -- pom.xml .mvn functions \
    | xargs -0 sha1sum 2>/dev/null | sha1sum | cut -c1-12)
if has_row jdk25-aotjar && [[ ${STARTUP_BENCH_BUILD:-0} == 1 || $(cat "$aotjar_build/.sources" 2>/dev/null) != "$sources_hash" ]]; then
    step "packaging the functions as aot-jar in $aotjar_build (a copy of the sources; a few minutes)"
    rm -rf "$aotjar_build" && mkdir -p "$aotjar_build"
    # the whole reactor (its pom lists bench and infra too); files deleted in the work tree are skipped
    git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
        if [[ -e $file ]]; then cp --parents -p "$file" "$aotjar_build"; fi
    done
    (cd "$aotjar_build" && ./mvnw -B -q -pl "$modules" -am package -DskipTests -Dquarkus.package.jar.type=aot-jar) \
        || fail "the aot-jar build failed"
    echo "$sources_hash" >"$aotjar_build/.sources"
fi

rm -rf "$work" && mkdir -p "$work/data"
step "machine: $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  jdk17: $("$java17" -version 2>&1 | head -n 1)"
echo "  jdk25: $("$java25" -version 2>&1 | head -n 1)"
# Copies of the apps, so that a rebuild elsewhere during the run cannot change the jars under a cache (the JVM
# refuses a cache whose jars changed), and so that the caches stay out of the build's output.
step "copying the packaged apps to $work"
for f in "${all_functions[@]}"; do
    cp -a "functions/$f/target/quarkus-app" "$work/$f"
    if has_row jdk25-aotjar; then cp -a "$aotjar_build/functions/$f/target/quarkus-app" "$work/$f-aotjar"; fi
done
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/signing-key.pem" 2>/dev/null

if [[ " ${functions[*]} " == *" aggregate "* ]]; then
    step "starting a warm sum-chunk on :$helper_port for aggregate to call (JDK 17)"
    "$java17" -Dquarkus.profile=local -Dquarkus.http.port=$helper_port -jar "$work/sum-chunk/quarkus-run.jar" \
        >"$work/helper-sum-chunk.log" 2>&1 &
    helper=$!
    deadline=$((SECONDS + 60))
    until [[ $(post $helper_port sum-chunk '{"values":[1]}') == 200 ]]; do
        ((SECONDS < deadline)) || fail "the helper sum-chunk did not start; see $work/helper-sum-chunk.log"
        sleep 0.2
    done
fi

# ---- training runs -----------------------------------------------------------------------------------------------
# The cache holds what a run of the app loaded, linked and profiled, so the training run serves the kind of requests
# production does: it starts, answers $training requests, and on SIGTERM the JVM writes app.aot (on JDK 25,
# -XX:AOTCacheOutput records and creates in one run). Quarkus would train during the integration tests, with the JVM
# that runs the build; the build here runs on JDK 17, so the script trains.
if [[ " ${functions[*]} " == *" login "* ]]; then
    step "register (jdk17): creating the account login's requests use"
    launch "$work/register" register "$java17"
    first_answer register "$(request_body register bench-login)" "$(now_ns)" >/dev/null
    stop
fi

for f in "${functions[@]}"; do
    for row in jdk25-aot jdk25-aotjar; do
        has_row $row || continue
        app=$(app_dir "$f" $row)
        step "$f ($row): training run on JDK 25, $training requests, writing $app/app.aot"
        t0=$(now_ns)
        launch "$app" "$f" "$java25" -XX:AOTCacheOutput="$app/app.aot"
        first_answer "$f" "$(request_body "$f" "$row-t0")" "$t0" >/dev/null
        for ((i = 1; i <= training; i++)); do
            status=$(post $port "$f" "$(request_body "$f" "$row-t$i")")
            [[ $status == 200 ]] || fail "$f answered $status during training; see $work/$f.log"
        done
        stop
        [[ -s $app/app.aot ]] || fail "$f: the training run wrote no AOT cache; see $work/$f.log"
        echo "  app.aot: $(($(stat -c %s "$app/app.aot") / 1048576)) MiB; training took $((($(now_ns) - t0) / 1000000)) ms"
    done
done

# ---- timed runs --------------------------------------------------------------------------------------------------
# The functions and rows take turns, so that a change of load on this shared machine during the run hits all of them
# alike, and the ratios between them hold. -XX:AOTMode=on makes a cache that cannot be used an error instead of a
# silent run without it.
: >"$work/results.tsv"
step "${functions[*]}: $runs starts of each row, taking turns (ms to the first answer, MiB resident)"
for ((run = 1; run <= runs; run++)); do
    for f in "${functions[@]}"; do
        line=$(printf '  run %d %-10s:' "$run" "$f")
        for row in "${rows[@]}"; do
            app=$(app_dir "$f" $row)
            case $row in
                jdk17) jvm=("$java17") ;;
                jdk25) jvm=("$java25") ;;
                *) jvm=("$java25" -XX:AOTMode=on -XX:AOTCache="$app/app.aot") ;;
            esac
            body=$(request_body "$f" "s$run-$row")
            t0=$(now_ns)
            launch "$app" "$f" "${jvm[@]}"
            answer=$(first_answer "$f" "$body" "$t0")
            stop
            read -r ms rss <<<"$answer"
            printf '%s\t%s\t%s\t%s\n' "$f" "$row" "$ms" "$rss" >>"$work/results.tsv"
            line+=$(printf '  %s %6.0f %4d' "$row" "$ms" $((rss / 1024)))
        done
        echo "$line"
    done
done

# ---- results -----------------------------------------------------------------------------------------------------
cell() { awk -F'\t' -v f="$1" -v r="$2" -v c="$3" '$1 == f && $2 == r { print $c }' "$work/results.tsv" | median; }
cut_of() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (1 - b / a) * 100 }'; }
step "results: medians of $runs starts; ms from process start to the first 200 answer, and MiB resident right after it"
printf '  %-10s |' function
printf ' %-18s |' "${rows[@]}"
cuts=0 # the AOT cache's cut and its verdict need the jdk17 and jdk25-aotjar rows
if has_row jdk17 && has_row jdk25-aotjar; then cuts=1; fi
if ((cuts)); then printf ' %9s | %s\n' "cut: aot" "cut: aotjar"; else echo; fi
printf '  %s\n' "$(printf -- '-%.0s' {1..120})"
verdict=PASS
echo "function,row,first_answer_ms,resident_mib" >"$work/startup.csv" # for bench/charts.sh
for f in "${functions[@]}"; do
    line=$(printf '  %-10s |' "$f")
    for row in "${rows[@]}"; do
        line+=$(printf ' %6.0f ms %4.0f MiB |' "$(cell "$f" $row 3)" "$(awk -v k="$(cell "$f" $row 4)" 'BEGIN { print k / 1024 }')")
        printf '%s,%s,%.0f,%.0f\n' "$f" "$row" "$(cell "$f" $row 3)" \
            "$(awk -v k="$(cell "$f" $row 4)" 'BEGIN { print k / 1024 }')" >>"$work/startup.csv"
    done
    if ((!cuts)); then
        echo "$line"
        continue
    fi
    t17=$(cell "$f" jdk17 3)
    cut_fast=-
    if has_row jdk25-aot; then cut_fast=$(cut_of "$t17" "$(cell "$f" jdk25-aot 3)"); fi
    cut_aotjar=$(cut_of "$t17" "$(cell "$f" jdk25-aotjar 3)")
    if awk -v c="$cut_aotjar" -v t="$target" 'BEGIN { exit !(c >= t) }'; then mark=pass; else mark=FAIL verdict=FAIL; fi
    echo "$line$(printf ' %7s %% | %9s %% %s' "$cut_fast" "$cut_aotjar" "$mark")"
done
echo
if ((cuts)); then
    echo "  cut: how much less time to the first answer than jdk17; the target (>= $target %) applies to jdk25-aotjar"
fi
if [[ " ${functions[*]} " == *" sum-chunk "* ]]; then
    echo
    echo "  each function's time to the first answer against sum-chunk's, same JVM (target for register and login:"
    echo "  at most ${account_target}x on jdk17)"
    for f in "${functions[@]}"; do
        line=$(printf '  %-10s |' "$f")
        for row in "${rows[@]}"; do
            line+=$(awk -v a="$(cell "$f" $row 3)" -v b="$(cell sum-chunk $row 3)" 'BEGIN { printf " %18.2fx |", a / b }')
        done
        mark=
        if [[ $f == register || $f == login ]] && has_row jdk17; then
            if awk -v a="$(cell "$f" jdk17 3)" -v b="$(cell sum-chunk jdk17 3)" -v t="$account_target" \
                'BEGIN { exit !(a / b <= t) }'; then mark=pass; else mark=FAIL verdict=FAIL; fi
        fi
        echo "$line $mark"
    done
fi
echo "  raw figures: $work/results.tsv, medians: $work/startup.csv; logs: $work/<function>.log"
echo "startup-bench: $verdict"
[[ $verdict == PASS ]]
