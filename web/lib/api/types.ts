// Shapes of the Todo API (see shared/spec/API.md).

export interface Task {
  id: number;
  user_id: string;
  title: string;
  description: string | null;
  completed: boolean;
  created_at: string;
  updated_at: string;
}

export type StatusFilter = "all" | "pending" | "completed";
export type SortField = "created" | "updated" | "title";
export type SortOrder = "asc" | "desc";

export interface ListParams {
  status?: StatusFilter;
  sort?: SortField;
  order?: SortOrder;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface TaskPage {
  tasks: Task[];
  /** Matching tasks before limit/offset, from the X-Total-Count header. */
  total: number;
}

export interface NewTask {
  title: string;
  description?: string | null;
  completed?: boolean;
}

export interface TaskChanges {
  title?: string;
  description?: string | null;
  completed?: boolean;
}

/** One entry of a problem+json `errors` array (422). */
export interface FieldError {
  field: string;
  message: string;
}
