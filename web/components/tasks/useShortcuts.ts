"use client";
// Single-key shortcuts (n, /, t). They stay out of the way while someone is
// typing in a field, and of the browser's own shortcuts (any modifier).
import { useEffect, useRef } from "react";

export type Shortcuts = Record<string, () => void>;

export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element?.closest?.("input, textarea, select, [contenteditable=''], [contenteditable='true']"));
}

export function useShortcuts(shortcuts: Shortcuts) {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing || event.repeat) return;
      if (isTypingTarget(event.target)) return;
      const action = latest.current[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
