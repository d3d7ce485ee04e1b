"use client";
// Single-key shortcuts (n, /, t), unless the person turned them off, focus
// is somewhere keys mean something else, or a task is being edited (see
// lib/shortcuts.ts for the rules).
import { useEffect, useRef, useSyncExternalStore } from "react";
import { setShortcutsEnabled, shortcutFor, storedShortcutsEnabled, subscribeShortcutsEnabled } from "@/lib/shortcuts";

export type Shortcuts = Record<string, () => void>;

/** Whether single-key shortcuts are on; the server renders them on. */
export function useShortcutsEnabled(): [boolean, (enabled: boolean) => void] {
  const enabled = useSyncExternalStore(subscribeShortcutsEnabled, storedShortcutsEnabled, () => true);
  return [enabled, setShortcutsEnabled];
}

export function useShortcuts(shortcuts: Shortcuts, { editorOpen }: { editorOpen: boolean }) {
  const latest = useRef({ shortcuts, editorOpen });
  useEffect(() => {
    latest.current = { shortcuts, editorOpen };
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const { shortcuts: bound, editorOpen: editing } = latest.current;
      // Read at the key press, so a choice made in another tab counts at once.
      const action = shortcutFor(event, bound, { enabled: storedShortcutsEnabled(), editorOpen: editing });
      if (!action) return;
      event.preventDefault();
      action();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
