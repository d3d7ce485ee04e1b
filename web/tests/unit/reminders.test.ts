import { describe, expect, it } from "vitest";
import { dayWindows } from "@/lib/tasks/views";
import {
  mergeTasks,
  planReminders,
  reminderChoiceFor,
  reminderInstant,
  reminderKey,
  reminderOptions,
  reminderProblem,
  watchedLists,
  watchedTasks,
  type Due,
} from "@/lib/tasks/reminders";
import { makeTask } from "./helpers";

const TZ = "Europe/Paris";
const timed: Due = { kind: "at", instant: Date.parse("2026-12-04T16:00:00Z") }; // 17:00 in Paris
const dated: Due = { kind: "date", date: { year: 2026, month: 12, day: 4 } };
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe("reminder presets", () => {
  it("count back from a timed due", () => {
    expect(iso(reminderInstant("at", timed, null, TZ))).toBe("2026-12-04T16:00:00.000Z");
    expect(iso(reminderInstant("10m", timed, null, TZ))).toBe("2026-12-04T15:50:00.000Z");
    expect(iso(reminderInstant("1h", timed, null, TZ))).toBe("2026-12-04T15:00:00.000Z");
    expect(iso(reminderInstant("1d", timed, null, TZ))).toBe("2026-12-03T16:00:00.000Z");
    expect(reminderInstant("none", timed, null, TZ)).toBeNull();
  });

  it("count back from 9:00 on a date-only due's day, in the zone", () => {
    expect(iso(reminderInstant("at", dated, null, TZ))).toBe("2026-12-04T08:00:00.000Z");
    expect(iso(reminderInstant("1d", dated, null, TZ))).toBe("2026-12-03T08:00:00.000Z");
    expect(reminderOptions(dated).map((o) => o.value)).toEqual(["none", "at", "1d", "custom"]);
  });

  it("offer only a custom time without a due, and use it as given", () => {
    expect(reminderOptions(null).map((o) => o.value)).toEqual(["none", "custom"]);
    expect(reminderInstant("custom", null, 1234, TZ)).toBe(1234);
    expect(reminderInstant("1h", null, null, TZ)).toBeNull();
  });

  it("recognise a stored reminder as the preset it is, or as custom", () => {
    expect(reminderChoiceFor(Date.parse("2026-12-04T15:50:00Z"), timed, TZ)).toBe("10m");
    expect(reminderChoiceFor(Date.parse("2026-12-03T08:00:00Z"), dated, TZ)).toBe("1d");
    expect(reminderChoiceFor(Date.parse("2026-12-04T15:49:00Z"), timed, TZ)).toBe("custom");
    // 10 minutes before 9:00 is not on offer for a date-only due.
    expect(reminderChoiceFor(Date.parse("2026-12-04T07:50:00Z"), dated, TZ)).toBe("custom");
    expect(reminderChoiceFor(null, timed, TZ)).toBe("none");
    expect(reminderChoiceFor(5, null, TZ)).toBe("custom");
  });
});

describe("the rule that a reminder is never after the due", () => {
  it("allows up to a timed due's instant", () => {
    expect(reminderProblem(timed.kind === "at" ? timed.instant : 0, timed, TZ)).toBeNull();
    expect(reminderProblem(Date.parse("2026-12-04T16:00:01Z"), timed, TZ)).toMatch(/after the due time/);
  });

  it("allows a date-only due's whole day in the zone, and no later", () => {
    expect(reminderProblem(Date.parse("2026-12-04T22:59:59Z"), dated, TZ)).toBeNull(); // 23:59:59 in Paris
    expect(reminderProblem(Date.parse("2026-12-04T23:00:00Z"), dated, TZ)).toMatch(/after the due date/);
    expect(reminderProblem(Date.parse("2030-01-01T00:00:00Z"), null, TZ)).toBeNull();
  });
});

describe("planning reminders", () => {
  const since = Date.parse("2026-12-02T09:00:00Z");
  const now = Date.parse("2026-12-02T10:00:00Z");
  const at = (iso: string) => makeTask({ remind_at: iso, created_at: "2026-12-01T08:00:00Z" });

  it("fires what came due since the page opened, waits for the rest, and never replays older ones", () => {
    const passedWhileOpen = { ...at("2026-12-02T09:30:00Z"), id: 1 };
    const beforeOpen = { ...at("2026-12-02T08:00:00Z"), id: 2 };
    const later = { ...at("2026-12-02T12:00:00Z"), id: 3 };
    const soon = { ...at("2026-12-02T10:05:00Z"), id: 4 };
    const done = { ...at("2026-12-02T09:45:00Z"), id: 5, completed: true };
    const plan = planReminders([passedWhileOpen, beforeOpen, later, soon, done, makeTask({ id: 6 })], now, since, new Set());
    expect(plan.fireNow.map((t) => t.id)).toEqual([1]);
    expect(plan.later.map((l) => l.task.id)).toEqual([4, 3]);
    expect(plan.later[0]?.at).toBe(Date.parse("2026-12-02T10:05:00Z"));
  });

  it("fires each reminder once, but again when its time is changed", () => {
    const task = { ...at("2026-12-02T09:30:00Z"), id: 1 };
    const fired = new Set([reminderKey(task)]);
    expect(planReminders([task, task], now, since, fired).fireNow).toEqual([]);
    const moved = { ...task, remind_at: "2026-12-02T09:40:00Z" };
    expect(planReminders([moved, moved], now, since, fired).fireNow).toEqual([moved]);
  });

  it("keeps the freshest copy of a task seen in several lists", () => {
    const old = makeTask({ id: 1, title: "old", updated_at: "2026-12-01T00:00:00Z" });
    const fresh = makeTask({ id: 1, title: "fresh", updated_at: "2026-12-02T00:00:00Z" });
    expect(mergeTasks([fresh], [old, makeTask({ id: 2 })]).map((t) => t.title)).toEqual(["fresh", "Buy milk"]);
    expect(mergeTasks([old], [fresh])[0]?.title).toBe("fresh");
  });

  it("does not fire a reminder whose time came before its task was created (the next occurrence of a daily task)", () => {
    // Yesterday's daily task, due 10:00 with a reminder at 9:00, completed today at 9:50:
    // the next occurrence, due today 10:00, is created with its reminder 50 minutes past.
    const next = makeTask({ id: 1, remind_at: "2026-12-02T09:00:00Z", created_at: "2026-12-02T09:50:00Z" });
    const plan = planReminders([next], now, Date.parse("2026-12-02T08:00:00Z"), new Set());
    expect(plan).toEqual({ fireNow: [], later: [] });
    const madeEarlier = { ...next, created_at: "2026-12-02T08:30:00Z" };
    expect(planReminders([madeEarlier], now, Date.parse("2026-12-02T08:00:00Z"), new Set()).fireNow).toEqual([madeEarlier]);
  });
});

describe("the watched lists", () => {
  const windows = dayWindows(Date.parse("2026-12-02T10:00:00Z"), "Europe/Paris");

  it("are pending tasks due from today on, and pending tasks without a due", () => {
    expect(watchedLists(windows)).toEqual([
      { status: "pending", limit: 200, tz: "Europe/Paris", due_after: "2026-12-01T23:00:00.000Z", sort: "due" },
      { status: "pending", limit: 200, tz: "Europe/Paris", has_due: false, sort: "updated", order: "desc" },
    ]);
  });

  it("remind once of a task that is in several of them, and not of one waiting to be deleted", () => {
    const since = Date.parse("2026-12-02T09:00:00Z");
    const created = "2026-12-01T08:00:00Z";
    const noDue = makeTask({ id: 1, remind_at: "2026-12-02T09:30:00Z", created_at: created, updated_at: created });
    const onScreen = { ...noDue, title: "edited", updated_at: "2026-12-02T09:10:00Z" };
    const deleted = makeTask({ id: 2, remind_at: "2026-12-02T09:30:00Z", created_at: created });
    const watched = watchedTasks([[noDue], [deleted, noDue], [onScreen]], [deleted]);
    const fired = new Set<string>();
    const plan = planReminders(watched, Date.parse("2026-12-02T10:00:00Z"), since, fired);
    expect(plan.fireNow).toEqual([onScreen]);
    for (const task of plan.fireNow) fired.add(reminderKey(task));
    expect(planReminders(watchedTasks([[noDue], [onScreen]], []), Date.parse("2026-12-02T10:01:00Z"), since, fired).fireNow).toEqual([]);
  });
});
