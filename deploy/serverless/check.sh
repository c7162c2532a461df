#!/usr/bin/env bash
# Packages serverless.yml offline with the pinned Serverless Framework v3, for both runtimes (native, the default,
# and jvm), and checks the CloudFormation it generates (check_template.py). No AWS account or credentials needed.
#
#   deploy/serverless/check.sh
#
# Needs node and npm (the framework comes from the npm registry, pinned by package-lock.json) and the Lambda zip of
# every function (bin/functions lists them), functions/<name>/target/function.zip (./mvnw package -Plambda).
# Packaging reads the zips only to hash and copy them, so the JVM zips stand in for the native ones here. login's
# JWKS document is made here from a throwaway key (openssl, bin/cumulus jwks).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

for f in $(bin/functions); do
  test -s "functions/$f/target/function.zip" || {
    echo "no functions/$f/target/function.zip: build the Lambda flavour first" \
      "(./mvnw -B -pl functions/$f -am package -Plambda -DskipTests)" >&2
    exit 1
  }
done

if ! cmp -s "$here/package-lock.json" "$here/node_modules/.package-lock.json.installed" 2>/dev/null; then
  echo "==> npm ci (serverless $(node -p "require('$here/package.json').devDependencies.serverless"))"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$here/node_modules/.package-lock.json.installed"
fi

# offline: no telemetry, no update notices; deprecations and schema warnings fail the check
export SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off SLS_DEPRECATION_NOTIFICATION_MODE=error
# packaging needs a region (serverless.yml gives one), never credentials: make sure none are found and used
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE
export AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_CONFIG_FILE=/dev/null

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
# a key pair of this run only, and its JWKS document as a deployment makes it (bin/cumulus jwks), for login's
# GET /.well-known/jwks.json
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/jwt-private.pem" 2>/dev/null
openssl pkey -in "$out/jwt-private.pem" -pubout -out "$out/jwt-public.pem"
bin/cumulus jwks "$out/jwt-public.pem" >"$out/jwks.json"
# the third run names buckets of s3:// sources: their readers' roles may read those and no other
buckets=cumulus-numbers,numbers.example.org
for run in native jvm native-s3; do
  runtime=${run%-s3}
  # native is the default: package it without the param, so the default is what gets checked
  params=(--param="jwks=$out/jwks.json")
  [ "$runtime" = native ] || params+=(--param="runtime=$runtime")
  sources=
  [ "$run" = native-s3 ] && sources=$buckets && params+=(--param="sourceBuckets=$sources")
  echo "==> serverless package --stage dev ${params[*]}"
  "$here/node_modules/.bin/serverless" package --stage dev --package "$out/$run" "${params[@]}"
  python3 "$here/check_template.py" "$out/$run/cloudformation-template-update-stack.json" "$runtime" dev \
    "$out/jwks.json" "$sources" ||
    status=1
done
exit $status
