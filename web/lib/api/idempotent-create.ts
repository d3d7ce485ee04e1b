// Creates that never make a duplicate. Each create intent gets one
// Idempotency-Key; the server answers a repeat of it (same key, same body)
// with the original 201 and creates nothing. So the key is reused for every
// retry of that intent: the automatic one after a network error or a 503 (the
// request may have been applied and only its answer lost), and a retry the
// person starts (the outage banner's Retry, or submitting the same form again).
// A different body is a different intent, with a new key: the server would
// refuse a known key with another body (422).
import { isApiError } from "./errors";
import type { TaskApi } from "./client";
import type { NewTask, Task } from "./types";

export interface IdempotentCreateOptions {
  newKey?: () => string;
  /** Automatic retries of a create that may or may not have arrived. */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Wait before an automatic retry, unless Retry-After says longer (capped: the person is waiting). */
export const CREATE_RETRY_MS = 1000;
export const CREATE_RETRY_MAX_MS = 5000;

/** JSON with object keys sorted, so that two equal bodies compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Network error or 503: the create may have happened; the same key finds out safely. */
function retryable(error: unknown): boolean {
  return isApiError(error) && error.kind === "unavailable";
}

export function createIdempotentCreator(api: Pick<TaskApi, "create">, options: IdempotentCreateOptions = {}) {
  const newKey = options.newKey ?? (() => crypto.randomUUID());
  const retries = options.retries ?? 1;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // The intent whose outcome is unknown (it failed in a way a retry may fix).
  let pending: { body: string; key: string } | null = null;

  return async function create(task: NewTask): Promise<Task> {
    const body = canonicalJson(task);
    const key = pending?.body === body ? pending.key : newKey();
    pending = { body, key };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const created = await api.create(task, { idempotencyKey: key });
        if (pending?.key === key) pending = null;
        return created;
      } catch (error) {
        if (!retryable(error)) {
          // Refused (422...): nothing was created; the next attempt is a new intent.
          if (pending?.key === key) pending = null;
          throw error;
        }
        if (attempt >= retries) throw error; // kept in `pending` for the person's retry
        const retryAfter = isApiError(error) ? error.retryAfterSeconds : undefined;
        await sleep(Math.min(CREATE_RETRY_MAX_MS, retryAfter !== undefined ? retryAfter * 1000 : CREATE_RETRY_MS));
      }
    }
  };
}
