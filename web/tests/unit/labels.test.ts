import { describe, expect, it } from "vitest";
import { dayHeading, dayLabel, dueText, midSentence, priorityLabel, recurrenceLabel, reminderText } from "@/lib/tasks/labels";

const today = { year: 2026, month: 12, day: 2 }; // a Wednesday

describe("repeat rules", () => {
  it("read as “Every week”, “Every 2 days”", () => {
    expect(recurrenceLabel({ every: "week", interval: 1 })).toBe("Every week");
    expect(recurrenceLabel({ every: "day", interval: 2 })).toBe("Every 2 days");
    expect(recurrenceLabel({ every: "month", interval: 3 })).toBe("Every 3 months");
    expect(recurrenceLabel({ every: "year", interval: 1 })).toBe("Every year");
  });
});

describe("dues", () => {
  it("name nearby days, then weekdays within the week, then dates", () => {
    expect(dayLabel(today, today)).toBe("Today");
    expect(dayLabel({ ...today, day: 3 }, today)).toBe("Tomorrow");
    expect(dayLabel({ ...today, day: 1 }, today)).toBe("Yesterday");
    expect(dayLabel({ ...today, day: 4 }, today)).toBe("Friday");
    expect(dayLabel({ ...today, day: 8 }, today)).toBe("Tuesday");
    expect(dayLabel({ ...today, day: 9 }, today)).toBe("Dec 9");
    expect(dayLabel({ year: 2027, month: 1, day: 12 }, today)).toBe("Jan 12, 2027");
    expect(dayLabel({ ...today, day: 28, month: 11 }, today)).toBe("Nov 28");
  });

  it("show a timed due's time in the zone, and give <time> a machine-readable value", () => {
    const timed = dueText({ due_at: "2026-12-02T16:00:00Z", due_date: null }, today, "Europe/Paris");
    expect(timed).toEqual({
      text: "Today 5:00 PM",
      dateTime: "2026-12-02T16:00:00Z",
      full: "Wednesday, December 2, 2026 at 5:00 PM",
    });
    // 23:30 UTC is already tomorrow in Paris.
    expect(dueText({ due_at: "2026-12-02T23:30:00Z", due_date: null }, today, "Europe/Paris")?.text).toBe("Tomorrow 12:30 AM");
    expect(dueText({ due_at: null, due_date: "2026-12-09" }, today, "Europe/Paris")).toEqual({
      text: "Dec 9",
      dateTime: "2026-12-09",
      full: "Wednesday, December 9, 2026",
    });
    expect(dueText({ due_at: null, due_date: null }, today, "UTC")).toBeNull();
  });

  it("head Upcoming's days", () => {
    expect(dayHeading("2026-12-02", today)).toBe("Today · Wed, Dec 2");
    expect(dayHeading("2026-12-03", today)).toBe("Tomorrow · Thu, Dec 3");
    expect(dayHeading("2026-12-05", today)).toBe("Saturday · Dec 5");
  });
});

describe("other labels", () => {
  it("name priorities and reminders", () => {
    expect(priorityLabel("high")).toBe("High");
    expect(priorityLabel("none")).toBe("No priority");
    expect(reminderText("2026-12-02T08:50:00Z", today, "Europe/Paris")).toBe("Reminder 9:50 AM");
    expect(reminderText("2026-12-03T08:00:00Z", today, "Europe/Paris")).toBe("Reminder Tomorrow 9:00 AM");
  });
});

describe("labels inside a sentence", () => {
  it("lower-case today, tomorrow and yesterday, and nothing else", () => {
    expect(midSentence("Today")).toBe("today");
    expect(midSentence("Tomorrow 5:00 PM")).toBe("tomorrow 5:00 PM");
    expect(midSentence("Yesterday")).toBe("yesterday");
    expect(midSentence("Friday 9:00 AM")).toBe("Friday 9:00 AM");
    expect(midSentence("Dec 4, 2027")).toBe("Dec 4, 2027");
    expect(midSentence("Todayish")).toBe("Todayish");
  });
});
