import { describe, expect, it } from "vitest";
import {
  changesFrom,
  emptyForm,
  fieldOfApiError,
  formFromTask,
  newTaskFrom,
  validateForm,
  withDue,
  withReminder,
} from "@/lib/tasks/task-form";
import { makeTask } from "./helpers";

const TZ = "Europe/Paris";

describe("the add form's body", () => {
  it("sends a date alone as due_date, and nothing that was not asked for", () => {
    const body = newTaskFrom(emptyForm({ title: " Pay rent ", dueDate: "2026-12-04" }), TZ);
    expect(body).toEqual({
      title: "Pay rent",
      description: null,
      priority: "none",
      tags: [],
      due_date: "2026-12-04",
      recurrence: null,
      remind_at: null,
    });
  });

  it("sends a date and a time, typed in the browser's zone, as a UTC due_at", () => {
    const body = newTaskFrom(emptyForm({ title: "Call", dueDate: "2026-12-04", dueTime: "17:00", reminder: "10m" }), TZ);
    expect(body.due_at).toBe("2026-12-04T16:00:00.000Z");
    expect(body.due_date).toBeUndefined();
    expect(body.remind_at).toBe("2026-12-04T15:50:00.000Z");
  });

  it("sends a repeat rule only with a due", () => {
    const values = emptyForm({ title: "Bins", dueDate: "2026-12-04", repeat: "week", interval: "2" });
    expect(newTaskFrom(values, TZ).recurrence).toEqual({ every: "week", interval: 2, tz: TZ });
    expect(newTaskFrom({ ...values, dueDate: "" }, TZ).recurrence).toBeNull();
  });
});

describe("checks before sending", () => {
  it("want a title, a due for a repeat, and a sane interval", () => {
    expect(validateForm(emptyForm(), TZ)).toEqual({ title: "Give the task a title." });
    expect(validateForm(emptyForm({ title: "x", repeat: "day" }), TZ).recurrence).toMatch(/needs a due date/);
    expect(validateForm(emptyForm({ title: "x", dueDate: "2026-12-04", repeat: "day", interval: "366" }), TZ).recurrence).toMatch(/1 to 365/);
    expect(validateForm(emptyForm({ title: "x", dueDate: "2026-12-04", repeat: "day", interval: "1.5" }), TZ).recurrence).toBeDefined();
  });

  it("refuse a reminder after the due", () => {
    const late = emptyForm({ title: "x", dueDate: "2026-12-04", dueTime: "09:00", reminder: "custom", reminderAt: "2026-12-04T09:00:01" });
    expect(validateForm(late, TZ).reminder).toMatch(/after the due/);
    expect(validateForm({ ...late, reminderAt: "2026-12-04T09:00" }, TZ)).toEqual({});
    const dateOnly = emptyForm({ title: "x", dueDate: "2026-12-04", reminder: "custom", reminderAt: "2026-12-05T00:00" });
    expect(validateForm(dateOnly, TZ).reminder).toMatch(/after the due date/);
    expect(validateForm({ ...dateOnly, reminderAt: "2026-12-04T23:59:59" }, TZ)).toEqual({});
    expect(validateForm(emptyForm({ title: "x", reminder: "custom", reminderAt: "" }), TZ).reminder).toMatch(/Pick a date/);
  });
});

describe("linked fields", () => {
  it("drop the repeat and a preset reminder when the due goes", () => {
    const values = emptyForm({ title: "x", dueDate: "2026-12-04", dueTime: "17:00", repeat: "week", reminder: "1h" });
    expect(withDue(values, { dueDate: "" }, TZ)).toMatchObject({ dueTime: "", repeat: "none", reminder: "none" });
    // A date-only due has no "10 minutes before".
    expect(withDue({ ...values, reminder: "10m" }, { dueTime: "" }, TZ).reminder).toBe("at");
    expect(withDue({ ...values, reminder: "custom" }, { dueDate: "" }, TZ).reminder).toBe("custom");
  });

  it("start a custom reminder from the time chosen so far", () => {
    const values = emptyForm({ title: "x", dueDate: "2026-12-04", dueTime: "17:00", reminder: "1h" });
    expect(withReminder(values, "custom", 0, TZ).reminderAt).toBe("2026-12-04T16:00");
    const now = Date.parse("2026-12-02T10:00:30Z");
    expect(withReminder(emptyForm(), "custom", now, TZ).reminderAt).toBe("2026-12-02T12:01");
  });
});

describe("editing", () => {
  const stored = makeTask({
    priority: "high",
    tags: ["errands", "Home"],
    due_at: "2026-12-04T16:00:00.000000Z",
    recurrence: { every: "week", interval: 1 },
    remind_at: "2026-12-04T15:50:00.000000Z",
  });

  it("fills the form from a task in the browser's zone, and changes nothing when nothing was changed", () => {
    const values = formFromTask(stored, TZ);
    expect(values).toMatchObject({ dueDate: "2026-12-04", dueTime: "17:00", repeat: "week", interval: "1", reminder: "10m" });
    expect(changesFrom(stored, values, TZ)).toEqual({});
  });

  it("sends only what changed, switching the kind of due by setting the other one", () => {
    const values = formFromTask(stored, TZ);
    expect(changesFrom(stored, withDue(values, { dueTime: "" }, TZ), TZ)).toEqual({
      due_date: "2026-12-04",
      remind_at: "2026-12-04T08:00:00.000Z", // "10 min before" became "on the day, 9:00"
    });
    expect(changesFrom(stored, withDue(values, { dueDate: "" }, TZ), TZ)).toEqual({
      due_at: null,
      due_date: null,
      recurrence: null,
      remind_at: null,
    });
    expect(changesFrom(stored, { ...values, tags: ["errands"], priority: "low" }, TZ)).toEqual({ tags: ["errands"], priority: "low" });
    expect(changesFrom(stored, { ...values, interval: "2" }, TZ)).toEqual({ recurrence: { every: "week", interval: 2, tz: TZ } });
  });

  it("puts the API's field errors next to the right inputs", () => {
    expect(fieldOfApiError("title")).toBe("title");
    expect(fieldOfApiError("tags[3]")).toBe("tags");
    expect(fieldOfApiError("recurrence.interval")).toBe("recurrence");
    expect(fieldOfApiError("due_date")).toBe("due");
    expect(fieldOfApiError("remind_at")).toBe("reminder");
    expect(fieldOfApiError("body")).toBeNull();
  });
});

describe("stored values with more precision than the inputs", () => {
  it("are no change when only the title is edited", () => {
    const stored = makeTask({ due_at: "2026-12-04T16:00:00.123456Z", remind_at: "2026-12-04T15:00:00.987654Z" });
    const values = formFromTask(stored, TZ);
    expect(values.reminder).toBe("1h");
    expect(changesFrom(stored, { ...values, title: "Buy oat milk" }, TZ)).toEqual({ title: "Buy oat milk" });
  });
});
