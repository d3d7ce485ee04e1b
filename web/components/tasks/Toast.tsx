"use client";
import { useEffect } from "react";
import { cx } from "@/lib/cx";

export interface ToastMessage {
  id: number;
  message: string;
  tone?: "info" | "error";
  action?: { label: string; run: () => void };
}

const VISIBLE_MS = 7000;

/**
 * One message at a time at the bottom of the screen, in a polite live
 * region. It leaves by itself; an action (Undo) stays reachable by keyboard.
 */
export function Toast({ toast, onDismiss }: { toast: ToastMessage | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(onDismiss, VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [toast, onDismiss]);

  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
    >
      {toast && (
        <div
          key={toast.id}
          data-testid="toast"
          className={cx(
            "pointer-events-auto flex w-full max-w-md animate-toast-in items-center gap-3 rounded-xl px-4 py-3 text-sm shadow-lg",
            toast.tone === "error" ? "bg-red-700 text-white" : "bg-slate-900 text-white",
          )}
        >
          <p className="flex-1">{toast.message}</p>
          {toast.action && (
            <button
              type="button"
              className="rounded-md px-2 py-1 font-semibold text-brand-200 hover:bg-white/10 hover:text-white"
              onClick={() => {
                toast.action?.run();
                onDismiss();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            aria-label="Dismiss"
            className="rounded-md p-1 text-slate-300 hover:bg-white/10 hover:text-white"
            onClick={onDismiss}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
              <path d="m5.7 4.3 4.3 4.3 4.3-4.3 1.4 1.4-4.3 4.3 4.3 4.3-1.4 1.4-4.3-4.3-4.3 4.3-1.4-1.4 4.3-4.3-4.3-4.3z" />
            </svg>
          </button>
        </div>
      )}
    </div>
  );
}
