#!/usr/bin/env python3
"""Checks the CloudFormation template that `serverless package` generated from serverless.yml.

    check_template.py <cloudformation-template-update-stack.json> <native|jvm> [stage]

Prints each check and exits 1 if any failed: the four functions (runtime, handler, architecture, memory, timeout,
SnapStart, their own artifact, their own role, environment), each role's IAM statements exactly, the users table,
the API routes and how function errors map to HTTP statuses.
"""
import json
import re
import sys

FUNCTIONS = {
    # name: (logical id prefix, role, memory MB, timeout s)
    "sum-chunk": ("SumDashchunk", "SumChunkRole", 1769, 60),
    "aggregate": ("Aggregate", "AggregateRole", 1024, 900),
    "register": ("Register", "RegisterRole", 512, 10),
    "login": ("Login", "LoginRole", 512, 10),
}
RUNTIMES = {
    "native": ("provided.al2023", "not.used.in.provided.runtime"),
    "jvm": ("java21", "dev.cumulus.lambda.CumulusStreamHandler::handleRequest"),
}
LOGS = ["logs:CreateLogStream", "logs:PutLogEvents"]
TABLE = {"Fn::GetAtt": ["UsersTable", "Arn"]}
ERRORS = {
    # a function error's errorMessage -> the HTTP status it must get
    "INVALID_INPUT: password: must be 12 to 128 characters": "400",
    "INVALID_CREDENTIALS: invalid username or password": "401",
    "USERNAME_TAKEN: this username is already taken": "409",
    "PAYLOAD_TOO_LARGE: 100001 values, at most 100000": "413",
    "INVALID_NUMBER: values[1]: '2,5' is not a decimal number": "422",
    "SOURCE_UNAVAILABLE: source answered HTTP 503": "502",
    "DOWNSTREAM_FAILED: 2 chunks failed,\nmore than the 0 tolerated": "502",
    "SOURCE_TIMEOUT: no bytes for 30 s": "504",
    "DEADLINE_EXCEEDED: the job's deadline passed": "504",
    "Task timed out after 10.01 seconds": "500",
    "java.lang.NullPointerException: Cannot invoke \"String.length()\"": "500",
    "user store unreachable: create (connection refused)": "500",
    "INVALID_INPUTS: not a code of ours": "500",
}

failures = []


def check(what, ok, detail=""):
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok else f": {detail}"))
    if not ok:
        failures.append(what)


def statements(role):
    """Every statement of a role's inline policies as (policy, sorted actions, resources as JSON)."""
    found = []
    for policy in role["Properties"].get("Policies", []):
        for s in policy["PolicyDocument"]["Statement"]:
            actions = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
            resources = s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]]
            found.append((policy["PolicyName"], s["Effect"], sorted(actions), json.dumps(resources, sort_keys=True)))
    return sorted(found)


def expected_statements(name, prefix, runtime):
    own_logs = ("logs", "Allow", sorted(LOGS), json.dumps([{"Fn::GetAtt": [f"{prefix}LogGroup", "Arn"]}]))
    extra = {
        "sum-chunk": [],
        "aggregate": [("invoke-sum-chunk", "Allow", ["lambda:InvokeFunction"], json.dumps(
            [{"Ref": "SumDashchunkSnapStartLambdaAlias"} if runtime == "jvm" else {
                "Fn::GetAtt": ["SumDashchunkLambdaFunction", "Arn"]}], sort_keys=True))],
        "register": [("users-table", "Allow", ["dynamodb:PutItem"], json.dumps([TABLE], sort_keys=True))],
        "login": [("users-table", "Allow", ["dynamodb:GetItem", "dynamodb:UpdateItem"],
                   json.dumps([TABLE], sort_keys=True))],
    }[name]
    return sorted([own_logs] + extra)


def expected_environment(name, runtime, stage):
    store = {"CUMULUS_STORE_KIND": "dynamodb", "CUMULUS_STORE_TABLE": {"Ref": "UsersTable"}}
    return {
        "sum-chunk": None,
        "aggregate": {
            "CUMULUS_AGGREGATE_INVOKER": "lambda",
            "CUMULUS_AGGREGATE_SUM_CHUNK_FUNCTION": {
                "Ref": "SumDashchunkSnapStartLambdaAlias" if runtime == "jvm" else "SumDashchunkLambdaFunction"},
            "CUMULUS_AGGREGATE_MAX_CONCURRENCY": "32",
            "CUMULUS_AGGREGATE_TIMEOUT": "25S",
            "CUMULUS_AGGREGATE_MAX_TIMEOUT": "870S",
        },
        "register": store,
        "login": dict(store, CUMULUS_JWT_SIGNING_KEY=f"{{{{resolve:secretsmanager:cumulus/{stage}/jwt-signing-key}}}}"),
    }[name]


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


def check_error_mapping(responses):
    check("success is 200 as the function answered", any(
        r["StatusCode"] == "200" and r["SelectionPattern"] == "" and not r.get("ResponseTemplates")
        for r in responses))
    for message, status in ERRORS.items():
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


def main():
    template_path, runtime = sys.argv[1], sys.argv[2]
    stage = sys.argv[3] if len(sys.argv) > 3 else "dev"
    resources = json.load(open(template_path))["Resources"]
    of_type = lambda t: {k: v for k, v in resources.items() if v["Type"] == t}
    want_runtime, want_handler = RUNTIMES[runtime]
    print(f"== {template_path} ({runtime}, stage {stage})")

    functions = of_type("AWS::Lambda::Function")
    check("four Lambda functions", sorted(functions) == sorted(p + "LambdaFunction" for p, *_ in FUNCTIONS.values()),
          sorted(functions))
    keys = set()
    for name, (prefix, role, memory, timeout) in FUNCTIONS.items():
        fn = resources.get(prefix + "LambdaFunction", {}).get("Properties", {})
        check(f"{name}: name cumulus-{stage}-{name}", fn.get("FunctionName") == f"cumulus-{stage}-{name}",
              fn.get("FunctionName"))
        check(f"{name}: runtime {want_runtime}", fn.get("Runtime") == want_runtime, fn.get("Runtime"))
        check(f"{name}: handler {want_handler}", fn.get("Handler") == want_handler, fn.get("Handler"))
        check(f"{name}: architecture x86_64", fn.get("Architectures") == ["x86_64"], fn.get("Architectures"))
        check(f"{name}: memory {memory} MB", fn.get("MemorySize") == memory, fn.get("MemorySize"))
        check(f"{name}: timeout {timeout} s", fn.get("Timeout") == timeout, fn.get("Timeout"))
        snap = fn.get("SnapStart")
        check(f"{name}: SnapStart " + ("on published versions" if runtime == "jvm" else "off"),
              snap == {"ApplyOn": "PublishedVersions"} if runtime == "jvm" else snap is None, snap)
        alias = resources.get(prefix + "SnapStartLambdaAlias")
        check(f"{name}: " + ("a `snapstart` alias" if runtime == "jvm" else "no alias"),
              (alias or {}).get("Properties", {}).get("Name") == "snapstart" if runtime == "jvm" else alias is None)
        key = fn.get("Code", {}).get("S3Key", "")
        check(f"{name}: its own artifact in the bucket ({key.rsplit('/', 1)[-1]})", key.endswith(f"/{name}.zip"), key)
        keys.add(key)
        check(f"{name}: role {role}", fn.get("Role") == {"Fn::GetAtt": [role, "Arn"]}, fn.get("Role"))
        env = fn.get("Environment", {}).get("Variables")
        want_env = expected_environment(name, runtime, stage)
        check(f"{name}: environment " + (", ".join(want_env) if want_env else "(none)"), env == want_env, env)
    check("four distinct S3 keys", len(keys) == 4, keys)

    roles = of_type("AWS::IAM::Role")
    check("one IAM role per function, no shared default role",
          sorted(roles) == sorted(r for _, r, _, _ in FUNCTIONS.values()), sorted(roles))
    for name, (prefix, role, _, _) in FUNCTIONS.items():
        r = resources.get(role, {"Properties": {}})
        trust = r["Properties"].get("AssumeRolePolicyDocument", {}).get("Statement", [])
        check(f"{role}: assumed by lambda.amazonaws.com only",
              trust == [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                         "Action": "sts:AssumeRole"}], trust)
        check(f"{role}: no managed policies", not r["Properties"].get("ManagedPolicyArns"))
        got, want = statements(r), expected_statements(name, prefix, runtime)
        check(f"{role}: exactly " + "; ".join(f"{' '.join(a)} on {res}" for _, _, a, res in want), got == want, got)
    for kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        check(f"no separate {kind}", not of_type(kind), sorted(of_type(kind)))
    for role_id, role in roles.items():
        wild = [s for s in strings(role["Properties"].get("Policies", [])) if "*" in s]
        check(f"{role_id}: no '*' in actions or resources", not wild, wild)

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

    methods = of_type("AWS::ApiGateway::Method")
    check("one POST route per function", sorted(methods) == sorted(
        p + "Post" for p in ("ApiGatewayMethodSumDashchunk", "ApiGatewayMethodAggregate", "ApiGatewayMethodRegister",
                             "ApiGatewayMethodLogin")), sorted(methods))
    for name, (prefix, *_rest) in FUNCTIONS.items():
        method = resources.get(f"ApiGatewayMethod{prefix}Post", {}).get("Properties", {})
        path = resources.get(method.get("ResourceId", {}).get("Ref", ""), {}).get("Properties", {}).get("PathPart")
        check(f"{name}: POST /{name}", method.get("HttpMethod") == "POST" and path == name, (method.get("HttpMethod"),
                                                                                             path))
        integration = method.get("Integration", {})
        uri = json.dumps(integration.get("Uri"))
        target = f"{prefix}LambdaFunction" in uri and (("snapstart" in uri) == (runtime == "jvm"))
        check(f"{name}: Lambda (non-proxy) integration of " + ("its snapstart alias" if runtime == "jvm" else
                                                                 "the function"),
              integration.get("Type") == "AWS" and target, (integration.get("Type"), uri))
        check(f"{name}: the request body is the event, JSON only",
              integration.get("RequestTemplates") == {"application/json": "$input.body"}
              and integration.get("PassthroughBehavior") == "NEVER", integration.get("RequestTemplates"))
        check(f"{name}: the body must be a JSON object", "RequestValidatorId" in method
              and method.get("RequestModels") == {"application/json": {"Ref": "ApiGatewayJsonObjectModel"}})
        responses = integration.get("IntegrationResponses", [])
        if name == "sum-chunk":
            check_error_mapping(responses)
        else:
            first = resources.get("ApiGatewayMethodSumDashchunkPost", {}).get("Properties", {}).get("Integration", {})
            check(f"{name}: errors map as for sum-chunk", responses == first.get("IntegrationResponses"))
        permission = resources.get(f"{prefix}LambdaPermissionApiGateway", {}).get("Properties", {})
        check(f"{name}: API Gateway may invoke it", permission.get("Principal") == "apigateway.amazonaws.com"
              and f"{prefix}LambdaFunction" in json.dumps(permission.get("FunctionName")))

    model = resources.get("ApiGatewayJsonObjectModel", {}).get("Properties", {})
    check("request model: a JSON object", model.get("Schema", {}).get("type") == "object", model)
    gateway = {v["Properties"]["ResponseType"]: v["Properties"]["StatusCode"]
               for v in of_type("AWS::ApiGateway::GatewayResponse").values()}
    check("API Gateway's own refusals: 400, 415, 404 in the error shape", gateway == {
        "BAD_REQUEST_BODY": "400", "UNSUPPORTED_MEDIA_TYPE": "415", "MISSING_AUTHENTICATION_TOKEN": "404"}, gateway)

    print(f"== {len(failures)} failed" if failures else "== all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
