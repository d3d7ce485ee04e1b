"use client";
// What the person can do to tasks, and what each outcome means on screen:
// the API call, the optimistic update, the announcement, the failure path.
import { useMemo, useRef, useState } from "react";
import type { TaskApi } from "@/lib/api/client";
import { isApiError, type ApiError } from "@/lib/api/errors";
import { createIdempotentCreator } from "@/lib/api/idempotent-create";
import { listAll } from "@/lib/api/list-all";
import type { NewTask, Task, TaskChanges } from "@/lib/api/types";
import { dueText, midSentence } from "@/lib/tasks/labels";
import { fieldOfApiError, type FieldErrors } from "@/lib/tasks/task-form";
import type { DayWindows } from "@/lib/tasks/views";
import { FAILED, OK, type Outcome } from "./outcome";
import type { ToastInput } from "./useToasts";

/** Server copies to show, from this tab's writes (see useLiveTasks). */
export interface LiveApply {
  applyTask: (task: Task, kind?: "created" | "updated") => void;
  applyDelete: (id: number) => void;
  /** Undoes an optimistic guess on the row. */
  restore: (fallback: Task) => void;
  /** The newest copy known of a task, else `fallback`. */
  current: (fallback: Task) => Task;
  /** Records a copy without touching the screen (a create, which reloads anyway). */
  remember: (task: Task) => void;
  /** A write of this tab is on its way for the task (true), or done (false). */
  markOwn: (id: number, writing: boolean) => void;
}

export interface TaskActionContext {
  api: TaskApi;
  windows: DayWindows;
  replaceTask: (task: Task) => void;
  live: LiveApply;
  /** Reload the list, the counts and the reminders. */
  refresh: () => Promise<void>;
  handleFailure: (error: unknown, retry: () => void) => void;
  clearOutage: () => void;
  showToast: (toast: ToastInput) => number;
  announce: (text: string) => void;
  /** Does the task still belong in the list on screen? */
  stillShown: (task: Task) => boolean;
  /** Why a task is not in the list on screen ("not due today"...), or null. */
  whyNotShown: (task: Task) => string | null;
  learnTags: (tags: readonly string[]) => void;
  /** Closes this task's editor if it is the one open (another may have opened meanwhile). */
  closeEditor: (id: number) => void;
  markFresh: (id: number) => void;
  scheduleDelete: (tasks: Task[], message: string) => void;
  hiddenIds: ReadonlySet<number>;
}

export function useTaskActions(ctx: TaskActionContext) {
  const { api } = ctx;
  const [busyIds, setBusyIds] = useState<ReadonlySet<number>>(new Set());
  // The same, known at once rather than after the next render: a second
  // toggle while the first is on its way would undo it (and a repeating task
  // would be left with two pending copies).
  const inFlight = useRef(new Set<number>());
  const [clearing, setClearing] = useState(false);
  // One per page, so a retried create (same body) reuses its Idempotency-Key.
  const create = useMemo(() => createIdempotentCreator(api), [api]);

  /** The server's copy behind a 412 (in its body; asked for only if the body had none). */
  async function currentOf(error: ApiError, id: number): Promise<Task | null> {
    if (error.current) return error.current;
    try {
      return await api.get(id);
    } catch {
      return null;
    }
  }

  function setBusy(id: number, busy: boolean) {
    if (busy) inFlight.current.add(id);
    else inFlight.current.delete(id);
    ctx.live.markOwn(id, busy);
    setBusyIds((ids) => {
      const next = new Set(ids);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  /** A form's view of a failure: field messages for 422, else the usual handling. */
  function formOutcome(error: unknown, retry: () => void): Outcome {
    if (isApiError(error) && error.kind === "validation") {
      const fieldErrors: FieldErrors = {};
      for (const { field, message } of error.fieldErrors) {
        const input = fieldOfApiError(field);
        if (input && !fieldErrors[input]) fieldErrors[input] = fieldText(input, message);
      }
      if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
    }
    ctx.handleFailure(error, retry);
    return FAILED;
  }

  /** A completed repeating task brought its next occurrence: say when it is due, and show it. */
  async function announceNext(nextId: number, title: string): Promise<void> {
    ctx.markFresh(nextId);
    await ctx.refresh();
    let when = "";
    try {
      const due = dueText(await api.get(nextId), ctx.windows.today, ctx.windows.timeZone);
      if (due) when = `, due ${midSentence(due.text)}`;
    } catch {
      // The toast can do without the date.
    }
    ctx.showToast({ message: `Next “${title}” added${when}` });
    ctx.announce(`Next occurrence of ${title} added${when}`);
  }

  async function createTask(input: NewTask, form: HTMLFormElement): Promise<Outcome> {
    try {
      const task = await create(input);
      ctx.clearOutage();
      ctx.live.remember(task); // so the stream's echo of it changes nothing
      ctx.learnTags(task.tags);
      ctx.announce(`Added task: ${task.title}`);
      await ctx.refresh();
      // Say so when it does not belong in the list on screen.
      const unseen = ctx.whyNotShown(task);
      if (unseen) ctx.showToast({ message: `Added “${task.title}” (${unseen})` });
      return OK;
    } catch (error) {
      // Retrying re-submits the form, with whatever it holds by then.
      return formOutcome(error, () => form.requestSubmit());
    }
  }

  /** `version`: the one the editor started from (or, after a conflict, the one the person chose to overwrite). */
  async function saveTask(task: Task, changes: TaskChanges, form: HTMLFormElement, version = task.version): Promise<Outcome> {
    setBusy(task.id, true);
    try {
      const { task: updated, nextTaskId } = await api.update(task.id, changes, { version });
      ctx.clearOutage();
      ctx.learnTags(updated.tags);
      ctx.live.applyTask(updated);
      ctx.closeEditor(task.id);
      ctx.announce(`Saved task: ${updated.title}`);
      if (nextTaskId !== null) void announceNext(nextTaskId, updated.title);
      else void ctx.refresh();
      return OK;
    } catch (error) {
      if (isApiError(error) && error.kind === "conflict") {
        const current = await currentOf(error, task.id);
        if (current) {
          ctx.live.applyTask(current); // the row behind the editor shows theirs; the editor keeps what was typed
          return { ok: false, conflict: current };
        }
      }
      if (isApiError(error) && error.kind === "not_found") {
        ctx.live.applyDelete(task.id);
        ctx.closeEditor(task.id);
        ctx.showToast({ message: "That task no longer exists.", tone: "error" });
        return FAILED;
      }
      return formOutcome(error, () => form.requestSubmit());
    } finally {
      setBusy(task.id, false);
    }
  }

  async function toggleTask(task: Task): Promise<void> {
    if (inFlight.current.has(task.id)) return;
    const completed = !task.completed;
    ctx.replaceTask({ ...task, completed }); // show it at once; undone below on failure
    setBusy(task.id, true);
    try {
      // One request: the answer updates the row and the counts (the stream's echo of it is ignored).
      const { task: updated, nextTaskId } = await api.setCompleted(task.id, completed, { version: task.version });
      ctx.clearOutage();
      ctx.live.applyTask(updated);
      ctx.announce(`${updated.title}: ${updated.completed ? "done" : "not done"}`);
      // A next occurrence is a new task: where it goes in the list is the server's to say.
      if (nextTaskId !== null) void announceNext(nextTaskId, updated.title);
    } catch (error) {
      ctx.live.restore(task);
      if (isApiError(error) && error.kind === "conflict") {
        const current = await currentOf(error, task.id);
        if (current) ctx.live.applyTask(current);
        ctx.showToast({ message: `“${task.title}” was changed elsewhere, so it was left as it is now. Check it and try again.`, tone: "error" });
      } else if (isApiError(error) && error.kind === "not_found") ctx.live.applyDelete(task.id);
      else ctx.handleFailure(error, () => void toggleTask(ctx.live.current(task)));
    } finally {
      setBusy(task.id, false);
    }
  }

  /** Off the screen now; the DELETE goes out once Undo is no longer offered. */
  function deleteTask(task: Task): void {
    ctx.closeEditor(task.id);
    ctx.scheduleDelete([task], `Deleted “${task.title}”`);
  }

  /** Every completed task of the user, not only those on screen. */
  async function clearCompleted(): Promise<void> {
    setClearing(true);
    try {
      const done = (await listAll(api, { status: "completed", sort: "created", order: "asc" })).filter(
        (task) => !ctx.hiddenIds.has(task.id),
      );
      ctx.clearOutage();
      if (done.length === 0) {
        ctx.showToast({ message: "There are no completed tasks to clear." });
        return;
      }
      ctx.scheduleDelete(done, `Cleared ${done.length} completed ${done.length === 1 ? "task" : "tasks"}`);
    } catch (error) {
      ctx.handleFailure(error, () => void clearCompleted());
    } finally {
      setClearing(false);
    }
  }

  return { busyIds, clearing, createTask, saveTask, toggleTask, deleteTask, clearCompleted };
}

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  priority: "Priority",
  tags: "Tags",
  due: "Due",
  recurrence: "Repeat",
  reminder: "Reminder",
};

/** "must be 1 to 200 characters" → "Title must be 1 to 200 characters." */
function fieldText(field: string, message: string): string {
  const label = FIELD_LABELS[field] ?? field;
  const sentence = /^[a-z]/.test(message) ? `${label} ${message}` : message;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
