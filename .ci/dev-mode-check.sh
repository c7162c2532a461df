#!/usr/bin/env bash
# Dev mode as a user starts it, on a scratch clone of this repository (its committed state, nothing built): sum-chunk
# in quarkus:dev with the README's command, a call, an edit of a source file, a second call that shows the edit (live
# reload), and the stop. Each step shows its time; past the deadline the check fails with the end of the dev-mode log.
#
# Environment:
#   QUARKUS_VERSION          Quarkus version for dev mode (default: the project's); a Maven repository that lacks
#                            io.quarkus:quarkus-devui at the project's version needs another one
#   DEV_MODE_CHECK_TIMEOUT   seconds for the whole check (default 900)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
deadline=$((SECONDS + ${DEV_MODE_CHECK_TIMEOUT:-900}))
work=$(mktemp -d "${TMPDIR:-/tmp}/cumulus-dev-mode.XXXXXX")
log=$work/dev-mode.log
dev_pid=
started=$SECONDS
step() { printf '  [%4ds] %s\n' "$((SECONDS - started))" "$*"; }
fail() {
  echo "dev-mode check: FAILED: $*" >&2
  if [[ -f $log ]]; then
    echo "---- the end of $log" >&2
    tail -n 40 "$log" >&2
  fi
  exit 1
}
cleanup() {
  if [[ -n $dev_pid ]]; then
    kill -TERM -- "-$dev_pid" 2>/dev/null || true
    local until=$((SECONDS + 30))
    while kill -0 -- "-$dev_pid" 2>/dev/null && ((SECONDS < until)); do sleep 0.2; done
    kill -KILL -- "-$dev_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# post <json>: prints the answer's body, or nothing while no one listens
post() {
  curl -s --max-time 10 -H 'Content-Type: application/json' -d "$1" "http://127.0.0.1:$port/sum-chunk" || true
}
# await_answer <what> <expected fragment>: polls until the answer holds the fragment, showing progress every 30 s
await_answer() {
  local what=$1 want=$2 answer next=$((SECONDS + 30))
  while :; do
    answer=$(post '{"values":[1,"2.5",-3]}')
    [[ $answer == *"$want"* ]] && break
    kill -0 "$dev_pid" 2>/dev/null || fail "dev mode exited while waiting for $what"
    ((SECONDS < deadline)) || fail "no $what before the deadline; last answer: ${answer:-(none)}"
    if ((SECONDS >= next)); then
      step "still waiting for $what; the log says: $(tail -n 1 "$log" | cut -c1-120)"
      next=$((SECONDS + 30))
    fi
    sleep 1
  done
  step "$what: $answer"
}

step "a scratch clone in $work"
git clone -q "$root" "$work/clone"
cd "$work/clone"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# The README's dev-mode command, on a free port, without the debugger's fixed port or a question on the console
command=(./mvnw -B -pl functions/sum-chunk -am test-compile quarkus:dev)
step "starting: ${command[*]} (Quarkus ${QUARKUS_VERSION:-of the project}, port $port)"
setsid "${command[@]}" ${QUARKUS_VERSION:+-Dquarkus.version=$QUARKUS_VERSION} -Dquarkus.http.port="$port" \
  -Ddebug=false -Dquarkus.analytics.disabled=true </dev/null >"$log" 2>&1 &
dev_pid=$!

await_answer "the first answer" '"sum":"0.5"'
dev_ui=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://127.0.0.1:$port/q/dev-ui/" || true)
[[ $dev_ui == 200 ]] || fail "the Dev UI answered $dev_ui"
step "the Dev UI answers at /q/dev-ui/"

# an edit a developer would make, in the service that both of sum-chunk's HTTP paths call (Funqy's, and the route of
# small inline requests): every answer now names the job "edited"
source=functions/sum-chunk/src/main/java/dev/cumulus/sumchunk/SumChunkService.java
sed -i 's|^        return result;$|        return edited(result);|' "$source"
sed -i 's|^}$|    private static dev.cumulus.core.chunk.ChunkResult edited(dev.cumulus.core.chunk.ChunkResult r) {\n        return new dev.cumulus.core.chunk.ChunkResult("edited", r.index(), r.count(), r.sum(), r.min(), r.max());\n    }\n}|' \
  "$source"
grep -q 'return edited(' "$source" || fail "the edit did not apply to $source (has the function changed?)"
step "edited $source: the answer's jobId becomes \"edited\""

await_answer "the edited answer" '"jobId":"edited"'

step "stopping dev mode"
kill -TERM -- "-$dev_pid"
until=$((SECONDS + 60))
while kill -0 -- "-$dev_pid" 2>/dev/null; do
  ((SECONDS < until)) || fail "dev mode did not exit within 60 s of SIGTERM"
  sleep 0.2
done
dev_pid=
step "dev-mode check passed"
