import { describe, expect, it } from "vitest";
import { carryEdits, sameDetails } from "@/lib/tasks/form-edits";
import { emptyForm } from "@/lib/tasks/task-form";

describe("after a task was added", () => {
  const sent = emptyForm({ title: "Pay rent", description: "by transfer", priority: "high", tags: ["Home"], dueDate: "2026-12-04" });
  const empty = emptyForm({ dueDate: "2026-12-02" }); // in Today

  it("clears exactly what was sent, back to the view's defaults", () => {
    expect(carryEdits(sent, sent, empty)).toEqual(empty);
  });

  it("keeps what was typed while it was being added", () => {
    const typedMeanwhile = { ...sent, title: "Call the landlord", tags: ["Home", "Calls"] };
    const next = carryEdits(typedMeanwhile, sent, empty);
    expect(next.title).toBe("Call the landlord");
    expect(next.tags).toEqual(["Home", "Calls"]);
    expect(next.description).toBe(""); // sent, untouched since: cleared
    expect(next.priority).toBe("none");
    expect(next.dueDate).toBe("2026-12-02");
    expect(sameDetails(next, empty)).toBe(false);
  });

  it("keeps a due together with the repeat rule and reminder counted from it", () => {
    const sentWithRule = { ...sent, repeat: "week" as const, reminder: "at" as const };
    const movedDue = { ...sentWithRule, dueDate: "2026-12-05" };
    const next = carryEdits(movedDue, sentWithRule, empty);
    expect([next.dueDate, next.repeat, next.reminder]).toEqual(["2026-12-05", "week", "at"]);
  });
});

describe("on a view change", () => {
  const today = emptyForm({ dueDate: "2026-12-02" });
  const home = emptyForm({ tags: ["Home"] });

  it("swaps untouched defaults for the new view's", () => {
    expect(carryEdits(today, today, home)).toEqual(home);
    const titled = { ...today, title: "Fix the tap" };
    expect(carryEdits(titled, today, home)).toEqual({ ...home, title: "Fix the tap" });
  });

  it("never wipes details the person entered, even with no title yet", () => {
    const detailed = { ...today, description: "the kitchen one", priority: "medium" as const, tags: ["Plumbing"], dueDate: "2026-12-09" };
    const next = carryEdits(detailed, today, home);
    expect(next).toEqual(detailed);
    expect(sameDetails(next, home)).toBe(false);
    expect(sameDetails(home, emptyForm({ tags: ["Home"], title: "any" }))).toBe(true);
  });
});
