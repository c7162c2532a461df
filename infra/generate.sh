#!/usr/bin/env bash
# Builds the four functions in the default (Knative) flavour and copies the Knative Service that Quarkus generates
# for each (functions/<name>/target/kubernetes/knative.yml) to infra/services/<name>.yml, which the kustomization
# deploys. Run it after changing a function's resources-knative configuration, and commit the copies; the build
# (infra/tests) fails while a copy differs from what Quarkus generates.
#
# The one change made on the way: Quarkus 3.34.2 writes `port: null` into the HTTP probes. Knative takes a probe
# without a port as one on the container's port, while the Service schema has no null there, so the line goes.
#
# Usage: infra/generate.sh [--no-build]   (--no-build: copy what the last `package` left in target/)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
functions=(sum-chunk aggregate register login)

if [[ "${1:-}" != "--no-build" ]]; then
    modules=$(printf 'functions/%s,' "${functions[@]}")
    (cd "$root" && ./mvnw -B -q -pl "${modules%,}" -am package -DskipTests)
fi

for name in "${functions[@]}"; do
    generated="$root/functions/$name/target/kubernetes/knative.yml"
    if [[ ! -f "$generated" ]]; then
        echo "missing $generated: build $name in the default flavour first" >&2
        exit 1
    fi
    sed -E '/^[[:space:]]*port: null[[:space:]]*$/d' "$generated" > "$root/infra/services/$name.yml"
    echo "infra/services/$name.yml"
done
