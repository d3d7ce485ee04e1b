// Deferred deletion. The API has no undelete, and an Undo that re-creates a
// task would give it a new id and creation time; so a delete is held back:
// the task leaves the screen at once, and the DELETE is sent only when the
// Undo window has passed (or sooner, when the page is being left). Undo
// within the window just forgets the batch: nothing was ever sent.
import type { Task } from "@/lib/api/types";

export interface DeletionTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface DeletionQueueOptions {
  /** How long Undo stays possible. */
  delayMs: number;
  /**
   * Sends the deletes. Its tasks stay hidden until it settles; if it
   * rejects they show again (the API still has them).
   */
  commit: (tasks: Task[], options: { keepalive: boolean }) => Promise<void>;
  /** The set of hidden tasks changed. */
  onChange?: () => void;
  /** A batch's commit failed (the tasks are shown again). */
  onError?: (error: unknown, tasks: Task[]) => void;
  timers?: DeletionTimers;
}

type BatchState = "waiting" | "sending";

interface Batch {
  tasks: Task[];
  state: BatchState;
  timer: unknown;
}

export interface DeletionQueue {
  /** Hides `tasks` and schedules their deletion; returns the batch id Undo needs. */
  schedule(tasks: Task[]): number;
  /** Brings a waiting batch back; null when it is too late (already sending). */
  undo(batch: number): Task[] | null;
  /** Sends one batch now (its toast was dismissed). */
  commitNow(batch: number): Promise<void>;
  /** Sends every waiting batch now (the page is being hidden or left). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  /** Tasks that are off screen because of a delete not yet confirmed. */
  hidden(): Task[];
  isWaiting(batch: number): boolean;
}

const defaultTimers: DeletionTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createDeletionQueue(options: DeletionQueueOptions): DeletionQueue {
  const timers = options.timers ?? defaultTimers;
  const batches = new Map<number, Batch>();
  let nextId = 1;

  const changed = () => options.onChange?.();

  async function send(id: number, keepalive: boolean): Promise<void> {
    const batch = batches.get(id);
    if (!batch || batch.state !== "waiting") return;
    timers.clear(batch.timer);
    batch.state = "sending";
    try {
      await options.commit(batch.tasks, { keepalive });
    } catch (error) {
      options.onError?.(error, batch.tasks);
    } finally {
      batches.delete(id);
      changed();
    }
  }

  return {
    schedule(tasks) {
      const id = nextId;
      nextId += 1;
      const batch: Batch = { tasks: [...tasks], state: "waiting", timer: null };
      batch.timer = timers.set(() => void send(id, false), options.delayMs);
      batches.set(id, batch);
      changed();
      return id;
    },
    undo(id) {
      const batch = batches.get(id);
      if (!batch || batch.state !== "waiting") return null;
      timers.clear(batch.timer);
      batches.delete(id);
      changed();
      return batch.tasks;
    },
    commitNow(id) {
      return send(id, false);
    },
    async flush({ keepalive = false } = {}) {
      const waiting = [...batches].filter(([, b]) => b.state === "waiting").map(([id]) => id);
      await Promise.all(waiting.map((id) => send(id, keepalive)));
    },
    hidden() {
      return [...batches.values()].flatMap((batch) => batch.tasks);
    },
    isWaiting(id) {
      return batches.get(id)?.state === "waiting";
    },
  };
}

/** Runs `work` over `items`, at most `limit` at a time; rejects with the first failure after all settled. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  async function worker() {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}
