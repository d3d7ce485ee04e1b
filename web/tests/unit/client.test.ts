import { describe, expect, it, vi } from "vitest";
import { createTaskApi, listQuery, parseTaskId, parseTotalCount } from "@/lib/api/client";
import { ApiError, SignedOutError, TokenUnavailableError } from "@/lib/api/errors";
import type { TokenSource } from "@/lib/api/token";
import { jsonResponse, problem, scriptedFetch, task } from "./helpers";

const BASE = "http://api.test";

/** A token source that hands out "t1", "t2", ... and counts forced refreshes. */
function tokens() {
  let n = 0;
  const source = {
    forced: 0,
    get: vi.fn(async (force = false) => {
      if (force) source.forced += 1;
      if (force || n === 0) n += 1;
      return `t${n}`;
    }),
    peek: vi.fn(() => (n === 0 ? null : `t${n}`)),
    clear: vi.fn(),
  };
  return source;
}

function api(fetch: typeof globalThis.fetch, source: TokenSource = tokens()) {
  return createTaskApi({ baseUrl: `${BASE}/`, userId: "user 1", tokens: source, fetch });
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("task API client: requests", () => {
  it("sends the bearer token to /api/{userId}/tasks on the configured base URL", async () => {
    const fetch = scriptedFetch(jsonResponse(200, [task], { "X-Total-Count": "1" }));
    await api(fetch).list();
    expect(fetch.url(0)).toBe(`${BASE}/api/user%201/tasks`);
    expect(fetch.header(0, "Authorization")).toBe("Bearer t1");
  });

  it("builds list queries from the given parameters only", async () => {
    const fetch = scriptedFetch(jsonResponse(200, []));
    await api(fetch).list({ status: "pending", sort: "title", order: "asc", q: "  milk ", limit: 20, offset: 40 });
    expect(fetch.url(0)).toBe(
      `${BASE}/api/user%201/tasks?status=pending&sort=title&order=asc&q=milk&limit=20&offset=40`,
    );
    expect(listQuery({ q: "   " })).toBe("");
  });

  it("parses X-Total-Count into total", async () => {
    const fetch = scriptedFetch(jsonResponse(200, [task], { "X-Total-Count": "57" }));
    const page = await api(fetch).list({ limit: 1 });
    expect(page).toEqual({ tasks: [task], total: 57 });
  });

  it("falls back to the row count when X-Total-Count is missing or malformed", () => {
    expect(parseTotalCount(null, 3)).toBe(3);
    expect(parseTotalCount("abc", 3)).toBe(3);
    expect(parseTotalCount("-1", 3)).toBe(3);
    expect(parseTotalCount("0", 3)).toBe(0);
    expect(parseTotalCount(" 12 ", 3)).toBe(12);
  });

  it("sends JSON bodies with the right methods and paths", async () => {
    const fetch = scriptedFetch(
      jsonResponse(201, task),
      jsonResponse(200, { ...task, title: "Buy oat milk" }),
      jsonResponse(200, { ...task, completed: true }),
      new Response(null, { status: 204 }),
    );
    const client = api(fetch);
    await client.create({ title: "Buy milk", description: null });
    await client.update(7, { title: "Buy oat milk" });
    await client.setCompleted(7, true);
    await client.remove(7);
    expect([0, 1, 2, 3].map((i) => `${fetch.init(i).method} ${fetch.url(i).replace(BASE, "")}`)).toEqual([
      "POST /api/user%201/tasks",
      "PUT /api/user%201/tasks/7",
      "PATCH /api/user%201/tasks/7/complete",
      "DELETE /api/user%201/tasks/7",
    ]);
    expect(fetch.init(0).body).toBe(JSON.stringify({ title: "Buy milk", description: null }));
    expect(fetch.init(2).body).toBe(JSON.stringify({ completed: true }));
    expect(fetch.header(0, "Content-Type")).toBe("application/json");
  });

  it("starts a keepalive DELETE within the call when a token is cached, awaiting nothing first", async () => {
    const fetch = scriptedFetch(new Response(null, { status: 204 }), new Response(null, { status: 204 }), new Response(null, { status: 204 }));
    const source = tokens();
    const client = api(fetch, source);
    await client.warmToken();
    source.get.mockClear();
    // Nothing awaited between the calls: as on pagehide, where the page may be gone at the next tick.
    const sent = [7, 8, 9].map((id) => client.remove(id, { keepalive: true }));
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(source.get).not.toHaveBeenCalled();
    expect(fetch.header(2, "Authorization")).toBe("Bearer t1");
    expect(fetch.init(2).keepalive).toBe(true);
    await Promise.all(sent);
  });

  it("waits for a token for a keepalive DELETE only when none is cached", async () => {
    const fetch = scriptedFetch(new Response(null, { status: 204 }));
    const source = tokens();
    const sent = api(fetch, source).remove(7, { keepalive: true });
    expect(fetch).not.toHaveBeenCalled();
    await sent;
    expect(source.get).toHaveBeenCalledTimes(1);
    expect(fetch.header(0, "Authorization")).toBe("Bearer t1");
  });

  it("warms the token without ever rejecting", async () => {
    const source: TokenSource = { get: async () => Promise.reject(new TokenUnavailableError()), peek: () => null, clear: () => {} };
    await expect(api(scriptedFetch(), source).warmToken()).resolves.toBeUndefined();
  });

  it("sends the 1.1 list parameters: comma-joined priorities, one tag= per tag, instants, has_due, tz", async () => {
    const fetch = scriptedFetch(jsonResponse(200, []));
    await api(fetch).list({
      status: "pending",
      sort: "due",
      priority: ["high", "medium"],
      tag: ["Home", "a b"],
      due_after: "2026-12-01T23:00:00.000Z",
      due_before: "2026-12-02T23:00:00.000Z",
      has_due: true,
      tz: "Europe/Paris",
    });
    const url = new URL(fetch.url(0));
    expect(url.searchParams.get("priority")).toBe("high,medium");
    expect(url.searchParams.getAll("tag")).toEqual(["Home", "a b"]);
    expect(url.searchParams.get("due_after")).toBe("2026-12-01T23:00:00.000Z");
    expect(url.searchParams.get("due_before")).toBe("2026-12-02T23:00:00.000Z");
    expect(url.searchParams.get("has_due")).toBe("true");
    expect(url.searchParams.get("tz")).toBe("Europe/Paris");
    expect(listQuery({ has_due: false })).toBe("?has_due=false");
    expect(listQuery({ priority: [], tag: [] })).toBe("");
  });

  it("returns the next occurrence's id from X-Next-Task-Id after completing a repeating task", async () => {
    const done = { ...task, completed: true, recurrence: { every: "week", interval: 1 } };
    const fetch = scriptedFetch(
      jsonResponse(200, done, { "X-Next-Task-Id": "8" }),
      jsonResponse(200, done, { "X-Next-Task-Id": "9" }),
      jsonResponse(200, { ...task, title: "x" }),
    );
    const client = api(fetch);
    expect(await client.setCompleted(7, true)).toEqual({ task: done, nextTaskId: 8 });
    expect((await client.update(7, { completed: true })).nextTaskId).toBe(9);
    expect((await client.update(7, { title: "x" })).nextTaskId).toBeNull();
    expect(parseTaskId("abc")).toBeNull();
    expect(parseTaskId("0")).toBeNull();
    expect(parseTaskId(" 12 ")).toBe(12);
  });

  it("can send a DELETE that outlives the page (keepalive)", async () => {
    const fetch = scriptedFetch(new Response(null, { status: 204 }), new Response(null, { status: 204 }));
    const client = api(fetch);
    await client.remove(7, { keepalive: true });
    await client.remove(8);
    expect(fetch.init(0).keepalive).toBe(true);
    expect(fetch.init(1).keepalive).toBeUndefined();
  });
});

describe("task API client: 401 handling", () => {
  it("refreshes the token once after a 401 and retries with the new token", async () => {
    const source = tokens();
    const fetch = scriptedFetch(
      problem(401, "token expired"),
      jsonResponse(200, [task], { "X-Total-Count": "1" }),
    );
    const page = await api(fetch, source).list();
    expect(page.total).toBe(1);
    expect(source.forced).toBe(1);
    expect(fetch.header(0, "Authorization")).toBe("Bearer t1");
    expect(fetch.header(1, "Authorization")).toBe("Bearer t2");
  });

  it("reports signed_out after a second 401, without a third attempt", async () => {
    const source = tokens();
    const fetch = scriptedFetch(problem(401, "bad token"), problem(401, "bad token"));
    const error = await caught(api(fetch, source).list());
    expect(error.kind).toBe("signed_out");
    expect(error.status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(source.forced).toBe(1);
  });

  it("retries the same body after a 401", async () => {
    const fetch = scriptedFetch(problem(401, "expired"), jsonResponse(201, task));
    await api(fetch).create({ title: "Buy milk" });
    expect(fetch.init(1).method).toBe("POST");
    expect(fetch.init(1).body).toBe(fetch.init(0).body);
  });

  it("reports signed_out without calling the API when there is no session", async () => {
    const fetch = scriptedFetch();
    const source: TokenSource = { get: async () => Promise.reject(new SignedOutError()), peek: () => null, clear: () => {} };
    const error = await caught(api(fetch, source).list());
    expect(error.kind).toBe("signed_out");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("reports unavailable when the token endpoint cannot be reached", async () => {
    const source: TokenSource = { get: async () => Promise.reject(new TokenUnavailableError()), peek: () => null, clear: () => {} };
    const error = await caught(api(scriptedFetch(), source).list());
    expect(error.kind).toBe("unavailable");
  });
});

describe("task API client: errors", () => {
  it("turns a 503 into a retryable error carrying the problem detail and Retry-After", async () => {
    const fetch = scriptedFetch(problem(503, "database unavailable", {}, { "Retry-After": "5" }));
    const error = await caught(api(fetch).list());
    expect(error.kind).toBe("unavailable");
    expect(error.status).toBe(503);
    expect(error.detail).toBe("database unavailable");
    expect(error.retryAfterSeconds).toBe(5);
  });

  it("turns a network failure into a retryable error", async () => {
    const fetch = scriptedFetch(new TypeError("Failed to fetch"));
    const error = await caught(api(fetch).create({ title: "x" }));
    expect(error.kind).toBe("unavailable");
    expect(error.status).toBe(0);
    expect(error.detail).toMatch(/can't reach the server/i);
  });

  it("surfaces problem+json detail and field errors of a 422", async () => {
    const fetch = scriptedFetch(
      problem(422, "title must be 1 to 200 characters", {
        errors: [{ field: "title", message: "must be 1 to 200 characters" }, { bogus: true }],
      }),
    );
    const error = await caught(api(fetch).create({ title: "" }));
    expect(error.kind).toBe("validation");
    expect(error.detail).toBe("title must be 1 to 200 characters");
    expect(error.fieldErrors).toEqual([{ field: "title", message: "must be 1 to 200 characters" }]);
    expect(error.fieldMessage("title")).toBe("must be 1 to 200 characters");
    expect(error.fieldMessage("description")).toBeUndefined();
  });

  it("maps 403 and 404 and keeps their detail", async () => {
    const fetch = scriptedFetch(problem(404, "task not found"), problem(403, "not your tasks"));
    const client = api(fetch);
    expect(await caught(client.get(99))).toMatchObject({ kind: "not_found", status: 404, detail: "task not found" });
    expect(await caught(client.list())).toMatchObject({ kind: "forbidden", status: 403, detail: "not your tasks" });
  });

  it("copes with an error body that is not JSON", async () => {
    const fetch = scriptedFetch(new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    const error = await caught(api(fetch).list());
    expect(error).toMatchObject({ kind: "http", status: 502, detail: "Bad Gateway" });
  });

  it("falls back to the problem title when there is no detail", async () => {
    const fetch = scriptedFetch(
      new Response(JSON.stringify({ title: "Payload Too Large", status: 413 }), { status: 413 }),
    );
    expect((await caught(api(fetch).create({ title: "x" }))).detail).toBe("Payload Too Large");
  });
});
