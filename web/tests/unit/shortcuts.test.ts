import { describe, expect, it } from "vitest";
import { canLoadMore } from "@/components/tasks/useTaskList";
import { isShortcutFreeTarget, shortcutFor, type KeyPress } from "@/lib/shortcuts";
import { makeTask } from "./helpers";

/** A stand-in for an element: `inside` is what `closest()` finds it within. */
function element({ inside = false, editable = false } = {}): EventTarget {
  return { closest: () => (inside ? {} : null), isContentEditable: editable } as unknown as EventTarget;
}

function press(key: string, changes: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    metaKey: false,
    ctrlKey: false,
    altKey: false,
    isComposing: false,
    repeat: false,
    defaultPrevented: false,
    target: element(),
    ...changes,
  };
}

const shortcuts = { t: "today", n: "new task" };
const on = { enabled: true, editorOpen: false };

describe("single-key shortcuts", () => {
  it("run for their key on the page itself", () => {
    expect(shortcutFor(press("t"), shortcuts, on)).toBe("today");
    expect(shortcutFor(press("x"), shortcuts, on)).toBeNull();
    expect(shortcutFor(press("toString"), shortcuts, on)).toBeNull();
  });

  it("do nothing once turned off, or while a task is being edited", () => {
    expect(shortcutFor(press("t"), shortcuts, { enabled: false, editorOpen: false })).toBeNull();
    expect(shortcutFor(press("t"), shortcuts, { enabled: true, editorOpen: true })).toBeNull();
  });

  it("leave keys to fields, forms, dialogs and editable text, and to the browser's own modified keys", () => {
    expect(shortcutFor(press("t", { target: element({ inside: true }) }), shortcuts, on)).toBeNull();
    expect(shortcutFor(press("t", { target: element({ editable: true }) }), shortcuts, on)).toBeNull();
    expect(shortcutFor(press("t", { ctrlKey: true }), shortcuts, on)).toBeNull();
    expect(shortcutFor(press("t", { metaKey: true }), shortcuts, on)).toBeNull();
    expect(shortcutFor(press("t", { altKey: true }), shortcuts, on)).toBeNull();
    expect(shortcutFor(press("t", { repeat: true }), shortcuts, on)).toBeNull();
    expect(shortcutFor(press("t", { isComposing: true }), shortcuts, on)).toBeNull();
    expect(shortcutFor(press("t", { defaultPrevented: true }), shortcuts, on)).toBeNull();
    expect(isShortcutFreeTarget(null)).toBe(false);
  });
});

describe("Load more", () => {
  const items = [makeTask({ id: 1 }), makeTask({ id: 2 })];

  it("pages only a list that answers the query on screen", () => {
    expect(canLoadMore({ key: "all||q=milk", items, total: 5, error: null }, "all||q=milk")).toBe(true);
    // A new search is on its way: the rows are the old query's.
    expect(canLoadMore({ key: "all||q=milk", items, total: 5, error: null }, "all||q=bread")).toBe(false);
    expect(canLoadMore({ key: "all||q=milk", items, total: 5, error: new Error("down") }, "all||q=milk")).toBe(false);
    expect(canLoadMore({ key: "all||q=milk", items, total: 2, error: null }, "all||q=milk")).toBe(false);
  });
});
