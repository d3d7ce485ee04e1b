// One connection to the change stream: `GET /api/{user}/tasks` with
// `Accept: text/event-stream`, read through fetch (EventSource cannot send
// the bearer token, and the token must never go into the URL). Resolves when
// the stream ends; rejects with an ApiError when it could not be opened.
import { ApiError, UNREACHABLE_DETAIL, errorFromResponse } from "./errors";
import { createSseParser, type SseEvent } from "./sse";
import type { Task, TaskChange } from "./types";

/** Why a stream stopped: the server's `end` reason, or "closed" (dropped without one), or "idle". */
export type StreamEnd = { reason: "token_expired" | "shutdown" | "resync" | "closed" | "idle" | (string & {}) };

/**
 * Heartbeats come every 15 s; a connection silent for this long is dead
 * (a laptop that slept, a proxy that dropped it without a FIN).
 */
export const IDLE_TIMEOUT_MS = 45_000;

export interface StreamOptions {
  url: string;
  token: string;
  signal: AbortSignal;
  fetch?: typeof fetch;
  /** The subscription is live (the server's first comment): reload now, nothing after this is missed. */
  onOpen: () => void;
  onChange: (change: TaskChange) => void;
  /** The server's `retry:` hint, in milliseconds. */
  onRetry?: (ms: number) => void;
  idleTimeoutMs?: number;
}

export async function readChangeStream(options: StreamOptions): Promise<StreamEnd> {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // Our own abort for the idle watchdog, following the caller's.
  const local = new AbortController();
  const abort = () => local.abort();
  options.signal.addEventListener("abort", abort);
  try {
    let response: Response;
    try {
      response = await doFetch(options.url, {
        headers: { Authorization: `Bearer ${options.token}`, Accept: "text/event-stream" },
        cache: "no-store",
        signal: local.signal,
      });
    } catch (error) {
      if (options.signal.aborted) throw error;
      throw new ApiError({ kind: "unavailable", status: 0, detail: UNREACHABLE_DETAIL });
    }
    if (!response.ok) throw await errorFromResponse(response);
    if (!response.body || !(response.headers.get("Content-Type") ?? "").startsWith("text/event-stream")) {
      // A server that does not stream yet answers the plain list.
      await response.body?.cancel().catch(() => {});
      throw new ApiError({ kind: "http", status: response.status, detail: "The server sent no change stream." });
    }
    return await readBody(response.body, local, options);
  } finally {
    options.signal.removeEventListener("abort", abort);
  }
}

async function readBody(body: ReadableStream<Uint8Array>, local: AbortController, options: StreamOptions): Promise<StreamEnd> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let ended: StreamEnd | null = null;
  let opened = false;
  const open = () => {
    if (opened) return;
    opened = true;
    options.onOpen();
  };
  const parser = createSseParser({
    onComment: open,
    onRetry: (ms) => {
      options.onRetry?.(ms);
    },
    onEvent: (event) => {
      open();
      if (event.type === "end") ended = { reason: endReason(event.data) };
      else {
        const change = changeOf(event);
        if (change) options.onChange(change);
      }
    },
  });

  let idle = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      idle = true;
      local.abort();
      // Not every fetch ends the body on abort: end the read here too.
      reader.cancel().catch(() => {});
    }, options.idleTimeoutMs ?? IDLE_TIMEOUT_MS);
  };
  const stop = () => void reader.cancel().catch(() => {});
  local.signal.addEventListener("abort", stop);
  watch();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (idle) return { reason: "idle" };
        if (options.signal.aborted) throw error;
        return ended ?? { reason: "closed" }; // the connection broke
      }
      if (chunk.done) break;
      if (local.signal.aborted) break;
      watch();
      parser.push(decoder.decode(chunk.value, { stream: true }));
      // After `end` the server closes; no need to wait for it.
      if (ended) break;
    }
    if (idle) return { reason: "idle" };
    return ended ?? { reason: "closed" };
  } finally {
    local.signal.removeEventListener("abort", stop);
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
}

function endReason(data: string): string {
  try {
    const parsed: unknown = JSON.parse(data);
    const reason = parsed && typeof parsed === "object" ? (parsed as { reason?: unknown }).reason : undefined;
    return typeof reason === "string" ? reason : "closed";
  } catch {
    return "closed";
  }
}

/** A created/updated/deleted event as a TaskChange; null for anything else or malformed data. */
export function changeOf(event: SseEvent): TaskChange | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object") return null;
  const body = parsed as Record<string, unknown>;
  if (typeof body.id !== "number") return null;
  if (event.type === "deleted") return { kind: "deleted", id: body.id };
  if ((event.type === "created" || event.type === "updated") && typeof body.version === "number") {
    return { kind: event.type, task: parsed as Task };
  }
  return null;
}
