import { describe, expect, it } from "vitest";
import { shiftTagCounts, shiftViewCounts } from "@/lib/tasks/count-shift";
import type { ViewCounts } from "@/lib/tasks/counts";
import { createKnownTasks } from "@/lib/tasks/known-tasks";
import { windowsOfDay } from "@/lib/tasks/views";
import { makeTask } from "./helpers";

const windows = windowsOfDay({ year: 2026, month: 11, day: 22 }, "UTC");

describe("known tasks", () => {
  it("takes a newer version, ignores an older or equal one, and says what it replaced", () => {
    const known = createKnownTasks();
    const v2 = makeTask({ version: 2 });
    expect(known.accept(v2)).toEqual({ fresh: true, task: v2, previous: null });
    const v3 = makeTask({ version: 3, completed: true });
    expect(known.accept(v3)).toEqual({ fresh: true, task: v3, previous: v2 });
    expect(known.accept(v2)).toEqual({ fresh: false, task: v3 });
    expect(known.accept({ ...v3 })).toEqual({ fresh: false, task: v3 });
  });

  it("never brings back a deleted task, and a delete counts once", () => {
    const known = createKnownTasks();
    known.accept(makeTask({ version: 1 }));
    expect(known.acceptDeleted(7).fresh).toBe(true);
    expect(known.acceptDeleted(7)).toEqual({ fresh: false, previous: null });
    expect(known.accept(makeTask({ version: 9 })).fresh).toBe(false);
  });

  it("reconciles a late list answer: newer copies win, deleted and moved-out tasks drop", () => {
    const known = createKnownTasks();
    known.accept(makeTask({ id: 1, version: 5, completed: true }));
    known.acceptDeleted(2);
    const late = [makeTask({ id: 1, version: 4 }), makeTask({ id: 2, version: 1 }), makeTask({ id: 3, version: 1 })];
    const pendingOnly = (t: { completed: boolean }) => !t.completed;
    const { tasks, dropped } = known.reconcile(late, pendingOnly);
    expect(tasks.map((t) => t.id)).toEqual([3]);
    expect(dropped).toBe(2);
  });

  it("forgets copies (after a gap in the stream) but not deletes", () => {
    const known = createKnownTasks();
    known.accept(makeTask({ version: 5 }));
    known.acceptDeleted(8);
    known.forgetCopies();
    expect(known.get(7)).toBeUndefined();
    expect(known.accept(makeTask({ version: 2 })).fresh).toBe(true);
    expect(known.isDeleted(8)).toBe(true);
  });
});

describe("count shifts", () => {
  const counts: ViewCounts = { all: 3, pending: 2, completed: 1, today: 1, upcoming: 1, overdue: 0, tags: { home: 2 } };

  it("a toggle moves one task from pending to completed and out of Today", () => {
    const before = makeTask({ due_date: "2026-11-22", tags: ["Home"] });
    const after = { ...before, completed: true, version: 2 };
    expect(shiftViewCounts(counts, before, after, windows)).toEqual({ ...counts, pending: 1, completed: 2, today: 0, upcoming: 0 });
  });

  it("a create adds, a delete takes away; never below zero", () => {
    const created = makeTask({ tags: ["home", "new"] });
    expect(shiftViewCounts(counts, null, created, windows)).toMatchObject({ all: 4, pending: 3, tags: { home: 3 } });
    const gone = makeTask({ completed: true, due_date: "2026-11-01" });
    expect(shiftViewCounts({ ...counts, completed: 0 }, gone, null, windows)).toMatchObject({ all: 2, completed: 0, overdue: 0 });
  });

  it("the open tag's status counts follow its tasks only", () => {
    const tagCounts = { tag: "Home", pending: 1, completed: 1 };
    const before = makeTask({ tags: ["home"] });
    expect(shiftTagCounts(tagCounts, before, { ...before, completed: true })).toEqual({ tag: "Home", pending: 0, completed: 2 });
    expect(shiftTagCounts(tagCounts, makeTask(), makeTask({ completed: true }))).toEqual(tagCounts);
  });
});
