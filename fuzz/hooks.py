"""Checks of our own for schemathesis (`st run`); fuzz.py loads this module as the
run's hooks. `FUZZ_PASS` says which pass runs: `owner` (user A on A's path) or
`foreign` (user B's token on A's path)."""

import os
import uuid

import schemathesis

from hostile import RUST_WHITESPACE

PASS = os.environ.get("FUZZ_PASS", "owner")

# What another user may get on A's path: refusals, never data. 401 when schemathesis
# drops or spoils the token, 404 for an unknown route, 405 for a wrong method, the
# others when the body is refused before the path is (none are expected; none leak).
FOREIGN_STATUSES = {401, 403, 404, 405, 413, 415, 422}


def search_text(case):
    q = (case.query or {}).get("q")
    return q.strip(RUST_WHITESPACE) if isinstance(q, str) else None


def matches(needle, haystack):
    if not isinstance(haystack, str):
        return False
    return needle.lower() in haystack.lower() or needle.casefold() in haystack.casefold()


def case_is_unambiguous(text):
    """Whether PostgreSQL's ILIKE and Python agree on what `text` matches ignoring
    case: ASCII, or characters without case. (Elsewhere the database's locale and
    Python's Unicode tables may fold differently: ILIKE takes `İ` for `i`.)"""
    return all(ord(c) < 128 or (c.lower() == c and c.upper() == c) for c in text)


def unmatched_search_results(case, tasks):
    """Tasks a `q` search returned although neither title nor description holds `q`
    (case-insensitively, after the trim the server applies): a LIKE wildcard (`%`,
    `_`) or escape (`\\`) taken for a pattern shows here."""
    needle = search_text(case)
    if not needle or not case_is_unambiguous(needle) or not isinstance(tasks, list):
        return []
    return [
        t
        for t in tasks
        if isinstance(t, dict)
        and not (matches(needle, t.get("title")) or matches(needle, t.get("description")))
    ]


def is_task_list(case):
    return case.method.upper() == "GET" and case.operation.path == "/api/{user_id}/tasks"


@schemathesis.check
def search_results_match_q(ctx, response, case):
    if not is_task_list(case) or response.status_code != 200:
        return None
    strays = unmatched_search_results(case, response.json())
    if strays:
        raise AssertionError(
            f"q={case.query['q']!r} returned {len(strays)} task(s) that do not contain it, "
            f"e.g. title={strays[0].get('title')!r}"
        )
    return None


if PASS == "foreign":

    @schemathesis.check
    def foreign_caller_is_refused(ctx, response, case):
        if "{user_id}" not in case.operation.path:
            return None  # a public operation (health, the document): no one's data
        status = response.status_code
        if 200 <= status < 300:
            raise AssertionError(f"user B got {status} on user A's path: {case.method} {response.request.url}")
        if status not in FOREIGN_STATUSES:
            raise AssertionError(
                f"user B got {status} on user A's path (expected one of {sorted(FOREIGN_STATUSES)})"
            )
        return None


def consistent_planning(method, body):
    """A body whose fields since 1.1 keep the rules no schema can state: a reminder
    is not after the due; and a `PUT`, whose stored task may have a due, a rule and a
    reminder of its own, neither leaves a rule without a due nor a reminder after it.
    The server's 422s for these are tested in tests/api; the fuzzer's positive data
    must not break them by chance."""
    if not isinstance(body, dict):
        return body
    due_at, due_date = body.get("due_at"), body.get("due_date")
    due = due_at if isinstance(due_at, str) else f"{due_date}T00:00:00Z" if isinstance(due_date, str) else None
    if method == "PUT":
        if due is None and isinstance(body.get("recurrence"), dict):
            body["due_at"], body["due_date"] = None, "2030-01-01"
            due = "2030-01-01T00:00:00Z"
        if due is None and ("due_at" in body or "due_date" in body):
            body["recurrence"] = None  # it clears a due the stored rule may need
        if "remind_at" not in body and due is not None:
            body["remind_at"] = None  # the stored reminder may be after the new due
    if isinstance(body.get("remind_at"), str):
        if due is not None:
            body["remind_at"] = due
        elif method == "PUT":
            body["remind_at"] = None  # the stored due may be before it
    return body


def header_named(headers, name):
    return next((k for k in headers if k.lower() == name.lower()), None)


def fresh_conditions(headers):
    """Positive data whose 1.2 headers cannot be refused for what no schema can
    state: an `If-Match` naming a version the task is not at is a (documented) 412,
    an `If-None-Match` naming the current one a 304, and an `Idempotency-Key` seen
    before with another body a 422. tests/api covers each of them; here a condition
    names any version, and a key is new."""
    for name in ("If-Match", "If-None-Match"):
        key = header_named(headers, name)
        if key is not None:
            headers.pop(key)
            if name == "If-Match":
                headers["If-Match"] = "*"
    key = header_named(headers, "Idempotency-Key")
    if key is not None:
        headers[key] = str(uuid.uuid4())


@schemathesis.hook
def before_call(ctx, case, kwargs):
    accept = header_named(case.headers or {}, "Accept")
    if is_task_list(case) and accept and "event-stream" in str(case.headers[accept]).lower():
        # The change stream never ends by itself: it has its own tests in tests/api;
        # here the list is asked for as JSON. (Only an Accept the case has is
        # replaced: the cases without one must keep their headers as generated.)
        case.headers[accept] = "application/json"
    meta = getattr(case, "meta", None)
    if meta is not None and meta.generation.mode.is_positive:
        if case.headers:
            fresh_conditions(case.headers)
        if case.method.upper() in ("POST", "PUT"):
            case.body = consistent_planning(case.method.upper(), case.body)
