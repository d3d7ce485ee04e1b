import { describe, expect, it } from "vitest";
import { withoutHidden, type ViewCounts } from "@/lib/tasks/counts";
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
