// Single-key shortcuts (n, /, t): when one may run, and the person's choice
// to turn them off. A character key that does something unasked is a trap
// for speech-input users and for a stray key press (WCAG 2.1.4), so they can
// be switched off; the choice lives in localStorage, like the theme.

export const SHORTCUTS_STORAGE_KEY = "todo-shortcuts";

/**
 * Where a key belongs to what has focus: fields, and anything inside a form
 * (the editor's "Remove tag" button, say) or a dialog, or editable text.
 */
const SHORTCUT_FREE = "input, textarea, select, form, dialog, [role='dialog'], [role='alertdialog'], [contenteditable]:not([contenteditable='false'])";

/** What a key press needs to be judged; a KeyboardEvent has it all. */
export interface KeyPress {
  key: string;
  metaKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  isComposing: boolean;
  repeat: boolean;
  defaultPrevented: boolean;
  target: EventTarget | null;
}

export interface ShortcutState {
  /** The person has not turned them off. */
  enabled: boolean;
  /** A task is being edited: keys belong to the editor, wherever focus is. */
  editorOpen: boolean;
}

export function isShortcutFreeTarget(target: EventTarget | null): boolean {
  const element = target as (Partial<HTMLElement> & { closest?: (selector: string) => Element | null }) | null;
  return Boolean(element?.isContentEditable || element?.closest?.(SHORTCUT_FREE));
}

/** The action a key press runs, or null: none bound, turned off, or the key belongs elsewhere. */
export function shortcutFor<A>(press: KeyPress, shortcuts: Readonly<Record<string, A>>, state: ShortcutState): A | null {
  if (!state.enabled || state.editorOpen) return null;
  // Modifiers are the browser's and the system's; a held key repeats.
  if (press.metaKey || press.ctrlKey || press.altKey || press.isComposing || press.repeat || press.defaultPrevented) return null;
  if (isShortcutFreeTarget(press.target)) return null;
  return Object.hasOwn(shortcuts, press.key) ? (shortcuts[press.key] ?? null) : null;
}

/** The choice when storage is blocked: it lasts for this page only. */
let unstored: boolean | null = null;

export function storedShortcutsEnabled(): boolean {
  try {
    return window.localStorage.getItem(SHORTCUTS_STORAGE_KEY) !== "off";
  } catch {
    return unstored ?? true;
  }
}

// An external store over the stored choice, for useSyncExternalStore: the
// toggle, the key handler and the hints stay in step (other tabs too).
const listeners = new Set<() => void>();

export function subscribeShortcutsEnabled(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

export function setShortcutsEnabled(enabled: boolean): void {
  try {
    if (enabled) window.localStorage.removeItem(SHORTCUTS_STORAGE_KEY);
    else window.localStorage.setItem(SHORTCUTS_STORAGE_KEY, "off");
  } catch {
    unstored = enabled;
  }
  for (const listener of listeners) listener();
}
