"use client";
// Deletes that wait out their Undo toast (see lib/tasks/deletion-queue.ts).
// When the page is hidden or left within the window, the waiting deletes go
// out at once with `keepalive`, so they are not lost with the tab. Those
// requests must start before the page is gone, so none may wait for a token:
// while deletes wait, the token is kept fresh (see `warmToken`), and the
// flush takes it from the cache synchronously.
import { useCallback, useEffect, useRef, useState } from "react";
import type { TaskApi } from "@/lib/api/client";
import { isApiError, type ApiError } from "@/lib/api/errors";
import type { Task } from "@/lib/api/types";
import { createDeletionQueue, sendDeletes, type DeletionQueue } from "@/lib/tasks/deletion-queue";
import { TOAST_MS, type ToastInput } from "./useToasts";

/** How long Undo is offered; the toast shows for the same time. */
export const UNDO_MS = TOAST_MS;
/**
 * While deletes wait (a held toast can make that long), check the token this
 * often; a check fetches a new one once less than a minute is left, so a
 * flush always finds one with at least half a minute to go.
 */
const TOKEN_CHECK_MS = 30_000;

interface DeferredDeleteOptions {
  showToast: (toast: ToastInput) => number;
  removeToast: (id: number) => void;
  /** After deletes went out: reload lists and counts (before the tasks stop being hidden). */
  afterCommit: () => Promise<void>;
  /** The deletes failed; the tasks show again. `retry` sends them once more. */
  onError: (error: unknown, retry: () => void) => void;
  onUndone: (tasks: Task[]) => void;
  /** The DELETE went through. */
  onDeleted: (id: number) => void;
  /**
   * The task changed elsewhere after it was shown here (412): it was not
   * deleted, and shows again once the batch is done.
   */
  onConflict: (error: ApiError, task: Task) => void;
}

export function useDeferredDeletes(api: TaskApi, options: DeferredDeleteOptions) {
  const [hidden, setHidden] = useState<Task[]>([]);
  const latest = useRef({ api, options });
  useEffect(() => {
    latest.current = { api, options };
  });
  const toastOf = useRef(new Map<number, number>());

  // Made on first use (in an event or effect, never while rendering); its
  // callbacks read the latest options through `latest`.
  const queueRef = useRef<DeletionQueue | null>(null);
  const queue = useCallback((): DeletionQueue => {
    if (queueRef.current) return queueRef.current;
    const send = (tasks: Task[], keepalive: boolean) => {
      const byId = new Map(tasks.map((task) => [task.id, task]));
      // If-Match the version shown when Delete was pressed: a task changed
      // elsewhere since is not thrown away unseen.
      const remove = async (id: number, init: { keepalive: boolean }) => {
        const task = byId.get(id);
        try {
          await latest.current.api.remove(id, { ...init, version: task?.version });
          latest.current.options.onDeleted(id);
        } catch (error) {
          if (!(task && isApiError(error) && error.kind === "conflict")) throw error;
          latest.current.options.onConflict(error, task);
        }
      };
      return sendDeletes(tasks, remove, { keepalive });
    };
    const created: DeletionQueue = createDeletionQueue({
      delayMs: UNDO_MS,
      async commit(tasks, { keepalive }) {
        await send(tasks, keepalive);
        await latest.current.options.afterCommit();
      },
      onChange: () => setHidden(created.hidden()),
      onError(error, tasks) {
        void latest.current.options.afterCommit();
        latest.current.options.onError(error, () => {
          void send(tasks, false).then(
            () => latest.current.options.afterCommit(),
            (again: unknown) => latest.current.options.onError(again, () => {}),
          );
        });
      },
    });
    queueRef.current = created;
    return created;
  }, []);

  // The page is going away (or to the background, where it may be discarded
  // without notice): send what is waiting, in requests that outlive the page.
  // This includes a batch whose toast is held: that costs its Undo, but a
  // delete lost with the tab would bring back a task the person threw away,
  // which is the worse surprise.
  useEffect(() => {
    const flush = () => {
      for (const [batch, toast] of toastOf.current) {
        if (queueRef.current?.isWaiting(batch)) latest.current.options.removeToast(toast);
      }
      void queueRef.current?.flush({ keepalive: true });
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      flush();
    };
  }, []);

  const waiting = hidden.length > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => void latest.current.api.warmToken(), TOKEN_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [waiting]);

  /** Hides `tasks` now and deletes them when the Undo toast is gone. */
  const schedule = useCallback(
    (tasks: Task[], message: string) => {
      const batch = queue().schedule(tasks);
      void latest.current.api.warmToken(); // so that a flush finds one ready
      const toast = latest.current.options.showToast({
        message,
        durationMs: UNDO_MS,
        action: {
          label: "Undo",
          run: () => {
            const restored = queue().undo(batch);
            toastOf.current.delete(batch);
            if (restored) latest.current.options.onUndone(restored);
            else latest.current.options.showToast({ message: "Too late: that was already deleted." });
          },
        },
        // The toast's own timer waits while it is held; so does the delete.
        onHold: (held) => queue().hold(batch, held),
        // Closing the toast means "no undo": no reason to wait.
        onDismiss: () => {
          toastOf.current.delete(batch);
          void queue().commitNow(batch);
        },
      });
      toastOf.current.set(batch, toast);
    },
    [queue],
  );

  /** Sends everything waiting now (before signing out). */
  const flushNow = useCallback(async () => {
    await queueRef.current?.flush();
  }, []);

  return { hidden, schedule, flushNow };
}
