// Shapes of the Todo API, version 1.2 (see docs/API.md).

export type Priority = "none" | "low" | "medium" | "high";
export type RecurrenceUnit = "day" | "week" | "month" | "year";

export interface Recurrence {
  every: RecurrenceUnit;
  /** 1 to 365. */
  interval: number;
  /** The IANA zone whose wall-clock time a timed due keeps; null keeps its UTC time. */
  tz?: string | null;
}

export interface Task {
  id: number;
  user_id: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: Priority;
  /** Sorted ignoring case; compared ignoring case. */
  tags: string[];
  /** A timed due (UTC instant); when set, `due_date` is null. */
  due_at: string | null;
  /** A date-only due, YYYY-MM-DD; when set, `due_at` is null. */
  due_date: string | null;
  recurrence: Recurrence | null;
  remind_at: string | null;
  created_at: string;
  updated_at: string;
  /** Since 1.2: 1 when created, one more on every write; the ETag is its quoted value. */
  version: number;
}

export type StatusFilter = "all" | "pending" | "completed";
export type SortField = "created" | "updated" | "title" | "due" | "priority";
export type SortOrder = "asc" | "desc";

export interface ListParams {
  status?: StatusFilter;
  sort?: SortField;
  order?: SortOrder;
  q?: string;
  limit?: number;
  offset?: number;
  /** Any of these (sent comma-separated). */
  priority?: Priority[];
  /** All of these (one `tag=` each). */
  tag?: string[];
  /** RFC 3339 instant, exclusive. */
  due_before?: string;
  /** RFC 3339 instant, inclusive. */
  due_after?: string;
  has_due?: boolean;
  /** IANA zone in which date-only dues start. */
  tz?: string;
}

export interface TaskPage {
  tasks: Task[];
  /** Matching tasks before limit/offset, from the X-Total-Count header. */
  total: number;
}

/** The answer to a write that may complete a recurring task. */
export interface TaskWrite {
  task: Task;
  /** The next occurrence the server created (X-Next-Task-Id), if any. */
  nextTaskId: number | null;
}

export interface TaskFields {
  description?: string | null;
  completed?: boolean;
  priority?: Priority;
  tags?: string[];
  due_at?: string | null;
  due_date?: string | null;
  recurrence?: Recurrence | null;
  remind_at?: string | null;
}

export interface NewTask extends TaskFields {
  title: string;
}

export interface TaskChanges extends TaskFields {
  title?: string;
}

/** One entry of a problem+json `errors` array (422). */
export interface FieldError {
  field: string;
  message: string;
}

/** What the change stream says happened (see lib/api/change-stream.ts). */
export type TaskChange =
  | { kind: "created" | "updated"; task: Task }
  | { kind: "deleted"; id: number };
