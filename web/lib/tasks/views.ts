// The task views (Today, Upcoming, Overdue, All, one per tag): which tasks
// each shows, as API list parameters and as a local check on one task. Both
// use the same day windows, computed in the browser's zone:
//   Today    pending, due in [start of today, start of tomorrow)
//   Upcoming pending, due in [start of today, start of today + 7 days)
//   Overdue  pending, due before the start of today
//   All      everything (the status filter and search still apply)
//   tag      every task with that tag (ditto)
// A task due today at a time already past is still in Today (not in Overdue),
// shown there as overdue: see `isOverdue`.
import type { ListParams, StatusFilter, Task } from "@/lib/api/types";
import { sameTag } from "./tags";
import { addDays, dateAt, formatDate, isoInstant, parseDate, startOfDate, type CivilDate } from "@/lib/dates/zoned";

export type ViewKind = "today" | "upcoming" | "overdue" | "all";
export type View = { kind: ViewKind } | { kind: "tag"; tag: string };

export const UPCOMING_DAYS = 7;

export const VIEW_LABELS: Record<ViewKind, string> = {
  today: "Today",
  upcoming: "Upcoming",
  overdue: "Overdue",
  all: "All tasks",
};

/** Where days start and end, for one "today" in one zone. */
export interface DayWindows {
  timeZone: string;
  today: CivilDate;
  startOfToday: number;
  startOfTomorrow: number;
  /** Exclusive end of Upcoming: the start of today + 7 days. */
  endOfUpcoming: number;
}

export function dayWindows(now: number, timeZone: string): DayWindows {
  return windowsOfDay(dateAt(now, timeZone), timeZone);
}

export function windowsOfDay(today: CivilDate, timeZone: string): DayWindows {
  return {
    timeZone,
    today,
    startOfToday: startOfDate(today, timeZone),
    startOfTomorrow: startOfDate(addDays(today, 1), timeZone),
    endOfUpcoming: startOfDate(addDays(today, UPCOMING_DAYS), timeZone),
  };
}

/** The API parameters that select a view's tasks (besides sort, search, paging). */
export function viewParams(view: View, windows: DayWindows): ListParams {
  const tz = windows.timeZone;
  switch (view.kind) {
    case "today":
      return { status: "pending", due_after: isoInstant(windows.startOfToday), due_before: isoInstant(windows.startOfTomorrow), tz };
    case "upcoming":
      return { status: "pending", due_after: isoInstant(windows.startOfToday), due_before: isoInstant(windows.endOfUpcoming), tz };
    case "overdue":
      return { status: "pending", due_before: isoInstant(windows.startOfToday), tz };
    case "tag":
      return { tag: [view.tag], tz };
    case "all":
      return { tz };
  }
}

/** Today, Upcoming and Overdue are lists of things to do: no status filter there. */
export function hasStatusFilter(view: View): boolean {
  return view.kind === "all" || view.kind === "tag";
}

/** When the task is due, as an instant: a date-only due counts from the start of that date in the zone. */
export function dueInstant(task: Pick<Task, "due_at" | "due_date">, timeZone: string): number | null {
  if (task.due_at) return Date.parse(task.due_at);
  const date = task.due_date ? parseDate(task.due_date) : null;
  return date ? startOfDate(date, timeZone) : null;
}

/** The calendar day a task is due on, in the zone. */
export function dueDay(task: Pick<Task, "due_at" | "due_date">, timeZone: string): CivilDate | null {
  if (task.due_at) return dateAt(Date.parse(task.due_at), timeZone);
  return task.due_date ? parseDate(task.due_date) : null;
}

/**
 * Pending and past its due: a timed due once its instant has passed, a
 * date-only due once its whole day has.
 */
export function isOverdue(task: Task, now: number, windows: DayWindows): boolean {
  if (task.completed) return false;
  if (task.due_at) return Date.parse(task.due_at) < now;
  const due = dueInstant(task, windows.timeZone);
  return due !== null && due < windows.startOfToday;
}

/** Does `task` belong in `view`, status filter and search aside? The same rules as viewParams. */
export function inView(task: Task, view: View, windows: DayWindows): boolean {
  if (view.kind === "all") return true;
  if (view.kind === "tag") return task.tags.some((tag) => sameTag(tag, view.tag));
  if (task.completed) return false;
  const due = dueInstant(task, windows.timeZone);
  if (due === null) return false;
  if (view.kind === "overdue") return due < windows.startOfToday;
  const end = view.kind === "today" ? windows.startOfTomorrow : windows.endOfUpcoming;
  return due >= windows.startOfToday && due < end;
}

/** The list's own filters, applied locally: status and the search text. */
export function matchesFilters(task: Task, status: StatusFilter, search: string): boolean {
  if (status !== "all" && task.completed !== (status === "completed")) return false;
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return task.title.toLowerCase().includes(q) || (task.description ?? "").toLowerCase().includes(q);
}

export interface UpcomingDay {
  /** YYYY-MM-DD */
  date: string;
  tasks: Task[];
}

/** Upcoming's seven days, in order, each with its tasks (in the order given). */
export function groupByDay(tasks: Task[], windows: DayWindows): UpcomingDay[] {
  const days: UpcomingDay[] = [];
  for (let i = 0; i < UPCOMING_DAYS; i += 1) days.push({ date: formatDate(addDays(windows.today, i)), tasks: [] });
  for (const task of tasks) {
    const day = dueDay(task, windows.timeZone);
    const slot = day && days.find((d) => d.date === formatDate(day));
    if (slot) slot.tasks.push(task);
  }
  return days;
}

/** "view=today", "tag=Home" or "" (All): the view as the page's query string. */
export function viewSearch(view: View): string {
  if (view.kind === "all") return "";
  const params = new URLSearchParams(view.kind === "tag" ? { tag: view.tag } : { view: view.kind });
  return `?${params.toString()}`;
}

/** The view a query string names; All when it names none. */
export function viewFromSearch(params: { view?: string | null; tag?: string | null }): View {
  const tag = params.tag?.trim();
  if (tag) return { kind: "tag", tag };
  const kind = params.view;
  if (kind === "today" || kind === "upcoming" || kind === "overdue") return { kind };
  return { kind: "all" };
}

export function viewKey(view: View): string {
  return view.kind === "tag" ? `tag:${view.tag.toLowerCase()}` : view.kind;
}

export function viewTitle(view: View): string {
  return view.kind === "tag" ? `#${view.tag}` : VIEW_LABELS[view.kind];
}
