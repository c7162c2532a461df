#!/usr/bin/env bash
# Builds every function (bin/functions lists them) in the default (Knative) flavour and copies the Knative Service
# that Quarkus generates for each (functions/<name>/target/kubernetes/knative.yml) to infra/services/<name>.yml, then
# writes infra/services/kustomization.yaml listing them, which the kustomization deploys. Run it after adding a
# function or changing a function's Knative configuration, and commit what it wrote; the build (infra/tests) fails
# while a copy differs from what Quarkus generates or the list differs from the functions there are.
#
# What it changes on the way, where Quarkus has no setting for it:
# - Quarkus 3.34.2 writes `port: null` into the HTTP probes. Knative takes a probe without a port as one on the
#   container's port, while the Service schema has no null there, so the line goes.
# - Hardening: the container gets a securityContext (non-root, read-only root filesystem, no privilege escalation, no
#   capabilities, the runtime's default seccomp profile) and the pod no service-account token. Quarkus' own
#   security-context keys write the pod's securityContext, which Knative accepts only behind a feature flag; Knative
#   takes these fields on the container. (The writable /tmp is Quarkus config: quarkus.knative.empty-dir-volumes.)
#
# Usage: infra/generate.sh [--no-build] [<function>...]
#   --no-build     copy what the last `package` left in target/
#   <function>...  build and copy only these (bin/cumulus new-function runs `infra/generate.sh <name>`); the other
#                  functions keep their committed copies, and the list names every function all the same
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
services="$root/infra/services"
mapfile -t functions < <("$root/bin/functions")
((${#functions[@]})) || { echo "bin/functions found no function" >&2; exit 1; }

build=true
selected=()
for arg in "$@"; do
    case "$arg" in
        --no-build) build=false ;;
        -*) echo "unknown option: $arg (usage: infra/generate.sh [--no-build] [<function>...])" >&2; exit 2 ;;
        *)
            printf '%s\n' "${functions[@]}" | grep -qxF -- "$arg" ||
                { echo "no function $arg (bin/functions lists ${functions[*]})" >&2; exit 2; }
            selected+=("$arg") ;;
    esac
done
((${#selected[@]})) || selected=("${functions[@]}")

if $build; then
    modules=$(printf 'functions/%s,' "${selected[@]}")
    (cd "$root" && ./mvnw -B -q -pl "${modules%,}" -am package -DskipTests)
fi

# The generated manifest, changed as said above. The insertions rely on the layout Quarkus writes (two-space indents,
# keys in order); infra/tests checks the result against the generated manifest and the CRD, so a new layout fails
# there rather than deploying something else.
deployable() { # <generated knative.yml> <function>
    awk -v function_name="$2" '
        BEGIN {
            security = "          securityContext:\n" \
                "            allowPrivilegeEscalation: false\n" \
                "            capabilities:\n" \
                "              drop:\n" \
                "                - ALL\n" \
                "            readOnlyRootFilesystem: true\n" \
                "            runAsNonRoot: true\n" \
                "            seccompProfile:\n" \
                "              type: RuntimeDefault"
        }
        /^---/ { knative = 0 }
        /^apiVersion: serving\.knative\.dev\/v1$/ { knative = 1 }
        /^[[:space:]]*port: null[[:space:]]*$/ { next }
        { print }
        knative && /^    spec:$/ { print "      automountServiceAccountToken: false"; pods++ }
        knative && $0 == "          name: " function_name { print security; containers++ }
        END {
            if (pods != 1 || containers != 1) {
                printf "%s: expected one pod spec and one container named %s, found %d and %d\n",
                    FILENAME, function_name, pods, containers > "/dev/stderr"
                exit 1
            }
        }
    ' "$1"
}

for name in "${selected[@]}"; do
    generated="$root/functions/$name/target/kubernetes/knative.yml"
    if [[ ! -f "$generated" ]]; then
        echo "missing $generated: build $name in the default flavour first" >&2
        exit 1
    fi
    deployable "$generated" "$name" > "$services/$name.yml.new"
    mv "$services/$name.yml.new" "$services/$name.yml"
    echo "infra/services/$name.yml"
done

# the others keep their committed copies, which the list below names too
for name in "${functions[@]}"; do
    [[ -f "$services/$name.yml" ]] || echo "warning: no infra/services/$name.yml: run infra/generate.sh $name" >&2
done

# the Services of functions that are gone
for copy in "$services"/*.yml; do
    name=$(basename "$copy" .yml)
    if ! printf '%s\n' "${functions[@]}" | grep -qxF "$name"; then
        rm "$copy"
        echo "removed infra/services/$name.yml"
    fi
done

{
    echo "# Written by infra/generate.sh: the Knative Service of every function (bin/functions). Do not edit."
    echo "apiVersion: kustomize.config.k8s.io/v1beta1"
    echo "kind: Kustomization"
    echo "resources:"
    printf '  - %s.yml\n' "${functions[@]}"
} > "$services/kustomization.yaml"
echo "infra/services/kustomization.yaml"
