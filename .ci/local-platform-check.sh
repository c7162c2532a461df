#!/usr/bin/env bash
# Checks a running local platform (bin/local-platform --detach): every port its processes listen on is bound to
# loopback only (the functions' HTTP ports and H2's AUTO_SERVER port), and its folder and files are readable by their
# owner only.
set -euo pipefail
cd "$(dirname "$0")/.."
run_dir=target/local-platform
failed=0

pids=$(cat "$run_dir"/*.pid)
# every listening socket of those processes and their children (dev mode forks the application)
all=$(for p in $pids; do echo "$p"; pgrep -P "$p" || true; done)
listening=$(ss -ltnpH | grep -E "pid=($(echo $all | tr ' ' '|'))," || true)
echo "listening:"
echo "$listening" | awk '{print "  " $4}'
[ -n "$listening" ] || { echo "no listening socket found for pids $all" >&2; exit 1; }
if echo "$listening" | awk '{print $4}' | grep -vE '^(127\.0\.0\.1|\[::1\]|\[::ffff:127\.0\.0\.1\]):[0-9]+$'; then
  echo "a local process listens beyond loopback (above)" >&2
  failed=1
fi

mode=$(stat -c %a "$run_dir")
echo "$run_dir: mode $mode"
[ "$mode" = 700 ] || { echo "$run_dir is not private (mode $mode)" >&2; failed=1; }
open=$(find "$run_dir" -perm /077 -print)
[ -z "$open" ] || { echo "readable by others:" >&2; echo "$open" >&2; failed=1; }

((failed == 0)) && echo "local platform: loopback only, files private"
exit "$failed"
