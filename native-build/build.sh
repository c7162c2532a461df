#!/usr/bin/env bash
# Builds every function as a native executable.
#
#   native-build/build.sh              Knative flavour: functions/<name>/target/<name>-<version>-runner
#   native-build/build.sh --lambda     Lambda flavour: functions/<name>/target/function.zip holding `bootstrap`
#   native-build/build.sh --image      Knative flavour, then a container image per function (native-build/Dockerfile.native)
#
# Uses a local GraalVM or Mandrel when `native-image` is on the PATH, else builds inside Quarkus' builder image with
# Docker or Podman (-Dquarkus.native.container-build=true). Each function takes a few minutes and 4-6 GiB of memory.
set -euo pipefail
cd "$(dirname "$0")/.."

FUNCTIONS=(sum-chunk)
profiles=native
image=false
for arg in "$@"; do
  case "$arg" in
    --lambda) profiles=lambda,native ;;
    --image) image=true ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

extra=()
if ! command -v native-image >/dev/null; then
  if command -v docker >/dev/null || command -v podman >/dev/null; then
    extra+=(-Dquarkus.native.container-build=true)
  else
    echo "neither native-image (GraalVM/Mandrel) nor docker/podman found" >&2
    exit 1
  fi
fi

for f in "${FUNCTIONS[@]}"; do
  echo "==> $f: native build (-P$profiles ${extra[*]})"
  start=$SECONDS
  ./mvnw -B -pl "functions/$f" -am package -P"$profiles" -DskipTests "${extra[@]}"
  echo "    $f built in $((SECONDS - start)) s"
  if $image; then
    runner=$(ls "functions/$f"/target/*-runner)
    docker build -f native-build/Dockerfile.native --build-arg RUNNER="${runner#./}" -t "cumulus/$f:latest" .
  fi
done
