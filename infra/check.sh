#!/usr/bin/env bash
# Renders infra/ as `kubectl apply -k infra/` would, on a copy in which the committed *.example templates stand in
# for secrets that were not created, and checks the result: a Knative Service for every function (bin/functions),
# each hardened, the generated ConfigMap and Secrets under the hashed names the Services refer to, the NetworkPolicy
# in front of PostgreSQL, everything in the namespace cumulus.
# Needs kubectl (kustomize is built in). Prints the rendered manifests with -v.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
mapfile -t functions < <("$here/../bin/functions")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the kustomization's own files, without the test module and its build output
for entry in "$here"/*; do
    [[ "$(basename "$entry")" == tests ]] || cp -r "$entry" "$work/"
done
for template in "$work"/secrets/*.example; do
    secret="${template%.example}"
    [[ -e "$secret" ]] || cp "$template" "$secret"
done

rendered="$work/rendered.yaml"
kubectl kustomize "$work" > "$rendered"
[[ "${1:-}" == "-v" ]] && cat "$rendered"

fail() { echo "infra/check.sh: $*" >&2; exit 1; }
services=$(grep -c '^kind: Service$' "$rendered" || true)
knative=$(grep -c '^apiVersion: serving.knative.dev/v1$' "$rendered" || true)
[[ "$knative" == "${#functions[@]}" ]] ||
    fail "expected ${#functions[@]} Knative Services (${functions[*]}), found $knative: run infra/generate.sh"
[[ "$services" -ge $((${#functions[@]} + 1)) ]] ||
    fail "expected the Knative Services and the postgres Service, found $services"
for name in "${functions[@]}"; do
    grep -qx "  name: $name" "$rendered" || fail "no Service $name: run infra/generate.sh"
done
for field in 'automountServiceAccountToken: false' 'readOnlyRootFilesystem: true' 'runAsNonRoot: true' \
    'allowPrivilegeEscalation: false' 'type: RuntimeDefault'; do
    found=$(grep -c -- "$field\$" "$rendered" || true)
    [[ "$found" == "${#functions[@]}" ]] || fail "'$field' in $found of ${#functions[@]} Services"
done
grep -q '^kind: NetworkPolicy$' "$rendered" || fail "no NetworkPolicy in front of PostgreSQL"
for name in cumulus-config cumulus-db cumulus-jwt; do
    hashed=$(grep -oE "name: $name-[a-z0-9]{10}\$" "$rendered" | sort -u | wc -l)
    [[ "$hashed" == 1 ]] || fail "$name is not generated under one hashed name"
    if grep -qE "name: $name\$" "$rendered"; then fail "a reference to $name was not renamed to its hashed name"; fi
done
if grep -E '^  namespace: ' "$rendered" | grep -vq 'namespace: cumulus$'; then fail "a resource outside cumulus"; fi
if grep -q 'port: null' "$rendered"; then fail "a probe with port: null (run infra/generate.sh)"; fi
echo "infra/check.sh: kustomization renders ($(grep -c '^kind: ' "$rendered") resources)"
