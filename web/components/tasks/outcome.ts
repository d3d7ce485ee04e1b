// What a form learns from an attempted change.
import type { FieldErrors } from "@/lib/tasks/task-form";

export type Outcome = { ok: true } | { ok: false; fieldErrors?: FieldErrors };

export const OK: Outcome = { ok: true };
export const FAILED: Outcome = { ok: false };
