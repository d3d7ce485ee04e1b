import { describe, expect, it } from "vitest";
import {
  dayWindows,
  dueInstant,
  groupByDay,
  inView,
  isOverdue,
  matchesFilters,
  viewFromSearch,
  viewParams,
  viewSearch,
  type View,
} from "@/lib/tasks/views";
import { makeTask } from "./helpers";

const NOW = Date.parse("2026-12-02T10:00:00Z"); // 11:00 in Paris, midnight on Kiritimati (UTC+14)
const paris = dayWindows(NOW, "Europe/Paris");

describe("view windows", () => {
  it("are the days of the browser's zone, as RFC 3339 instants with tz", () => {
    expect(viewParams({ kind: "today" }, paris)).toEqual({
      status: "pending",
      due_after: "2026-12-01T23:00:00.000Z",
      due_before: "2026-12-02T23:00:00.000Z",
      tz: "Europe/Paris",
    });
    expect(viewParams({ kind: "overdue" }, paris)).toEqual({ status: "pending", due_before: "2026-12-01T23:00:00.000Z", tz: "Europe/Paris" });
    expect(viewParams({ kind: "upcoming" }, paris)).toMatchObject({
      due_after: "2026-12-01T23:00:00.000Z",
      due_before: "2026-12-08T23:00:00.000Z",
    });
    expect(viewParams({ kind: "all" }, paris)).toEqual({ tz: "Europe/Paris" });
    expect(viewParams({ kind: "tag", tag: "Home" }, paris)).toEqual({ tag: ["Home"], tz: "Europe/Paris" });
  });

  it("follow the zone: the same instant is already 3 December on Kiritimati", () => {
    const kiritimati = dayWindows(NOW, "Pacific/Kiritimati");
    expect(kiritimati.today).toEqual({ year: 2026, month: 12, day: 3 });
    expect(viewParams({ kind: "today" }, kiritimati)).toMatchObject({
      due_after: "2026-12-02T10:00:00.000Z",
      due_before: "2026-12-03T10:00:00.000Z",
    });
  });

  it("keep Upcoming at seven calendar days across a clock change", () => {
    const windows = dayWindows(Date.parse("2026-10-22T10:00:00Z"), "Europe/Paris");
    // 25 October has 25 hours in Paris.
    expect(windows.endOfUpcoming - windows.startOfToday).toBe(7 * 24 * 3_600_000 + 3_600_000);
  });
});

describe("which tasks a view holds", () => {
  const dueToday = makeTask({ id: 1, due_date: "2026-12-02" });
  const dueAtPast = makeTask({ id: 2, due_at: "2026-12-02T08:00:00Z" }); // 09:00 Paris, already past
  const yesterday = makeTask({ id: 3, due_date: "2026-12-01" });
  const nextWeek = makeTask({ id: 4, due_date: "2026-12-08" });
  const tooFar = makeTask({ id: 5, due_date: "2026-12-09" });
  const noDue = makeTask({ id: 6, tags: ["Home"] });
  const doneToday = makeTask({ id: 7, due_date: "2026-12-02", completed: true });
  const views: Record<string, View> = {
    today: { kind: "today" },
    upcoming: { kind: "upcoming" },
    overdue: { kind: "overdue" },
    all: { kind: "all" },
  };
  const ids = (view: View) =>
    [dueToday, dueAtPast, yesterday, nextWeek, tooFar, noDue, doneToday].filter((t) => inView(t, view, paris)).map((t) => t.id);

  it("matches the API's windows", () => {
    expect(ids(views.today as View)).toEqual([1, 2]);
    expect(ids(views.upcoming as View)).toEqual([1, 2, 4]);
    expect(ids(views.overdue as View)).toEqual([3]);
    expect(ids(views.all as View)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ids({ kind: "tag", tag: "home" })).toEqual([6]);
  });

  it("calls a task overdue once its time has passed, or its whole day for a date-only due", () => {
    expect(isOverdue(dueAtPast, NOW, paris)).toBe(true);
    expect(isOverdue(dueToday, NOW, paris)).toBe(false);
    expect(isOverdue(yesterday, NOW, paris)).toBe(true);
    expect(isOverdue({ ...yesterday, completed: true }, NOW, paris)).toBe(false);
    expect(isOverdue(noDue, NOW, paris)).toBe(false);
  });

  it("counts a date-only due from the start of its date in the zone", () => {
    expect(dueInstant(dueToday, "Europe/Paris")).toBe(Date.parse("2026-12-01T23:00:00Z"));
    expect(dueInstant(noDue, "Europe/Paris")).toBeNull();
  });

  it("applies status and search locally as the API does", () => {
    const milk = makeTask({ title: "Buy MILK", description: "oat" });
    expect(matchesFilters(milk, "all", "milk")).toBe(true);
    expect(matchesFilters(milk, "all", " OAT ")).toBe(true);
    expect(matchesFilters(milk, "completed", "")).toBe(false);
  });
});

describe("Upcoming, by day", () => {
  it("has seven days from today, each with its tasks in the order given", () => {
    const a = makeTask({ id: 1, due_date: "2026-12-04" });
    const b = makeTask({ id: 2, due_at: "2026-12-02T22:30:00Z" }); // 23:30 in Paris: still the 2nd
    const c = makeTask({ id: 3, due_date: "2026-12-04" });
    const days = groupByDay([a, b, c], paris);
    expect(days.map((d) => d.date)).toEqual([
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
      "2026-12-07",
      "2026-12-08",
    ]);
    expect(days[0]?.tasks.map((t) => t.id)).toEqual([2]);
    expect(days[2]?.tasks.map((t) => t.id)).toEqual([1, 3]);
  });
});

describe("views in the address", () => {
  it("round-trip through the query string", () => {
    for (const view of [{ kind: "today" }, { kind: "upcoming" }, { kind: "overdue" }, { kind: "tag", tag: "a b&c" }] as View[]) {
      const params = new URLSearchParams(viewSearch(view));
      expect(viewFromSearch({ view: params.get("view"), tag: params.get("tag") })).toEqual(view);
    }
    expect(viewSearch({ kind: "all" })).toBe("");
    expect(viewFromSearch({ view: "bogus" })).toEqual({ kind: "all" });
  });
});
