#!/usr/bin/env bash
# A function made by `bin/cumulus new-function`, on a scratch clone of this repository (its committed state): the
# command's own checks of the name, the files it writes (nothing else in the clone changes), then the new module
# built and tested in both flavours, and the platform's discovery finding it.
#
# Environment: NEW_FUNCTION_CHECK_NAME, the name to create (default sample-greeter)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
name=${NEW_FUNCTION_CHECK_NAME:-sample-greeter}
work=$(mktemp -d "${TMPDIR:-/tmp}/cumulus-new-function.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$SECONDS
step() { printf '  [%4ds] %s\n' "$((SECONDS - started))" "$*"; }
fail() { echo "new-function check: FAILED: $*" >&2; exit 1; }

step "a scratch clone in $work"
git clone -q "$root" "$work/clone"
cd "$work/clone"

step "names the command refuses"
for bad in Upper 1st double--dash trailing- core sum-chunk "two words"; do
  if bin/cumulus new-function "$bad" >/dev/null 2>&1; then fail "accepted the name '$bad'"; fi
done
[ -z "$(git status --porcelain)" ] || fail "a refused name changed files: $(git status --porcelain)"

step "bin/cumulus new-function $name"
bin/cumulus new-function "$name"
changed=$(git status --porcelain --untracked-files=all | awk '{ print $2 }')
echo "$changed" | sed 's/^/    /'
outside=$(echo "$changed" | grep -vE "^functions/$name/|^functions/pom.xml$|^serverless.yml$" || true)
[ -z "$outside" ] || fail "the command changed files outside its module, functions/pom.xml and serverless.yml: $outside"
bin/functions | grep -qx "$name" || fail "bin/functions does not list $name"
step "discovered: $(bin/functions --ports | awk -v n="$name" '$1 == n { print $1 " on port " $2 }')"

step "default flavour: ./mvnw -pl functions/$name -am verify (unit, @QuarkusTest and packaged-jar tests)"
./mvnw -B -q -pl "functions/$name" -am verify -Dformat.check \
  >"$work/default.log" 2>&1 || { tail -n 60 "$work/default.log" >&2; fail "the default flavour's build"; }
test -s "functions/$name/target/kubernetes/knative.yml" || fail "no Knative manifest"
grep -h 'Tests run:' "functions/$name"/target/{surefire,failsafe}-reports/*.txt | sed 's/^/    /'

step "Lambda flavour: ./mvnw -pl functions/$name -am verify -Plambda"
./mvnw -B -q -pl "functions/$name" -am verify -Plambda -Dformat.check >"$work/lambda.log" 2>&1 \
  || { tail -n 60 "$work/lambda.log" >&2; fail "the Lambda flavour's build"; }
test -s "functions/$name/target/function.zip" || fail "no function.zip"
grep -h 'Tests run:' "functions/$name"/target/surefire-reports/*Lambda*.txt | sed 's/^/    /'

step "new-function check passed"
