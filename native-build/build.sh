#!/usr/bin/env bash
# Builds the functions as native executables, Lambda zips and container images.
#
#   native-build/build.sh [function...]             native executables, Knative flavour: functions/<f>/target/<f>-<version>-runner
#   native-build/build.sh --lambda [function...]    native Lambda zips: functions/<f>/target/function.zip holding `bootstrap`
#                                                   (runtime provided.al2023, the architecture of the build: x86_64 here)
#   native-build/build.sh --image [function...]     native executables, then an image each: cumulus/<f>:<version>
#                                                   (Dockerfile.native, on quay.io/quarkus/quarkus-micro-image:2.0)
#   native-build/build.sh --jvm-image [function...] no native build: the JVM package, then cumulus/<f>:<version>-jvm
#                                                   (Dockerfile.jvm)
#
# Functions: any of bin/functions (default: every one). A native build uses the local GraalVM or Mandrel
# when `native-image` is on the PATH, else Quarkus' builder image on Docker or Podman
# (-Dquarkus.native.container-build=true). Each function takes minutes and 4-6 GiB of memory (native-build/README.md).
# Maven's output goes to native-build/target/<function>.log; the console shows the steps.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t ALL_FUNCTIONS < <(bin/functions)
mode=native
functions=()
for arg in "$@"; do
  case "$arg" in
    --lambda) mode=lambda ;;
    --image) mode=image ;;
    --jvm-image) mode=jvm-image ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
    *)
      [[ " ${ALL_FUNCTIONS[*]} " == *" $arg "* ]] || { echo "unknown function: $arg (one of: ${ALL_FUNCTIONS[*]})" >&2; exit 2; }
      functions+=("$arg")
      ;;
  esac
done
((${#functions[@]})) || functions=("${ALL_FUNCTIONS[@]}")

fail() { echo "native-build: FAILED: $*" >&2; exit 1; }

# ---- tools: decided before anything is built, so a missing one fails at once --------------------------------------
# a container engine counts only when it answers: a docker client without a reachable daemon cannot build
engine= unreachable=
for candidate in docker podman; do
  command -v "$candidate" >/dev/null || continue
  if "$candidate" info >/dev/null 2>&1; then engine=$candidate; break; fi
  unreachable+=" $candidate"
done
maven_args=(-B -DskipTests)
case $mode in
  native|lambda|image)
    maven_args+=(-P"$([[ $mode == lambda ]] && echo lambda,native || echo native)")
    if command -v native-image >/dev/null; then
      toolchain="local $(native-image --version 2>/dev/null | head -n 1)"
    elif [[ -n $engine ]]; then
      toolchain="Quarkus' builder image on $engine"
      maven_args+=(-Dquarkus.native.container-build=true -Dquarkus.native.container-runtime="$engine")
    else
      fail "no native toolchain: install GraalVM or Mandrel (native-image on the PATH), or Docker or Podman for a \
container build${unreachable:+ (found, but not answering \`info\`:$unreachable)}"
    fi
    ;;
  jvm-image) toolchain="the JVM package (no native build)" ;;
esac
if [[ $mode == image || $mode == jvm-image ]] && [[ -z $engine ]]; then
  fail "building images needs Docker or Podman, and none answers${unreachable:+ (found, but not answering \`info\`:$unreachable)}"
fi
if [[ $mode == lambda && $(uname -m) != x86_64 ]]; then
  echo "note: this machine is $(uname -m): the zips will be for that architecture, not x86_64" >&2
fi

logs=native-build/target
mkdir -p "$logs"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' functions/pom.xml | head -n 1)
echo "native-build: ${functions[*]} ($mode), with $toolchain; Maven logs in $logs/"

# ---- builds ------------------------------------------------------------------------------------------------------
# run <log> <command...>: runs a step, shows the native-image phases ([1/8] ... [8/8]) as they pass, and on failure
# the end of the log
run() {
  local log=$1 status
  shift
  set +e
  "$@" 2>&1 | tee "$log" | grep --line-buffered -E '^\[[0-9]/[0-9]\] |Finished generating' | sed -u 's/^/      /'
  status=${PIPESTATUS[0]}
  set -e
  if ((status != 0)); then
    echo "---- the end of $log" >&2
    tail -n 40 "$log" >&2
    fail "$* (exit $status)"
  fi
}

total_start=$SECONDS
results=()
n=0
for f in "${functions[@]}"; do
  n=$((n + 1))
  start=$SECONDS
  target=functions/$f/target
  case $mode in
    native|image)
      echo "[$n/${#functions[@]}] $f: native executable (Knative flavour)"
      run "$logs/$f.log" ./mvnw "${maven_args[@]}" -pl "functions/$f" -am package
      artifact=$target/$f-$version-runner
      [[ -x $artifact ]] || fail "$f: the build did not produce $artifact"
      ;;
    lambda)
      echo "[$n/${#functions[@]}] $f: native Lambda zip (provided.al2023)"
      run "$logs/$f.log" ./mvnw "${maven_args[@]}" -pl "functions/$f" -am package
      artifact=$target/function.zip
      unzip -l "$artifact" 2>/dev/null | grep -qE ' bootstrap$' || fail "$f: $artifact holds no bootstrap"
      ;;
    jvm-image)
      echo "[$n/${#functions[@]}] $f: JVM package"
      run "$logs/$f.log" ./mvnw "${maven_args[@]}" -pl "functions/$f" -am package
      artifact=$target/quarkus-app
      ;;
  esac
  echo "      built $artifact ($(du -sh "$artifact" | cut -f1)) in $((SECONDS - start)) s"
  if [[ $mode == image ]]; then
    echo "      image cumulus/$f:$version ($engine, Dockerfile.native)"
    run "$logs/$f-image.log" "$engine" build -f native-build/Dockerfile.native --build-arg RUNNER="$f-$version-runner" \
      -t "cumulus/$f:$version" "$target"
    artifact="$artifact, image cumulus/$f:$version"
  elif [[ $mode == jvm-image ]]; then
    echo "      image cumulus/$f:$version-jvm ($engine, Dockerfile.jvm)"
    run "$logs/$f-image.log" "$engine" build -f native-build/Dockerfile.jvm -t "cumulus/$f:$version-jvm" "$target"
    artifact="$artifact, image cumulus/$f:$version-jvm"
  fi
  results+=("$f: $artifact ($((SECONDS - start)) s)")
done

echo "native-build: done in $((SECONDS - total_start)) s"
printf '  %s\n' "${results[@]}"
