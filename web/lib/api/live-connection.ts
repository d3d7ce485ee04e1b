// Keeps one change stream open for as long as the page wants it: reconnects
// when the server ends it (at once, with a fresh token, when the token
// expired), when it drops, or when it could not be opened, with exponential
// backoff and jitter so that many tabs coming back after an outage do not
// arrive together; a 429/503 waits at least its Retry-After. Every (re)connect
// calls `onOpen`, whose job is to reload: events between two streams are not
// replayed.
import { ApiError, isApiError } from "./errors";
import type { StreamEnd, StreamOptions } from "./change-stream";
import type { TaskChange } from "./types";

export type LiveStatus = "connecting" | "live" | "retrying" | "stopped";

export interface LiveConnectionOptions {
  /** One stream, e.g. `readChangeStream` bound to its URL and fetch. */
  read: (options: Pick<StreamOptions, "token" | "signal" | "onOpen" | "onChange" | "onRetry">) => Promise<StreamEnd>;
  /** A token for the API; `force` skips the cache. Rejects with ApiError "signed_out" when there is no session. */
  token: (force: boolean) => Promise<string>;
  onOpen: () => void;
  onChange: (change: TaskChange) => void;
  onStatus?: (status: LiveStatus) => void;
  /** The session is gone: the page should sign in again. The connection has stopped. */
  onSignedOut: () => void;
  /** Injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;
/** Until the server says otherwise (`retry:`), the wait after a stream that was open dropped. */
export const DEFAULT_RETRY_MS = 3000;

/** The wait before attempt `failures` + 1: 1 s, 2 s, 4 s... up to 30 s, times a jitter of 0.5 to 1. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

export function startLiveConnection(options: LiveConnectionOptions): { stop: () => void } {
  const controller = new AbortController();
  const { signal } = controller;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const status = (s: LiveStatus) => options.onStatus?.(s);

  async function run() {
    let failures = 0;
    let forceToken = false;
    let rejectedTokens = 0;
    let retryMs = DEFAULT_RETRY_MS;
    while (!signal.aborted) {
      status(failures === 0 ? "connecting" : "retrying");
      let opened = false;
      let wait: number;
      try {
        const token = await options.token(forceToken);
        forceToken = false;
        if (signal.aborted) return;
        const end = await options.read({
          token,
          signal,
          onRetry: (ms) => {
            retryMs = ms;
          },
          onOpen: () => {
            opened = true;
            failures = 0;
            rejectedTokens = 0;
            status("live");
            options.onOpen();
          },
          onChange: (change) => {
            if (!signal.aborted) options.onChange(change);
          },
        });
        if (signal.aborted) return;
        if (end.reason === "token_expired") {
          // Expected every token lifetime: straight back, with a new token.
          forceToken = true;
          wait = 0;
        } else if (end.reason === "resync" && opened) {
          wait = 0; // the reconnect reloads
        } else if (opened) {
          wait = Math.round(retryMs * (0.5 + random() / 2));
        } else {
          failures += 1;
          wait = backoffMs(failures, random);
        }
      } catch (error) {
        if (signal.aborted) return;
        if (isApiError(error) && error.kind === "signed_out") {
          // The token source found no session, or the API refused a fresh token.
          return stopSignedOut();
        }
        if (isApiError(error) && error.status === 401) {
          // The cached token was refused (revoked, clock skew): one fresh one, then give up.
          rejectedTokens += 1;
          if (rejectedTokens > 1) return stopSignedOut();
          forceToken = true;
          continue;
        }
        failures += 1;
        wait = backoffMs(failures, random);
        const retryAfter = error instanceof ApiError ? error.retryAfterSeconds : undefined;
        if (retryAfter !== undefined) wait = Math.max(wait, retryAfter * 1000);
      }
      if (wait > 0) {
        status("retrying");
        await sleep(wait, signal);
      }
    }
  }

  function stopSignedOut() {
    controller.abort();
    status("stopped");
    options.onSignedOut();
  }

  void run().finally(() => {
    if (signal.aborted) status("stopped");
  });

  return {
    stop() {
      controller.abort();
    },
  };
}
