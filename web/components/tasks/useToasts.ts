"use client";
// The page's toasts: a short stack, newest last. A toast leaves after its
// duration (reminders stay until dismissed); pushing a fourth drops the
// oldest, which counts as dismissing it (an Undo toast then commits its delete).
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
}

export interface ToastMessage extends ToastInput {
  id: number;
}

export const TOAST_MS = 6000;
const MAX_TOASTS = 3;

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
    const all = [...live.current, { durationMs: TOAST_MS, ...input, id }];
    const dropped = all.slice(0, Math.max(0, all.length - MAX_TOASTS));
    commit(all.slice(-MAX_TOASTS));
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
