// What the add form and the editor hold, and how it becomes an API body. The
// due is typed in the browser's zone: a date alone is sent as `due_date`, a
// date and a time as `due_at` (a UTC instant). The reminder is held as a
// choice relative to the due, so moving the due moves the reminder with it.
import type { NewTask, Priority, Recurrence, RecurrenceUnit, Task, TaskChanges } from "@/lib/api/types";
import { formatDate, formatLocalDateTime, formatTime, instantOf, parseDate, parseLocalDateTime, parseTime } from "@/lib/dates/zoned";
import {
  dueOfTask,
  reminderAnchor,
  reminderChoiceFor,
  reminderInstant,
  reminderOptions,
  reminderProblem,
  type Due,
  type ReminderChoice,
} from "./reminders";
import { sameTagList } from "./tags";

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 1000;
export const INTERVAL_MAX = 365;

export interface TaskFormValues {
  title: string;
  description: string;
  priority: Priority;
  tags: string[];
  /** YYYY-MM-DD, or "" for no due. */
  dueDate: string;
  /** HH:MM (or HH:MM:SS), or "" for a date-only due. */
  dueTime: string;
  repeat: "none" | RecurrenceUnit;
  /** As typed: a whole number from 1 to 365. */
  interval: string;
  reminder: ReminderChoice;
  /** A datetime-local value, used when `reminder` is "custom". */
  reminderAt: string;
}

/** The inputs an error can be shown next to. */
export type FormField = "title" | "description" | "priority" | "tags" | "due" | "recurrence" | "reminder";
export type FieldErrors = Partial<Record<FormField, string>>;

export function emptyForm(defaults: Partial<TaskFormValues> = {}): TaskFormValues {
  return {
    title: "",
    description: "",
    priority: "none",
    tags: [],
    dueDate: "",
    dueTime: "",
    repeat: "none",
    interval: "1",
    reminder: "none",
    reminderAt: "",
    ...defaults,
  };
}

export function formFromTask(task: Task, timeZone: string): TaskFormValues {
  const due = dueOfTask(task);
  const remindAt = task.remind_at ? Date.parse(task.remind_at) : null;
  const dueDate = due?.kind === "at" ? formatLocalDateTime(due.instant, timeZone).slice(0, 10) : (task.due_date ?? "");
  return {
    title: task.title,
    description: task.description ?? "",
    priority: task.priority,
    tags: [...task.tags],
    dueDate,
    dueTime: due?.kind === "at" ? formatTime(due.instant, timeZone) : "",
    repeat: task.recurrence?.every ?? "none",
    interval: String(task.recurrence?.interval ?? 1),
    reminder: reminderChoiceFor(remindAt, due, timeZone),
    reminderAt: remindAt === null ? "" : formatLocalDateTime(remindAt, timeZone),
  };
}

/** The due the form describes; null for none (or a date that is not one). */
export function formDue(values: TaskFormValues, timeZone: string): Due | null {
  const date = parseDate(values.dueDate);
  if (!date) return null;
  const time = values.dueTime ? parseTime(values.dueTime) : null;
  if (!time) return { kind: "date", date };
  const [hour, minute, second] = time;
  return { kind: "at", instant: instantOf({ ...date, hour, minute, second }, timeZone) };
}

/**
 * The form after its due changed. Without a due nothing can repeat and the
 * presets mean nothing; a preset the new kind of due does not offer (10
 * minutes before a date-only due) becomes "at the due".
 */
export function withDue(values: TaskFormValues, change: { dueDate?: string; dueTime?: string }, timeZone: string): TaskFormValues {
  const next = { ...values, ...change };
  if (!next.dueDate) {
    next.dueTime = "";
    next.repeat = "none";
    if (next.reminder !== "custom") next.reminder = "none";
    return next;
  }
  const offered = reminderOptions(formDue(next, timeZone)).map((o) => o.value);
  if (!offered.includes(next.reminder)) next.reminder = "at";
  return next;
}

/** The form after a reminder choice; "custom" starts from the time chosen so far, the due, or an hour from now. */
export function withReminder(values: TaskFormValues, choice: ReminderChoice, now: number, timeZone: string): TaskFormValues {
  const next = { ...values, reminder: choice };
  if (choice === "custom" && !values.reminderAt) {
    const due = formDue(values, timeZone);
    const start =
      formReminder(values, timeZone) ?? (due ? reminderAnchor(due, timeZone) : Math.ceil((now + 3_600_000) / 60_000) * 60_000);
    next.reminderAt = formatLocalDateTime(start, timeZone);
  }
  return next;
}

/** The rule names the browser's zone, so that a timed due keeps its wall-clock
 * time ("every Friday 17:00") across DST changes there. */
function formRecurrence(values: TaskFormValues, timeZone: string): Recurrence | null {
  if (values.repeat === "none" || !values.dueDate) return null;
  return { every: values.repeat, interval: Number(values.interval), tz: timeZone };
}

function formReminder(values: TaskFormValues, timeZone: string): number | null {
  const custom = values.reminderAt ? parseLocalDateTime(values.reminderAt, timeZone) : null;
  return reminderInstant(values.reminder, formDue(values, timeZone), custom, timeZone);
}

/** The browser-side checks, mirroring the API's rules; empty when all is well. */
export function validateForm(values: TaskFormValues, timeZone: string): FieldErrors {
  const errors: FieldErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = "Give the task a title.";
  else if ([...title].length > TITLE_MAX) errors.title = `Keep the title under ${TITLE_MAX} characters.`;
  if (values.dueDate && !parseDate(values.dueDate)) errors.due = "Enter a real date.";
  else if (values.dueTime && !values.dueDate) errors.due = "Pick a date for the time.";
  if (values.repeat !== "none") {
    const n = Number(values.interval);
    if (!values.dueDate) errors.recurrence = "A repeating task needs a due date.";
    else if (!/^\d+$/.test(values.interval.trim()) || n < 1 || n > INTERVAL_MAX) {
      errors.recurrence = `Repeat every 1 to ${INTERVAL_MAX}.`;
    }
  }
  if (values.reminder === "custom" && !parseLocalDateTime(values.reminderAt, timeZone)) {
    errors.reminder = "Pick a date and time for the reminder.";
  } else {
    const problem = reminderProblem(formReminder(values, timeZone), formDue(values, timeZone), timeZone);
    if (problem) errors.reminder = problem;
  }
  return errors;
}

function dueFields(due: Due | null): Pick<NewTask, "due_at" | "due_date"> {
  if (!due) return { due_at: null, due_date: null };
  return due.kind === "at" ? { due_at: new Date(due.instant).toISOString() } : { due_date: formatDate(due.date) };
}

/** The POST body for a valid form. */
export function newTaskFrom(values: TaskFormValues, timeZone: string): NewTask {
  const remindAt = formReminder(values, timeZone);
  return {
    title: values.title.trim(),
    description: values.description.trim() ? values.description : null,
    priority: values.priority,
    tags: values.tags,
    ...dueFields(formDue(values, timeZone)),
    recurrence: formRecurrence(values, timeZone),
    remind_at: remindAt === null ? null : new Date(remindAt).toISOString(),
  };
}

/** To the second: the inputs hold no milliseconds, so a stored due's fraction is no change. */
function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
}

function sameRule(a: Recurrence | null, b: Recurrence | null): boolean {
  if (a === null || b === null) return a === b;
  // The zone is not compared: an edit that keeps the rule leaves its zone alone.
  return a.every === b.every && a.interval === b.interval;
}

/** The PUT body for what changed between `task` and a valid form; {} for nothing. */
export function changesFrom(task: Task, values: TaskFormValues, timeZone: string): TaskChanges {
  const next = newTaskFrom(values, timeZone);
  const changes: TaskChanges = {};
  if (next.title !== task.title) changes.title = next.title;
  if (next.description !== task.description) changes.description = next.description ?? null;
  if (next.priority !== task.priority) changes.priority = next.priority;
  if (!sameTagList(next.tags ?? [], task.tags)) changes.tags = next.tags ?? [];
  const dueChanged = !sameInstant(next.due_at ?? null, task.due_at) || (next.due_date ?? null) !== task.due_date;
  // Setting one kind clears the other; clearing needs both nulls.
  if (dueChanged) Object.assign(changes, next.due_at || next.due_date ? dueFields(formDue(values, timeZone)) : { due_at: null, due_date: null });
  const rule = next.recurrence ?? null;
  if (!sameRule(rule, task.recurrence)) changes.recurrence = rule;
  if (!sameInstant(next.remind_at ?? null, task.remind_at)) changes.remind_at = next.remind_at ?? null;
  return changes;
}

/** Which input an API field error belongs to ("tags[2]" → tags, "recurrence.interval" → recurrence). */
export function fieldOfApiError(field: string): FormField | null {
  const root = field.split(/[.[]/)[0] ?? field;
  switch (root) {
    case "title":
    case "description":
    case "priority":
    case "tags":
    case "recurrence":
      return root;
    case "due_at":
    case "due_date":
      return "due";
    case "remind_at":
      return "reminder";
    default:
      return null;
  }
}
