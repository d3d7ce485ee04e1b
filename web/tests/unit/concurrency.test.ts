import { describe, expect, it, vi } from "vitest";
import { createTaskApi } from "@/lib/api/client";
import { ApiError } from "@/lib/api/errors";
import { canonicalJson, createIdempotentCreator } from "@/lib/api/idempotent-create";
import type { TokenSource } from "@/lib/api/token";
import { jsonResponse, makeTask, problem, scriptedFetch, task } from "./helpers";

const tokens: TokenSource = { get: async () => "t1", peek: () => "t1", clear: () => {} };
const api = (fetch: typeof globalThis.fetch) => createTaskApi({ baseUrl: "http://api.test", userId: "u1", tokens, fetch });

describe("If-Match and 412", () => {
  it("sends If-Match with the quoted version on PUT, PATCH complete and DELETE", async () => {
    const fetch = scriptedFetch(
      jsonResponse(200, task),
      jsonResponse(200, task),
      new Response(null, { status: 204 }),
    );
    const client = api(fetch);
    await client.update(7, { title: "x" }, { version: 3 });
    await client.setCompleted(7, true, { version: 4 });
    await client.remove(7, { version: 5 });
    expect([0, 1, 2].map((i) => fetch.header(i, "If-Match"))).toEqual(['"3"', '"4"', '"5"']);
    expect(fetch.header(0, "Content-Type")).toBe("application/json");
  });

  it("sends no If-Match without a version (today's unconditional write)", async () => {
    const fetch = scriptedFetch(jsonResponse(200, task));
    await api(fetch).update(7, { title: "x" });
    expect(fetch.header(0, "If-Match")).toBeNull();
  });

  it("turns a 412 into a conflict carrying the current task", async () => {
    const current = makeTask({ title: "Changed in the other tab", version: 6 });
    const fetch = scriptedFetch(problem(412, "The task changed since version 5.", { title: "Precondition Failed", task: current }, { ETag: '"6"' }));
    const error = await api(fetch).setCompleted(7, true, { version: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe("conflict");
    expect((error as ApiError).current).toEqual(current);
  });

  it("a 412 whose body has no task is still a conflict, without a current copy", async () => {
    const fetch = scriptedFetch(problem(412, "Precondition Failed"));
    const error = (await api(fetch).remove(7, { version: 1 }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("conflict");
    expect(error.current).toBeUndefined();
  });
});

describe("idempotent creates", () => {
  const keys = () => {
    let n = 0;
    return () => `key-${++n}`;
  };
  const unavailable = () => new ApiError({ kind: "unavailable", status: 0, detail: "down" });

  it("sends an Idempotency-Key and reuses it on the automatic retry after a network error", async () => {
    const fetch = scriptedFetch(new TypeError("Failed to fetch"), jsonResponse(201, task));
    const sleep = vi.fn(async () => {});
    const create = createIdempotentCreator(api(fetch), { newKey: keys(), sleep });
    await create({ title: "Buy milk" });
    expect(fetch.header(0, "Idempotency-Key")).toBe("key-1");
    expect(fetch.header(1, "Idempotency-Key")).toBe("key-1");
    expect(sleep).toHaveBeenCalledWith(1000);
  });

  it("waits Retry-After (capped) before retrying a 503, with the same key", async () => {
    const fetch = scriptedFetch(problem(503, "busy", {}, { "Retry-After": "2" }), jsonResponse(201, task));
    const sleep = vi.fn(async () => {});
    await createIdempotentCreator(api(fetch), { newKey: keys(), sleep })({ title: "a" });
    expect(sleep).toHaveBeenCalledWith(2000);
    expect(fetch.header(1, "Idempotency-Key")).toBe(fetch.header(0, "Idempotency-Key"));
  });

  it("keeps the key of a failed intent for the person's retry of the same body, whatever its key order", async () => {
    const calls: Array<string | undefined> = [];
    const fake = {
      create: vi.fn(async (_t: unknown, o?: { idempotencyKey?: string }) => {
        calls.push(o?.idempotencyKey);
        if (calls.length <= 2) throw unavailable();
        return task;
      }),
    };
    const create = createIdempotentCreator(fake, { newKey: keys(), sleep: async () => {} });
    await expect(create({ title: "a", tags: ["x"] })).rejects.toThrow("down");
    await create({ tags: ["x"], title: "a" });
    expect(calls).toEqual(["key-1", "key-1", "key-1"]);
    // The intent is done: the next create is a new one.
    await create({ tags: ["x"], title: "a" });
    expect(calls.at(-1)).toBe("key-2");
  });

  it("uses a new key when the body changed, and after a refusal", async () => {
    const calls: Array<string | undefined> = [];
    let fail: ApiError | null = unavailable();
    const fake = {
      create: vi.fn(async (_t: unknown, o?: { idempotencyKey?: string }) => {
        calls.push(o?.idempotencyKey);
        if (fail) throw fail;
        return task;
      }),
    };
    const create = createIdempotentCreator(fake, { newKey: keys(), retries: 0 });
    await expect(create({ title: "a" })).rejects.toThrow();
    await expect(create({ title: "b" })).rejects.toThrow(); // edited before retrying: another intent
    fail = new ApiError({ kind: "validation", status: 422, detail: "bad" });
    await expect(create({ title: "b" })).rejects.toThrow("bad"); // still key-2: same body as the failed one
    fail = null;
    await create({ title: "b" });
    expect(calls).toEqual(["key-1", "key-2", "key-2", "key-3"]);
  });

  it("compares bodies as canonical JSON", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}');
  });
});
