// What a form learns from an attempted change.
import type { Task } from "@/lib/api/types";
import type { FieldErrors } from "@/lib/tasks/task-form";

/** `conflict`: the task changed elsewhere since the form was opened; this is its current copy. */
export type Outcome = { ok: true } | { ok: false; fieldErrors?: FieldErrors; conflict?: Task };

export const OK: Outcome = { ok: true };
export const FAILED: Outcome = { ok: false };
