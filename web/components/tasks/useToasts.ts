"use client";
// The page's toasts, newest last. A transient toast leaves after its duration
// (which waits while the toast is hovered or focused); at most three of them
// show, and a fourth pushes out the oldest, which counts as dismissing it (an
// Undo toast then commits its delete). Reminders (no duration) stay until
// dismissed and never count against that limit nor get pushed out: they are
// the point of setting a reminder.
import { useCallback, useRef, useState } from "react";

export interface ToastInput {
  message: string;
  tone?: "info" | "error" | "reminder";
  /** A secondary line (a reminder's due). */
  detail?: string;
  action?: { label: string; run: () => void };
  /** Milliseconds on screen; null keeps it until dismissed. */
  durationMs?: number | null;
  /** The person closed it, or it was pushed out; not called after its action ran. */
  onDismiss?: () => void;
  /** The pointer is over it or focus is in it (true), or no longer (false); its time waits meanwhile. */
  onHold?: (held: boolean) => void;
}

export interface ToastMessage extends ToastInput {
  id: number;
  durationMs: number | null;
}

export const TOAST_MS = 6000;
export const MAX_TRANSIENT_TOASTS = 3;

/**
 * The stack once `toast` arrives, and the toasts pushed out to make room:
 * the oldest transient ones beyond `max`. Toasts without a duration are
 * never pushed out.
 */
export function pushToast(
  stack: readonly ToastMessage[],
  toast: ToastMessage,
  max = MAX_TRANSIENT_TOASTS,
): { shown: ToastMessage[]; dropped: ToastMessage[] } {
  const all = [...stack, toast];
  const transient = all.filter((t) => t.durationMs !== null);
  const dropped = transient.slice(0, Math.max(0, transient.length - max));
  return { shown: all.filter((t) => !dropped.includes(t)), dropped };
}

export function useToasts() {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const nextId = useRef(1);
  const live = useRef<ToastMessage[]>([]);

  const commit = (next: ToastMessage[]) => {
    live.current = next;
    setToasts(next);
  };

  const show = useCallback((input: ToastInput): number => {
    const id = nextId.current;
    nextId.current += 1;
    const { shown, dropped } = pushToast(live.current, { ...input, durationMs: input.durationMs === undefined ? TOAST_MS : input.durationMs, id });
    commit(shown);
    for (const toast of dropped) toast.onDismiss?.();
    return id;
  }, []);

  /** Removes a toast without calling anything (its action ran, or it timed out). */
  const remove = useCallback((id: number) => {
    if (live.current.some((t) => t.id === id)) commit(live.current.filter((t) => t.id !== id));
  }, []);

  /** The person closed it. */
  const dismiss = useCallback((id: number) => {
    const toast = live.current.find((t) => t.id === id);
    if (!toast) return;
    commit(live.current.filter((t) => t.id !== id));
    toast.onDismiss?.();
  }, []);

  return { toasts, show, remove, dismiss };
}
