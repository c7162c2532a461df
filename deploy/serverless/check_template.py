#!/usr/bin/env python3
"""Checks the CloudFormation template that `serverless package` generated from serverless.yml.

    check_template.py <cloudformation-template-update-stack.json> <native|jvm> [stage] [jwks.json] [buckets]

buckets: the comma-separated sourceBuckets the template was packaged with (none by default).

Prints each check and exits 1 if any failed. The functions are the ones bin/functions discovers, and the error codes
and their statuses are read from ErrorCode, so a new function or a new code is checked without naming it here:
every function (runtime, handler, architecture, SnapStart, its own artifact, its own role, reserved concurrency),
each role's IAM statements exactly, who may invoke what (no route to sum-chunk, the one secret login may read), the
users and jobs tables, the API routes, the stage's throttling and how function errors map to HTTP statuses.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ERROR_CODE = os.path.join(ROOT, "functions/core/src/main/java/dev/cumulus/core/error/ErrorCode.java")

# Functions without a route: only other functions invoke them (sum-chunk fetches caller-named URLs)
INTERNAL = {"sum-chunk"}
# Functions whose event carries the request's Authorization header (the field "authorization"): they check tokens
AUTHORIZED = {"aggregate"}
# Where the JWKS document of login's public keys is published, and who reads it there
JWKS_PATH = ".well-known/jwks.json"
JWKS_READERS = {"aggregate"}
# What the code of a function needs, beyond writing its own logs
EXTRA_STATEMENTS = {
    "aggregate": lambda runtime, stage: [("invoke-sum-chunk", "Allow", ["lambda:InvokeFunction"], [
        {"Ref": "SumDashchunkSnapStartLambdaAlias"} if runtime == "jvm" else {
            "Fn::GetAtt": ["SumDashchunkLambdaFunction", "Arn"]}]),
        ("invoke-itself", "Allow", ["lambda:InvokeFunction"], [function_arn(stage, "aggregate")]),
        ("jobs-table", "Allow", JOBS_TABLE_ACTIONS, [JOBS_TABLE]),
        ("jobs-table", "Allow", ["dynamodb:Query"], [ACTIVE_JOBS_INDEX])],
    "register": lambda runtime, stage: [("users-table", "Allow", ["dynamodb:PutItem"], [TABLE])],
    "login": lambda runtime, stage: [
        ("users-table", "Allow", ["dynamodb:GetItem", "dynamodb:UpdateItem"], [TABLE]),
        ("jwt-signing-key", "Allow", ["secretsmanager:GetSecretValue"], [secret_arn(stage)])],
}
# The S3 actions each reader of s3:// sources has on the sourceBuckets (deploy/serverless/source-buckets.js), and the
# resource each action is granted on: objects for GetObject (and HeadObject), the bucket for ListBucket
SOURCE_READERS = {"sum-chunk": ["s3:GetObject"], "aggregate": ["s3:GetObject", "s3:ListBucket"]}
SOURCE_RESOURCES = {"s3:GetObject": "arn:aws:s3:::{}/*", "s3:ListBucket": "arn:aws:s3:::{}"}


def source_statements(name, buckets):
    """The s3-sources policy of a function: each of its actions on exactly the given buckets, or none without any."""
    if not buckets:
        return []
    return [("s3-sources", "Allow", [a], [SOURCE_RESOURCES[a].format(b) for b in buckets])
            for a in SOURCE_READERS.get(name, [])]


# memory (MB) and timeout (s) where a number matters to another setting
SIZES = {
    # one full vCPU for parsing; above aggregate's per-call timeout (30 s), so aggregate gives up first and retries
    "sum-chunk": (1769, 60),
    # above its longest job deadline (CUMULUS_AGGREGATE_MAX_TIMEOUT, 870 s)
    "aggregate": (1024, 900),
    "register": (512, 10),
    "login": (512, 10),
}
RUNTIMES = {
    "native": ("provided.al2023", "not.used.in.provided.runtime"),
    "jvm": ("java21", "dev.cumulus.lambda.CumulusStreamHandler::handleRequest"),
}
LOGS = ["logs:CreateLogStream", "logs:PutLogEvents"]
TABLE = {"Fn::GetAtt": ["UsersTable", "Arn"]}
JOBS_TABLE = {"Fn::GetAtt": ["JobsTable", "Arn"]}
# what DynamoDbJobStore calls on the table, and on its index of unfinished jobs
JOBS_TABLE_ACTIONS = ["dynamodb:BatchWriteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                      "dynamodb:UpdateItem"]
ACTIVE_JOBS_INDEX = {"Fn::Join": ["", [JOBS_TABLE, "/index/active-jobs"]]}
# AWS keeps 100 of an account's concurrency unreserved; 1,000 is the default limit of an account
RESERVABLE = 1000 - 100
# function errors that are no code of ours: a crash, a time-out, a prefix that only looks like a code
UNCODED = [
    "Task timed out after 10.01 seconds",
    "java.lang.NullPointerException: Cannot invoke \"String.length()\"",
    "user store unreachable: create (connection refused)",
    "INVALID_INPUTS: not a code of ours",
    "invalid_input: lower case is no code",
]

failures = []


def check(what, ok, detail=""):
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok else f": {detail}"))
    if not ok:
        failures.append(what)


def discovered_functions():
    out = subprocess.run([os.path.join(ROOT, "bin/functions")], check=True, capture_output=True, text=True).stdout
    return out.split()


def error_codes():
    """Each code of ErrorCode with its status, read from the enum's constants `NAME(status)`."""
    source = open(ERROR_CODE).read()
    body = source[source.index("enum ErrorCode"):]
    body = body[body.index("{") + 1:body.index(";")]
    codes = {name: status for name, status in re.findall(r"\b([A-Z][A-Z0-9_]*)\s*\(\s*(\d{3})\s*\)", body)}
    if not codes:
        raise SystemExit(f"no error codes found in {ERROR_CODE}")
    return codes


def logical_prefix(name):
    """The prefix of a function's logical ids, as Serverless normalizes its name (sum-chunk: SumDashchunk)."""
    return name[:1].upper() + name[1:].replace("-", "Dash").replace("_", "Underscore")


def jwks_url(stage):
    """login's JWKS document on this stage of the API."""
    return {"Fn::Join": ["", ["https://", {"Ref": "ApiGatewayRestApi"}, ".execute-api.", {"Ref": "AWS::Region"}, ".",
                              {"Ref": "AWS::URLSuffix"}, f"/{stage}/{JWKS_PATH}"]]}


def function_arn(stage, name):
    return {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":lambda:", {"Ref": "AWS::Region"}, ":",
                              {"Ref": "AWS::AccountId"}, f":function:cumulus-{stage}-{name}"]]}


def secret_arn(stage):
    return {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":secretsmanager:", {"Ref": "AWS::Region"}, ":",
                              {"Ref": "AWS::AccountId"}, f":secret:cumulus/{stage}/jwt-signing-key-??????"]]}


def statements(role):
    """Every statement of a role's inline policies as (policy, effect, sorted actions, resources as JSON)."""
    found = []
    for policy in role["Properties"].get("Policies", []):
        for s in policy["PolicyDocument"]["Statement"]:
            actions = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
            resources = s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]]
            found.append((policy["PolicyName"], s["Effect"], sorted(actions), json.dumps(resources, sort_keys=True)))
    return sorted(found)


def expected_statements(name, runtime, stage, buckets):
    own_logs = ("logs", "Allow", sorted(LOGS),
                json.dumps([{"Fn::GetAtt": [f"{logical_prefix(name)}LogGroup", "Arn"]}]))
    extra = EXTRA_STATEMENTS.get(name, lambda *_: [])(runtime, stage) + source_statements(name, buckets)
    return sorted([own_logs] + [(p, e, sorted(a), json.dumps(r, sort_keys=True)) for p, e, a, r in extra])


def expected_environment(name, runtime, stage, buckets):
    store = {"CUMULUS_STORE_TABLE": {"Ref": "UsersTable"}}
    # the readers of s3:// sources allow exactly the buckets their role may read
    sources = {"CUMULUS_SOURCES_S3_ALLOWED_BUCKETS": ",".join(buckets)} if buckets else {}
    return {
        "sum-chunk": sources or None,
        "aggregate": dict(sources, **{
            "CUMULUS_AGGREGATE_INVOKER": "lambda",
            "CUMULUS_AGGREGATE_SUM_CHUNK_FUNCTION": {
                "Ref": "SumDashchunkSnapStartLambdaAlias" if runtime == "jvm" else "SumDashchunkLambdaFunction"},
            "CUMULUS_AGGREGATE_MAX_CONCURRENCY": "32",
            "CUMULUS_AGGREGATE_TIMEOUT": "25S",
            "CUMULUS_AGGREGATE_MAX_TIMEOUT": "870S",
            "CUMULUS_STORE_JOBS_TABLE": {"Ref": "JobsTable"},
            "CUMULUS_AGGREGATE_AUTH_PUBLIC_KEY_LOCATION": jwks_url(stage),
        }),
        "register": store,
        "login": dict(store, CUMULUS_JWT_SIGNING_KEY_SECRET=f"cumulus/{stage}/jwt-signing-key"),
    }.get(name, "unchecked")


def strings(node):
    """Every string anywhere in a JSON value."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def check_error_mapping(responses, codes):
    check("success is 200 as the function answered", any(
        r["StatusCode"] == "200" and r["SelectionPattern"] == "" and not r.get("ResponseTemplates")
        for r in responses))
    messages = {f"{code}: a message,\nover two lines": status for code, status in codes.items()}
    messages.update({message: "500" for message in UNCODED})
    for message, status in messages.items():
        # API Gateway matches a Lambda error's errorMessage against each pattern as a whole (Java regex)
        matched = [r["StatusCode"] for r in responses if r["SelectionPattern"]
                   and re.fullmatch(r["SelectionPattern"], message)]
        check(f"error {message.splitlines()[0][:48]!r} -> {status}", matched == [status], matched)
    leaky = [r["StatusCode"] for r in responses if r["StatusCode"] == "500"
             and "errorMessage" in json.dumps(r.get("ResponseTemplates"))]
    check("a 500 shows nothing of the error", not leaky, leaky)
    coded = [r for r in responses if r["StatusCode"] not in ("200", "500")]
    check("other errors answer {\"error\":{\"code\",\"message\"}} from errorMessage", coded and all(
        "$input.path('$.errorMessage')" in r["ResponseTemplates"].get("application/json", "")
        and '{"error":{"code":' in r["ResponseTemplates"]["application/json"] for r in coded))


def check_authorization_template(name, template):
    """The body as sent up to its closing brace, then the Authorization header (either case) as the last field."""
    lines = [line.strip() for line in template.strip().splitlines()]
    check(f"{name}: the event is the body with the Authorization header added as \"authorization\"", len(lines) == 6
          and lines[0] == "#set($auth = $input.params().header.get('Authorization'))"
          and lines[1] == "#if(!$auth)#set($auth = $input.params().header.get('authorization'))#end"
          and lines[2] == "#set($body = $input.body.trim())"
          and lines[3] == "#set($end = $body.lastIndexOf('}'))"
          and lines[4] == "#set($inner = $body.substring(1, $end).trim())"
          and lines[5].startswith('$body.substring(0, $end)#if($inner != ""),#end"authorization":#if($auth)"'
                                  '$util.escapeJavaScript($auth)')
          and lines[5].endswith('#{else}null#end}'), template)
    check(f"{name}: nothing of the request but its body and that header", "$input.json" not in template
          and "$input.path" not in template and "querystring" not in template and "$context" not in template)


def check_jwks(resources, of_type, functions, jwks_file):
    """GET /.well-known/jwks.json answered by API Gateway itself with the deploy-time document, cacheable."""
    gets = {k: v["Properties"] for k, v in of_type("AWS::ApiGateway::Method").items()
            if v["Properties"]["HttpMethod"] == "GET"}
    check(f"one GET route, /{JWKS_PATH}", len(gets) == 1, sorted(gets))
    if len(gets) != 1:
        return
    method = next(iter(gets.values()))
    leaf = resources.get(method.get("ResourceId", {}).get("Ref", ""), {}).get("Properties", {})
    parent = resources.get(leaf.get("ParentId", {}).get("Ref", ""), {}).get("Properties", {})
    check(f"GET /{JWKS_PATH}", (parent.get("PathPart"), leaf.get("PathPart")) == tuple(JWKS_PATH.split("/")),
          (parent.get("PathPart"), leaf.get("PathPart")))
    integration = method.get("Integration", {})
    check("the JWKS: a mock integration (no function runs for it)", integration.get("Type") == "MOCK"
          and "Uri" not in integration, integration.get("Type"))
    check("the JWKS: public, no authorizer", method.get("AuthorizationType") == "NONE", method.get("AuthorizationType"))
    responses = integration.get("IntegrationResponses", [])
    ok = [r for r in responses if r["StatusCode"] == "200" and r["SelectionPattern"] == ""]
    check("the JWKS: one answer, 200", len(responses) == 1 and len(ok) == 1, responses)
    if not ok:
        return
    headers = ok[0].get("ResponseParameters", {})
    check("the JWKS: JSON, cacheable for 5 minutes", headers == {
        "method.response.header.Content-Type": "'application/json'",
        "method.response.header.Cache-Control": "'public, max-age=300'"}, headers)
    body = ok[0].get("ResponseTemplates", {}).get("application/json", "")
    try:
        doc = json.loads(body)
    except ValueError:
        doc = {}
    keys = doc.get("keys") or []
    check("the JWKS: RSA public keys with kid, nothing private", keys and all(
        k.get("kty") == "RSA" and k.get("kid") and k.get("n") and k.get("e")
        and not {"d", "p", "q", "dp", "dq", "qi"} & set(k) for k in keys), keys)
    if jwks_file:
        check(f"the JWKS: the document of {os.path.basename(jwks_file)}", doc == json.load(open(jwks_file)))


def check_functions(resources, of_type, functions, runtime, stage, buckets):
    want_runtime, want_handler = RUNTIMES[runtime]
    lambdas = of_type("AWS::Lambda::Function")
    check(f"one Lambda function per function module ({', '.join(functions)})",
          sorted(lambdas) == sorted(logical_prefix(f) + "LambdaFunction" for f in functions), sorted(lambdas))
    stale = sorted(set(SIZES) - set(functions))
    check("no expectations here for a function that is gone", not stale, stale)
    keys, roles, reserved = set(), {}, 0
    for name in functions:
        prefix = logical_prefix(name)
        fn = resources.get(prefix + "LambdaFunction", {}).get("Properties", {})
        check(f"{name}: name cumulus-{stage}-{name}", fn.get("FunctionName") == f"cumulus-{stage}-{name}",
              fn.get("FunctionName"))
        check(f"{name}: runtime {want_runtime}", fn.get("Runtime") == want_runtime, fn.get("Runtime"))
        check(f"{name}: handler {want_handler}", fn.get("Handler") == want_handler, fn.get("Handler"))
        check(f"{name}: architecture x86_64", fn.get("Architectures") == ["x86_64"], fn.get("Architectures"))
        memory, timeout = SIZES.get(name, (fn.get("MemorySize"), fn.get("Timeout")))
        check(f"{name}: memory {memory} MB", isinstance(memory, int) and fn.get("MemorySize") == memory,
              fn.get("MemorySize"))
        check(f"{name}: timeout {timeout} s", isinstance(timeout, int) and fn.get("Timeout") == timeout,
              fn.get("Timeout"))
        snap = fn.get("SnapStart")
        check(f"{name}: SnapStart " + ("on published versions" if runtime == "jvm" else "off"),
              snap == {"ApplyOn": "PublishedVersions"} if runtime == "jvm" else snap is None, snap)
        alias = resources.get(prefix + "SnapStartLambdaAlias")
        check(f"{name}: " + ("a `snapstart` alias" if runtime == "jvm" else "no alias"),
              (alias or {}).get("Properties", {}).get("Name") == "snapstart" if runtime == "jvm" else alias is None)
        key = fn.get("Code", {}).get("S3Key", "")
        check(f"{name}: its own artifact in the bucket ({key.rsplit('/', 1)[-1]})", key.endswith(f"/{name}.zip"), key)
        keys.add(key)
        role = fn.get("Role", {}).get("Fn::GetAtt", [None])[0]
        check(f"{name}: a role of its own ({role})", role in resources and role not in roles.values(), fn.get("Role"))
        roles[name] = role
        concurrency = fn.get("ReservedConcurrentExecutions")
        check(f"{name}: reserved concurrency ({concurrency})", isinstance(concurrency, int) and concurrency >= 1,
              concurrency)
        reserved += concurrency if isinstance(concurrency, int) else 0
        env = fn.get("Environment", {}).get("Variables")
        want_env = expected_environment(name, runtime, stage, buckets)
        if want_env != "unchecked":
            check(f"{name}: environment " + (", ".join(want_env) if want_env else "(none)"), env == want_env, env)
    check(f"one S3 key per function ({len(functions)})", len(keys) == len(functions), keys)
    check(f"reserved concurrency together ({reserved}) leaves an account of 1,000 its 100 unreserved",
          reserved <= RESERVABLE, reserved)
    return roles


def check_roles(resources, of_type, roles, runtime, stage, buckets):
    all_roles = of_type("AWS::IAM::Role")
    check("one IAM role per function, no shared default role", sorted(all_roles) == sorted(roles.values()),
          sorted(all_roles))
    for name, role_id in roles.items():
        r = resources.get(role_id, {"Properties": {}})
        trust = r["Properties"].get("AssumeRolePolicyDocument", {}).get("Statement", [])
        check(f"{role_id}: assumed by lambda.amazonaws.com only",
              trust == [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                         "Action": "sts:AssumeRole"}], trust)
        check(f"{role_id}: no managed policies", not r["Properties"].get("ManagedPolicyArns"))
        got, want = statements(r), expected_statements(name, runtime, stage, buckets)
        check(f"{role_id}: exactly " + "; ".join(f"{' '.join(a)} on {res}" for _, _, a, res in want), got == want, got)
    for kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        check(f"no separate {kind}", not of_type(kind), sorted(of_type(kind)))
    # the one wildcard allowed: the keys of a source bucket (arn:aws:s3:::<bucket>/*), each checked exactly above
    bucket_keys = {SOURCE_RESOURCES["s3:GetObject"].format(b) for b in buckets}
    for role_id, role in all_roles.items():
        wild = [s for s in strings(role["Properties"].get("Policies", [])) if "*" in s and s not in bucket_keys]
        check(f"{role_id}: no '*' in actions or resources" + (" but the source buckets' keys" if buckets else ""),
              not wild, wild)


def check_source_buckets(resources, of_type, buckets):
    """No role may reach an S3 bucket but the sourceBuckets: every S3 resource of every role is one of theirs."""
    allowed = {SOURCE_RESOURCES[a].format(b) for a in SOURCE_RESOURCES for b in buckets}
    named = sorted({s for role in of_type("AWS::IAM::Role").values()
                    for s in strings(role["Properties"].get("Policies", [])) if s.startswith("arn:aws:s3:::")})
    check("S3 access only to the source buckets (" + (", ".join(buckets) or "none") + ")",
          set(named) <= allowed, named)


def check_secrets(resources, stage):
    # the key itself never enters the template, an environment variable or a dynamic reference
    leaked = [s for s in strings(resources) if "resolve:secretsmanager" in s or "PRIVATE KEY" in s]
    check("no secret value or dynamic secret reference in the template", not leaked, leaked)
    readers = sorted(role_id for role_id, role in resources.items() if role["Type"] == "AWS::IAM::Role"
                     and any("secretsmanager:" in s for s in strings(role["Properties"].get("Policies", []))))
    check("only login's role reads a secret", readers == [resources["LoginLambdaFunction"]["Properties"]["Role"][
        "Fn::GetAtt"][0]] if "LoginLambdaFunction" in resources else not readers, readers)


def check_table(resources, stage):
    table = resources.get("UsersTable", {})
    props = table.get("Properties", {})
    check("users table: key username (S)",
          props.get("KeySchema") == [{"AttributeName": "username", "KeyType": "HASH"}]
          and props.get("AttributeDefinitions") == [{"AttributeName": "username", "AttributeType": "S"}], props)
    check("users table: on-demand billing", props.get("BillingMode") == "PAY_PER_REQUEST", props.get("BillingMode"))
    check("users table: point-in-time recovery",
          props.get("PointInTimeRecoverySpecification") == {"PointInTimeRecoveryEnabled": True})
    check("users table: kept when the stack goes",
          table.get("DeletionPolicy") == "Retain" and table.get("UpdateReplacePolicy") == "Retain")
    check(f"users table: named cumulus-{stage}-users", props.get("TableName") == f"cumulus-{stage}-users")

    jobs = resources.get("JobsTable", {}).get("Properties", {})
    check("jobs table: keys pk (S) and sk (S)",
          jobs.get("KeySchema") == [{"AttributeName": "pk", "KeyType": "HASH"},
                                    {"AttributeName": "sk", "KeyType": "RANGE"}], jobs.get("KeySchema"))
    check("jobs table: the attributes of its keys and its index", sorted(
        (a["AttributeName"], a["AttributeType"]) for a in jobs.get("AttributeDefinitions", [])) == [
        ("activeOwner", "S"), ("expiresAt", "N"), ("pk", "S"), ("sk", "S")], jobs.get("AttributeDefinitions"))
    check("jobs table: the sparse index active-jobs (activeOwner, expiresAt; keys only)",
          jobs.get("GlobalSecondaryIndexes") == [{
              "IndexName": "active-jobs",
              "KeySchema": [{"AttributeName": "activeOwner", "KeyType": "HASH"},
                            {"AttributeName": "expiresAt", "KeyType": "RANGE"}],
              "Projection": {"ProjectionType": "KEYS_ONLY"}}], jobs.get("GlobalSecondaryIndexes"))
    check("jobs table: time to live on ttl",
          jobs.get("TimeToLiveSpecification") == {"AttributeName": "ttl", "Enabled": True})
    check("jobs table: on-demand billing", jobs.get("BillingMode") == "PAY_PER_REQUEST", jobs.get("BillingMode"))
    check(f"jobs table: named cumulus-{stage}-jobs", jobs.get("TableName") == f"cumulus-{stage}-jobs")


def check_api(resources, of_type, functions, runtime, stage, codes):
    public = [f for f in functions if f not in INTERNAL]
    methods = {k: v for k, v in of_type("AWS::ApiGateway::Method").items() if v["Properties"]["HttpMethod"] != "GET"}
    check("one POST route per public function, none for " + ", ".join(sorted(INTERNAL)),
          sorted(methods) == sorted(f"ApiGatewayMethod{logical_prefix(f)}Post" for f in public), sorted(methods))
    for name in sorted(INTERNAL & set(functions)):
        prefix = logical_prefix(name)
        invokers = [k for k, v in of_type("AWS::Lambda::Permission").items()
                    if prefix + "LambdaFunction" in json.dumps(v["Properties"].get("FunctionName"))]
        check(f"{name}: no resource policy lets anyone invoke it (only roles granted lambda:InvokeFunction)",
              not invokers, invokers)
        routes = [k for k, v in of_type("AWS::ApiGateway::Resource").items() if v["Properties"]["PathPart"] == name]
        check(f"{name}: no path /{name} on the API", not routes, routes)
    first = None
    for name in public:
        prefix = logical_prefix(name)
        method = resources.get(f"ApiGatewayMethod{prefix}Post", {}).get("Properties", {})
        path = resources.get(method.get("ResourceId", {}).get("Ref", ""), {}).get("Properties", {}).get("PathPart")
        check(f"{name}: POST /{name}", method.get("HttpMethod") == "POST" and path == name,
              (method.get("HttpMethod"), path))
        integration = method.get("Integration", {})
        uri = json.dumps(integration.get("Uri"))
        target = f"{prefix}LambdaFunction" in uri and (("snapstart" in uri) == (runtime == "jvm"))
        check(f"{name}: Lambda (non-proxy) integration of " + ("its snapstart alias" if runtime == "jvm" else
                                                                 "the function"),
              integration.get("Type") == "AWS" and target, (integration.get("Type"), uri))
        templates = integration.get("RequestTemplates") or {}
        if name in AUTHORIZED:
            check_authorization_template(name, templates.get("application/json", ""))
            check(f"{name}: JSON only", sorted(templates) == ["application/json"]
                  and integration.get("PassthroughBehavior") == "NEVER", templates)
        else:
            check(f"{name}: the request body is the event, JSON only",
                  templates == {"application/json": "$input.body"}
                  and integration.get("PassthroughBehavior") == "NEVER", templates)
        check(f"{name}: the body must be a JSON object", "RequestValidatorId" in method
              and method.get("RequestModels") == {"application/json": {"Ref": "ApiGatewayJsonObjectModel"}})
        responses = integration.get("IntegrationResponses", [])
        if first is None:
            first = name
            check_error_mapping(responses, codes)
        else:
            first_integration = resources[f"ApiGatewayMethod{logical_prefix(first)}Post"]["Properties"]["Integration"]
            check(f"{name}: errors map as for {first}", responses == first_integration.get("IntegrationResponses"))
        permission = resources.get(f"{prefix}LambdaPermissionApiGateway", {}).get("Properties", {})
        check(f"{name}: API Gateway may invoke it", permission.get("Principal") == "apigateway.amazonaws.com"
              and f"{prefix}LambdaFunction" in json.dumps(permission.get("FunctionName")))

    model = resources.get("ApiGatewayJsonObjectModel", {}).get("Properties", {})
    check("request model: a JSON object", model.get("Schema", {}).get("type") == "object", model)
    gateway = {v["Properties"]["ResponseType"]: v["Properties"]["StatusCode"]
               for v in of_type("AWS::ApiGateway::GatewayResponse").values()}
    check("API Gateway's own refusals: 400, 415, 404, 429 in the error shape", gateway == {
        "BAD_REQUEST_BODY": "400", "UNSUPPORTED_MEDIA_TYPE": "415", "MISSING_AUTHENTICATION_TOKEN": "404",
        "THROTTLED": "429"}, gateway)
    for response in of_type("AWS::ApiGateway::GatewayResponse").values():
        body = json.loads(response["Properties"]["ResponseTemplates"]["application/json"])
        code, status = body["error"]["code"], response["Properties"]["StatusCode"]
        check(f"API Gateway's {status} is {code}, with that status if it is an ErrorCode",
              codes.get(code, status) == status, codes.get(code))

    deployments = of_type("AWS::ApiGateway::Deployment")
    stages = of_type("AWS::ApiGateway::Stage")
    check("one deployment, which leaves the stage to the Stage resource",
          len(deployments) == 1 and all("StageName" not in d["Properties"] for d in deployments.values()),
          deployments)
    check(f"one stage, {stage}, of that deployment", len(stages) == 1 and all(
        s["Properties"].get("StageName") == stage
        and s["Properties"].get("DeploymentId") == {"Ref": next(iter(deployments), None)} for s in stages.values()),
        stages)
    settings = [m for s in stages.values() for m in s["Properties"].get("MethodSettings", [])]
    throttle = [m for m in settings if m.get("ResourcePath") == "/*" and m.get("HttpMethod") == "*"]
    check("the stage throttles every route (rate and burst, defaults 100/s and 200)",
          len(throttle) == 1 and throttle[0].get("ThrottlingRateLimit") == 100
          and throttle[0].get("ThrottlingBurstLimit") == 200, settings)


def main():
    template_path, runtime = sys.argv[1], sys.argv[2]
    stage = sys.argv[3] if len(sys.argv) > 3 else "dev"
    jwks_file = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
    buckets = [b for b in (sys.argv[5] if len(sys.argv) > 5 else "").split(",") if b]
    resources = json.load(open(template_path))["Resources"]
    of_type = lambda t: {k: v for k, v in resources.items() if v["Type"] == t}
    functions = discovered_functions()
    codes = error_codes()
    print(f"== {template_path} ({runtime}, stage {stage}; functions: {' '.join(functions)}; {len(codes)} error codes)")

    roles = check_functions(resources, of_type, functions, runtime, stage, buckets)
    check_roles(resources, of_type, roles, runtime, stage, buckets)
    check_source_buckets(resources, of_type, buckets)
    check_secrets(resources, stage)
    check_table(resources, stage)
    check_api(resources, of_type, functions, runtime, stage, codes)
    check_jwks(resources, of_type, functions, jwks_file)

    print(f"== {len(failures)} failed" if failures else "== all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
