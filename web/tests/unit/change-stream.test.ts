import { describe, expect, it, vi } from "vitest";
import { readChangeStream } from "@/lib/api/change-stream";
import { ApiError } from "@/lib/api/errors";
import { backoffMs, startLiveConnection, type LiveConnectionOptions } from "@/lib/api/live-connection";
import type { TaskChange } from "@/lib/api/types";
import { makeTask, problem } from "./helpers";

/** A text/event-stream response whose body yields `chunks` as bytes (split anywhere). */
function streamResponse(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

const updated = makeTask({ id: 3, version: 4, title: "Päivitä" });

describe("readChangeStream", () => {
  it("sends the bearer token and Accept: text/event-stream, and reports open, changes and the end", async () => {
    const text = `retry: 3000\n: connected\n\nevent: updated\ndata: ${JSON.stringify(updated)}\n\nevent: deleted\ndata: {"id":9}\n\nevent: end\ndata: {"reason":"token_expired"}\n\n`;
    // Split inside a multi-byte character too.
    const bytes = new TextEncoder().encode(text);
    const cut = text.indexOf("ä") + 1;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, cut));
        c.enqueue(bytes.slice(cut));
        c.close();
      },
    });
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(body, { headers: { "Content-Type": "text/event-stream" } }));
    const changes: TaskChange[] = [];
    const onOpen = vi.fn();
    const end = await readChangeStream({ url: "http://api/x", token: "t1", signal: new AbortController().signal, fetch, onOpen, onChange: (c) => changes.push(c) });
    const headers = new Headers(fetch.mock.calls[0]?.[1]?.headers);
    expect(headers.get("Authorization")).toBe("Bearer t1");
    expect(headers.get("Accept")).toBe("text/event-stream");
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(changes).toEqual([
      { kind: "updated", task: updated },
      { kind: "deleted", id: 9 },
    ]);
    expect(end).toEqual({ reason: "token_expired" });
  });

  it("says 'closed' when the server drops the stream without an end event, ignoring malformed data", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => streamResponse([": connected\n\nevent: created\ndata: {not json\n\n"]));
    const onChange = vi.fn();
    const end = await readChangeStream({ url: "u", token: "t", signal: new AbortController().signal, fetch, onOpen: () => {}, onChange });
    expect(end).toEqual({ reason: "closed" });
    expect(onChange).not.toHaveBeenCalled();
  });

  it("rejects with an ApiError carrying Retry-After when the stream is refused", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => problem(429, "Too many streams", {}, { "Retry-After": "7" }));
    const error = await readChangeStream({ url: "u", token: "t", signal: new AbortController().signal, fetch, onOpen: () => {}, onChange: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).retryAfterSeconds).toBe(7);
  });

  it("gives up on a stream silent for longer than the idle timeout", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(": connected\n\n"));
      },
    });
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(body, { headers: { "Content-Type": "text/event-stream" } }));
    const end = await readChangeStream({ url: "u", token: "t", signal: new AbortController().signal, fetch, onOpen: () => {}, onChange: () => {}, idleTimeoutMs: 20 });
    expect(end).toEqual({ reason: "idle" });
  });
});

describe("live connection", () => {
  type Step = { end?: string; error?: unknown; open?: boolean };

  function harness(steps: Step[], token: (force: boolean) => Promise<string> = async (force) => (force ? "fresh" : "cached")) {
    const waits: number[] = [];
    const tokens: string[] = [];
    const opens = vi.fn();
    const signedOut = vi.fn();
    let connection: { stop: () => void } | null = null;
    const done = new Promise<void>((resolve) => {
      const options: LiveConnectionOptions = {
        token,
        read: async ({ token: t, onOpen }) => {
          tokens.push(t);
          const step = steps.shift();
          if (!step) {
            connection?.stop();
            resolve();
            return { reason: "closed" };
          }
          if (step.error) throw step.error;
          if (step.open !== false) onOpen();
          return { reason: step.end ?? "closed" };
        },
        onOpen: opens,
        onChange: () => {},
        onSignedOut: () => {
          signedOut();
          resolve();
        },
        sleep: async (ms) => {
          waits.push(ms);
        },
        random: () => 1,
      };
      connection = startLiveConnection(options);
    });
    return { done, waits, tokens, opens, signedOut };
  }

  it("reconnects at once with a fresh token when the token expired, and reloads after every connect", async () => {
    const h = harness([{ end: "token_expired" }, { end: "closed" }]);
    await h.done;
    expect(h.tokens).toEqual(["cached", "fresh", "cached"]);
    expect(h.opens).toHaveBeenCalledTimes(2);
    expect(h.waits).toEqual([3000]); // after a drop: the server's retry (3 s)
  });

  it("backs off exponentially while it cannot connect, honouring Retry-After on 429/503", async () => {
    const down = new ApiError({ kind: "unavailable", status: 0, detail: "down" });
    const busy = new ApiError({ kind: "http", status: 429, detail: "busy", retryAfterSeconds: 20 });
    const h = harness([{ error: down }, { error: down }, { error: busy }, { error: down }, {}]);
    await h.done;
    expect(h.waits.slice(0, 4)).toEqual([1000, 2000, 20_000, 8000]);
    expect(backoffMs(50, () => 1)).toBe(30_000);
    expect(backoffMs(1, () => 0)).toBe(500);
  });

  it("retries a refused token once with a fresh one, then reports the session gone", async () => {
    const refused = new ApiError({ kind: "signed_out", status: 401, detail: "no" });
    const h = harness([
      { error: new ApiError({ kind: "http", status: 401, detail: "expired" }) },
      { error: new ApiError({ kind: "http", status: 401, detail: "expired" }) },
    ]);
    await h.done;
    expect(h.tokens).toEqual(["cached", "fresh"]);
    expect(h.signedOut).toHaveBeenCalledTimes(1);
    const gone = harness([], vi.fn(async () => Promise.reject(refused)));
    await gone.done;
    expect(gone.signedOut).toHaveBeenCalledTimes(1);
  });
});
