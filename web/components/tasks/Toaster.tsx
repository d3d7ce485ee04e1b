"use client";
// The stack of toasts at the bottom of the screen. Ordinary messages sit in a
// polite live region; reminders in an assertive one (role="alert"), since
// they are the point of setting a reminder. Both regions are always in the
// page so screen readers are listening before anything arrives. A toast's
// time stands still while the pointer is over it or focus is in it, so that
// reading it or reaching its Undo never races the clock (WCAG 2.2.1).
import { useEffect, useRef, useState, type FocusEvent } from "react";
import { startCountdown, type Countdown } from "@/lib/countdown";
import { cx } from "@/lib/cx";
import type { ToastMessage } from "./useToasts";

interface ToasterProps {
  toasts: ToastMessage[];
  /** The person closed it. */
  onDismiss: (id: number) => void;
  /** It ran its action, or its time was up. */
  onRemove: (id: number) => void;
}

export function Toaster({ toasts, onDismiss, onRemove }: ToasterProps) {
  const reminders = toasts.filter((t) => t.tone === "reminder");
  const others = toasts.filter((t) => t.tone !== "reminder");
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4">
      <div role="alert" className="flex w-full max-w-md flex-col gap-2 empty:hidden">
        {reminders.map((toast) => (
          <ToastCard key={toast.id} toast={toast} onDismiss={onDismiss} onRemove={onRemove} />
        ))}
      </div>
      <div role="status" aria-live="polite" className="flex w-full max-w-md flex-col gap-2 empty:hidden">
        {others.map((toast) => (
          <ToastCard key={toast.id} toast={toast} onDismiss={onDismiss} onRemove={onRemove} />
        ))}
      </div>
    </div>
  );
}

function ToastCard({ toast, onDismiss, onRemove }: { toast: ToastMessage } & Omit<ToasterProps, "toasts">) {
  const { id, durationMs, onHold } = toast;
  const countdown = useRef<Countdown | null>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const held = hovered || focused;

  useEffect(() => {
    if (!durationMs) return;
    const started = startCountdown(durationMs, () => onRemove(id));
    countdown.current = started;
    return () => started.cancel();
  }, [id, durationMs, onRemove]);

  useEffect(() => {
    if (!durationMs) return;
    if (held) countdown.current?.hold();
    else countdown.current?.release();
    onHold?.(held);
  }, [held, durationMs, onHold]);

  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
  };

  return (
    <div
      data-testid={toast.tone === "reminder" ? "reminder-toast" : "toast"}
      data-held={held || undefined}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={onBlur}
      className={cx(
        "pointer-events-auto flex w-full animate-toast-in items-center gap-3 rounded-xl px-4 py-3 text-sm shadow-lg",
        toast.tone === "error" && "bg-red-700 text-white",
        toast.tone === "reminder" && "border border-brand-300 bg-brand-900 text-white",
        (toast.tone ?? "info") === "info" && "bg-slate-900 text-white dark:bg-slate-700",
      )}
    >
      {toast.tone === "reminder" && (
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5 shrink-0 text-brand-200">
          <path d="M10 2a5 5 0 0 0-5 5v3.3L3.5 13v1.5h13V13L15 10.3V7a5 5 0 0 0-5-5zm-2 14h4a2 2 0 0 1-4 0z" />
        </svg>
      )}
      <div className="min-w-0 flex-1">
        <p className="break-words">
          {toast.tone === "reminder" && <span className="font-semibold">Reminder: </span>}
          {toast.message}
        </p>
        {toast.detail && <p className="mt-0.5 text-xs text-slate-200">{toast.detail}</p>}
      </div>
      {toast.action && (
        <button
          type="button"
          className="rounded-md px-2 py-1 font-semibold text-brand-200 hover:bg-white/10 hover:text-white"
          onClick={() => {
            onRemove(id);
            toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        aria-label="Dismiss"
        className="rounded-md p-1 text-slate-300 hover:bg-white/10 hover:text-white"
        onClick={() => onDismiss(id)}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path d="m5.7 4.3 4.3 4.3 4.3-4.3 1.4 1.4-4.3 4.3 4.3 4.3-1.4 1.4-4.3-4.3-4.3 4.3-1.4-1.4 4.3-4.3-4.3-4.3z" />
        </svg>
      </button>
    </div>
  );
}
