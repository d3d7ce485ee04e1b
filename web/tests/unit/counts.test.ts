import { describe, expect, it, vi } from "vitest";
import { fetchTagStatusCounts } from "@/components/tasks/useViewCounts";
import type { ListParams } from "@/lib/api/types";
import { statusCounts, withoutHidden, type ViewCounts } from "@/lib/tasks/counts";
import { dayWindows } from "@/lib/tasks/views";
import { makeTask } from "./helpers";

const windows = dayWindows(Date.parse("2026-12-02T10:00:00Z"), "Europe/Paris");
const counts: ViewCounts = { all: 5, pending: 3, completed: 2, today: 2, upcoming: 2, overdue: 1, tags: { home: 2 } };

describe("counts while deletes wait for their Undo window", () => {
  it("leave out the hidden tasks from every view they belong to", () => {
    const hidden = [
      makeTask({ id: 1, due_date: "2026-12-02", tags: ["Home"] }),
      makeTask({ id: 2, completed: true }),
      makeTask({ id: 2, completed: true }), // the same task twice counts once
    ];
    expect(withoutHidden(counts, hidden, windows)).toEqual({
      all: 3,
      pending: 2,
      completed: 1,
      today: 1,
      upcoming: 1,
      overdue: 1,
      tags: { home: 1 },
    });
    expect(withoutHidden(counts, [], windows)).toBe(counts);
  });
});

describe("the status buttons' counts", () => {
  const withHome: ViewCounts = { ...counts, all: 40, pending: 30, completed: 10, openTag: { tag: "Home", pending: 2, completed: 0 } };

  it("are the whole list's in All, the tag's own in a tag view, and none elsewhere", () => {
    expect(statusCounts(withHome, { kind: "all" })).toEqual({ all: 40, pending: 30, completed: 10 });
    expect(statusCounts(withHome, { kind: "tag", tag: "home" })).toEqual({ all: 2, pending: 2, completed: 0 });
    // Not yet known for the tag just opened: no numbers rather than another list's.
    expect(statusCounts(withHome, { kind: "tag", tag: "Work" })).toBeNull();
    expect(statusCounts(counts, { kind: "tag", tag: "Home" })).toBeNull();
    expect(statusCounts(withHome, { kind: "today" })).toBeNull();
    expect(statusCounts(null, { kind: "all" })).toBeNull();
  });

  it("leave out the tag's tasks whose delete waits for Undo", () => {
    const hidden = [makeTask({ id: 1, tags: ["home"] }), makeTask({ id: 2, tags: ["Work"] })];
    expect(withoutHidden(withHome, hidden, windows).openTag).toEqual({ tag: "Home", pending: 1, completed: 0 });
    expect(withHome.openTag?.pending).toBe(2); // the original is left alone
  });

  it("come from two limit=1 queries on the tag, one per status", async () => {
    const list = vi.fn(async (params: ListParams) => ({ tasks: [], total: params.status === "pending" ? 2 : 5 }));
    expect(await fetchTagStatusCounts({ list }, windows, "Home")).toEqual({ tag: "Home", pending: 2, completed: 5 });
    expect(list.mock.calls.map(([params]) => params)).toEqual([
      { tag: ["Home"], tz: "Europe/Paris", status: "pending", limit: 1 },
      { tag: ["Home"], tz: "Europe/Paris", status: "completed", limit: 1 },
    ]);
  });
});
