// How a task's priority, due, repeat rule and reminder read on screen. All
// texts are English and every function takes the zone and "now" as
// arguments, so the same inputs always give the same words.
import type { Priority, Recurrence, RecurrenceUnit, Task } from "@/lib/api/types";
import { daysBetween, formatDate, parseDate, type CivilDate } from "@/lib/dates/zoned";
import { dueDay } from "./views";

export const PRIORITIES: ReadonlyArray<{ value: Priority; label: string }> = [
  { value: "none", label: "No priority" },
  { value: "low", label: "Low" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
];

export function priorityLabel(priority: Priority): string {
  return PRIORITIES.find((p) => p.value === priority)?.label ?? "No priority";
}

const UNIT_NAMES: Record<RecurrenceUnit, [string, string]> = {
  day: ["day", "days"],
  week: ["week", "weeks"],
  month: ["month", "months"],
  year: ["year", "years"],
};

/** "Every week", "Every 2 days". */
export function recurrenceLabel(rule: Recurrence): string {
  const [one, many] = UNIT_NAMES[rule.every];
  return rule.interval === 1 ? `Every ${one}` : `Every ${rule.interval} ${many}`;
}

export function unitName(unit: RecurrenceUnit, count: number): string {
  const [one, many] = UNIT_NAMES[unit];
  return count === 1 ? one : many;
}

function civilAsDate(date: CivilDate): Date {
  // Noon UTC, formatted in UTC: the same calendar day whatever the zone.
  return new Date(Date.UTC(date.year, date.month - 1, date.day, 12));
}

const weekday = new Intl.DateTimeFormat("en", { weekday: "long", timeZone: "UTC" });
const shortDay = new Intl.DateTimeFormat("en", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
const monthDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const fullDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" });

/** "Today", "Tomorrow", "Yesterday", "Friday" (within the week ahead), "Dec 4", "Dec 4, 2027". */
export function dayLabel(date: CivilDate, today: CivilDate): string {
  const offset = daysBetween(today, date);
  if (offset === 0) return "Today";
  if (offset === 1) return "Tomorrow";
  if (offset === -1) return "Yesterday";
  const shown = civilAsDate(date);
  if (offset > 1 && offset < 7) return weekday.format(shown);
  return date.year === today.year ? monthDay.format(shown) : fullDay.format(shown);
}

/**
 * A day label inside a sentence: "Due today 5:00 PM" rather than "Due Today
 * 5:00 PM". Weekdays and months keep their capital, as in English.
 */
export function midSentence(label: string): string {
  return label.replace(/^(Today|Tomorrow|Yesterday)\b/, (day) => day.toLowerCase());
}

/** An Upcoming heading: "Today · Tue, Dec 2", "Thursday · Dec 4". */
export function dayHeading(dateText: string, today: CivilDate): string {
  const date = parseDate(dateText);
  if (!date) return dateText;
  const label = dayLabel(date, today);
  const offset = daysBetween(today, date);
  return offset <= 1 ? `${label} · ${shortDay.format(civilAsDate(date))}` : `${label} · ${monthDay.format(civilAsDate(date))}`;
}

/** "5:00 PM" (ICU's narrow no-break space before PM made a plain one, so the text is predictable). */
function clockTime(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en", { hour: "numeric", minute: "2-digit", timeZone })
    .format(new Date(instant))
    .replace(/\s/g, " ");
}

export interface DueText {
  /** What the row shows: "Today", "Tomorrow 5:00 PM", "Dec 4". */
  text: string;
  /** For <time dateTime>: the date (YYYY-MM-DD) or the UTC instant. */
  dateTime: string;
  /** The long form, for a tooltip: "Thursday, December 4, 2026 at 5:00 PM". */
  full: string;
}

export function dueText(task: Pick<Task, "due_at" | "due_date">, today: CivilDate, timeZone: string): DueText | null {
  const day = dueDay(task, timeZone);
  if (!day) return null;
  const label = dayLabel(day, today);
  const long = longDay.format(civilAsDate(day));
  if (!task.due_at) return { text: label, dateTime: formatDate(day), full: long };
  const time = clockTime(Date.parse(task.due_at), timeZone);
  return { text: `${label} ${time}`, dateTime: task.due_at, full: `${long} at ${time}` };
}

/** "Reminder 9:50 AM" today, "Reminder Tomorrow 9:00 AM", "Reminder Dec 4 9:00 AM". */
export function reminderText(remindAt: string, today: CivilDate, timeZone: string): string {
  const at = Date.parse(remindAt);
  const day = dueDay({ due_at: remindAt, due_date: null }, timeZone);
  const time = clockTime(at, timeZone);
  if (!day) return `Reminder ${time}`;
  const offset = daysBetween(today, day);
  return offset === 0 ? `Reminder ${time}` : `Reminder ${dayLabel(day, today)} ${time}`;
}
