// Every failure of the API client is an ApiError whose `kind` tells the UI
// what to do: sign in again, offer a retry, show a field message, or say why.
import type { FieldError, Task } from "./types";

export type ApiErrorKind =
  | "signed_out" // no session, or the API refused a freshly fetched token
  | "unavailable" // network failure or 503: retrying later can work
  | "validation" // 422: `fieldErrors` says which input is wrong
  | "not_found" // 404: the task is gone (or never was)
  | "forbidden" // 403
  | "conflict" // 412: the task changed since this tab read it; `current` is the server's copy
  | "http"; // anything else (400, 413, 500, ...)

export interface ApiErrorInit {
  kind: ApiErrorKind;
  status: number;
  detail: string;
  title?: string;
  fieldErrors?: FieldError[];
  retryAfterSeconds?: number;
  /** With a 412: the task as it is now. */
  current?: Task;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** Human-readable explanation, taken from problem+json `detail` when present. */
  readonly detail: string;
  readonly title: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds: number | undefined;
  readonly current: Task | undefined;

  constructor(init: ApiErrorInit) {
    super(init.detail);
    this.name = "ApiError";
    this.kind = init.kind;
    this.status = init.status;
    this.detail = init.detail;
    this.title = init.title;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.current = init.current;
  }

  /** The message for one input, e.g. "title", if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Thrown by a token source when there is no session to get a token from. */
export class SignedOutError extends Error {
  constructor(message = "You are signed out.") {
    super(message);
    this.name = "SignedOutError";
  }
}

/** Thrown by a token source when the token endpoint could not be reached. */
export class TokenUnavailableError extends Error {
  constructor(message = "Can't reach the sign-in service.") {
    super(message);
    this.name = "TokenUnavailableError";
  }
}

export const UNREACHABLE_DETAIL = "Can't reach the server.";

const KIND_BY_STATUS: Record<number, ApiErrorKind> = {
  401: "signed_out",
  403: "forbidden",
  404: "not_found",
  412: "conflict",
  422: "validation",
  503: "unavailable",
};

/** Builds an ApiError from a non-2xx response, reading problem+json if present. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const problem = await readProblem(response);
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  const fieldErrors = Array.isArray(problem.errors)
    ? problem.errors.filter(isFieldError)
    : [];
  const detail =
    (typeof problem.detail === "string" && problem.detail.trim()) ||
    (typeof problem.title === "string" && problem.title.trim()) ||
    response.statusText ||
    `Request failed (${response.status})`;
  return new ApiError({
    kind: KIND_BY_STATUS[response.status] ?? "http",
    status: response.status,
    detail,
    title: typeof problem.title === "string" ? problem.title : undefined,
    fieldErrors,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    current: response.status === 412 && isTask(problem.task) ? problem.task : undefined,
  });
}

interface ProblemBody {
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
  task?: unknown;
}

async function readProblem(response: Response): Promise<ProblemBody> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === "object" ? (body as ProblemBody) : {};
  } catch {
    return {}; // not JSON (e.g. a proxy's HTML error page): fall back to the status
  }
}

function isFieldError(value: unknown): value is FieldError {
  if (!value || typeof value !== "object") return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.field === "string" && typeof entry.message === "string";
}

function isTask(value: unknown): value is Task {
  if (!value || typeof value !== "object") return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.id === "number" && typeof entry.version === "number" && typeof entry.title === "string";
}
