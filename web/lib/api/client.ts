// The Todo API client: builds /api/{userId}/tasks URLs, sends the bearer
// token, retries once with a fresh token after a 401, and turns every failure
// into an ApiError (see errors.ts).
import {
  ApiError,
  SignedOutError,
  TokenUnavailableError,
  UNREACHABLE_DETAIL,
  errorFromResponse,
} from "./errors";
import type { TokenSource } from "./token";
import type { ListParams, NewTask, Task, TaskChanges, TaskPage, TaskWrite } from "./types";

export interface TaskApiOptions {
  /** e.g. http://localhost:8000, without a trailing slash. */
  baseUrl: string;
  /** The signed-in user's id (the JWT's `sub`). */
  userId: string;
  tokens: TokenSource;
  fetch?: typeof fetch;
}

/** The version the tab showed: sent as If-Match, so a write never silently overwrites another's. */
export interface Expected {
  version?: number;
}

export interface TaskApi {
  list(params?: ListParams): Promise<TaskPage>;
  get(id: number): Promise<Task>;
  /** `idempotencyKey`: one per create intent, the same on every retry of it. */
  create(task: NewTask, options?: { idempotencyKey?: string }): Promise<Task>;
  /** A PUT; completing a recurring task also names its next occurrence. A 412 is an ApiError of kind "conflict". */
  update(id: number, changes: TaskChanges, expected?: Expected): Promise<TaskWrite>;
  setCompleted(id: number, completed: boolean, expected?: Expected): Promise<TaskWrite>;
  /**
   * `keepalive` lets the request outlive the page (a deferred delete flushed
   * on `pagehide`). With a valid token in the cache such a request is started
   * within this call, before anything is awaited: see `warmToken`.
   */
  remove(id: number, options?: { keepalive?: boolean } & Expected): Promise<void>;
  /**
   * Fetches a token now if the cached one is about to expire, so that a later
   * keepalive `remove` finds one ready. Never rejects: the request that needs
   * the token reports any failure.
   */
  warmToken(): Promise<void>;
  /** What the change stream needs: its URL and a token (failures as ApiError, like every call). */
  stream: { url: string; token(force: boolean): Promise<string> };
}

export function createTaskApi(options: TaskApiOptions): TaskApi {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const tasksUrl = `${options.baseUrl.replace(/\/+$/, "")}/api/${encodeURIComponent(options.userId)}/tasks`;

  async function token(force: boolean): Promise<string> {
    try {
      return await options.tokens.get(force);
    } catch (error) {
      if (error instanceof SignedOutError) throw signedOut();
      if (error instanceof TokenUnavailableError) {
        throw new ApiError({ kind: "unavailable", status: 0, detail: error.message });
      }
      throw error;
    }
  }

  async function send(url: string, init: RequestInit, bearer: string): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${bearer}`);
    headers.set("Accept", "application/json");
    try {
      return await doFetch(url, { ...init, headers });
    } catch (error) {
      // fetch only rejects when no response arrived: connection refused,
      // DNS, CORS, offline. All of these may work on a retry.
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new ApiError({ kind: "unavailable", status: 0, detail: UNREACHABLE_DETAIL });
    }
  }

  /**
   * One request; on 401, one fresh token and one retry, then "signed out".
   * With `bearer` (a token already in hand) the request starts before this
   * function first awaits anything.
   */
  async function request(path: string, init: RequestInit = {}, bearer: string | null = null): Promise<Response> {
    const url = `${tasksUrl}${path}`;
    let response = await send(url, init, bearer ?? (await token(false)));
    if (response.status === 401) {
      response = await send(url, init, await token(true));
      if (response.status === 401) throw signedOut();
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  function jsonInit(method: string, body: unknown): Omit<RequestInit, "headers"> & { headers: Record<string, string> } {
    return {
      method,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    };
  }

  return {
    async list(params = {}) {
      const response = await request(listQuery(params));
      const tasks = (await response.json()) as Task[];
      return { tasks, total: parseTotalCount(response.headers.get("X-Total-Count"), tasks.length) };
    },
    async get(id) {
      return (await (await request(`/${id}`)).json()) as Task;
    },
    async create(task, { idempotencyKey } = {}) {
      const init = jsonInit("POST", task);
      if (idempotencyKey) init.headers = { ...init.headers, "Idempotency-Key": idempotencyKey };
      return (await (await request("", init)).json()) as Task;
    },
    async update(id, changes, expected = {}) {
      return taskWrite(await request(`/${id}`, conditional(jsonInit("PUT", changes), expected)));
    },
    async setCompleted(id, completed, expected = {}) {
      return taskWrite(await request(`/${id}/complete`, conditional(jsonInit("PATCH", { completed }), expected)));
    },
    async remove(id, { keepalive = false, version } = {}) {
      // A page being closed may be gone before an awaited token arrives (and
      // a plain fetch for one is cancelled with it): take the cached one.
      const ready = keepalive ? options.tokens.peek() : null;
      const init = conditional({ method: "DELETE", ...(keepalive && { keepalive }) }, { version });
      await request(`/${id}`, init, ready);
    },
    async warmToken() {
      try {
        await token(false);
      } catch {
        // The request that needs the token reports the failure.
      }
    },
    stream: { url: tasksUrl, token },
  };
}

/** Adds `If-Match: "<version>"`; without a version, today's unconditional write. */
function conditional(init: RequestInit, { version }: Expected): RequestInit {
  if (version === undefined) return init;
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), "If-Match": `"${version}"` } };
}

function signedOut(): ApiError {
  return new ApiError({
    kind: "signed_out",
    status: 401,
    detail: "Your session has ended. Please sign in again.",
  });
}

async function taskWrite(response: Response): Promise<TaskWrite> {
  const task = (await response.json()) as Task;
  return { task, nextTaskId: parseTaskId(response.headers.get("X-Next-Task-Id")) };
}

/** "?status=...&q=..." with only the parameters that were given. */
export function listQuery(params: ListParams): string {
  const query = new URLSearchParams();
  if (params.status) query.set("status", params.status);
  if (params.sort) query.set("sort", params.sort);
  if (params.order) query.set("order", params.order);
  const q = params.q?.trim();
  if (q) query.set("q", q);
  if (params.limit !== undefined) query.set("limit", String(params.limit));
  if (params.offset !== undefined) query.set("offset", String(params.offset));
  if (params.priority?.length) query.set("priority", params.priority.join(","));
  for (const tag of params.tag ?? []) query.append("tag", tag);
  if (params.due_before) query.set("due_before", params.due_before);
  if (params.due_after) query.set("due_after", params.due_after);
  if (params.has_due !== undefined) query.set("has_due", String(params.has_due));
  if (params.tz) query.set("tz", params.tz);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** X-Next-Task-Id as a task id; null when absent or malformed. */
export function parseTaskId(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  const id = Number.parseInt(header, 10);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** X-Total-Count as a number; `fallback` when missing or malformed. */
export function parseTotalCount(header: string | null, fallback: number): number {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return fallback;
  return Number.parseInt(header, 10);
}
