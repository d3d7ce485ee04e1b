// The newest server copy of every task this page has seen, by version. Copies
// arrive from three directions in any order: list loads, the answers to this
// tab's own writes, and the change stream (which echoes those writes too). A
// copy older than, or as old as, the one held changes nothing, so a late
// list answer or the stream's echo of our own toggle never undoes a newer state
// nor counts a change twice. Deleted ids are remembered: ids are never reused,
// and a list answer that left the server before the delete must not bring the
// task back.
import type { Task } from "@/lib/api/types";

export type Accepted =
  /** Newer than what was held; `previous` is the copy it replaces (null: none was held). */
  | { fresh: true; task: Task; previous: Task | null }
  /** Not newer: `task` is the copy held (or null if the task was deleted). */
  | { fresh: false; task: Task | null };

export interface KnownTasks {
  accept(task: Task): Accepted;
  /** `previous`: the copy held before (null if none); `fresh` false when the delete was known. */
  acceptDeleted(id: number): { fresh: boolean; previous: Task | null };
  get(id: number): Task | undefined;
  isDeleted(id: number): boolean;
  /**
   * A list answer as it should be shown: each task in its newest known copy,
   * deleted ones left out, and those that no longer `belong` (a newer copy
   * moved them out of the list) left out too. `dropped` says how many.
   */
  reconcile(tasks: readonly Task[], belongs: (task: Task) => boolean): { tasks: Task[]; dropped: number };
  /**
   * Forgets every copy (not the deletes): after a gap in the stream, a copy
   * held may be out of date without anything saying so.
   */
  forgetCopies(): void;
}

/** Tasks from servers before 1.2 have no version: treat every copy as new. */
const versionOf = (task: Task) => (typeof task.version === "number" ? task.version : Number.POSITIVE_INFINITY);

export function createKnownTasks(): KnownTasks {
  const copies = new Map<number, Task>();
  const deleted = new Set<number>();

  function accept(task: Task): Accepted {
    if (deleted.has(task.id)) return { fresh: false, task: null };
    const held = copies.get(task.id);
    if (held && typeof task.version === "number" && versionOf(held) >= task.version) return { fresh: false, task: held };
    copies.set(task.id, task);
    return { fresh: true, task, previous: held ?? null };
  }

  return {
    accept,
    acceptDeleted(id) {
      const previous = copies.get(id) ?? null;
      copies.delete(id);
      if (deleted.has(id)) return { fresh: false, previous: null };
      deleted.add(id);
      return { fresh: true, previous };
    },
    get: (id) => copies.get(id),
    isDeleted: (id) => deleted.has(id),
    reconcile(tasks, belongs) {
      const shown: Task[] = [];
      let dropped = 0;
      for (const task of tasks) {
        const result = accept(task);
        const copy = result.task;
        if (!copy || (copy !== task && !belongs(copy))) dropped += 1;
        else shown.push(copy);
      }
      return { tasks: shown, dropped };
    },
    forgetCopies() {
      copies.clear();
    },
  };
}
