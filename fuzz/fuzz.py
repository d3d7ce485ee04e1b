"""OpenAPI fuzzing of a running todo-server, against the document it serves.

    python fuzz.py --base-url URL --tokens FILE --work DIR [--seconds N] [--seed N]
                   [--server-log FILE]

`fuzz/run` starts what this needs and calls it; FILE is bench_issuer's output (the
JWKS URL, then `user_id token` lines: user A, then user B). Four passes:

1. hostile strings as user A on A's path: every string of hostile.py in every text
   query parameter and text body field of every operation the served document
   lists, one at a time, and a sample of them in every path parameter and every
   other parameter and field. Whether each must be accepted (2xx) or refused (4xx)
   follows from the document; answers are checked against it as well (status,
   content type, schema, headers), stored strings must come back as sent (or
   trimmed), and a search must return only, and at least, what holds `q`. Every
   method a path does not document must be a 405 whose `Allow` lists the others.
2. the same as user B on A's path: refused (4xx) every time, never a 2xx; and B on
   B's own path with A's task id: 404, A's task untouched.
3. schemathesis `st run` as user A on A's path: every phase (examples, coverage,
   fuzzing, stateful), positive and negative data, every check, the hostile strings
   mixed into generation too; hooks.py adds the search check.
4. the same as user B on A's path, with hooks.py's check that B is refused.

Prints one summary line last; exits 1 on any failure.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path
from urllib.parse import quote

import jsonschema_rs
import requests
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hooks import FOREIGN_STATUSES, unmatched_search_results
from hostile import HOSTILE, RUST_WHITESPACE

# Every hostile string goes into every text query parameter and text body field
# (where the server parses, validates, stores and searches text). Path parameters,
# non-text parameters and fields, and everything user B sends (refused before any
# value is read) get this sample; schemathesis' passes try more of all of them.
SAMPLE = {
    k: HOSTILE[k]
    for k in ("NUL", "%", "\\", "'", "U+202E (RLO)", "U+FEFF (BOM)", "ZWJ family", "201 x U+1F600", "1001 x 'a'")
}

HERE = Path(__file__).resolve().parent
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
WARNINGS = (
    "missing_auth", "missing_test_data", "base_url_mismatch", "validation_mismatch", "missing_deserializer",
    "unused_openapi_auth", "unsupported_regex", "method_not_allowed", "constants_extraction", "unmatched_filter",
    "unresolvable_reference", "low_valid_rate", "rate_limited", "dictionary_mismatch", "timeout_units",
)
METHOD_ORDER = {"post": 0, "get": 1, "put": 2, "patch": 3, "delete": 4}
MAX_REPORTED = 30
# Requests in flight in the hostile passes: the server verifies a token per request.
CONCURRENCY = 3


def log(message):
    print(f"\033[1;34m==>\033[0m {message}", file=sys.stderr, flush=True)


class Failures:
    def __init__(self):
        self.items = []
        self.lock = threading.Lock()

    def add(self, where, what, curl=None):
        with self.lock:
            self.items.append((where, what, curl))
            if len(self.items) <= MAX_REPORTED:
                print(f"\033[1;31mFAIL\033[0m {where}: {what}", flush=True)
                if curl:
                    print(f"     {curl}", flush=True)
            elif len(self.items) == MAX_REPORTED + 1:
                print("     (more: all are in .local/fuzz-last/hostile-failures.txt)", flush=True)


class Document:
    """The served OpenAPI document: operations, their parameters and body fields."""

    def __init__(self, raw):
        self.raw = raw
        self.components = raw.get("components", {})
        self.validators = {}
        self.lock = threading.Lock()

    def resolve(self, schema):
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 32:
            node = self.raw
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema, seen = node, seen + 1
        return schema

    def validator(self, schema):
        key = json.dumps(schema, sort_keys=True)
        with self.lock:
            if key not in self.validators:
                self.validators[key] = jsonschema_rs.validator_for(
                    {"allOf": [schema], "components": self.components}, validate_formats=True
                )
            return self.validators[key]

    def operations(self):
        ops = []
        for path, item in self.raw["paths"].items():
            for method, op in item.items():
                if method in METHOD_ORDER:
                    ops.append((path, method, op))
        return sorted(ops, key=lambda o: (METHOD_ORDER[o[1]], o[0]))

    def body_schema(self, op):
        body = op.get("requestBody")
        if not body:
            return None
        content = self.resolve(body).get("content", {}).get("application/json")
        return None if content is None else content.get("schema")

    def fields(self, schema, prefix=()):
        """(path, schema) of every property of an object schema, nested ones too,
        through `$ref` and `allOf`/`anyOf`/`oneOf`."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return {}
        found = {}
        for name, sub in schema.get("properties", {}).items():
            found[prefix + (name,)] = sub
            sub = self.resolve(sub)
            if isinstance(sub, dict) and "properties" in sub:
                found.update(self.fields(sub, prefix + (name,)))
        for key in ("allOf", "anyOf", "oneOf"):
            for branch in schema.get(key, []):
                for path, sub in self.fields(branch, prefix).items():
                    found.setdefault(path, sub)
        return found

    def required(self, schema):
        schema = self.resolve(schema)
        names = list(schema.get("required", [])) if isinstance(schema, dict) else []
        for branch in schema.get("allOf", []) if isinstance(schema, dict) else []:
            names += self.required(branch)
        return names

    def plain_value(self, schema):
        """An ordinary valid value for a schema: its example, or a simple one."""
        schema = self.resolve(schema)
        valid = self.validator(schema).is_valid
        candidates = [schema.get("example")] if "example" in schema else []
        candidates += schema.get("enum", [])[:1]
        types = schema.get("type", [])
        types = types if isinstance(types, list) else [types]
        for t in types:
            candidates += {
                "string": ["fuzz"],
                "boolean": [False],
                "integer": [schema.get("minimum", 1)],
                "number": [schema.get("minimum", 1)],
                "array": [[]],
                "object": [self.base_body(schema)],
                "null": [None],
            }.get(t, [])
        return next((c for c in candidates if valid(c)), None)

    def base_body(self, schema, everything=False):
        """The smallest valid body: its required fields (or, if that is not enough,
        every field) with plain values."""
        fields = {p[0]: s for p, s in self.fields(schema).items() if len(p) == 1}
        names = list(fields) if everything else [n for n in self.required(schema) if n in fields]
        body = {n: self.plain_value(fields[n]) for n in names}
        if not everything and not self.validator(schema).is_valid(body):
            return self.base_body(schema, everything=True)
        return body


def set_path(body, path, value):
    body = json.loads(json.dumps(body))
    node = body
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value
    return body


def as_query_value(value, schema):
    """How a query parameter's text reads against its schema: numbers only when the
    text is plainly one."""
    types = schema.get("type", "string")
    types = types if isinstance(types, list) else [types]
    if "array" in types:
        return [as_query_value(value, schema.get("items", {}))]  # one `name=value` pair
    if "string" in types:
        return value
    if ("integer" in types or "number" in types) and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    return value


class Hostile:
    """Passes 1 and 2: the hostile strings, one parameter or field at a time."""

    def __init__(self, base_url, doc, schema, users, failures):
        self.base_url = base_url
        self.doc = doc
        self.users = users
        self.failures = failures
        self.requests = 0
        self.lock = threading.Lock()
        self.local = threading.local()
        self.operations = {
            (op.method.lower(), op.path): op for op in (r.ok() for r in schema.get_all_operations())
        }
        self.stored = []  # titles and descriptions the server accepted

    def auth(self, who):
        return {"Authorization": f"Bearer {self.users[who][1]}"}

    def curl(self, case, who):
        command = case.as_curl_command(base_url=self.base_url)
        return command.replace("curl ", f'curl -H "Authorization: Bearer $TOKEN_{who}" ', 1)

    def send(self, label, case, who):
        """Sends `case` as `who`; the answer, after schemathesis' conformance checks."""
        with self.lock:
            self.requests += 1
        if not hasattr(self.local, "session"):
            self.local.session = requests.Session()
        headers = self.auth(who)
        try:
            response = case.call(base_url=self.base_url, session=self.local.session, headers=headers)
        except requests.RequestException as error:
            self.failures.add(label, f"no answer: {error}", self.curl(case, who))
            return None
        try:
            case.validate_response(
                response, checks=CONFORMANCE, headers=headers, transport_kwargs={"base_url": self.base_url}
            )
        except FailureGroup as group:
            titles = "; ".join(sorted({f.title for f in group.exceptions}))
            self.failures.add(label, f"{titles} ({response.status_code}: {response.text[:160]})", self.curl(case, who))
            return None
        return response

    def seed_task(self, who):
        response = requests.post(
            f"{self.base_url}/api/{self.users[who][0]}/tasks",
            json={"title": "fuzz: a task of user " + who},
            headers=self.auth(who),
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def task(self, who, task_id):
        url = f"{self.base_url}/api/{self.users[who][0]}/tasks/{task_id}"
        return requests.get(url, headers=self.auth(who), timeout=30).json()

    def targets(self, raw):
        """(location, name, schema) of every path and query parameter and every body
        field (nested ones too) of an operation, as the served document gives them."""
        found = []
        for param in raw.get("parameters", []):
            param = self.doc.resolve(param)
            if param.get("in") in ("path", "query"):
                found.append((param["in"], (param["name"],), param.get("schema", {})))
        body = self.doc.body_schema(raw)
        if body is not None:
            found += [("body", field, sub) for field, sub in self.doc.fields(body).items()]
        return found

    def is_text(self, location, schema):
        types = self.doc.resolve(schema).get("type", [])
        return location in ("query", "body") and "string" in (types if isinstance(types, list) else [types])

    def run(self, who, path_owner, task_id, values):
        """Every string of `values` in every parameter and field of every operation,
        as `who` on the path of `path_owner`; creations first, deletions last."""
        stages = {}
        for path, method, raw in self.doc.operations():
            op = self.operations[(method, path)]
            jobs = [
                (op, raw, location, name, sub, label, value)
                for location, name, sub in self.targets(raw)
                for label, value in (values if self.is_text(location, sub) else SAMPLE).items()
            ]
            # An operation without parameters or body is sent once, plainly.
            stages.setdefault(METHOD_ORDER[method], []).extend(jobs or [(op, raw) + (None,) * 5])
        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            for stage in sorted(stages):
                list(pool.map(lambda job: self.one(who, path_owner, task_id, *job), stages[stage]))

    def one(self, who, path_owner, task_id, op, raw, location, name, sub, label, value):
        path_params = {"user_id": self.users[path_owner][0], "id": task_id}
        path_params = {k: v for k, v in path_params.items() if "{" + k + "}" in op.path}
        query, body, valid = {}, None, True
        body_schema = self.doc.body_schema(raw)
        if body_schema is not None:
            body = self.doc.base_body(body_schema)
        if location == "path":
            if value == "":
                return  # an empty segment is no value: the URL would name another route
            # Encoded here, every reserved character too (`/` included): the URL must
            # name this operation with exactly this value.
            path_params[name[0]] = quote(value, safe="")
        elif location == "query":
            query = {name[0]: value}
            valid = self.doc.validator(sub).is_valid(as_query_value(value, sub))
        elif location == "body":
            body = set_path(body or {}, name, value)
            valid = self.doc.validator(body_schema).is_valid(body)
        kwargs = {"path_parameters": path_params, "query": query}
        if body is not None and (body or raw["requestBody"].get("required")):
            kwargs.update(body=body, media_type="application/json")
        case = op.Case(**kwargs)
        where = f"[hostile, user {who}] {op.method.upper()} {op.path}"
        if location:
            where += f" {location} {'.'.join(name)}={label}"
        response = self.send(where, case, who)
        if response is None:
            return
        status = response.status_code
        if who != path_owner:
            if "{user_id}" in op.path and (200 <= status < 300 or status not in FOREIGN_STATUSES):
                self.failures.add(where, f"user B got {status} on user A's path", self.curl(case, who))
            return
        # A path parameter other than the owner's id or an existing task is refused.
        expect_ok = valid and location != "path"
        if expect_ok and not 200 <= status < 300:
            why = "valid per the document" if location else "a plain request"
            self.failures.add(where, f"{why}, answered {status}: {response.text[:160]}", self.curl(case, who))
        elif not expect_ok and not 400 <= status < 500:
            self.failures.add(where, f"invalid per the document, answered {status}", self.curl(case, who))
        elif expect_ok:
            self.check_content(where, case, response, location, name, value, who)

    def check_content(self, where, case, response, location, name, value, who):
        try:
            answer = response.json()
        except ValueError:
            return
        if location == "body" and isinstance(answer, dict) and len(name) == 1 and isinstance(value, str):
            got = answer.get(name[0])
            if got not in (value, value.strip(RUST_WHITESPACE)):
                self.failures.add(where, f"{name[0]} came back as {got!r}, sent {value!r}", self.curl(case, who))
            if case.method.upper() == "POST":  # kept until the searches (PUTs come later)
                self.stored += [answer.get("title"), answer.get("description")]
        if location == "query" and name == ("q",) and isinstance(answer, list):
            strays = unmatched_search_results(case, answer)
            if strays:
                self.failures.add(
                    where, f"returned {len(strays)} task(s) without q, e.g. {strays[0].get('title')!r}", self.curl(case, who)
                )
            needle = value.strip(RUST_WHITESPACE)
            total = int(response.headers.get("x-total-count", ["0"])[0])
            if needle and total == 0 and any(isinstance(s, str) and needle in s for s in self.stored):
                self.failures.add(where, "found nothing, though a stored task holds q", self.curl(case, who))

    def wrong_methods(self, task_id):
        """Every documented path with every method it does not document: 405, problem
        JSON, and `Allow` naming exactly the documented ones. schemathesis tries these
        too, but never on the operation that serves the document (/openapi.json)."""
        for path, item in self.doc.raw["paths"].items():
            documented = {m.upper() for m in item if m in METHOD_ORDER}
            url = self.base_url + path.format(user_id=self.users["A"][0], id=task_id)
            for method in sorted({"GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"} - documented):
                with self.lock:
                    self.requests += 1
                where = f"[methods, user A] {method} {path}"
                curl = f'curl -i -X {method} -H "Authorization: Bearer $TOKEN_A" {url}'
                try:
                    response = requests.request(method, url, headers=self.auth("A"), timeout=30)
                except requests.RequestException as error:
                    self.failures.add(where, f"no answer: {error}", curl)
                    continue
                allow = {m.strip() for m in response.headers.get("allow", "").split(",") if m.strip()}
                if response.status_code != 405:
                    self.failures.add(where, f"answered {response.status_code}, not 405", curl)
                elif allow - {"HEAD", "OPTIONS"} != documented:
                    self.failures.add(where, f"Allow: {response.headers.get('allow')!r}, documented {sorted(documented)}", curl)
                elif not response.headers.get("content-type", "").startswith("application/problem+json"):
                    self.failures.add(where, f"content type {response.headers.get('content-type')!r}", curl)

    def isolation(self, task):
        """B on B's own path with A's task id: 404 for every operation, A's task unchanged."""
        before = task
        for path, method, raw in self.doc.operations():
            if "{id}" not in path:
                continue
            op = self.operations[(method, path)]
            kwargs = {"path_parameters": {"user_id": self.users["B"][0], "id": task["id"]}}
            body_schema = self.doc.body_schema(raw)
            if body_schema is not None:
                kwargs.update(body=self.doc.base_body(body_schema, everything=True), media_type="application/json")
            case = op.Case(**kwargs)
            where = f"[isolation, user B] {method.upper()} {path} with user A's task id"
            response = self.send(where, case, "B")
            if response is not None and response.status_code != 404:
                self.failures.add(where, f"answered {response.status_code}, not 404", self.curl(case, "B"))
        after = self.task("A", task["id"])
        if after != before:
            self.failures.add("[isolation]", f"user A's task changed: {before} -> {after}")


def toml_string(value):
    out = []
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def schemathesis_pass(name, who, path_owner, args, users, seconds):
    """Passes 3 and 4: `st run` with every phase and check, hooks.py's checks added."""
    work = Path(args.work) / name
    work.mkdir(parents=True, exist_ok=True)
    owner = who == path_owner
    config = work / "schemathesis.toml"
    config.write_text(
        "\n".join(
            [
                f"base-url = {toml_string(args.base_url)}",
                'hooks = "hooks"',
                # One worker: parallel workers are threads, and CPython 3.11's `ast` (which
                # hypothesis uses to describe strategies) is not thread-safe ("AST
                # constructor recursion depth mismatch").
                "workers = 1",
                "continue-on-failure = true",
                "[cache]",
                "enabled = false",
                "[generation]",
                'mode = "all"',
                'database = "none"',
                "[headers]",
                f"Authorization = {toml_string('Bearer ' + users[who][1])}",
                "[parameters]",
                # Every `{user_id}` is the path owner's: any other is a 403 and tests nothing.
                f'"path.user_id" = {toml_string(users[path_owner][0])}',
                "[warnings]",
                # Expected: the hostile strings never fit the enum parameters; user B gets
                # only 403s. User A must not: a token that stopped working would pass
                # every check with 401s.
                "display = ["
                + ", ".join(f'"{w}"' for w in WARNINGS if w != "dictionary_mismatch" and (owner or w != "missing_auth"))
                + "]",
                "fail-on = " + ('["missing_auth"]' if owner else "false"),
                "[dictionaries.hostile]",
                "values = [" + ", ".join(toml_string(v) for v in HOSTILE.values()) + "]",
                "[generation.dictionaries.string]",
                'dictionary = "hostile"',
                "probability = 0.15",
                "",
            ]
        ),
        encoding="utf-8",
    )
    report = work / "report.json"
    command = [
        str(Path(sys.executable).parent / "st"),
        "--config-file",
        str(config),
        "run",
        f"{args.base_url}/openapi.json",
        "--checks",
        "all",
        "--max-time",
        str(seconds),
        "--seed",
        str(args.seed),
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    env = dict(os.environ, FUZZ_PASS="owner" if who == path_owner else "foreign")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    log(f"schemathesis as user {who} on user {path_owner}'s path ({seconds} s)")
    code = subprocess.run(command, cwd=work, env=env, check=False).returncode
    try:
        result = json.loads(report.read_text())
    except (OSError, ValueError):
        result = {}
    cases = result.get("test_cases", {}).get("generated", 0)
    failures = result.get("test_cases", {}).get("unique_failures", 0) + len(result.get("errors", []))
    if code != 0 and failures == 0:
        failures = 1  # it stopped for a reason its report does not count
    return cases, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--tokens", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--seconds", type=int, default=90, help="schemathesis' budget, both passes")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--server-log", help="shown, its errors, when something failed")
    args = parser.parse_args()
    args.base_url = args.base_url.rstrip("/")
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), "big")
    started = time.monotonic()
    Path(args.work).mkdir(parents=True, exist_ok=True)

    lines = Path(args.tokens).read_text().split("\n")
    users = dict(zip("AB", (tuple(line.split(" ", 1)) for line in lines[1:3])))
    raw = requests.get(f"{args.base_url}/openapi.json", timeout=10).json()
    doc = Document(raw)
    schema = schemathesis.openapi.from_dict(raw)
    operations = len(doc.operations())
    failures = Failures()

    hostile = Hostile(args.base_url, doc, schema, users, failures)
    task = hostile.seed_task("A")
    log(
        f"hostile strings as user A: all {len(HOSTILE)} in every text parameter and field, "
        f"{len(SAMPLE)} in the others, of {operations} operations; wrong methods"
    )
    hostile.run("A", "A", task["id"], HOSTILE)
    hostile.wrong_methods(task["id"])
    requests_a = hostile.requests
    log("hostile strings as user B on user A's path; user B on its own path with user A's task id")
    task = hostile.task("A", task["id"])
    hostile.run("B", "A", task["id"], SAMPLE)
    hostile.isolation(task)
    requests_b = hostile.requests - requests_a
    hostile_failures = len(failures.items)
    (Path(args.work) / "hostile-failures.txt").write_text(
        "".join(f"{where}: {what}\n    {curl or ''}\n" for where, what, curl in failures.items), encoding="utf-8"
    )

    budget_a = max(10, round(args.seconds * 2 / 3))
    budget_b = max(5, args.seconds - budget_a)
    cases_a, st_failures_a = schemathesis_pass("owner", "A", "A", args, users, budget_a)
    cases_b, st_failures_b = schemathesis_pass("foreign", "B", "A", args, users, budget_b)

    total = hostile_failures + st_failures_a + st_failures_b
    elapsed = round(time.monotonic() - started)
    summary = (
        f"OpenAPI fuzzing (schemathesis {version('schemathesis')}): "
        f"{total} failure{'s' if total != 1 else ''}; {operations} operations; "
        f"hostile strings {requests_a} requests as A + {requests_b} as B ({hostile_failures} failed); "
        f"schemathesis {cases_a} cases as A ({st_failures_a} failed) + {cases_b} as B on A's path "
        f"({st_failures_b} failed); seed {args.seed}; {elapsed} s"
    )
    if total and args.server_log:
        log("todo-server's errors and warnings during the run (its whole log: .local/fuzz-last/server.log)")
        lines = Path(args.server_log).read_text(errors="replace").splitlines()
        # Schemathesis probes with headers the HTTP parser refuses; those are not ours.
        noise = "actix_http::h1::dispatcher"
        for line in [l for l in lines if (" ERROR " in l or " WARN " in l) and noise not in l][-20:]:
            print(f"     {line}", flush=True)
    print(summary, flush=True)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
