"use client";
// Puts server copies of tasks on screen, whoever sent them: the answer to a
// write of this tab, or the change stream with another tab's (or device's)
// changes. A copy no newer than the one held is ignored (see known-tasks.ts).
// A newer one replaces its row, or takes it off the list when it no longer
// belongs there, and shifts the counts when its previous copy is known.
// Only what cannot be worked out here costs requests, debounced: a task that
// now belongs in the list but is not loaded (where it goes depends on the
// sort and the page), and counts for a task never seen before.
import { useCallback, useEffect, useMemo, useRef } from "react";
import type { Task, TaskChange } from "@/lib/api/types";
import { createKnownTasks } from "@/lib/tasks/known-tasks";
import type { Reconcile } from "./useTaskList";

/** Changes often come in bursts (Clear completed elsewhere): one reload for the lot. */
export const RELOAD_DEBOUNCE_MS = 300;

export interface LiveTaskTargets {
  /** Does the task belong in the list on screen (view, status filter, search)? */
  belongs: (task: Task) => boolean;
  holds: (id: number) => boolean;
  replaceTask: (task: Task) => void;
  dropTask: (id: number) => void;
  reloadList: () => Promise<void>;
  shiftCounts: (before: Task | null, after: Task | null) => void;
  reloadCounts: () => Promise<void>;
  /** The reminders' own lists (a change elsewhere may have set or moved a reminder). */
  reloadReminders: () => void;
  /** Tasks whose delete waits for its Undo window here: their counts are already taken off. */
  hiddenIds: ReadonlySet<number>;
}

/** Runs the last function scheduled, once no other came for `ms`. */
function debounced(ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule(run: () => void) {
      clearTimeout(timer);
      timer = setTimeout(run, ms);
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}

export function useLiveTasks() {
  const known = useMemo(() => createKnownTasks(), []);
  const targets = useRef<LiveTaskTargets | null>(null);
  // Tasks with a write of this tab on its way: the stream's echo of it may come before the answer.
  const own = useRef(new Set<number>());
  const reloads = useMemo(
    () => ({
      list: debounced(RELOAD_DEBOUNCE_MS),
      counts: debounced(RELOAD_DEBOUNCE_MS),
      reminders: debounced(RELOAD_DEBOUNCE_MS),
    }),
    [],
  );
  useEffect(
    () => () => {
      reloads.list.cancel();
      reloads.counts.cancel();
      reloads.reminders.cancel();
    },
    [reloads],
  );

  /** Connects the store to the page; call on every render, before any change is applied. */
  const bind = useCallback((next: LiveTaskTargets) => {
    targets.current = next;
  }, []);

  /** A list answer, each task in its newest copy (see known.reconcile). */
  const reconcile = useCallback<Reconcile>(
    (tasks) => known.reconcile(tasks, (task) => targets.current?.belongs(task) ?? true),
    [known],
  );

  /** `created`: the task is new (its previous state is "absent", not "unknown"). True when the copy was newer. */
  const applyTask = useCallback(
    (task: Task, kind: "created" | "updated" = "updated"): boolean => {
      const t = targets.current;
      if (!t) return false;
      const result = known.accept(task);
      const copy = result.task;
      if (!copy) return false; // deleted meanwhile
      if (t.holds(copy.id)) {
        // Even a copy that is not newer goes back on the row: it may show an optimistic guess.
        if (t.belongs(copy)) t.replaceTask(copy);
        else t.dropTask(copy.id);
      } else if (result.fresh && t.belongs(copy)) {
        reloads.list.schedule(() => void targets.current?.reloadList());
      }
      if (!result.fresh || t.hiddenIds.has(copy.id)) return result.fresh;
      if (result.previous || kind === "created") t.shiftCounts(result.previous, copy);
      else reloads.counts.schedule(() => void targets.current?.reloadCounts());
      return true;
    },
    [known, reloads],
  );

  const applyDelete = useCallback(
    (id: number): boolean => {
      const t = targets.current;
      if (!t) return false;
      const { fresh, previous } = known.acceptDeleted(id);
      t.dropTask(id);
      if (!fresh || t.hiddenIds.has(id)) return fresh;
      if (previous) t.shiftCounts(previous, null);
      else reloads.counts.schedule(() => void targets.current?.reloadCounts());
      return true;
    },
    [known, reloads],
  );

  /** From the stream. */
  const applyChange = useCallback(
    (change: TaskChange) => {
      const id = change.kind === "deleted" ? change.id : change.task.id;
      const fresh = change.kind === "deleted" ? applyDelete(change.id) : applyTask(change.task, change.kind);
      if (fresh && !own.current.has(id)) reloads.reminders.schedule(() => targets.current?.reloadReminders());
    },
    [applyDelete, applyTask, reloads],
  );

  const markOwn = useCallback((id: number, writing: boolean) => {
    if (writing) own.current.add(id);
    else own.current.delete(id);
  }, []);

  /** Undoes an optimistic guess: the row shows the newest copy known, else `fallback`. */
  const restore = useCallback(
    (fallback: Task) => {
      const t = targets.current;
      if (!t || known.isDeleted(fallback.id)) return;
      t.replaceTask(known.get(fallback.id) ?? fallback);
    },
    [known],
  );

  const current = useCallback((fallback: Task) => known.get(fallback.id) ?? fallback, [known]);
  const remember = useCallback((task: Task) => void known.accept(task), [known]);

  /** The stream (re)connected: what is held may have missed changes; the caller reloads. */
  const forget = useCallback(() => known.forgetCopies(), [known]);

  return { bind, reconcile, applyTask, applyDelete, applyChange, restore, current, remember, forget, markOwn };
}
