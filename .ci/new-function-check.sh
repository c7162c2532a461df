#!/usr/bin/env bash
# A function made by `bin/cumulus new-function`, on a scratch clone of this repository (its committed state): the
# command's own checks of the name, the files it writes (nothing else in the clone changes), the new module built and
# tested in both flavours (the library modules it needs are built; their tests are left to the full build), the
# platform's discovery finding it, and the deploy checks with it included: its Knative Service as infra/generate.sh
# writes it for every function, infra/tests (the Services against what Quarkus generates, their hardening and wiring,
# the Knative CRD schema), the kustomization rendered (infra/check.sh) and serverless.yml packaged offline and checked
# (deploy/serverless/check.sh). Each step shows the seconds since the start.
#
# Environment:
#   NEW_FUNCTION_CHECK_NAME  the name to create (default sample-greeter)
#   CUMULUS_SCHEMAS_DIR      the directory of the Knative CRD schema, absolute or relative to this repository (.ci/run
#                            passes its own); without it infra/tests skips the schema checks, saying so
# Needs what .ci/run installs: git, python3, kubectl, node and npm (the Serverless Framework comes from
# deploy/serverless/node_modules of this repository when it is installed there, else from `npm ci` in the clone).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
name=${NEW_FUNCTION_CHECK_NAME:-sample-greeter}
schemas=${CUMULUS_SCHEMAS_DIR:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/cumulus-new-function.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$SECONDS
step() { printf '  [%4ds] %s\n' "$((SECONDS - started))" "$*"; }
fail() { echo "new-function check: FAILED: $*" >&2; exit 1; }
# build <log name> <what> <command...>: runs a build step quietly, its log's end on failure
build() {
  local log="$work/$1.log" what=$2
  shift 2
  "$@" >"$log" 2>&1 || { tail -n 60 "$log" >&2; fail "$what (log: the lines above)"; }
}
# tests_of <reports dir>: "Tests run: ..." of each report
tests_of() { grep -h 'Tests run:' "$1"/*.txt | sed 's/^/    /'; }

if [ -n "$schemas" ]; then
  schemas=$(cd "$root" && cd "$schemas" && pwd) || fail "no directory $CUMULUS_SCHEMAS_DIR (CUMULUS_SCHEMAS_DIR)"
fi

step "a scratch clone in $work"
git clone -q "$root" "$work/clone"
cd "$work/clone"

step "names the command refuses"
for bad in Upper 1st double--dash trailing- core sum-chunk "two words"; do
  if bin/cumulus new-function --no-build "$bad" >/dev/null 2>&1; then fail "accepted the name '$bad'"; fi
done
[ -z "$(git status --porcelain)" ] || fail "a refused name changed files: $(git status --porcelain)"

step "bin/cumulus new-function $name (packages the module for its Knative Service)"
bin/cumulus new-function "$name"
changed=$(git status --porcelain --untracked-files=all | awk '{ print $2 }')
echo "$changed" | sed 's/^/    /'
echo "    $(echo "$changed" | wc -l) files"
outside=$(echo "$changed" | grep -vE "^functions/$name/|^functions/pom.xml$|^serverless.yml$|^infra/services/($name.yml|kustomization.yaml)$" ||
  true)
[ -z "$outside" ] || fail "the command changed files outside its module, functions/pom.xml, serverless.yml and infra/services: $outside"
for expected in "infra/services/$name.yml" infra/services/kustomization.yaml serverless.yml functions/pom.xml; do
  echo "$changed" | grep -qxF "$expected" || fail "the command did not write $expected"
done
bin/functions | grep -qx "$name" || fail "bin/functions does not list $name"
step "discovered: $(bin/functions --ports | awk -v n="$name" '$1 == n { print $1 " on port " $2 }')"
# what infra/ looks like after the command alone: the full infra/generate.sh below must leave it so
infra_after_command=$(git status --porcelain --untracked-files=all -- infra; git diff -- infra | git hash-object --stdin)

step "default flavour: ./mvnw -pl functions/$name -am verify (unit, @QuarkusTest and packaged-jar tests)"
build default "the default flavour's build" ./mvnw -B -q -pl "functions/$name" -am verify -Dformat.check \
  -Dcumulus.skipLibraryTests
test -s "functions/$name/target/kubernetes/knative.yml" || fail "no Knative manifest"
grep -h 'Tests run:' "functions/$name"/target/{surefire,failsafe}-reports/*.txt | sed 's/^/    /'

step "Lambda flavour: ./mvnw -pl functions/$name -am verify -Plambda"
build lambda "the Lambda flavour's build" ./mvnw -B -q -pl "functions/$name" -am verify -Plambda -Dformat.check \
  -Dcumulus.skipLibraryTests
test -s "functions/$name/target/function.zip" || fail "no function.zip"
grep -h 'Tests run:' "functions/$name"/target/surefire-reports/*Lambda*.txt | sed 's/^/    /'

step "every function packaged in the default flavour (-DskipTests), as infra/generate.sh builds them"
build package "the package of every function" ./mvnw -B -q -pl "$(bin/functions --modules)" -am package -DskipTests
[ "$(git status --porcelain --untracked-files=all -- infra; git diff -- infra | git hash-object --stdin)" = \
  "$infra_after_command" ] || fail "the builds changed infra/: $(git status --short -- infra)"

if [ -n "$schemas" ]; then
  step "infra/tests: ./mvnw -pl infra/tests -am verify -Dcumulus.schemas.dir=$schemas"
else
  step "infra/tests: ./mvnw -pl infra/tests -am verify (no CUMULUS_SCHEMAS_DIR: the CRD schema checks skip)"
fi
# the infra tests only (core's own tests ran in the build of the module above), on infra/services as the command
# left it: GeneratedServicesTest compares each copy with what Quarkus generated (as trees: the generator does not
# fix the order of keys), and the list with the functions
build infra-tests "infra/tests" ./mvnw -B -q -pl infra/tests -am verify -Dcumulus.schemas.dir="$schemas" \
  -Dtest='dev/cumulus/infra/*Test' -Dsurefire.failIfNoSpecifiedTests=false
tests_of infra/tests/target/surefire-reports
# each check runs once per function (bin/functions, as the tests find them), so once for $name too
count=$(bin/functions | wc -l)
checks=(GeneratedServicesTest.committedCopy_equalsTheGeneratedManifest
  ServicesHardeningTest.everyContainer_nonRootReadOnlyNoEscalationNoCapabilitiesRuntimeDefaultSeccomp
  ServicesWiringTest.scaleBoundsAndResources_set)
[ -z "$schemas" ] || checks+=(KnativeServiceSchemaTest.committedService_validatesAgainstTheCrdSchema)
for check in "${checks[@]}"; do
  report=infra/tests/target/surefire-reports/TEST-dev.cumulus.infra.${check%%.*}.xml
  ran=$(grep -c "<testcase name=\"${check#*.}" "$report" || true)
  [ "$ran" = "$count" ] || fail "$check ran $ran times, not once for each of the $count functions"
  ! grep -q '<skipped' "$report" || fail "${check%%.*} skipped checks"
done
echo "    ${checks[*]%%.*}: once for each of the $count functions, $name included, none skipped"

step "infra/generate.sh --no-build: the script itself, for every function, lists $name as the command did"
cp infra/services/kustomization.yaml "$work/kustomization.after-command"
build generate "infra/generate.sh --no-build" infra/generate.sh --no-build
cmp -s infra/services/kustomization.yaml "$work/kustomization.after-command" ||
  fail "infra/generate.sh lists other Services than the command: $(diff "$work/kustomization.after-command" infra/services/kustomization.yaml)"
echo "    infra/services/kustomization.yaml: $(sed -n 's/^  - //p' infra/services/kustomization.yaml | paste -sd' ')"

step "infra/check.sh: the kustomization renders (kubectl kustomize), a hardened Service for $name"
bash infra/check.sh
kubectl kustomize infra/services | grep -qx "  name: $name" || fail "kubectl kustomize: no Service $name"

step "deploy/serverless/check.sh: serverless.yml packaged offline, its CloudFormation checked, $name included"
# packaging only hashes and copies the zips: the others' (not built in this clone) stand in as placeholders
for f in $(bin/functions); do
  [ -s "functions/$f/target/function.zip" ] && continue
  mkdir -p "functions/$f/target"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("placeholder", "stands in")' \
    "functions/$f/target/function.zip"
done
# the Serverless Framework this repository installed, when it is the same one
installed=$root/deploy/serverless/node_modules
if cmp -s deploy/serverless/package-lock.json "$installed/.package-lock.json.installed" 2>/dev/null; then
  ln -s "$installed" deploy/serverless/node_modules
fi
build serverless "deploy/serverless/check.sh" deploy/serverless/check.sh
grep -E '^== ' "$work/serverless.log" | sed 's/^/    /'
role=$(sed -n "s/^ok    $name: a role of its own (\(.*\))\$/\1/p" "$work/serverless.log" | head -n 1)
# one packaging per runtime (native, jvm) and any further variant check.sh packages (source buckets): each check once
# in each of them
packagings=$(grep -c '^== .*cloudformation-template-update-stack.json' "$work/serverless.log" || true)
[ "$packagings" -ge 2 ] || fail "deploy/serverless/check.sh packaged $packagings times, not at least once per runtime"
for check in "$name: a role of its own" "$name: reserved concurrency" "$name: POST /$name" \
  "${role:-no role}: exactly logs:CreateLogStream logs:PutLogEvents on"; do
  [ "$(grep -cF "ok    $check" "$work/serverless.log")" = "$packagings" ] ||
    fail "deploy/serverless/check.sh did not pass '$check' in each of its $packagings packagings"
done
echo "    $name: its own role $role (its log group only), reserved concurrency, POST /$name; in each of the" \
  "$packagings packagings (native, jvm and more)"

step "new-function check passed"
