// Reminders: the presets offered next to a due ("10 minutes before"...), the
// instant each one means, the API's rule that a reminder is never after the
// due, and which reminders are due to fire while the app is open.
import type { ListParams, Task } from "@/lib/api/types";
import { addDays, DAY_MS, HOUR_MS, instantOf, isoInstant, MINUTE_MS, parseDate, startOfDate, type CivilDate } from "@/lib/dates/zoned";
import type { DayWindows } from "./views";

/** A due as the form holds it: a date alone, or an instant. */
export type Due = { kind: "date"; date: CivilDate } | { kind: "at"; instant: number };

export type ReminderChoice = "none" | "at" | "10m" | "1h" | "1d" | "custom";

/**
 * A date-only due has no time to count back from; its reminders count from
 * 9:00 on that day in the browser's zone ("On the day" is 9:00, "1 day
 * before" is 9:00 the day before).
 */
export const DATE_ONLY_REMINDER_HOUR = 9;

const OFFSETS: Partial<Record<ReminderChoice, number>> = { at: 0, "10m": 10 * MINUTE_MS, "1h": HOUR_MS, "1d": DAY_MS };

export interface ReminderOption {
  value: ReminderChoice;
  label: string;
}

/** What the reminder menu offers for a due (or for none: only a custom time). */
export function reminderOptions(due: Due | null): ReminderOption[] {
  const none = { value: "none", label: "No reminder" } as const;
  const custom = { value: "custom", label: "Custom date and time" } as const;
  if (!due) return [none, custom];
  if (due.kind === "date") {
    return [none, { value: "at", label: "On the day, 9:00 AM" }, { value: "1d", label: "1 day before, 9:00 AM" }, custom];
  }
  return [
    none,
    { value: "at", label: "At due time" },
    { value: "10m", label: "10 minutes before" },
    { value: "1h", label: "1 hour before" },
    { value: "1d", label: "1 day before" },
    custom,
  ];
}

export function dueOfTask(task: Pick<Task, "due_at" | "due_date">): Due | null {
  if (task.due_at) return { kind: "at", instant: Date.parse(task.due_at) };
  const date = task.due_date ? parseDate(task.due_date) : null;
  return date ? { kind: "date", date } : null;
}

/** The instant the presets count back from. */
export function reminderAnchor(due: Due, timeZone: string): number {
  if (due.kind === "at") return due.instant;
  return instantOf({ ...due.date, hour: DATE_ONLY_REMINDER_HOUR, minute: 0, second: 0 }, timeZone);
}

/** The instant a choice means; `custom` is used only for "custom". */
export function reminderInstant(choice: ReminderChoice, due: Due | null, custom: number | null, timeZone: string): number | null {
  if (choice === "none") return null;
  if (choice === "custom") return custom;
  const offset = OFFSETS[choice];
  if (!due || offset === undefined) return null;
  return reminderAnchor(due, timeZone) - offset;
}

/** Which menu entry shows a stored reminder: a preset when it is exactly one, else custom. */
export function reminderChoiceFor(remindAt: number | null, due: Due | null, timeZone: string): ReminderChoice {
  if (remindAt === null) return "none";
  if (!due) return "custom";
  const offered = new Set(reminderOptions(due).map((o) => o.value));
  const anchor = reminderAnchor(due, timeZone);
  // To the second, like the inputs.
  const at = Math.floor(remindAt / 1000);
  for (const [choice, offset] of Object.entries(OFFSETS) as Array<[ReminderChoice, number]>) {
    if (offered.has(choice) && Math.floor((anchor - offset) / 1000) === at) return choice;
  }
  return "custom";
}

/**
 * The API refuses a reminder after the due: after a timed due's instant, or
 * once a date-only due's day is over. The API's bound for a date is the end
 * of that day at UTC−12; the end of the day in the browser's zone is never
 * later, so checking against it keeps us within the API's rule.
 */
export function reminderProblem(remindAt: number | null, due: Due | null, timeZone: string): string | null {
  if (remindAt === null || !due) return null;
  if (due.kind === "at") {
    return remindAt > due.instant ? "The reminder can't be after the due time." : null;
  }
  return remindAt >= startOfDate(addDays(due.date, 1), timeZone) ? "The reminder can't be after the due date." : null;
}

/** Identifies one reminder: changing the time makes it a new one that fires again. */
export function reminderKey(task: Pick<Task, "id" | "remind_at">): string {
  return `${task.id}@${task.remind_at}`;
}

export interface ReminderPlan {
  /** Reminders whose time came while the app was open and that have not fired. */
  fireNow: Task[];
  /** Later reminders, soonest first. */
  later: Array<{ task: Task; at: number }>;
}

/**
 * Sorts pending tasks' reminders into those to show now and those to wait
 * for. Reminders whose time passed before `since` (when the app opened) are
 * not replayed: by then the task shows as due or overdue. Nor are those whose
 * time came before the task existed: completing yesterday's daily task makes
 * today's, whose reminder may be hours past already.
 */
export function planReminders(tasks: Iterable<Task>, now: number, since: number, fired: ReadonlySet<string>): ReminderPlan {
  const plan: ReminderPlan = { fireNow: [], later: [] };
  const seen = new Set<string>();
  for (const task of tasks) {
    if (task.completed || !task.remind_at) continue;
    const key = reminderKey(task);
    if (fired.has(key) || seen.has(key)) continue;
    seen.add(key);
    const at = Date.parse(task.remind_at);
    if (!Number.isFinite(at) || at < since || at < Date.parse(task.created_at)) continue;
    if (at <= now) plan.fireNow.push(task);
    else plan.later.push({ task, at });
  }
  plan.later.sort((a, b) => a.at - b.at || a.task.id - b.task.id);
  return plan;
}

/** The most the API answers with at once; also how many tasks each watched list holds. */
export const WATCHED_LIST_LIMIT = 200;

/**
 * The lists whose tasks' reminders are watched while the page is open, as API
 * queries: pending tasks due from the start of today on, soonest first, and
 * pending tasks without a due, most recently changed first (setting a
 * reminder is a change). A reminder on a task due before today would remind
 * of something already overdue, and so is not looked for.
 */
export function watchedLists(windows: DayWindows): ListParams[] {
  const common = { status: "pending", limit: WATCHED_LIST_LIMIT, tz: windows.timeZone } as const;
  return [
    { ...common, due_after: isoInstant(windows.startOfToday), sort: "due" },
    { ...common, has_due: false, sort: "updated", order: "desc" },
  ];
}

/**
 * The tasks to plan reminders for, from every watched list (and the tasks on
 * screen): each task once, in its freshest copy, so a task in two lists
 * cannot remind twice; minus those whose delete waits for its Undo window.
 */
export function watchedTasks(lists: ReadonlyArray<readonly Task[]>, hidden: readonly Task[]): Task[] {
  const gone = new Set(hidden.map((task) => task.id));
  return mergeTasks(...lists).filter((task) => !gone.has(task.id));
}

/** One copy per task id, the most recently updated, from several lists. */
export function mergeTasks(...lists: ReadonlyArray<readonly Task[]>): Task[] {
  const byId = new Map<number, Task>();
  for (const list of lists) {
    for (const task of list) {
      const known = byId.get(task.id);
      if (!known || Date.parse(task.updated_at) >= Date.parse(known.updated_at)) byId.set(task.id, task);
    }
  }
  return [...byId.values()];
}
