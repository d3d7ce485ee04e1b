// Deferred deletion. The API has no undelete, and an Undo that re-creates a
// task would give it a new id and creation time; so a delete is held back:
// the task leaves the screen at once, and the DELETE is sent only when the
// Undo window has passed (or sooner, when the page is being left). Undo
// within the window just forgets the batch: nothing was ever sent. The window
// waits while its toast is held (hovered or focused).
import { isApiError } from "@/lib/api/errors";
import type { Task } from "@/lib/api/types";
import { startCountdown, type Countdown, type CountdownTimers } from "@/lib/countdown";

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
  timers?: CountdownTimers;
}

type BatchState = "waiting" | "sending";

interface Batch {
  tasks: Task[];
  state: BatchState;
  countdown: Countdown;
}

export interface DeletionQueue {
  /** Hides `tasks` and schedules their deletion; returns the batch id Undo needs. */
  schedule(tasks: Task[]): number;
  /** Brings a waiting batch back; null when it is too late (already sending). */
  undo(batch: number): Task[] | null;
  /** Sends one batch now (its toast was dismissed). */
  commitNow(batch: number): Promise<void>;
  /** Stops (held) or restarts a waiting batch's Undo window, keeping the time it has left. */
  hold(batch: number, held: boolean): void;
  /** Sends every waiting batch now, held ones too (the page is being hidden or left). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  /** Tasks that are off screen because of a delete not yet confirmed. */
  hidden(): Task[];
  isWaiting(batch: number): boolean;
}

export function createDeletionQueue(options: DeletionQueueOptions): DeletionQueue {
  const batches = new Map<number, Batch>();
  let nextId = 1;

  const changed = () => options.onChange?.();

  async function send(id: number, keepalive: boolean): Promise<void> {
    const batch = batches.get(id);
    if (!batch || batch.state !== "waiting") return;
    batch.countdown.cancel();
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
      const countdown = startCountdown(options.delayMs, () => void send(id, false), options.timers);
      batches.set(id, { tasks: [...tasks], state: "waiting", countdown });
      changed();
      return id;
    },
    undo(id) {
      const batch = batches.get(id);
      if (!batch || batch.state !== "waiting") return null;
      batch.countdown.cancel();
      batches.delete(id);
      changed();
      return batch.tasks;
    },
    commitNow(id) {
      return send(id, false);
    },
    hold(id, held) {
      const batch = batches.get(id);
      if (batch?.state !== "waiting") return;
      if (held) batch.countdown.hold();
      else batch.countdown.release();
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

/** How many DELETEs are in flight at once when the page is not being left. */
export const PARALLEL_DELETES = 4;

export type RemoveTask = (id: number, options: { keepalive: boolean }) => Promise<void>;

/**
 * Sends a DELETE per task; one already gone counts as deleted. Rejects with
 * the first failure once all have settled. With `keepalive` (the page is
 * being hidden or left) every request is started within this call, before
 * anything is awaited: the page may be gone by the next tick, and only the
 * requests started by then outlive it. Otherwise at most PARALLEL_DELETES at
 * a time, to be gentle with the server.
 */
export async function sendDeletes(tasks: readonly Task[], remove: RemoveTask, { keepalive }: { keepalive: boolean }): Promise<void> {
  const one = async (task: Task) => {
    try {
      await remove(task.id, { keepalive });
    } catch (error) {
      if (!(isApiError(error) && error.kind === "not_found")) throw error;
    }
  };
  if (!keepalive) return forEachLimited(tasks, PARALLEL_DELETES, one);
  const failed = (await Promise.allSettled(tasks.map(one))).find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
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
