#!/usr/bin/env bash
# Throughput of the exact summing kernel (LineSummer) on one thread, next to `wc -l` and awk on the same file.
#
#   bench/kernel-throughput.sh [dir]
#
# Generates (once) a file of random integers of up to 16 digits, a quarter negative, in [dir] (default
# bench/target), warms the page cache, times `wc -l`, `awk '{s+=$1} END {print s}'` and the kernel, each a few times,
# keeps the best run of each, and checks the targets: kernel at least 4x awk, wc -l at most 8x the kernel.
# Exits non-zero when a target or an exactness check fails. MB are 10^6 bytes.
#
# Environment:
#   KERNEL_BENCH_LINES        lines in the file (default 30000000)
#   KERNEL_BENCH_SHAPE        values: each value uniform below 10^16, so most have 16 digits (default);
#                             lengths: each digit count 1..16 equally likely, shorter lines, harder per byte
#   KERNEL_BENCH_RUNS         timed runs of wc -l and of the kernel (default 5; the kernel warms up 3 runs first)
#   KERNEL_BENCH_AWK_RUNS     timed runs of awk (default 3; awk is the slow one)
#   KERNEL_BENCH_EXACT_CHECK  python: also compare the sum with python3's exact integer sum (default when python3
#                             exists); none: only the check that two ranges merged equal the whole file
#   KERNEL_BENCH_BUILD        1: rebuild the jar even if it exists (after changing the kernel); by default it is
#                             built only when missing
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/bench/target/benchmarks.jar
dir=${1:-$root/bench/target}
lines=${KERNEL_BENCH_LINES:-30000000}
shape=${KERNEL_BENCH_SHAPE:-values}
runs=${KERNEL_BENCH_RUNS:-5}
awk_runs=${KERNEL_BENCH_AWK_RUNS:-3}
exact_check=${KERNEL_BENCH_EXACT_CHECK:-$(command -v python3 >/dev/null && echo python || echo none)}
file=$dir/integers-$shape-$lines.txt

step() { printf '\n== %s\n' "$*"; }
now_ns() { date +%s%N; }
# seconds as a decimal, from nanoseconds
secs() { awk -v ns="$1" 'BEGIN { printf "%.4f", ns / 1e9 }'; }
mbps() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.1f", b / 1e6 / (ns / 1e9) }'; }

# best_of <runs> <label> <command...>: runs the command, prints each time, sets best_ns and last_out
best_of() {
    local n=$1 label=$2 i start elapsed
    shift 2
    best_ns=
    for ((i = 1; i <= n; i++)); do
        start=$(now_ns)
        last_out=$("$@")
        elapsed=$(($(now_ns) - start))
        printf '  %s run %d/%d: %s s\n' "$label" "$i" "$n" "$(secs "$elapsed")"
        if [[ -z $best_ns || $elapsed -lt $best_ns ]]; then best_ns=$elapsed; fi
    done
}

if [[ ! -f $jar || ${KERNEL_BENCH_BUILD:-0} == 1 ]]; then
    step "building $jar"
    (cd "$root" && ./mvnw -q -pl bench -am package -DskipTests)
fi

mkdir -p "$dir"
if [[ ! -f $file ]]; then
    step "generating $file ($lines lines, shape $shape)"
    java -cp "$jar" dev.cumulus.bench.GenerateLines "$file" "$lines" "$shape"
fi
bytes=$(stat -c %s "$file")

awk_path=$(readlink -f "$(command -v awk)")
awk_name=$(basename "$awk_path")
case $awk_name in
    gawk) awk_version=$(gawk --version | head -n 1) ;;
    mawk) awk_version=$(mawk -W version 2>&1 | head -n 1) ;;
    *) awk_version=$awk_name ;;
esac
java_version=$(java -version 2>&1 | head -n 1)

step "machine"
echo "  cpu:  $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "  java: $java_version"
echo "  awk:  awk is $awk_path ($awk_version)"
echo "  file: $file, $bytes bytes"

step "warming the page cache"
cat "$file" >/dev/null
cat "$file" >/dev/null
echo "  read the file twice"

step "wc -l, best of $runs"
best_of "$runs" "wc -l" wc -l "$file"
wc_ns=$best_ns
wc_lines=${last_out%% *}

step "awk (awk is $awk_name), best of $awk_runs"
best_of "$awk_runs" "$awk_name" awk '{s+=$1} END {print s}' "$file"
awk_ns=$best_ns
awk_sum=$last_out

step "kernel, one thread: 3 warm-up runs, best of $runs, then the file again as two ranges"
kernel_out=$(java -cp "$jar" dev.cumulus.bench.FileThroughput "$file" "$runs" 3)
value() { sed -n "s/^$1=//p" <<<"$kernel_out"; }
kernel_sum=$(value sum)
kernel_count=$(value count)
kernel_ns=$(awk -v s="$(value best_seconds)" 'BEGIN { printf "%.0f", s * 1e9 }')

failed=0
step "exactness"
if [[ $(value split_identical) == true ]]; then
    echo "  PASS  two ranges, split mid-line and merged, give the identical summary: sum $(value split_sum)"
else
    echo "  FAIL  two ranges merged give $(value split_sum), the whole file $kernel_sum"
    failed=1
fi
if [[ $kernel_count == "$wc_lines" ]]; then
    echo "  PASS  the kernel counted $kernel_count numbers, wc -l $wc_lines lines"
else
    echo "  FAIL  the kernel counted $kernel_count numbers, wc -l $wc_lines lines"
    failed=1
fi
if [[ $exact_check == python ]]; then
    echo "  summing with python3's exact integers (takes a few seconds)..."
    python_sum=$(python3 -c 'import sys; print(sum(map(int, open(sys.argv[1], "rb"))))' "$file")
    if [[ $python_sum == "$kernel_sum" ]]; then
        echo "  PASS  python3 agrees: $python_sum"
    else
        echo "  FAIL  python3 sums to $python_sum, the kernel to $kernel_sum"
        failed=1
    fi
fi
echo "  (awk printed $awk_sum: a double, so not compared)"

wc_mbps=$(mbps "$bytes" "$wc_ns")
awk_mbps=$(mbps "$bytes" "$awk_ns")
kernel_mbps=$(mbps "$bytes" "$kernel_ns")
kernel_vs_awk=$(awk -v k="$kernel_mbps" -v a="$awk_mbps" 'BEGIN { printf "%.2f", k / a }')
wc_vs_kernel=$(awk -v w="$wc_mbps" -v k="$kernel_mbps" 'BEGIN { printf "%.2f", w / k }')
verdict() { awk -v r="$1" -v op="$2" -v t="$3" 'BEGIN { ok = op == ">=" ? r >= t : r <= t; print ok ? "PASS" : "FAIL" }'; }
awk_verdict=$(verdict "$kernel_vs_awk" ">=" 4)
wc_verdict=$(verdict "$wc_vs_kernel" "<=" 8)

step "results: $bytes bytes, $wc_lines lines, shape $shape"
printf '  %-28s %10s %10s\n' "" "best s" "MB/s"
printf '  %-28s %10s %10s\n' "wc -l" "$(secs "$wc_ns")" "$wc_mbps"
printf '  %-28s %10s %10s\n' "awk ($awk_name)" "$(secs "$awk_ns")" "$awk_mbps"
printf '  %-28s %10s %10s\n' "kernel (LineSummer, 1 thread)" "$(secs "$kernel_ns")" "$kernel_mbps"
echo "  (the kernel is timed inside its JVM after warm-up, as it runs in a long-lived function; wc and awk"
echo "  are timed as processes, whose start costs about a millisecond)"
echo
printf '  %-28s %9sx   target >= 4x   %s\n' "kernel / awk" "$kernel_vs_awk" "$awk_verdict"
printf '  %-28s %9sx   target <= 8x   %s\n' "wc -l / kernel" "$wc_vs_kernel" "$wc_verdict"

[[ $awk_verdict == PASS && $wc_verdict == PASS ]] || failed=1
exit $failed
